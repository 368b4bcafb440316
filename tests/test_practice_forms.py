"""The mock exam forms: 59 questions in the exam's domain proportions, the same forms on
every build, as little overlap between forms as the banks allow, and the question data the
browser gets (options in the order every quiz shows them)."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from mlpro_guide.content.answer_order import displayed_options
from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.content.practice import (
    DOMAIN_QUOTAS,
    FORM_LENGTH,
    FORM_NAMES,
    draw_forms,
    form_report,
    overlap,
    practice_data,
    primary_domain,
)
from mlpro_guide.content.questions import Option, Question, QuestionBank, load_all_banks


def first_objective_of(domain: str) -> str:
    return next(o.id for o in exam_objectives().objectives if o.domain_id == domain)


def synthetic_banks(per_domain: dict[str, int]) -> dict[str, QuestionBank]:
    """One bank per domain with ``per_domain[d]`` questions whose first objective is in d."""
    banks = {}
    for domain, n in per_domain.items():
        questions = tuple(
            Question(
                id=f"d{domain}-{i:03d}",
                objectives=(first_objective_of(domain),),
                area="promotion",
                difficulty=2,
                stem=f"Question {i} of domain {domain}?",
                options=tuple(Option(f"option {k}", f"reason {k}", k == 0) for k in range(4)),
                explanation="Because.",
            )
            for i in range(n)
        )
        name = f"bank-{domain}"
        banks[name] = QuestionBank(name, f"Bank {domain}", Path(f"{name}.yml"), questions)
    return banks


@pytest.fixture(scope="module")
def banks():
    return load_all_banks()


@pytest.fixture(scope="module")
def questions(banks):
    return {q.id: q for bank in banks.values() for q in bank.questions}


def test_there_are_four_forms_of_59_distinct_questions(banks):
    forms = draw_forms(banks)
    assert [f.name for f in forms] == list(FORM_NAMES)
    for form in forms:
        assert len(form.question_ids) == FORM_LENGTH == 59
        assert len(set(form.question_ids)) == 59, form.name


def test_each_form_follows_the_exam_domain_proportions_26_26_7(banks, questions):
    by_domain = Counter(primary_domain(q) for q in questions.values())
    if any(by_domain[d] < n for d, n in DOMAIN_QUOTAS.items()):
        pytest.skip(f"a domain has fewer questions than its quota: {dict(by_domain)}")
    for form in draw_forms(banks):
        counts = Counter(primary_domain(questions[i]) for i in form.question_ids)
        assert counts == Counter({"1": 26, "2": 26, "3": 7}), form.name


def test_a_question_counts_for_the_domain_of_its_first_objective(questions):
    question = next(q for q in questions.values() if len(q.objectives) > 1)
    assert primary_domain(question) == question.objectives[0][0]


def test_the_forms_are_the_same_on_every_draw(banks):
    assert draw_forms(banks) == draw_forms(banks)
    assert draw_forms(load_all_banks()) == draw_forms(banks)


def test_a_large_enough_bank_gives_four_forms_with_no_overlap():
    forms = draw_forms(synthetic_banks({"1": 110, "2": 104, "3": 30}))
    assert set(overlap(forms).values()) == {0}


def test_a_small_bank_spreads_reuse_evenly_over_questions_and_pairs(banks, questions):
    forms = draw_forms(banks)
    used = Counter(i for form in forms for i in form.question_ids)
    for domain, quota in DOMAIN_QUOTAS.items():
        pool = [q.id for q in questions.values() if primary_domain(q) == domain]
        if len(pool) < quota:
            continue
        need = len(FORM_NAMES) * quota
        fewest, most = need // len(pool), math.ceil(need / len(pool))
        counts = [used[i] for i in pool]
        assert min(counts) >= min(fewest, 1) and max(counts) <= most, domain
    pairs = overlap(forms).values()
    assert max(pairs) - min(pairs) <= 3, dict(overlap(forms))


def test_a_domain_short_of_its_quota_is_topped_up_from_the_others():
    banks = synthetic_banks({"1": 80, "2": 80, "3": 3})
    questions = {q.id: q for bank in banks.values() for q in bank.questions}
    for form in draw_forms(banks):
        counts = Counter(primary_domain(questions[i]) for i in form.question_ids)
        assert counts["3"] == 3 and sum(counts.values()) == 59


def test_banks_smaller_than_a_form_are_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="fewer than a form's 59"):
        draw_forms(synthetic_banks({"1": 20, "2": 20, "3": 5}))


def test_the_report_names_the_overlap_of_every_pair(banks):
    report = form_report(banks)
    for a, b in (("A", "B"), ("A", "D"), ("C", "D")):
        assert f"{a}-{b} " in report


def test_the_browser_data_shows_options_in_the_quiz_order_with_the_right_answer(banks):
    data = practice_data(banks)
    json.dumps(data)  # serialisable as it is embedded in the page
    bank = banks["promotion"]
    question = bank.questions[0]
    exported = data["questions"][question.id]
    shown = displayed_options(bank, question)
    assert [o["letter"] for o in exported["options"]] == list("ABCD")
    assert [o["reason"] for o in exported["options"]][0].startswith(shown[0].reason[:20])
    best = "ABCD"[next(i for i, o in enumerate(shown) if o.correct)]
    assert exported["answer"] == best
    assert exported["bank"] == "promotion" and exported["objectives"] == list(question.objectives)
    assert exported["domain"] == question.objectives[0][0]
    assert set(data["forms"]) == set(FORM_NAMES)
    assert data["passMark"] == 70 and data["minutes"] == 120


def test_bank_text_is_escaped_for_the_page():
    # Enough questions for four forms and a diagnostic outside them (9 / 9 / 2).
    banks = synthetic_banks({"1": 120, "2": 120, "3": 32})
    bank = banks["bank-1"]
    hostile = Question(
        id="d1-hostile",
        objectives=(first_objective_of("1"),),
        area="promotion",
        difficulty=1,
        stem="Does <script>alert(1)</script> run? Use `a<b`.",
        options=tuple(Option(f"o{k}", f"r{k}", k == 0) for k in range(4)),
        explanation="No.",
    )
    banks["bank-1"] = QuestionBank(bank.name, bank.title, bank.path, (*bank.questions, hostile))
    stem = practice_data(banks)["questions"]["d1-hostile"]["stem"]
    assert "<script>" not in stem and "&lt;script&gt;" in stem
    assert "<code>a&lt;b</code>" in stem
