"""The whole book as one PDF (``scripts/build_pdf.py``): built from the book's single-page
HTML and printed by Debian's Chromium, it has one top-level outline entry per chapter of
``_toc.yml`` (with the landing page first and the quiz answers last), page numbers, no
page wider than A4, and every quiz question's answer in the appendix.

The build shares ``_build`` with the site's build, so it runs after the ``built_site``
fixture and reads the notebooks from the same execution cache. It takes a few minutes
(a single-page Sphinx build, then Chromium lays out about a thousand A4 pages)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]

A4_WIDTH_POINTS = 595.28  # 210 mm
# Chromium rounds the paper size to its own units; a page wider than A4 by more than
# this (US Letter is 612 pt) is a real difference.
ROUNDING_POINTS = 1.0
SCRIPT = REPO_ROOT / "scripts" / "build_pdf.py"


def chapter_titles() -> list[str]:
    """The title of every chapter ``_toc.yml`` lists (first heading of its page or
    notebook), but the pages the PDF leaves out."""
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from build_pdf import LEFT_OUT, toc_chapters
    finally:
        sys.path.pop(0)
    titles = []
    for doc in toc_chapters(REPO_ROOT / "_toc.yml"):
        if doc in LEFT_OUT:
            continue
        path = REPO_ROOT / f"{doc}.md"
        if path.exists():
            text = path.read_text(encoding="utf-8")
        else:
            cells = json.loads((REPO_ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        title = next(line[2:] for line in text.splitlines() if line.startswith("# "))
        titles.append(title.replace("`", "").strip())
    return titles


@pytest.fixture(scope="module")
def book_pdf(built_site, tmp_path_factory):
    from pypdf import PdfReader

    output = tmp_path_factory.mktemp("pdf") / "mlpro-guide.pdf"
    book = built_site.parents[1]  # <book>/_build/html
    subprocess.run(
        [sys.executable, str(SCRIPT), "--book", str(book), "--output", str(output)],
        check=True,
        timeout=1800,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    return PdfReader(output)


def test_the_outline_has_one_entry_per_chapter(book_pdf):
    top = [entry.title for entry in book_pdf.outline if not isinstance(entry, list)]
    landing = (REPO_ROOT / "book" / "index.md").read_text(encoding="utf-8")
    book_title = next(line[2:] for line in landing.splitlines() if line.startswith("# "))
    assert top == [book_title, *chapter_titles(), "Answers to the quiz questions"]


def test_the_chapters_start_in_reading_order_on_later_pages(book_pdf):
    entries = [entry for entry in book_pdf.outline if not isinstance(entry, list)]
    pages = [book_pdf.get_destination_page_number(entry) for entry in entries]
    assert pages == sorted(pages) and len(set(pages)) == len(pages), pages


def test_no_page_is_wider_than_a4(book_pdf):
    widths = {round(float(page.mediabox.width), 1) for page in book_pdf.pages}
    assert max(widths) <= A4_WIDTH_POINTS + ROUNDING_POINTS, widths


def test_pages_are_numbered_and_quiz_answers_are_in_the_appendix(book_pdf):
    count = len(book_pdf.pages)
    assert count > 100
    last = book_pdf.pages[-1].extract_text()
    assert f"{count} / {count}" in last
    answers = [e for e in book_pdf.outline if not isinstance(e, list)][-1]
    first = book_pdf.get_destination_page_number(answers)
    text = book_pdf.pages[first].extract_text()
    assert "Best answer:" in text and "back to it" in text
    # In a chapter (Promotion: its pages and self-check), a question says where its
    # answer is instead of showing it.
    entries = [e for e in book_pdf.outline if not isinstance(e, list)]
    starts = [book_pdf.get_destination_page_number(e) for e in entries]
    index = [e.title for e in entries].index("Promotion")
    chapter = "".join(
        book_pdf.pages[n].extract_text() for n in range(starts[index], starts[index + 1])
    )
    assert chapter.count("Answer in the appendix") >= 20
    assert "Best answer:" not in chapter
