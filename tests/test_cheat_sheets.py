"""Cheat sheets: one per chapter, placed just before its self-check, citing the numbers it
gives, and printable on at most two A4 pages (Chromium's own PDF print, pages counted)."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import REPO_ROOT

PRINT_CSS = REPO_ROOT / "mlpro_guide" / "site" / "assets" / "print.css"
CHAPTERS = sorted(p.name for p in (REPO_ROOT / "book").iterdir() if (p / "self-check.md").exists())


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium printed (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def toc_files() -> list[str]:
    entries = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                entries.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((REPO_ROOT / "_toc.yml").read_text()))
    return entries


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_cheat_sheet_just_before_its_self_check(chapter):
    entries = toc_files()
    sheet = f"book/{chapter}/cheat-sheet"
    assert sheet in entries, f"{sheet}.md is missing from _toc.yml"
    assert entries[entries.index(sheet) + 1] == f"book/{chapter}/self-check"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_cheat_sheet_is_marked_for_print_and_cites_its_sources(chapter):
    text = (REPO_ROOT / "book" / chapter / "cheat-sheet.md").read_text(encoding="utf-8")
    assert "verified: " in text.split("---")[1], "front matter needs a verified month"
    assert "{container} mlpro-cheatsheet" in text
    assert len(re.findall(r"\]\(https://", text)) >= 3, "numbers and names need sources"
    assert re.search(r"(?i)legacy|formerly", text), "name the legacy terms the exam may use"


@pytest.mark.browser
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_cheat_sheet_prints_on_at_most_two_a4_pages(browser, site_url, chapter):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/book/{chapter}/cheat-sheet.html")
        pages = pdf_page_count(page.pdf(format="A4"))
    finally:
        page.close()
    assert 1 <= pages <= 2, f"{chapter} cheat sheet prints on {pages} A4 pages"


@pytest.mark.browser
def test_the_page_count_catches_a_sheet_that_runs_over(browser):
    css = PRINT_CSS.read_text(encoding="utf-8")
    rows = "".join(f"<tr><td>pattern {i}</td><td>trap {i}</td></tr>" for i in range(400))
    page = browser.new_page()
    try:
        page.set_content(
            f"<html><head><style>{css}</style></head><body><div class='mlpro-cheatsheet'>"
            f"<h1>Too long</h1><table>{rows}</table></div></body></html>"
        )
        assert pdf_page_count(page.pdf(format="A4")) > 2
    finally:
        page.close()


# In print: the computed size and weight of a cheat sheet's section headings and body.
PRINTED_TYPE = """() => {
  const sheet = document.querySelector('.mlpro-cheatsheet');
  const style = (el) => el && [parseFloat(getComputedStyle(el).fontSize),
                               Number(getComputedStyle(el).fontWeight)];
  return {heading: style(sheet.querySelector('.rubric, h2')),
          body: style(sheet.querySelector('td'))};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_printed_cheat_sheet_sets_its_headings_apart_from_the_text(browser, site_url, chapter):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/book/{chapter}/cheat-sheet.html")
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED_TYPE)
    finally:
        page.close()
    (heading_px, heading_weight), (body_px, _) = printed["heading"], printed["body"]
    assert heading_px * 0.75 >= 10, f"{chapter}: headings print at {heading_px * 0.75:.1f} pt"
    assert heading_px >= 1.2 * body_px and heading_weight >= 600, printed
