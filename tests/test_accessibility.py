"""Accessibility of every built page: axe-core finds no violation in light or dark mode,
and every control shows where the keyboard focus is. The page-by-page pass loads each
page once and also checks what needs that load at 1280 px: no console error, and error
lines that wrap."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from .axe_engine import faster_script, original_script, run_axe
from .site_pages import (
    AXE_SHARDS,
    DESKTOP,
    ERROR_OUTPUTS_SCROLL,
    LANDING_PAGE,
    NOTEBOOK_PAGE,
    PHONE,
    WIDTH_SHARDS,
    built_pages,
    page_share,
    pages_with_deliberate_errors,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

# No axe rule is switched off and no violation is tolerated. (Should a theme-only problem
# ever have to be accepted, list its rule id here with the reason, never a whole impact.)
ACCEPTED_THEME_VIOLATIONS: dict[str, str] = {}


def axe_violations(tab) -> list[dict]:
    """axe-core's violations on the page open in ``tab`` (axe ships with
    axe-playwright-python; see tests/axe_engine.py for how it is run)."""
    violations = run_axe(tab)["violations"]
    return [v for v in violations if v["id"] not in ACCEPTED_THEME_VIOLATIONS]


def describe(path: str, violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return f"{path}: {violation['id']} ({violation['impact']}) at {targets}"


MODES = ("light", "dark")

# Any colour transition finished, so that axe measures the colours a reader ends up with.
FINISH_TRANSITIONS = """() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (_) {} });
}"""


def switch_theme(tab, mode: str) -> None:
    """Switch the page open in ``tab`` to ``mode`` the way a reader's system does: the
    theme follows the media query prefers-color-scheme (default_mode: auto) and changes
    once the page has handled the media change."""
    tab.emulate_media(color_scheme=mode)
    tab.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode)
    tab.evaluate(FINISH_TRANSITIONS)


@dataclass
class PageVisits:
    """One tab per worker for its share of the pages, and what the pages it loads log."""

    tab: object
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def page_visits(browser):
    """Each page is loaded once in this tab and checked in both themes by switching the
    colour scheme the page sees; console errors and uncaught exceptions are recorded."""
    context = browser.new_context(color_scheme=MODES[0], viewport=DESKTOP)
    visits = PageVisits(context.new_page())
    visits.tab.on(
        "console", lambda m: visits.console_errors.append(m.text) if m.type == "error" else None
    )
    visits.tab.on("pageerror", lambda error: visits.exceptions.append(str(error)))
    yield visits
    context.close()


@pytest.mark.parametrize("shards", [AXE_SHARDS, WIDTH_SHARDS])
def test_the_shares_of_a_page_by_page_check_cover_every_page_once(built_site, shards):
    shares = [page_share(built_site, shard, shards) for shard in range(shards)]
    assert sorted(sum(shares, [])) == built_pages(built_site)
    assert all(shares), "more shares than pages"


@pytest.mark.parametrize("shard", range(AXE_SHARDS))
def test_every_page_passes_axe_in_both_themes_and_logs_no_error(
    page_visits, site_url, built_site, shard
):
    """This test's share of the pages (page_share), each loaded once at 1280 px:

    * axe finds no violation in light mode, nor after the page is switched to dark;
    * nothing is logged at level "error" and no exception is thrown in the console,
      from the load to the theme switch;
    * on a notebook page, the error lines of a cell that fails on purpose wrap instead of
      scrolling sideways (checked on a phone in tests/test_site_layout.py)."""
    tab, errors, exceptions = page_visits.tab, page_visits.console_errors, page_visits.exceptions
    with_errors = set(pages_with_deliberate_errors(built_site))
    problems = []
    for path in page_share(built_site, shard, AXE_SHARDS):
        errors.clear()
        exceptions.clear()
        tab.emulate_media(color_scheme=MODES[0])
        tab.goto(site_url + path)
        if path in with_errors and (boxes := tab.evaluate(ERROR_OUTPUTS_SCROLL)):
            problems.append(f"{path}: error output scrolls sideways at 1280 px: {boxes}")
        for mode in MODES:
            switch_theme(tab, mode)
            logged = len(errors)
            problems += [f"{mode}: " + describe(path, v) for v in axe_violations(tab)]
            # axe's own requests are not the page's (it fetches each stylesheet again to
            # read it, and resolves a theme's @import against the page's folder).
            del errors[logged:]
        problems += [f"{path}: console error: {error}" for error in errors]
        problems += [f"{path}: uncaught exception: {error}" for error in exceptions]
    assert problems == []


# Grey article text on the dark theme's background: unreadable, in dark mode only.
DARK_ONLY_GREY_TEXT = 'html[data-theme="dark"] .bd-article p { color: #3a3a3a !important; }'


@pytest.mark.parametrize("loaded_as", MODES)
def test_a_theme_switch_is_checked_like_a_page_loaded_in_that_theme(browser, site_url, loaded_as):
    """Checking both themes on one load misses nothing: a contrast problem that exists
    only in dark mode is found once the page is switched to dark, whichever theme it was
    loaded in, and is gone once it is switched back to light."""
    context = browser.new_context(color_scheme=loaded_as, viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + LANDING_PAGE)
    tab.add_style_tag(content=DARK_ONLY_GREY_TEXT)
    found = {}
    for mode in ("dark", "light"):
        switch_theme(tab, mode)
        found[mode] = {v["id"] for v in axe_violations(tab)}
    context.close()
    assert "color-contrast" in found["dark"]
    assert "color-contrast" not in found["light"]


def test_the_faster_engine_applies_to_the_pinned_axe_core():
    """The pinned axe-core is compiled as tests/axe_engine.py expects, so the page-by-page
    check runs the faster engine (a new axe-core falls back to the original script)."""
    assert faster_script() != original_script()
    assert "new WeakMap" in faster_script()  # only the helpers changed, not the classes


def results_by_rule(results: dict) -> dict[str, list]:
    """Each result type's rules with their node count and, for a violation, its nodes."""
    return {
        kind: sorted(
            (rule["id"], len(rule["nodes"]), [n["target"] for n in rule["nodes"]])
            if kind == "violations"
            else (rule["id"], len(rule["nodes"]))
            for rule in results[kind]
        )
        for kind in ("violations", "passes", "incomplete", "inapplicable")
    }


