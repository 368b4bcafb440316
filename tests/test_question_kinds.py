"""Questions test judgement: every question says whether it is a scenario to judge or a
concept to recall, and at least 80% of all questions are scenarios."""

from __future__ import annotations

from mlpro_guide.content.questions import load_all_banks

MIN_SCENARIO_SHARE = 0.8
QUESTIONS = [q for bank in load_all_banks().values() for q in bank.questions]
UNANNOTATED = [q.id for q in QUESTIONS if q.kind is None]


def test_every_question_declares_its_kind_and_most_are_scenarios():
    assert UNANNOTATED == [], f"questions without 'kind': {', '.join(UNANNOTATED)}"
    scenarios = sum(q.kind == "scenario" for q in QUESTIONS)
    share = scenarios / len(QUESTIONS)
    assert share >= MIN_SCENARIO_SHARE, (
        f"{scenarios} of {len(QUESTIONS)} questions are scenarios ({share:.0%}); "
        f"at least {MIN_SCENARIO_SHARE:.0%} should be"
    )
