"""The mock exam forms: each exactly the reserved mock pool's questions that name it, 59
in the exam's domain proportions, about a quarter easy, a half medium and a quarter hard,
no question shared between forms or shown on a self-check page or in a notebook quiz, the
same forms on every build, and the question data the browser gets (options in the order
every quiz shows them)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from mlpro_guide.content.answer_order import displayed_options
from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.content.practice import (
    DIFFICULTY_TARGETS,
    DIFFICULTY_TOLERANCE,
    DOMAIN_QUOTAS,
    FORM_LENGTH,
    FORM_NAMES,
    FormError,
    _hash,
    draw_forms,
    form_report,
    overlap,
    pool_problems,
    practice_data,
    primary_domain,
)
from mlpro_guide.content.questions import (
    Option,
    Question,
    QuestionBank,
    load_all_banks,
    pool_questions,
)
from mlpro_guide.site.practice_pages import split_review
from mlpro_guide.site.quiz import self_check_sections

from .test_displayed_sequences import notebook_quiz_calls

OBJECTIVES = exam_objectives()
BOOK = Path(__file__).parent.parent / "book"


def objectives_of(domain: str) -> list[str]:
    return [o.id for o in OBJECTIVES.objectives if o.domain_id == domain]


def question(qid: str, objective: str, difficulty: int = 2, form: str | None = None) -> Question:
    return Question(
        id=qid,
        objectives=(objective,),
        area="promotion",
        difficulty=difficulty,
        stem=f"Question {qid}?",
        options=tuple(Option(f"option {k}", f"reason {k}", k == 0) for k in range(4)),
        explanation="Because.",
        form=form,
    )


def synthetic_banks(per_form: dict[str, int] | None = None, short: dict | None = None):
    """A chapter bank (12 questions per domain), and a mock pool whose forms each hold
    ``per_form[d]`` questions of domain d (the exam's quotas by default), going round the
    domain's objectives, with difficulties 1, 2, 2, 3 in turn; ``short[(form, domain)]``
    questions fewer where given."""
    per_form = per_form or DOMAIN_QUOTAS
    short = short or {}
    pool = []
    for form in FORM_NAMES:
        for domain, n in per_form.items():
            ids = objectives_of(domain)
            for i in range(n - short.get((form, domain), 0)):
                pool.append(
                    question(
                        f"mock-{form}{domain}-{i:02d}", ids[i % len(ids)], [1, 2, 2, 3][i % 4], form
                    )
                )
    # Enough chapter questions in every domain for a diagnostic (9 / 9 / 2) outside the forms.
    chapter = tuple(
        question(f"ch{domain}-{i:02d}", objectives_of(domain)[i % len(objectives_of(domain))])
        for domain in DOMAIN_QUOTAS
        for i in range(12)
    )
    return {
        "chapter": QuestionBank("chapter", "Chapter", Path("chapter.yml"), chapter),
        "mock-all": QuestionBank("mock-all", "Pool", Path("mock/mock-all.yml"), tuple(pool), True),
    }


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


def test_each_form_is_exactly_the_pool_questions_that_name_it(banks, questions):
    for form in draw_forms(banks):
        named = {q.id for q in pool_questions(banks) if q.form == form.name}
        assert set(form.question_ids) == named, form.name
        assert all(questions[i].form == form.name for i in form.question_ids)


def test_the_forms_share_no_question(banks):
    forms = draw_forms(banks)
    assert set(overlap(forms).values()) == {0}
    assert sum(len(f.question_ids) for f in forms) == len(
        {i for f in forms for i in f.question_ids}
    )


def quizzes_on_pages() -> list[tuple[str, str]]:
    """(page, bank) for every ``{quiz} <bank>`` directive in the book's pages."""
    return [
        (str(page.relative_to(BOOK)), match)
        for page in sorted(BOOK.rglob("*.md"))
        for match in re.findall(r"^```\{quiz\}[ \t]+(\S+)", page.read_text("utf-8"), re.M)
    ]


def test_no_form_question_is_on_a_self_check_page_or_in_a_notebook_quiz(banks):
    """Forms A-D are new to a learner who did every self-check and notebook quiz."""
    in_forms = {i for form in draw_forms(banks) for i in form.question_ids}
    chapter_banks = load_all_banks(pool=False)
    shown: set[str] = set()
    pages = quizzes_on_pages()
    assert len(pages) >= 7  # every chapter's self-check page was read
    for page, bank_name in pages:
        assert bank_name in chapter_banks, f"{page} shows the bank {bank_name!r}"
        bank = chapter_banks[bank_name]
        shown |= {i for section in self_check_sections(bank) for i in section.ids}
    calls = notebook_quiz_calls()
    assert calls  # the notebooks' show_quiz selections were read
    for notebook, bank_name, ids, tags in calls:
        assert bank_name in chapter_banks, f"{notebook} shows the bank {bank_name!r}"
        shown |= {q.id for q in chapter_banks[bank_name].select(ids=ids, tags=tags)}
    assert in_forms and shown
    assert in_forms & shown == set()


def test_each_form_follows_the_exam_domain_proportions_26_26_7(banks, questions):
    for form in draw_forms(banks):
        counts = Counter(primary_domain(questions[i]) for i in form.question_ids)
        assert counts == Counter({"1": 26, "2": 26, "3": 7}), form.name


def test_the_mock_pool_has_the_exam_s_shape_in_every_form(banks):
    """Per form: 59 questions, 26 / 26 / 7 by domain, every objective of a domain the first
    objective of a question (every domain has no more objectives than its quota), each
    difficulty within 7 points of a quarter easy, a half medium, a quarter hard."""
    assert pool_problems(banks) == []


def test_a_question_counts_for_the_domain_of_its_first_objective(questions):
    question = next(q for q in questions.values() if len(q.objectives) > 1)
    assert primary_domain(question) == question.objectives[0][0]


def test_the_forms_are_the_same_on_every_draw_in_hash_order(banks):
    assert draw_forms(banks) == draw_forms(banks)
    assert draw_forms(load_all_banks()) == draw_forms(banks)
    for form in draw_forms(banks):
        order = [_hash("order", form.name, i) for i in form.question_ids]
        assert order == sorted(order)


def test_a_form_short_of_questions_is_refused_naming_the_form_and_the_domain():
    banks = synthetic_banks(short={("C", "3"): 2, ("A", "1"): 1})
    with pytest.raises(FormError) as error:
        draw_forms(banks)
    assert "form A lacks 1 question(s) of domain 1 (has 25 of 26)" in str(error.value)
    assert "form C lacks 2 question(s) of domain 3 (has 5 of 7)" in str(error.value)
    assert "form B" not in str(error.value)


def test_a_form_with_too_many_questions_of_a_domain_is_refused():
    banks = synthetic_banks(per_form={"1": 27, "2": 26, "3": 7})
    with pytest.raises(FormError, match="form D has 1 question.s. too many in domain 1"):
        draw_forms(banks)


def test_chapter_questions_never_enter_a_form():
    banks = synthetic_banks()
    forms = draw_forms(banks)
    assert not {i for f in forms for i in f.question_ids} & {
        q.id for q in banks["chapter"].questions
    }


def test_a_well_shaped_synthetic_pool_has_no_problems():
    assert pool_problems(synthetic_banks(), OBJECTIVES) == []


def test_a_form_missing_an_objective_is_reported():
    banks = synthetic_banks()
    pool = banks["mock-all"]
    first = objectives_of("2")[0]
    moved = tuple(
        q
        if not (q.form == "B" and q.objectives[0] == first)
        else question(q.id, objectives_of("2")[1], q.difficulty, "B")
        for q in pool.questions
    )
    banks["mock-all"] = QuestionBank(pool.name, pool.title, pool.path, moved, True)
    assert pool_problems(banks, OBJECTIVES) == [
        f"form B: no question has {first} as its first objective"
    ]


def test_a_form_off_the_difficulty_targets_is_reported():
    """Tolerance: each difficulty's share within 7 points of 25 / 50 / 25%."""
    assert DIFFICULTY_TARGETS == {1: 0.25, 2: 0.5, 3: 0.25} and DIFFICULTY_TOLERANCE == 0.07
    banks = synthetic_banks()
    pool = banks["mock-all"]
    easy = [q.id for q in pool.questions if q.form == "D" and q.difficulty == 3][:6]
    harder = tuple(
        question(q.id, q.objectives[0], 1, q.form) if q.id in easy else q for q in pool.questions
    )
    banks["mock-all"] = QuestionBank(pool.name, pool.title, pool.path, harder, True)
    problems = pool_problems(banks, OBJECTIVES)
    assert any(re.match(r"form D: 22 of 59 questions are easy \(37%\)", p) for p in problems)
    assert any(p.startswith("form D: 7 of 59 questions are hard") for p in problems)
    assert all(p.startswith("form D") for p in problems)


def test_the_report_gives_the_pool_per_form_objective_and_difficulty():
    report = form_report(synthetic_banks(), OBJECTIVES)
    assert "mock pool: 236 questions in 1 bank(s); chapter banks: 36 questions" in report
    assert "form A: 59 questions; 26 / 26 / 7; 16 / 30 / 13" in report
    first = objectives_of("1")[0]
    assert f"  {first}: 2 2 2 2 (8); 4 / 4 / 0" in report
    assert report.endswith("problems: none")


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


def test_the_browser_data_holds_the_chapter_and_the_pool_questions(banks):
    data = practice_data(banks)
    assert set(data["questions"]) == {q.id for b in banks.values() for q in b.questions}
    assert {i for ids in data["forms"].values() for i in ids} == {
        q.id for q in pool_questions(banks)
    }


def test_bank_text_is_escaped_for_the_page():
    banks = synthetic_banks()
    bank = banks["chapter"]
    hostile = Question(
        id="d1-hostile",
        objectives=(objectives_of("1")[0],),
        area="promotion",
        difficulty=1,
        stem="Does <script>alert(1)</script> run? Use `a<b`.",
        options=tuple(Option(f"o{k}", f"r{k}", k == 0) for k in range(4)),
        explanation="No.",
    )
    banks["chapter"] = QuestionBank(bank.name, bank.title, bank.path, (*bank.questions, hostile))
    stem = practice_data(banks)["questions"]["d1-hostile"]["stem"]
    assert "<script>" not in stem and "&lt;script&gt;" in stem
    assert "<code>a&lt;b</code>" in stem


def test_the_page_data_and_the_review_data_together_are_the_exported_data(banks):
    """The practice pages load the questions first and the reasons, explanations and links
    only for a review; merged back, the two files give the exported data."""
    exported = practice_data(banks)
    page, review = split_review(json.loads(json.dumps(exported)))
    some = next(iter(exported["questions"]))
    assert "explanation" not in page["questions"][some]
    assert "taughtIn" in page["questions"][some]  # the study plan ranks pages by it at once
    assert all("reason" not in option for option in page["questions"][some]["options"])
    for qid, question in page["questions"].items():
        extra = review[qid]
        merged = dict(question, **{k: v for k, v in extra.items() if k != "reasons"})
        merged["options"] = [
            dict(option, reason=reason)
            for option, reason in zip(question["options"], extra["reasons"], strict=True)
        ]
        assert merged == exported["questions"][qid]
    assert {k: v for k, v in page.items() if k != "questions"} == {
        k: v for k, v in exported.items() if k != "questions"
    }