def test_the_faster_engine_reports_what_axe_core_reports(browser, site_url):
    """Rule by rule, with every passing and failing node counted, in both themes (and
    with a dark-only contrast problem put in), the faster engine's results on a notebook
    page are the original axe-core's."""
    context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    tab = context.new_page()
    found = {}
    for engine, script in (("original", original_script()), ("faster", faster_script())):
        tab.goto(site_url + NOTEBOOK_PAGE)  # highlighted code: thousands of text nodes
        tab.add_style_tag(content=DARK_ONLY_GREY_TEXT)
        for mode in MODES:
            switch_theme(tab, mode)
            found[engine, mode] = results_by_rule(run_axe(tab, script, options={}))
        tab.emulate_media(color_scheme=MODES[0])
    context.close()
    assert any(rule == "color-contrast" for rule, *_ in found["original", "dark"]["violations"])
    for mode in MODES:
        assert found["faster", mode] == found["original", mode], mode


def test_axe_reports_an_unnamed_toggle_and_an_empty_table_header(browser, site_url):
    """The check is not vacuous: the problems it once found are reported when put back."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site_url + LANDING_PAGE)
    tab.evaluate(
        """() => {
        document.querySelector("nav summary").removeAttribute("aria-label");
        document.querySelector(".bd-article th").replaceChildren();
    }"""
    )
    found = {v["id"]: v["impact"] for v in axe_violations(tab)}
    context.close()
    assert found.get("summary-name") == "serious"
    assert "empty-table-header" in found


# The focused element and whether a ring is drawn around it: an outline at least 2 px
# wide, or a box-shadow ring at least 2 px wide, in a colour that is not transparent
# (read once any focus transition has finished).
FOCUSED_CONTROL = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || !e.checkVisibility()) return null;
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  document.getAnimations().forEach(a => { try { a.finish(); } catch (_) {} });
  const s = getComputedStyle(e);
  const opaque = c => !/rgba\\([^)]*,\\s*0(\\.[0-4]\\d*)?\\)|transparent/.test(c);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
                  && opaque(s.outlineColor);
  const shadow = s.boxShadow.split(/,(?![^(]*\\))/).some(part => {
    const px = (part.match(/-?[\\d.]+px/g) || []).map(parseFloat);
    return px.length >= 4 && px[3] >= 2 && opaque(part);
  });
  const name = e.tagName.toLowerCase() + "." + [...e.classList].join(".") + " "
      + (e.getAttribute("aria-label") || e.textContent.trim()).slice(0, 40);
  return [name, outline || shadow];
}"""


def focus_rings(tab, presses: int = 60) -> list[tuple[str, bool]]:
    """Press Tab ``presses`` times from the top of the page; return, for each visible
    element that took the focus, a description and whether a focus ring is drawn (an
    outline or a box-shadow)."""
    seen: list[tuple[str, bool]] = []
    tab.locator("body").focus()
    for _ in range(presses):
        tab.keyboard.press("Tab")
        row = tab.evaluate(FOCUSED_CONTROL)
        if row:
            seen.append(tuple(row))
    return seen


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("path", [LANDING_PAGE, NOTEBOOK_PAGE])
def test_every_control_shows_a_focus_ring(browser, site_url, path, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.goto(site_url + path)
    rings = focus_rings(tab)
    context.close()
    names = {name for name, _ in rings}
    # The walk reaches the chrome as well as the content.
    assert any("search" in name.lower() for name in names), names
    assert any("sidebar-toggle" in name or "navigation" in name.lower() for name in names)
    assert [name for name, visible in rings if not visible] == []


def test_the_focus_check_catches_the_theme_controls_without_our_stylesheet(browser, site_url):
    """Without site.css the theme's sidebar toggle and download button show no ring: the
    check above is not vacuous."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.route(re.compile(r".*/_static/site\.css.*"), lambda route: route.abort())
    tab.goto(site_url + LANDING_PAGE)
    rings = focus_rings(tab)
    context.close()
    invisible = [name for name, visible in rings if not visible]
    assert any("sidebar-toggle" in name for name in invisible), rings
    assert any("Download" in name for name in invisible), rings
