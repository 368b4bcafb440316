"""Reading experience: where the reader is, how long a page takes, what comes next, the
exam map's "Taught in" and "Tested in", the landing page's honest coverage statement,
and the lifecycle figure on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mlpro_guide.content.exam_map import not_taught, objective_status, practice_pages
from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.content.questions import load_all_banks
from mlpro_guide.site.navigation import (
    FIGURES_DIR,
    format_seconds,
    inline_svg,
    not_taught_html,
    reading_minutes,
)

from .conftest import REPO_ROOT


def book_documents() -> dict[str, Path]:
    paths = [*(REPO_ROOT / "book").rglob("*.md"), *(REPO_ROOT / "notebooks").rglob("*.ipynb")]
    return {
        str(p.relative_to(REPO_ROOT).with_suffix("")): p
        for p in paths
        if ".ipynb_checkpoints" not in p.parts
    }


def chapters() -> list[tuple[str, list[str]]]:
    """(overview, [overview, sections...]) of every chapter, in reading order."""
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text())
    found = []
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            if chapter.get("sections"):
                found.append(
                    (chapter["file"], [chapter["file"], *(s["file"] for s in chapter["sections"])])
                )
    return found


def html_text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markup))


# --- unit behaviour -----------------------------------------------------------------------


def test_reading_time_counts_prose_and_code_and_is_at_least_a_minute():
    assert reading_minutes(0, 0) == 1
    assert reading_minutes(400, 0) == 2
    assert reading_minutes(400, 40) == 4


def test_run_times_read_as_seconds_or_minutes():
    assert format_seconds(23.6) == "24 s"
    assert format_seconds(65) == "1 min 05 s"


def test_a_self_check_page_is_where_its_bank_is_practised():
    pages = practice_pages(book_documents())
    assert pages["monitoring"] == "book/monitoring/self-check"
    assert all(page.endswith("self-check") for page in pages.values())


def test_self_checks_test_objectives_but_never_count_as_teaching_them():
    status, problems = objective_status(exam_objectives(), book_documents(), load_all_banks())
    assert problems == []
    for entry in status.values():
        assert not any(d.endswith("self-check") for d in entry.taught_in), entry.objective_id
    drift = status["2.5.1"]
    assert "book/monitoring/drift-kinds-and-tests" in drift.taught_in
    assert drift.tested_in["monitoring"] >= 1


def test_the_mock_pool_is_counted_apart_from_the_self_check_banks():
    banks = load_all_banks()
    status, _ = objective_status(exam_objectives(), book_documents(), banks)
    pool = [q for bank in banks.values() if bank.pool for q in bank.questions]
    chapter_banks = {name for name, bank in banks.items() if not bank.pool}
    for objective_id, entry in status.items():
        assert set(entry.tested_in) <= chapter_banks, objective_id
        assert entry.in_pool == sum(objective_id in q.objectives for q in pool), objective_id
    assert sum(entry.in_pool for entry in status.values()) >= len(pool) > 0


def test_the_landing_statement_lists_the_objectives_no_page_teaches():
    objectives = exam_objectives()
    status, _ = objective_status(objectives, book_documents(), load_all_banks())
    status["1.1.1"].taught_in = []
    markup = not_taught_html(objectives, status, "exam-map.html")
    assert [s.objective_id for s in not_taught(objectives, status)] == ["1.1.1"]
    assert "46 of 47 objectives are taught so far" in html_text(markup)
    assert "<strong>1.1.1</strong>" in markup
    assert 'href="exam-map.html"' in markup


def test_the_landing_statement_says_so_when_every_objective_is_taught():
    objectives = exam_objectives()
    status, _ = objective_status(objectives, book_documents(), load_all_banks())
    for entry in status.values():
        entry.taught_in = entry.taught_in or ["book/lifecycle"]
    assert "All 47 objectives" in not_taught_html(objectives, status, "exam-map.html")


@pytest.mark.parametrize("variant", ["lifecycle.svg", "lifecycle-tall.svg"])
def test_each_lifecycle_stage_links_to_its_chapter_from_any_page(variant):
    svg = (FIGURES_DIR / variant).read_text()
    inlined = inline_svg(svg, lambda docname: f"../{docname}.html")
    targets = re.findall(r'href="([^"]+)" data-mlpro-doc', inlined)
    assert targets == [
        f"../book/{area}/index.html"
        for area in (
            "promotion",
            "governance",
            "feature-consistency",
            "deployment",
            "monitoring",
            "remediation",
        )
    ]
    for target in re.findall(r'data-mlpro-doc="([^"]+)"', svg):
        assert (REPO_ROOT / f"{target}.md").exists(), target


def test_the_tall_lifecycle_layout_is_drawn_for_a_phone():
    svg = (FIGURES_DIR / "lifecycle-tall.svg").read_text()
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    # Shown about 350 px wide on a 390 px phone: 15 px in the drawing is >= 12 px on screen.
    assert width <= 360
    assert min(sizes) >= 15


# --- the built site -----------------------------------------------------------------------


def whereami(page: str) -> str:
    match = re.search(r'<div class="mlpro-whereami".*?</div>', page, re.DOTALL)
    assert match, "no where-am-I line"
    return html_text(match.group(0))


def test_every_chapter_page_says_where_it_is_and_how_long_it_takes(built_site):
    for overview, documents in chapters():
        for position, docname in enumerate(documents, start=1):
            page = (built_site / f"{docname}.html").read_text()
            line = whereami(page)
            heading = re.search(r"<h1>(.*?)<a", (built_site / f"{overview}.html").read_text())
            title = html_text(heading.group(1)).strip()
            assert f"{title} · {position} of {len(documents)}" in line, (docname, line)
            assert re.search(r"about \d+ min to read|\d+ questions in \d+ min, timed", line), line
            assert re.search(r"Whole chapter: about \d+ min to read", line), line
            if docname.startswith("notebooks/") and 'class="cell_output' in page:
                assert re.search(r"runs in \d+ (s|min)", line), (docname, line)


def test_the_where_am_i_line_follows_the_page_title(built_site):
    page = (built_site / "book/monitoring/drift-kinds-and-tests.html").read_text()
    assert re.search(r"</h1>\s*<div class=\"mlpro-whereami\"", page)
    documents = dict(chapters())["book/monitoring/index"]
    position = documents.index("book/monitoring/drift-kinds-and-tests") + 1
    assert f"Monitoring · {position} of {len(documents)}" in whereami(page)


def test_each_self_check_ends_with_a_link_to_the_next_chapter_overview(built_site):
    order = chapters()
    for (_overview, documents), following in zip(order, [*order[1:], None], strict=True):
        if not documents[-1].endswith("self-check"):
            continue  # the capstone and the practice part end without a self-check
        page = (built_site / f"{documents[-1]}.html").read_text()
        cta = re.search(r'<nav class="mlpro-next-chapter".*?</nav>', page, re.DOTALL)
        assert cta, documents[-1]
        href = re.search(r'href="([^"]+)"', cta.group(0)).group(1)
        target = (built_site / documents[-1]).parent / href
        expected = f"{following[0]}.html" if following else "book/exam-map.html"
        assert target.resolve() == (built_site / expected).resolve(), (documents[-1], href)


def test_the_exam_map_separates_taught_in_from_tested_in(built_site):
    exam_map = (built_site / "book" / "exam-map.html").read_text()
    assert exam_map.count('<th scope="col">Tested in</th>') == 3
    row = re.search(r'<tr id="objective-2-5-1">.*?</tr>', exam_map).group(0)
    taught = re.search(r'class="mlpro-taught-in">(.*?)</td>', row).group(1)
    tested = re.search(r'class="mlpro-tested-in">(.*?)</td>', row).group(1)
    assert "self-check" not in taught
    assert "drift-kinds-and-tests.html" in taught
    assert re.search(r'href="monitoring/self-check.html">Self-check: Monitoring</a>: \d+ q', tested)
    intro = html_text(exam_map.split('<div class="mlpro-exam-map">')[0])
    assert "objectives.yml" not in intro and "questions/" not in intro


def test_the_exam_map_links_each_question_that_tests_an_objective(built_site):
    exam_map = (built_site / "book" / "exam-map.html").read_text()
    pages: dict[str, str] = {}
    checked = 0
    for objective_id, row in re.findall(r'<tr id="objective-([\d-]+)">(.*?)</tr>', exam_map):
        tested = re.search(r'class="mlpro-tested-in">(.*?)</td>', row).group(1)
        for entry in tested.split("<br>"):
            count = re.search(r"(\d+) questions?", entry)
            links = re.findall(r'href="([^"#]+)#([^"]+)"', entry)
            if not count or "href=" not in entry or "mlpro-in-pool" in entry:
                # A bank without a self-check page (asked in a notebook only), or the mock
                # pool, whose questions are on no page until a form is started.
                continue
            assert len(links) == int(count.group(1)), (objective_id, entry)
            for page, anchor in links:
                if page not in pages:
                    pages[page] = (built_site / "book" / page).read_text()
                fieldset = re.search(
                    rf'<fieldset class="mlpro-question" id="{anchor}"[^>]*>', pages[page]
                )
                assert fieldset, (objective_id, page, anchor)
                objectives = re.search(r'data-objectives="([^"]*)"', fieldset.group(0)).group(1)
                assert objective_id.replace("-", ".") in objectives.split(), (objective_id, anchor)
                checked += 1
    assert checked >= 100


def test_generated_pages_and_mock_exams_state_the_time_they_take(built_site):
    exam_map = (built_site / "book" / "exam-map.html").read_text()
    words = len(html_text(exam_map.split('<div class="mlpro-exam-map">')[1]).split())
    minutes = int(re.search(r"about (\d+) min to read", whereami(exam_map)).group(1))
    assert minutes >= words // 200 > 5, (minutes, words)
    for form in ("form-a", "random-form"):
        line = whereami((built_site / "book" / "practice" / f"{form}.html").read_text())
        assert "59 questions in 120 min, timed (about 2 min each)" in line, line
    overview = whereami((built_site / "book" / "practice" / "index.html").read_text())
    assert "600 min of timed mock exams" in overview, overview


def test_the_where_am_i_line_is_not_in_the_search_index(built_site):
    """Sphinx indexes a page's words before the line is added, so "min" (in "about 6 min
    to read", on every chapter page) matches only the pages whose own text says it."""
    index = (built_site / "searchindex.js").read_text()
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    pages = data["terms"].get("min", [])
    pages = pages if isinstance(pages, list) else [pages]
    assert len(pages) < len(data["docnames"]) / 4, f"'min' indexed on {len(pages)} pages"


