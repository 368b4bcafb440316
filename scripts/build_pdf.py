#!/usr/bin/env python3
"""Print the whole book as one PDF, for a tablet or for paper.

    python scripts/build_pdf.py [--html _build/singlehtml] [--output _build/pdf/mlpro-guide.pdf]

1. Builds the book as one HTML page with Sphinx's ``singlehtml`` builder
   (``jupyter-book build . --builder singlehtml``). It shares ``_build`` with the site's
   build, so the notebooks come from the same execution cache: run it after
   ``scripts/build.sh`` and no notebook runs again. ``--html DIR`` prints an existing
   single-page build instead.
2. Prepares that page for paper in Chromium (the Debian Chromium the tests use, with
   JavaScript off, so the page is what the build wrote): every chapter and every page
   starts on a new sheet; headings are renumbered so each chapter of ``_toc.yml`` is one
   top-level entry of the PDF's outline; links between pages become links inside the
   PDF; each quiz question keeps its stem and options, and its answer (best option, why
   each option is right or wrong, the explanation) moves to an appendix, "Answers to the
   quiz questions", linked both ways. The mock exams, My progress, Review my mistakes and
   the flashcards need a browser and are left out: every question of the mock exams is
   in a chapter's self-check.
3. Prints it on A4 with the site's print stylesheet (``print.css``), page numbers in the
   footer, a clickable outline and a tagged PDF.

The publishing workflow runs this after the site's build and publishes the PDF beside
the site (``_build/html/mlpro-guide.pdf``, linked from the landing page).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from mlpro_guide.site.chromium import CHROMIUM, CHROMIUM_ARGS

REPO_ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = (
    "book/practice/form-a",
    "book/practice/form-b",
    "book/practice/form-c",
    "book/practice/form-d",
    "book/practice/random-form",
    "book/practice/my-progress",
    "book/practice/review-mistakes",
    "book/practice/diagnostic",
    "book/practice/flashcards",
)
"""Pages that need a browser (mock exams, progress, flashcards): not printed."""
APPENDIX_TITLE = "Answers to the quiz questions"
FOOTER = (
    '<div style="width:100%;font-size:8pt;text-align:center;color:#333;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
PAPER_CSS = """
@media print {
  .mlpro-pdf-doc { break-before: page; }
  .headerlink, .mlpro-question input[type="radio"], .mlpro-controls, .mlpro-feedback,
  .mlpro-review, .mlpro-explanation, .mlpro-reason, .mlpro-fallback, .mlpro-progress,
  noscript { display: none !important; }
  .mlpro-question { break-inside: avoid; border: 1px solid #999; border-radius: 4px;
    padding: 4pt 8pt; margin: 0 0 6pt; }
  .mlpro-question legend { float: none; font-weight: 600; font-size: 10.5pt; }
  .mlpro-option { display: block !important; margin: 2pt 0; }
  .mlpro-option label { display: inline !important; }
  .mlpro-pdf-answer-link { font-size: 9pt; margin: 2pt 0 0; }
  .mlpro-pdf-appendix { font-size: 9pt; line-height: 1.3; }
  .mlpro-pdf-appendix h2 { font-size: 12pt; }
  .mlpro-pdf-answer { break-inside: avoid; margin: 0 0 6pt; }
  .mlpro-pdf-answer ul { margin: 1pt 0 2pt; }
  .mlpro-pdf-answer p { margin: 1pt 0; }
  pre, .highlight pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
}
"""
PREPARE = """
([chapters, leftOut, appendixTitle]) => {
  const doc = (name) => document.getElementById("document-" + name);
  const sectionOf = (span) => {
    let node = span && span.nextElementSibling;
    return node && node.tagName === "SECTION" ? node : null;
  };
  // 1. Leave out the pages that need a browser.
  for (const name of leftOut) {
    const span = doc(name);
    const section = sectionOf(span);
    if (section) { section.remove(); }
    if (span) { span.remove(); }
  }
  // Only the article is printed: the theme's chrome goes (its sidebar captions would
  // otherwise enter the outline as headings).
  document.querySelectorAll(".headerlink, script, .bd-header, .bd-sidebar-primary, " +
    ".bd-sidebar-secondary, .bd-footer, .prev-next-area, .bd-header-article, " +
    ".mlpro-done-box, .onlyprint").forEach((node) => node.remove());
  // The landing page's link to this PDF.
  document.querySelectorAll('a[href$="mlpro-guide.pdf"]').forEach((link) => {
    (link.closest("p") || link).remove();
  });
  document.querySelectorAll('[role="heading"]').forEach((node) => {
    node.removeAttribute("role");
    node.removeAttribute("aria-level");
  });
  // 2. Every page but the first starts on a new sheet.
  document.querySelectorAll('span[id^="document-"]').forEach((span) => {
    const section = sectionOf(span);
    if (section && section.parentElement.closest("section")) {
      section.classList.add("mlpro-pdf-doc");
    }
  });
  // 3. Headings. A chapter's title is h1, and each nested section one level lower. A
  // heading that is not a section's title (generated HTML: the exam map, the Sources
  // page, a quiz) keeps its place below its page's title.
  const chapterSections = new Set();
  const missing = [];
  for (const name of chapters) {
    const section = sectionOf(doc(name));
    if (section) { chapterSections.add(section); } else { missing.push(name); }
  }
  const counted = (node) => node.tagName === "SECTION" && !node.classList.contains("mlpro-quiz");
  // Depth of a section: 1 for a chapter (or the landing page), +1 per nested section.
  const depth = (section) => {
    let level = 0;
    let node = section;
    while (node && node.tagName !== "ARTICLE") {
      if (counted(node)) {
        level += 1;
        if (chapterSections.has(node)) { return level; }
      }
      node = node.parentElement;
    }
    return level;
  };
  const isTitle = (heading) => {
    const parent = heading.parentElement;
    return counted(parent) &&
      parent.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, " +
        ":scope > h5, :scope > h6") === heading;
  };
  const headings = Array.from(document.querySelectorAll("article h1, article h2, " +
    "article h3, article h4, article h5, article h6"));
  for (const heading of headings) {
    let level;
    if (isTitle(heading)) {
      level = depth(heading.parentElement);
    } else {
      // Generated HTML is written for a page of its own (its title h1): keep its levels
      // below the title of the page it is on.
      const page = heading.closest(".mlpro-pdf-doc") || heading.closest("section");
      const pageDepth = page ? depth(page) : 1;
      level = pageDepth + Number(heading.tagName.slice(1)) - 1;
    }
    level = Math.max(1, Math.min(6, level));
    const wanted = "H" + level;
    if (heading.tagName !== wanted) {
      const copy = document.createElement(wanted);
      for (const attribute of Array.from(heading.attributes)) {
        copy.setAttribute(attribute.name, attribute.value);
      }
      while (heading.firstChild) { copy.appendChild(heading.firstChild); }
      heading.replaceWith(copy);
    }
  }
  // 4. Links to another part of the single page become links inside the PDF.
  document.querySelectorAll("a[href]").forEach((link) => {
    const href = link.getAttribute("href");
    const match = href.match(/^(?:\\.\\.\\/)*(?:book\\/)?index\\.html(#.+)$/);
    if (match) { link.setAttribute("href", match[1]); }
    const target = link.getAttribute("href");
    if (target.startsWith("#") && target.length > 1 &&
        !document.getElementById(decodeURIComponent(target.slice(1)))) {
      // A link to a page left out: keep the words, drop the dead link.
      link.replaceWith(...link.childNodes);
    }
  });
  // 5. Quizzes: questions stay, answers move to the appendix.
  const appendix = document.createElement("section");
  appendix.className = "mlpro-pdf-doc mlpro-pdf-appendix";
  appendix.id = "mlpro-pdf-answers";
  const title = document.createElement("h1");
  title.textContent = appendixTitle;
  appendix.appendChild(title);
  const intro = document.createElement("p");
  intro.textContent = "For each question: the best answer, why each option is right or " +
    "wrong, and the explanation. Each entry links back to its question.";
  appendix.appendChild(intro);
  let questions = 0;
  document.querySelectorAll("section.mlpro-quiz").forEach((quiz) => {
    const name = quiz.getAttribute("aria-label") || "Quiz";
    const header = quiz.querySelector(".mlpro-quiz-title");
    const fieldsets = quiz.querySelectorAll("fieldset.mlpro-question");
    if (header) {
      header.textContent = name + " · " + fieldsets.length + " question" +
        (fieldsets.length === 1 ? "" : "s") + ". The answers are in the appendix, " +
        appendixTitle + ".";
    }
    // Name the page too: a notebook's quiz and the chapter's self-check share a name.
    const page = quiz.closest(".mlpro-pdf-doc");
    const pageTitle = page ? page.querySelector("h1, h2, h3, h4, h5, h6") : null;
    const where = pageTitle ? pageTitle.textContent.trim() : "";
    const group = document.createElement("section");
    const heading = document.createElement("h2");
    heading.textContent = where && where !== name ? name + " (" + where + ")" : name;
    group.appendChild(heading);
    fieldsets.forEach((fieldset) => {
      const fallback = fieldset.querySelector("details.mlpro-fallback");
      const number = fieldset.querySelector(".mlpro-number");
      if (!fallback) { return; }
      questions += 1;
      const entry = document.createElement("div");
      entry.className = "mlpro-pdf-answer";
      entry.id = "answer-" + fieldset.id;
      const back = document.createElement("p");
      const link = document.createElement("a");
      link.href = "#" + fieldset.id;
      link.textContent = (number ? number.textContent.trim() : "Question") + " (back to it)";
      back.appendChild(link);
      entry.appendChild(back);
      for (const child of Array.from(fallback.children)) {
        if (child.tagName !== "SUMMARY") { entry.appendChild(child); }
      }
      group.appendChild(entry);
      fallback.remove();
      const forward = document.createElement("p");
      forward.className = "mlpro-pdf-answer-link";
      const answer = document.createElement("a");
      answer.href = "#" + entry.id;
      answer.textContent = "Answer in the appendix";
      forward.appendChild(answer);
      fieldset.appendChild(forward);
    });
    appendix.appendChild(group);
  });
  const article = document.querySelector("article");
  article.appendChild(appendix);
  return { missing: missing, questions: questions };
}
"""


def toc_chapters(toc_path: Path) -> list[str]:
    """The documents ``_toc.yml`` lists as chapters, in order (sections not included)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


def build_singlehtml(book: Path) -> Path:
    """Build the book as one HTML page (notebooks from the execution cache)."""
    command = [_jupyter_book(), "build", str(book), "--builder", "singlehtml"]
    subprocess.run(command, check=True, cwd=book)
    return book / "_build" / "singlehtml"


def _say(message: str) -> None:
    print(f"build_pdf: {message}", file=sys.stderr, flush=True)


def _jupyter_book() -> str:
    candidate = Path(sys.executable).parent / "jupyter-book"
    return str(candidate) if candidate.exists() else "jupyter-book"


def print_pdf(html_dir: Path, output: Path, chapters: list[str]) -> dict:
    """Prepare the single page for paper and print it with Chromium; returns what was
    done (the questions moved to the appendix)."""
    from playwright.sync_api import sync_playwright

    page_file = html_dir / "book" / "index.html"
    if not page_file.exists():
        raise SystemExit(f"{page_file}: no single-page build there (run without --html)")
    kept = [name for name in chapters if name not in LEFT_OUT]
    output.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.goto(page_file.as_uri(), wait_until="load", timeout=180_000)
            _say("page loaded")
            # (add_style_tag waits for a load event that never fires with scripts off)
            page.evaluate(
                "css => document.head.appendChild(document.createElement('style'))"
                ".textContent = css",
                PAPER_CSS,
            )
            report = page.evaluate(PREPARE, [kept, list(LEFT_OUT), APPENDIX_TITLE])
            if report["missing"]:
                raise SystemExit(f"chapters not found in the single page: {report['missing']}")
            _say(f"page prepared for paper ({report['questions']} questions); printing")
            page.emulate_media(media="print")
            page.pdf(
                path=str(output),
                width="210mm",
                height="297mm",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, default=REPO_ROOT, help="the book's folder")
    parser.add_argument("--html", type=Path, help="an existing singlehtml build to print")
    parser.add_argument("--output", type=Path, help="default: <book>/_build/pdf/mlpro-guide.pdf")
    parser.add_argument("--copy-to", type=Path, help="also copy the PDF into this folder")
    args = parser.parse_args(argv)
    book = args.book.resolve()
    output = args.output or book / "_build" / "pdf" / "mlpro-guide.pdf"
    began = time.monotonic()
    html_dir = args.html or build_singlehtml(book)
    built = time.monotonic()
    report = print_pdf(html_dir, output, toc_chapters(book / "_toc.yml"))
    size = output.stat().st_size
    print(
        f"{output}: {size // 1000} kB, {report['questions']} questions in the appendix; "
        f"single page {built - began:.0f} s, printing {time.monotonic() - built:.0f} s"
    )
    if args.copy_to:
        args.copy_to.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output, args.copy_to / output.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
