"""Page weight: what a browser downloads to show a page, gzip-compressed as a web server
would send it, stays within budget (a mock exam page counted with the question data it
loads from the shared file); and the icons still show without the theme's 1.5 MB Font
Awesome bundle."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from .site_pages import DESKTOP, LANDING_PAGE, NOTEBOOK_PAGE, PHONE, PRACTICE_PAGE

pytestmark = [pytest.mark.build, pytest.mark.browser]

BUDGET_GZIP_BYTES = 600_000


def page_weight(browser, url: str, route=None) -> dict[str, int]:
    """Load ``url`` in a fresh context (empty cache) and return, for every response the
    page needed, its body's gzip-compressed size in bytes."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    if route:
        tab.route(*route)
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(url, wait_until="networkidle")
    sizes: dict[str, int] = {}
    for response in responses:  # bodies are read once the page has settled
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        sizes[response.url] = len(gzip.compress(body))
    context.close()
    return sizes


def describe(sizes: dict[str, int]) -> str:
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    return ", ".join(f"{url.rsplit('/', 1)[-1]}: {size // 1000} kB" for url, size in largest)


@pytest.mark.parametrize("path", [LANDING_PAGE, NOTEBOOK_PAGE, PRACTICE_PAGE])
def test_a_page_and_everything_it_loads_weigh_at_most_600_kb_gzipped(browser, site_url, path):
    sizes = page_weight(browser, site_url + path)
    assert len(sizes) > 5  # the stylesheets and scripts were counted, not just the HTML
    total = sum(sizes.values())
    assert total <= BUDGET_GZIP_BYTES, f"{path}: {total // 1000} kB ({describe(sizes)})"


def test_the_practice_pages_share_one_question_data_file(browser, site_url, built_site):
    """The question data is one cached file, not copied into each practice page."""
    sizes = page_weight(browser, site_url + PRACTICE_PAGE)
    data = [url for url in sizes if "/_static/practice-data.js" in url]
    assert len(data) == 1 and sizes[data[0]] > 50_000  # the data is counted in the budget
    assert not [url for url in sizes if "practice-review.js" in url]  # loaded for a review
    for page in ("form-a", "form-b", "random-form", "my-progress", "review-mistakes"):
        html = (built_site / "book" / "practice" / f"{page}.html").read_text(encoding="utf-8")
        assert "_static/practice-data.js" in html and len(html.encode()) < 200_000, page


def test_the_budget_catches_the_full_font_awesome_bundle(browser, site_url):
    """Serving the theme's original bundle again goes over budget: the measure is real."""
    import pydata_sphinx_theme

    bundle = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
    )
    sizes = page_weight(
        browser,
        site_url + LANDING_PAGE,
        route=(re.compile(r".*/scripts/fontawesome\.js.*"), lambda r: r.fulfill(path=bundle)),
    )
    assert sum(sizes.values()) > BUDGET_GZIP_BYTES


# The theme's controls and their icons (<i class="fa-solid fa-...">, some <span>), in the
# page header, the sidebar and the previous/next links.
ICONS = """() => [...document.querySelectorAll('.fa-solid, .fas, .fa-regular, .far, .fab')]
  .filter(i => i.checkVisibility())
  .map(i => {
    const before = getComputedStyle(i, "::before");
    const r = i.getBoundingClientRect();
    return {icon: i.className, glyph: before.content, font: before.fontFamily,
            width: r.width, height: r.height};
  })"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_visible_icon_is_drawn_from_the_icon_font(browser, site_url, viewport, mode):
    context = browser.new_context(viewport=viewport, color_scheme=mode)
    tab = context.new_page()
    tab.goto(site_url + NOTEBOOK_PAGE, wait_until="networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    icons = tab.evaluate(ICONS)
    font_loaded = tab.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    svg_icons = tab.locator("svg.svg-inline--fa").count()
    context.close()
    assert svg_icons == 0  # nothing depends on the SVG bundle any more
    assert font_loaded
    shown = {icon["icon"] for icon in icons}
    # The sidebar toggle, the search button (phone) or field (desktop), the colour-mode
    # switch, the download button and the previous/next arrows are all there.
    for name in ("fa-bars", "fa-magnifying-glass", "fa-download", "fa-angle-left"):
        assert any(name in icon for icon in shown), (name, shown)
    assert any("theme-switch" in icon for icon in shown), shown
    blank = [i for i in icons if i["glyph"] in ("none", "normal", '""') or i["width"] < 4]
    assert blank == []
    assert all("Font Awesome" in i["font"] for i in icons), icons


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_search_form_icon_sits_beside_the_typed_text(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.goto(site_url + "/search.html?q=alias")
    form = tab.locator(".bd-search-container form.bd-search")
    icon = form.locator(".fa-magnifying-glass").bounding_box()
    field = form.locator("input").bounding_box()
    context.close()
    assert icon["x"] + icon["width"] <= field["x"] + 1, (icon, field)


def test_the_site_ships_a_stub_instead_of_the_font_awesome_bundle(built_site):
    bundle = built_site / "_static" / "scripts" / "fontawesome.js"
    assert bundle.stat().st_size < 1000
    assert "fontawesome.js" in (built_site / "book" / "index.html").read_text()
