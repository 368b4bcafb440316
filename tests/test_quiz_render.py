"""The quiz markup: accessible structure, escaping, determinism and subsets."""

from __future__ import annotations

import re

import nbformat
import pytest

from mlpro_guide.content.questions import format_text, get_bank, load_bank
from mlpro_guide.lab.paths import TASK_AREAS
from mlpro_guide.site.quiz import (
    QuizSection,
    notebook_quizzes,
    render_quiz_html,
    self_check_sections,
    show_quiz,
    split_into_parts,
)
from mlpro_guide.site.quiz_links import is_teaching_document, map_script

from .test_question_banks import variant, write_bank


def test_each_question_is_a_fieldset_with_a_legend_and_four_labelled_radios():
    markup = render_quiz_html(get_bank("orientation"))
    n = len(get_bank("orientation").questions)
    assert markup.count("<fieldset") == n
    assert markup.count("<legend>") == n
    radios = re.findall(r'<input type="radio" id="([^"]+)"', markup)
    assert len(radios) == 4 * n
    for radio_id in radios:
        assert f'<label for="{radio_id}">' in markup


def test_the_markup_has_no_check_button_the_script_adds_it():
    markup = render_quiz_html(get_bank("orientation"))
    assert "<button" not in markup
    assert 'createElement("button")' in markup


def test_feedback_and_score_regions_are_announced():
    markup = render_quiz_html(get_bank("orientation"))
    assert markup.count('class="mlpro-feedback" role="status" aria-live="polite"') == len(
        get_bank("orientation").questions
    )
    assert 'class="mlpro-score" role="status" aria-live="polite"' in markup


def test_every_question_has_a_no_javascript_fallback_with_the_answer():
    bank = get_bank("orientation")
    markup = render_quiz_html(bank)
    assert markup.count('<details class="mlpro-fallback">') == len(bank.questions)
    for question in bank.questions:
        assert format_text(question.explanation) in markup


def test_rendering_is_deterministic():
    bank = get_bank("orientation")
    assert render_quiz_html(bank) == render_quiz_html(bank)


def test_a_script_tag_in_a_question_is_rendered_as_text(tmp_path):
    hostile = variant(stem='Why <script>alert("x")</script> & "quotes"?')
    bank = load_bank(write_bank(tmp_path, [hostile]))
    markup = render_quiz_html(bank)
    assert '<script>alert("x")' not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in markup


def test_backticks_become_code_after_escaping():
    assert format_text("use `a<b>`") == "use <code>a&lt;b&gt;</code>"


def test_a_subset_by_ids_keeps_the_given_order():
    ids = ["orientation-03", "orientation-01"]
    markup = render_quiz_html(get_bank("orientation"), ids=ids)
    found = re.findall(r'data-question-id="([^"]+)"', markup)
    assert found == ids


def test_different_subsets_get_different_element_ids(tmp_path):
    questions = [variant(id=f"demo-0{i}") for i in range(1, 4)]
    bank = load_bank(write_bank(tmp_path, questions))
    first = render_quiz_html(bank, ids=["demo-01"])
    second = render_quiz_html(bank, ids=["demo-01", "demo-02"])
    first_ids = set(re.findall(r' id="([^"]+)"', first))
    second_ids = set(re.findall(r' id="([^"]+)"', second))
    assert not first_ids & second_ids


def test_show_quiz_displays_html_in_jupyter():
    display = show_quiz("orientation", tags=["orientation"])
    assert display._repr_html_().startswith("<style>")
    assert "3 questions" in repr(display)


def test_the_objective_and_difficulty_are_shown():
    markup = render_quiz_html(get_bank("orientation"), ids=["orientation-01"])
    assert "Objective 2.1.2 · difficulty 1 of 3 (recall)" in markup


def test_each_fieldset_carries_its_bank_question_and_objectives():
    bank = get_bank("orientation")
    markup = render_quiz_html(bank)
    for question in bank.questions:
        assert (
            f'data-bank="orientation" data-question-id="{question.id}" '
            f'data-objectives="{" ".join(question.objectives)}"'
        ) in markup


def test_the_question_stem_is_the_legend_and_progress_is_announced_at_the_top():
    markup = render_quiz_html(get_bank("orientation"), ids=["orientation-01"])
    stem = format_text(get_bank("orientation").questions[0].stem)
    assert f'<legend><span class="mlpro-number">Question 1.</span> {stem}</legend>' in markup
    assert markup.index('class="mlpro-progress"') < markup.index("<fieldset")
    assert "Only your first answer to each question counts for the score" in markup


def notebook(path, *sources):
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def test_notebook_quizzes_reads_literal_show_quiz_calls(tmp_path):
    questions = [variant(id=f"demo-0{i}", tags=["t"] if i == 5 else []) for i in range(1, 6)]
    bank = load_bank(write_bank(tmp_path, questions))
    (tmp_path / "nb").mkdir()
    notebook(
        tmp_path / "nb" / "a.ipynb",
        "%matplotlib inline\nx = 1",
        'show_quiz(\n    "demo",\n    ids=[\n        "demo-03",\n        "demo-01",\n    ],\n)',
    )
    notebook(tmp_path / "nb" / "b.ipynb", 'show_quiz("other", ids=["demo-02"])')
    notebook(tmp_path / "nb" / "c.ipynb", 'show_quiz("demo", tags=["t"])')
    found = {path.name: ids for path, ids in notebook_quizzes(bank, tmp_path / "nb").items()}
    assert found == {"a.ipynb": ["demo-03", "demo-01"], "c.ipynb": ["demo-05"]}


