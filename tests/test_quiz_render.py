"""The quiz markup: accessible structure, escaping, determinism and subsets."""

from __future__ import annotations

import re

from mlpro_guide.questions import get_bank, load_bank
from mlpro_guide.quiz import format_text, render_quiz_html, show_quiz

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
