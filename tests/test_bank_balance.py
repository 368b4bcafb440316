"""The chapter question banks match the exam: enough questions, every objective listed by
at least three, and each domain's share of primary objectives within three points of its
weight (the mock pool has its own per-form test in test_practice_forms.py). The counting
itself is checked on a tiny synthetic exam and bank."""

from __future__ import annotations

import textwrap

import pytest

from mlpro_guide.content.bank_balance import bank_balance
from mlpro_guide.content.objectives import load_objectives
from mlpro_guide.content.questions import Option, Question, load_all_banks

OPTIONS = (
    Option("Best.", "Why it is best.", True),
    Option("Second.", "Why not.", False),
    Option("Third.", "Why not.", False),
    Option("Fourth.", "Why not.", False),
)


def test_the_banks_have_the_exam_proportions():
    balance = bank_balance()
    problems = balance.problems()
    if problems:
        pytest.fail("\n".join(problems) + "\n\n" + balance.report(), pytrace=False)


def test_the_balance_counts_the_chapter_banks_not_the_mock_pool():
    chapter = load_all_banks(pool=False)
    assert len(chapter) < len(load_all_banks())  # the pool exists, and is left out
    assert bank_balance().total == sum(len(bank.questions) for bank in chapter.values())


@pytest.fixture
def tiny_exam(tmp_path):
    """Two domains weighted 75/25; domain 1 has two objectives, domain 2 one."""
    path = tmp_path / "objectives.yml"
    path.write_text(
        textwrap.dedent("""\
        exam: Demo exam
        guide_version: test
        source_note: made up for a test
        domains:
          - id: "1"
            title: Building
            weight: 75
            sections:
              - id: "1.1"
                title: Models
                objectives:
                  - {id: "1.1.1", text: Train a model.}
                  - {id: "1.1.2", text: Tune a model.}
          - id: "2"
            title: Running
            weight: 25
            sections:
              - id: "2.1"
                title: Operations
                objectives:
                  - {id: "2.1.1", text: Monitor a model.}
        """)
    )
    return load_objectives(path)


def question(n: int, *objectives: str) -> Question:
    return Question(
        id=f"demo-{n}",
        objectives=objectives,
        area="promotion",
        difficulty=2,
        stem="A stem?",
        options=OPTIONS,
        explanation="Because.",
    )


def test_counts_listed_primary_and_domain_shares(tiny_exam):
    questions = [
        question(1, "1.1.1"),
        question(2, "1.1.1", "1.1.2"),
        question(3, "1.1.2", "2.1.1"),
        question(4, "2.1.1", "1.1.1"),
    ]
    balance = bank_balance(questions, tiny_exam)
    assert balance.total == 4
    assert balance.listed == {"1.1.1": 3, "1.1.2": 2, "2.1.1": 2}
    assert balance.primary == {"1.1.1": 2, "1.1.2": 1, "2.1.1": 1}
    assert balance.domain_primary == {"1": 3, "2": 1}
    assert balance.domain_share("1") == 75.0


def test_a_balanced_bank_has_no_problems(tiny_exam):
    questions = [question(i, "1.1.1", "1.1.2") for i in range(3)]
    questions.append(question(3, "2.1.1"))
    balance = bank_balance(questions, tiny_exam)
    assert balance.problems(min_total=4, min_per_objective=1) == []


def test_each_shortfall_is_named_with_its_numbers(tiny_exam):
    questions = [question(i, "1.1.1") for i in range(4)] + [question(9, "2.1.1", "1.1.2")]
    problems = bank_balance(questions, tiny_exam).problems(min_total=6, min_per_objective=2)
    assert problems == [
        "5 questions in total; at least 6 are needed",
        "objective 1.1.2 is listed by 1 question(s); at least 2 are needed",
        "objective 2.1.1 is listed by 1 question(s); at least 2 are needed",
        "domain 1 (Building) is the primary domain of 4 of 5 questions (80.0%); "
        "its exam weight is 75% (allowed: +/-3 points)",
        "domain 2 (Running) is the primary domain of 1 of 5 questions (20.0%); "
        "its exam weight is 25% (allowed: +/-3 points)",
    ]


def test_a_share_exactly_at_the_tolerance_passes(tiny_exam):
    # 18 of 25 = 72%: three points under 75, which is still allowed.
    questions = [question(i, "1.1.1", "1.1.2", "2.1.1") for i in range(18)]
    questions += [question(100 + i, "2.1.1") for i in range(7)]
    assert bank_balance(questions, tiny_exam).problems(min_total=25) == []


def test_an_objective_no_question_lists_counts_as_zero(tiny_exam):
    balance = bank_balance([question(1, "1.1.1")], tiny_exam)
    assert balance.listed["2.1.1"] == 0
    assert "objective 2.1.1 is listed by 0 question(s)" in "\n".join(balance.problems())


def test_a_question_listing_an_objective_twice_counts_once(tiny_exam):
    balance = bank_balance([question(1, "1.1.1", "1.1.1")], tiny_exam)
    assert balance.listed["1.1.1"] == 1


def test_an_unknown_objective_is_rejected_by_name(tiny_exam):
    with pytest.raises(ValueError, match=r"\['9\.9\.9'\]"):
        bank_balance([question(1, "9.9.9")], tiny_exam)


def test_the_report_lists_domains_and_objectives(tiny_exam):
    report = bank_balance([question(1, "1.1.1", "2.1.1")], tiny_exam).report()
    assert report.splitlines() == [
        "1 questions",
        "domain 1 Building: 1 primary (100.0%, weight 75%)",
        "domain 2 Running: 0 primary (0.0%, weight 25%)",
        "objective: listed / primary",
        "  1.1.1: 1 / 1",
        "  1.1.2: 0 / 0",
        "  2.1.1: 1 / 0",
    ]
