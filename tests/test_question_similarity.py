"""One question per fact and situation: no two questions in the banks are near-copies
(TF-IDF cosine of stem, best answer and explanation, :mod:`mlpro_guide.content.question_similarity`)
unless a reviewer has recorded that they ask different judgements, and so no mock exam form
holds two questions on the same fact. The chapter banks and the mock pool are compared as
one set: a mock question reworded from a self-check question is caught like any other."""

from __future__ import annotations

from dataclasses import replace

from mlpro_guide.content.practice import draw_forms
from mlpro_guide.content.question_similarity import (
    REVIEWED_PAIRS,
    THRESHOLD,
    similar_pairs,
    similarity_matrix,
)
from mlpro_guide.content.questions import load_all_banks, pool_questions

BANKS = load_all_banks()
QUESTIONS = [q for bank in BANKS.values() for q in bank.questions]


def test_the_comparison_covers_the_mock_pool_and_the_chapter_banks():
    compared = {q.id for q in QUESTIONS}
    pool = {q.id for q in pool_questions(BANKS)}
    chapters = {q.id for bank in load_all_banks(pool=False).values() for q in bank.questions}
    assert pool and chapters
    assert pool | chapters == compared


def test_no_two_questions_ask_the_same_fact_in_the_same_situation():
    assert similar_pairs(QUESTIONS) == [], (
        "near-duplicate questions: merge them, rewrite one to ask another judgement, or "
        "record in REVIEWED_PAIRS why they differ"
    )


def test_every_reviewed_pair_says_how_the_two_questions_differ():
    ids = {q.id for q in QUESTIONS}
    for pair, difference in REVIEWED_PAIRS.items():
        assert len(pair) == 2 and len(difference.split()) >= 5, pair
        assert pair <= ids or not pair & ids, f"{sorted(pair)}: one of the two is gone"


def test_no_form_holds_two_near_duplicates():
    scores = similarity_matrix(QUESTIONS)
    for form in draw_forms(BANKS):
        held = set(form.question_ids)
        close = [
            (a, b, round(s, 2))
            for (a, b), s in scores.items()
            if a in held
            and b in held
            and s >= THRESHOLD
            and frozenset({a, b}) not in REVIEWED_PAIRS
        ]
        assert close == [], f"form {form.name}"


def test_a_reworded_copy_is_caught():
    """The measure flags a question copied with a new company, model and numbers."""
    original = next(q for q in QUESTIONS if q.id == "remediation-01")
    copy = replace(
        original,
        id="copy-01",
        stem=original.stem.replace("fraud", "churn").replace("7", "12").replace("6", "11"),
    )
    assert any(
        {a, b} == {"remediation-01", "copy-01"} for _, a, b in similar_pairs([*QUESTIONS, copy])
    )


def test_two_questions_on_different_facts_are_not_flagged():
    scores = similarity_matrix(QUESTIONS)
    assert sorted(scores.values())[len(scores) // 2] < THRESHOLD / 4