def test_a_self_check_shows_first_what_no_notebook_asks_then_the_rest_reordered(tmp_path):
    bank = load_bank(write_bank(tmp_path, [variant(id=f"demo-0{i}") for i in range(1, 7)]))
    (tmp_path / "nb").mkdir()
    notebook(tmp_path / "nb" / "a.ipynb", 'show_quiz("demo", ids=["demo-01", "demo-02"])')
    notebook(tmp_path / "nb" / "b.ipynb", 'show_quiz("demo", ids=["demo-04", "demo-05"])')
    fresh, revisit = self_check_sections(bank, tmp_path / "nb")
    assert fresh.ids == ("demo-03", "demo-06")
    assert revisit.heading.startswith("Revisit")
    assert revisit.ids == ("demo-02", "demo-05", "demo-01", "demo-04")


@pytest.mark.parametrize("area", TASK_AREAS)
def test_each_chapter_self_check_asks_every_question_once_and_no_notebook_block_repeats(area):
    bank = get_bank(area)
    sections = self_check_sections(bank)
    shown = [i for section in sections for i in section.ids]
    assert sorted(shown) == sorted(q.id for q in bank.questions)
    asked = notebook_quizzes(bank)
    in_notebooks = {i for ids in asked.values() for i in ids}
    assert shown[: len(shown) - len(in_notebooks)] == [
        q.id for q in bank.questions if q.id not in in_notebooks
    ]
    for path, ids in asked.items():
        if len(ids) > 1:
            order = [i for i in shown if i in ids]
            assert order != ids, f"{path.name}: the self-check repeats the notebook's order"


def test_sections_are_headed_and_numbered_across_the_quiz():
    bank = get_bank("orientation")
    ids = [q.id for q in bank.questions]
    sections = [QuizSection("First", "", tuple(ids[:1])), QuizSection("Then", "x", tuple(ids[1:]))]
    markup = render_quiz_html(bank, sections=sections)
    assert markup.count('<h2 class="mlpro-section-heading">') == 2
    assert markup.index(">First</h2>") < markup.index("Question 1.") < markup.index(">Then</h2>")
    assert f"Question {len(ids)}." in markup
    assert f'data-total="{len(ids)}"' in markup


def test_the_objective_map_script_cannot_end_early():
    script = map_script({"1.1.1": [{"title": "</script><b>", "href": "a.html", "kind": "page"}]})
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "\\u003c/script\\u003e" in script


def test_self_checks_exam_map_and_sources_are_not_teaching_documents():
    assert is_teaching_document("book/promotion/promotion-gates")
    assert is_teaching_document("notebooks/promotion/promotion_gate")
    for docname in ("book/promotion/self-check", "book/exam-map", "book/sources"):
        assert not is_teaching_document(docname)


def test_a_question_carries_the_section_that_teaches_it():
    bank = get_bank("orientation")
    question = bank.questions[0]
    markup = render_quiz_html(bank)
    assert f'data-taught-in="{question.taught_in_href}"' in markup
    assert "data-taught-in-title=" in markup


def test_split_into_parts_keeps_the_order_and_cuts_at_the_sitting_limit():
    bank = get_bank("model-development")
    questions = bank.questions[:20]
    assert split_into_parts(questions, limit=1000) == [tuple(questions)]
    parts = split_into_parts(questions, limit=5)
    assert [q for part in parts for q in part] == list(questions)
    assert len(parts) > 1
    assert max(len(p) for p in parts) - min(len(p) for p in parts) <= 1
    assert split_into_parts([]) == []


@pytest.mark.parametrize("area", TASK_AREAS)
def test_a_self_check_is_cut_into_parts_of_one_sitting_each_saying_its_minutes(area):
    bank = get_bank(area)
    markup = render_quiz_html(bank, sections=self_check_sections(bank))
    headings = re.findall(
        r'<div class="mlpro-part" id="([^"]+)" data-part="(\d+)"><h3 class="mlpro-part-heading">'
        r"Part (\d+) of (\d+): questions? (\d+)(?:\u2013(\d+))?, about (\d+) min</h3>",
        markup,
    )
    assert headings, f"{area}: no part headings"
    expected_first = 1
    for anchor, data_part, number, of, first, last, minutes in headings:
        assert data_part == number and int(of) == len(headings)
        assert int(first) == expected_first
        expected_first = int(last or first) + 1
        assert 1 <= int(minutes) <= 25, f"{area}: part {number} takes {minutes} min"
        assert f'<a href="#{anchor}">Part {number}</a>' in markup
    assert expected_first - 1 == len(bank.questions)
    assert 'data-self-check="true"' in markup