def test_the_landing_page_states_coverage_from_the_data(built_site):
    objectives = exam_objectives()
    status, _ = objective_status(objectives, book_documents(), load_all_banks())
    missing = not_taught(objectives, status)
    landing = html_text((built_site / "book" / "index.html").read_text())
    if missing:
        assert f"Not yet taught by any page or notebook ({len(missing)})" in landing
    else:
        assert (
            f"All {len(objectives.objectives)} objectives of the exam guide are taught" in landing
        )


def test_run_it_locally_names_the_configured_source_repository(built_site):
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text())
    url = config["sphinx"]["config"]["mlpro_source_url"]
    assert url.startswith("https://")
    assert f'href="{url}"' in (built_site / "book" / "run-locally.html").read_text()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_lifecycle_figure_reads_and_links_at_phone_and_desktop_width(
    built_site, browser, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto((built_site / "book" / "lifecycle.html").as_uri())
        shown = "tall" if width < 640 else "wide"
        hidden = "wide" if shown == "tall" else "tall"
        assert page.locator(f".mlpro-lifecycle-{hidden}").is_hidden()
        smallest = page.evaluate(
            f"""() => Math.min(...[...document.querySelectorAll(
                '.mlpro-lifecycle-{shown} text')].map(t =>
                parseFloat(t.getAttribute('font-size')) *
                Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)))"""
        )
        if width == 390:
            assert smallest >= 12, smallest
        links = page.locator(f".mlpro-lifecycle-{shown} a")
        assert links.count() == 6
        links.first.focus()
        assert page.evaluate("document.activeElement.getAttribute('data-mlpro-doc')") == (
            "book/promotion/index"
        )
        page.keyboard.press("Enter")
        page.wait_for_url("**/book/promotion/index.html")
    finally:
        context.close()
