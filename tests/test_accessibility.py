"""Accessibility of every built page: axe-core finds no violation in light or dark mode,
and every control shows where the keyboard focus is."""

from __future__ import annotations

import functools
import re

import pytest

from .site_pages import (
    AXE_SHARDS,
    DESKTOP,
    LANDING_PAGE,
    NOTEBOOK_PAGE,
    PHONE,
    WIDTH_SHARDS,
    built_pages,
    page_share,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

# No axe rule is switched off and no violation is tolerated. (Should a theme-only problem
# ever have to be accepted, list its rule id here with the reason, never a whole impact.)
ACCEPTED_THEME_VIOLATIONS: dict[str, str] = {}


@functools.cache
def _axe():
    """One Axe for every check (it holds axe-core's script, read once)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(tab) -> list[dict]:
    """axe-core's violations on the page open in ``tab`` (axe ships with the package)."""
    response = _axe().run(tab).response
    return [v for v in response["violations"] if v["id"] not in ACCEPTED_THEME_VIOLATIONS]


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


@pytest.fixture(scope="session")
def axe_tab(browser):
    """One tab per worker for its share of the pages: each page is loaded once and
    checked in both themes by switching the colour scheme the page sees."""
    context = browser.new_context(color_scheme=MODES[0], viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("shards", [AXE_SHARDS, WIDTH_SHARDS])
def test_the_shares_of_a_page_by_page_check_cover_every_page_once(built_site, shards):
    shares = [page_share(built_site, shard, shards) for shard in range(shards)]
    assert sorted(sum(shares, [])) == built_pages(built_site)
    assert all(shares), "more shares than pages"


@pytest.mark.parametrize("shard", range(AXE_SHARDS))
def test_axe_finds_no_violation_on_any_page_in_light_or_dark(axe_tab, site_url, built_site, shard):
    """Every page, in both themes: this test's share of the pages (page_share), each
    loaded once in light mode, checked, switched to dark and checked again."""
    problems = []
    for path in page_share(built_site, shard, AXE_SHARDS):
        axe_tab.emulate_media(color_scheme=MODES[0])
        axe_tab.goto(site_url + path)
        for mode in MODES:
            switch_theme(axe_tab, mode)
            problems += [f"{mode}: " + describe(path, v) for v in axe_violations(axe_tab)]
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
