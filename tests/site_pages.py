"""Helpers for the tests that look at every built page in a browser."""

from __future__ import annotations

from pathlib import Path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANDING_PAGE = "/book/index.html"
NOTEBOOK_PAGE = "/notebooks/orientation/first_tracked_model.html"
PRACTICE_PAGE = "/book/practice/form-a.html"
"""A mock exam: it loads the practice scripts and the question data every practice page
shares (``_static/practice-data.js``)."""


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path, except the root redirect and _static."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == "_static" or relative == Path("index.html"):
            continue
        pages.append("/" + relative.as_posix())
    return pages


# How many tests share each page-by-page check in a browser (see page_share): enough for
# both workers to take some, few enough that each test reuses its tab for many pages.
AXE_SHARDS = 16
WIDTH_SHARDS = 4


def page_share(site: Path, shard: int, shards: int) -> list[str]:
    """The pages one of ``shards`` tests checks (every ``shards``-th page from ``shard``),
    so that a page-by-page check is shared by both xdist workers and its tests, taken
    together, still check every page once."""
    return built_pages(site)[shard::shards]


# Every text block of an output in a cell that fails on purpose, and how far it would
# have to scroll sideways to show the end of its longest line.
ERROR_OUTPUTS_SCROLL = """() => [...document.querySelectorAll(
    '.cell.tag_raises-exception .cell_output .output')]
  .map(box => [box.textContent.trim().split('\\n').pop().slice(0, 60),
               Math.max(...[box, ...box.querySelectorAll('pre')].map(
                 el => el.scrollWidth - el.clientWidth))])
  .filter(([, overflow]) => overflow > 1)"""


def pages_with_deliberate_errors(site: Path) -> list[str]:
    """The notebook pages with a cell that fails on purpose (tagged raises-exception)."""
    return [
        path
        for path in built_pages(site)
        if path.startswith("/notebooks/")
        and "tag_raises-exception" in (site / path.lstrip("/")).read_text(encoding="utf-8")
    ]
