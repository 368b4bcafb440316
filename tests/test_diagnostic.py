"""The diagnostic's draw (mlpro_guide/content/diagnostic.py): twenty questions by exam
weight, none from the mock exams, spread over the sections and objectives, the same on
every build, and a clear error when the banks cannot supply it."""

from __future__ import annotations

from collections import Counter

import pytest

from mlpro_guide.content.diagnostic import (
    DIAGNOSTIC_LENGTH,
    diagnostic_questions,
    domain_shares,
)
from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.content.practice import draw_forms, practice_data, primary_domain
from mlpro_guide.content.questions import Option, Question, QuestionBank, load_all_banks

WEIGHTS = {d: w for d, _, w in exam_objectives().domains}


@pytest.fixture(scope="module")
def banks():
    return load_all_banks()


@pytest.fixture(scope="module")
def drawn(banks):
    reserved = {i for form in draw_forms(banks) for i in form.question_ids}
    return diagnostic_questions(banks, WEIGHTS, reserved), reserved


def test_the_exam_weights_give_9_9_and_2_of_20():
    assert domain_shares(WEIGHTS) == {"1": 9, "2": 9, "3": 2}


@pytest.mark.parametrize("length", [1, 7, 20, 33, 59])
def test_the_shares_always_add_up_to_the_length(length):
    assert sum(domain_shares(WEIGHTS, length).values()) == length


def test_the_diagnostic_has_20_distinct_questions_by_weight_and_none_from_a_form(banks, drawn):
    ids, reserved = drawn
    assert len(ids) == DIAGNOSTIC_LENGTH == len(set(ids))
    assert not set(ids) & reserved
    questions = {q.id: q for bank in banks.values() for q in bank.questions}
    assert Counter(primary_domain(questions[i]) for i in ids) == {"1": 9, "2": 9, "3": 2}


def test_the_draw_is_the_same_on_every_build(banks, drawn):
    reserved = {i for form in draw_forms(banks) for i in form.question_ids}
    assert diagnostic_questions(load_all_banks(), WEIGHTS, reserved) == drawn[0]


def test_the_page_data_holds_the_diagnostic_with_balanced_positions(drawn):
    data = practice_data()
    assert data["diagnostic"]["questionIds"] == drawn[0]
    positions = data["diagnostic"]["positions"]
    assert len(positions) == DIAGNOSTIC_LENGTH
    assert max(Counter(positions).values()) <= 0.4 * DIAGNOSTIC_LENGTH


def bank_of(questions: list[tuple[str, str]]) -> dict[str, QuestionBank]:
    """One bank of questions given as (id, first objective)."""
    made = tuple(
        Question(
            id=qid,
            objectives=(objective,),
            area="promotion",
            difficulty=2,
            stem=f"Stem of {qid}?",
            options=tuple(Option(f"option {k}", f"reason {k}", k == 0) for k in range(4)),
            explanation="Because.",
        )
        for qid, objective in questions
    )
    return {"b": QuestionBank("b", "B", None, made)}


def test_sections_take_turns_and_objectives_within_them():
    # Section 1.1 has three objectives with many questions; 1.2 has one objective.
    pool = [(f"a{i}", f"1.1.{1 + i % 3}") for i in range(30)] + [
        (f"b{i}", "1.2.1") for i in range(5)
    ]
    ids = diagnostic_questions(bank_of(pool), {"1": 100}, length=6)
    objectives = Counter(dict(pool)[i] for i in ids)
    assert objectives == {"1.1.1": 1, "1.1.2": 1, "1.1.3": 1, "1.2.1": 3}


def test_a_domain_without_enough_questions_outside_the_forms_is_an_error_naming_it():
    pool = [(f"a{i}", "1.1.1") for i in range(20)] + [("c0", "3.1.1")]
    with pytest.raises(ValueError, match="domain 3 needs 2 questions"):
        diagnostic_questions(bank_of(pool), {"1": 90, "3": 10}, length=20)
