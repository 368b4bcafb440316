"""Helpers for the tests that look at every built page in a browser."""

from __future__ import annotations

from pathlib import Path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANDING_PAGE = "/book/index.html"
NOTEBOOK_PAGE = "/notebooks/orientation/first_tracked_model.html"


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path, except the root redirect and _static."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == "_static" or relative == Path("index.html"):
            continue
        pages.append("/" + relative.as_posix())
    return pages
