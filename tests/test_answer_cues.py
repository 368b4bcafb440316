"""A test-wise reader cannot beat chance: the strategies a candidate uses when they do not
know the answer (pick the longest, avoid absolutes, follow the stem's words, ...) score
about 25% on the options as displayed: over the chapter questions as their self-check pages
show them, over the mock pool as forms A-D show it, and on each form."""

from __future__ import annotations

import re

import pytest

from mlpro_guide.content.answer_cues import STRATEGIES, question_scores, strategy_scores
from mlpro_guide.content.answer_order import arrange_options, sequence_positions
from mlpro_guide.content.practice import draw_forms, form_positions
from mlpro_guide.content.questions import Option, load_all_banks
from mlpro_guide.site.quiz import render_quiz_html, self_check_sections

OVERALL_LIMIT = 0.31
FORM_LIMIT = 0.36
BANKS = load_all_banks()
QUESTIONS = {q.id: q for bank in BANKS.values() for q in bank.questions}
FORMS = draw_forms(BANKS)


def self_check_sequences():
    """Every chapter question once, in the order and with the letters of its self-check
    page."""
    for bank in BANKS.values():
        if bank.pool:
            continue
        markup = render_quiz_html(bank, sections=self_check_sections(bank))
        key = re.search(r'id="quiz-([^"]+)"', markup).group(1)
        ids = re.findall(r'data-question-id="([^"]+)"', markup)
        positions = sequence_positions(f"quiz|{key}", ids)
        yield [(QUESTIONS[i], arrange_options(QUESTIONS[i], positions[i])) for i in ids]


def form_sequence(form):
    positions = form_positions(form)
    return [(QUESTIONS[i], arrange_options(QUESTIONS[i], positions[i])) for i in form.question_ids]


def overall_scores(sequences) -> dict[str, float]:
    sequences = list(sequences)
    n = sum(len(s) for s in sequences)
    totals = dict.fromkeys(STRATEGIES, 0.0)
    for sequence in sequences:
        for name, score in strategy_scores(sequence).items():
            totals[name] += score * len(sequence)
    return {name: total / n for name, total in totals.items()}


@pytest.fixture(scope="module")
def overall():
    return overall_scores(self_check_sequences())


@pytest.fixture(scope="module")
def pool_overall():
    return overall_scores(form_sequence(form) for form in FORMS)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_no_cue_strategy_beats_chance_over_the_chapter_questions(overall, strategy):
    assert overall[strategy] < OVERALL_LIMIT, f"{strategy}: {100 * overall[strategy]:.1f}%"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_no_cue_strategy_beats_chance_over_the_mock_pool(pool_overall, strategy):
    assert pool_overall[strategy] < OVERALL_LIMIT, (
        f"{strategy}: {100 * pool_overall[strategy]:.1f}%"
    )


@pytest.mark.parametrize("form", FORMS, ids=lambda form: f"form-{form.name}")
def test_no_cue_strategy_beats_chance_on_a_form(form):
    scores = strategy_scores(form_sequence(form))
    high = {name: f"{100 * s:.1f}%" for name, s in scores.items() if s >= FORM_LIMIT}
    assert high == {}, f"form {form.name}"


def options(*texts: str, key: int = 0) -> tuple[Option, ...]:
    return tuple(Option(t, "reason", i == key) for i, t in enumerate(texts))


def test_the_length_strategies_rank_with_ties_at_random():
    shown = options("a much longer best answer", "short", "tiny", "mid-size one")
    scores = question_scores("Which?", shown)
    assert scores["longest"] == 1 and scores["second-longest"] == 0 and scores["shortest"] == 0
    tied = question_scores("Which?", options("same", "same", "long option", "x"))
    assert tied["second-longest"] == 0.5


def test_ruling_out_absolutes_and_doing_nothing_guesses_among_the_rest():
    shown = options("Retrain on recent data.", "Never retrain.", "Leave it as it is.", "Wait.")
    scores = question_scores("What now?", shown)
    assert scores["avoid-absolutes"] == pytest.approx(1 / 3)
    assert scores["avoid-do-nothing"] == pytest.approx(1 / 3)


def test_stem_words_code_tokens_and_the_previous_letter():
    shown = options("Use `log_model` with `name`", "Use a volume", "Copy files", "Email it")
    scores = question_scores("Where should the fraud model go?", shown, previous_letter="A")
    assert scores["code-tokens"] == 1
    assert scores["avoid-previous-letter"] == 0
    assert question_scores("fraud model", options("fraud model", "x", "y", "z"))[
        "stem-words"
    ] == pytest.approx(1)
