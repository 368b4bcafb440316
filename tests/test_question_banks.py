"""The question banks: every real bank is valid, and every kind of bad input is rejected
with a message that names the file and the question."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from mlpro_guide.content.questions import (
    QuestionBankError,
    get_bank,
    load_all_banks,
    load_bank,
    pool_questions,
)
from mlpro_guide.lab.paths import QUESTIONS_DIR, TASK_AREAS

GOOD_QUESTION = {
    "id": "demo-01",
    "objectives": ["2.4.2"],
    "area": "promotion",
    "difficulty": 2,
    "stem": "A sweep produced twelve runs. Which one should be registered?",
    "options": [
        {
            "text": "The best on the holdout metric agreed before the sweep.",
            "reason": "Chosen by the agreed rule.",
            "correct": True,
        },
        {"text": "The best on training loss.", "reason": "Training loss rewards overfitting."},
        {"text": "The newest run.", "reason": "Recency says nothing about quality."},
        {"text": "The run with most parameters.", "reason": "Complexity is not quality."},
    ],
    "explanation": "Pick by the pre-agreed holdout metric, then apply the promotion gate.",
    "taught_in": "book/model-development/choosing-the-top-model.md#the-rule-comes-before-the-sweep",
    "reasoning_only": True,
}


def write_bank(folder: Path, questions: list, name: str = "demo") -> Path:
    path = folder / f"{name}.yml"
    path.write_text(yaml.safe_dump({"bank": name, "title": "Demo", "questions": questions}))
    return path


def variant(**changes) -> dict:
    question = yaml.safe_load(yaml.safe_dump(GOOD_QUESTION))
    question.update(changes)
    return question


def test_every_bank_in_the_repository_is_valid():
    banks = load_all_banks()
    assert "orientation" in banks
    assert all(bank.questions for bank in banks.values())


def test_question_ids_are_unique_across_banks():
    ids = [q.id for bank in load_all_banks().values() for q in bank.questions]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("area", TASK_AREAS)
def test_a_chapter_bank_has_at_least_twelve_questions_of_its_own_area(area):
    path = QUESTIONS_DIR / f"{area}.yml"
    if not path.exists():
        pytest.skip(f"the {area} chapter has not been written yet")
    bank = get_bank(area)
    assert len(bank.questions) >= 12
    assert {q.area for q in bank.questions} == {area}
    assert len({q.difficulty for q in bank.questions}) == 3, "difficulties 1, 2 and 3 all used"


def test_a_valid_bank_loads(tmp_path):
    bank = load_bank(write_bank(tmp_path, [GOOD_QUESTION]))
    assert bank.questions[0].answer_index == 0
    assert bank.questions[0].objectives == ("2.4.2",)


def assert_rejected(path: Path, *fragments: str):
    with pytest.raises(QuestionBankError) as caught:
        load_bank(path)
    message = str(caught.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    "field",
    ["id", "objectives", "area", "difficulty", "stem", "options", "explanation", "taught_in"],
)
def test_a_missing_field_is_named(tmp_path, field):
    question = variant()
    del question[field]
    where = "question #1" if field == "id" else "'demo-01'"
    assert_rejected(write_bank(tmp_path, [question]), where, f"missing field '{field}'")


@pytest.mark.parametrize("count", [3, 5])
def test_not_four_options_is_rejected(tmp_path, count):
    options = (GOOD_QUESTION["options"] * 2)[:count]
    options = [dict(o, correct=(i == 0)) for i, o in enumerate(options)]
    assert_rejected(
        write_bank(tmp_path, [variant(options=options)]), "demo-01", "exactly 4 options"
    )


@pytest.mark.parametrize("n_correct", [0, 2])
def test_not_exactly_one_correct_option_is_rejected(tmp_path, n_correct):
    options = [dict(o, correct=(i < n_correct)) for i, o in enumerate(GOOD_QUESTION["options"])]
    assert_rejected(
        write_bank(tmp_path, [variant(options=options)]), "demo-01", "exactly one correct option"
    )


def test_a_duplicate_id_is_rejected(tmp_path):
    assert_rejected(write_bank(tmp_path, [variant(), variant()]), "demo-01", "duplicate id")


def test_a_duplicate_id_across_banks_is_rejected(tmp_path, monkeypatch):
    write_bank(tmp_path, [variant()], name="first")
    write_bank(tmp_path, [variant()], name="second")
    with pytest.raises(QuestionBankError, match=r"second\.yml: question 'demo-01': duplicate id"):
        load_all_banks(tmp_path)


def mock_folder(root: Path) -> Path:
    folder = root / "mock"
    folder.mkdir(exist_ok=True)
    return folder


def test_a_mock_pool_bank_is_loaded_with_the_chapter_banks(tmp_path):
    write_bank(tmp_path, [variant()], name="chapter")
    write_bank(mock_folder(tmp_path), [variant(id="mock-demo-01", form="C")], name="mock-demo")
    banks = load_all_banks(tmp_path)
    assert banks["mock-demo"].pool and not banks["chapter"].pool
    assert banks["mock-demo"].questions[0].form == "C"
    assert banks["chapter"].questions[0].form is None
    assert list(load_all_banks(tmp_path, pool=False)) == ["chapter"]
    assert [q.id for q in pool_questions(banks)] == ["mock-demo-01"]


def test_a_mock_question_without_a_form_is_rejected(tmp_path):
    path = write_bank(mock_folder(tmp_path), [variant(id="mock-demo-01")], name="mock-demo")
    assert_rejected(path, "mock-demo-01", "missing field 'form'", "one of A, B, C, D")


def test_a_mock_question_with_an_unknown_form_is_rejected(tmp_path):
    path = write_bank(mock_folder(tmp_path), [variant(form="E")], name="mock-demo")
    assert_rejected(path, "demo-01", "form 'E' is not valid")


def test_a_form_in_a_chapter_bank_is_rejected(tmp_path):
    assert_rejected(
        write_bank(tmp_path, [variant(form="A")]), "demo-01", "'form' belongs to the mock pool"
    )


def test_tags_in_a_mock_bank_are_rejected(tmp_path):
    path = write_bank(mock_folder(tmp_path), [variant(form="A", tags=["x"])], name="mock-demo")
    assert_rejected(path, "demo-01", "appear in no notebook")


def test_an_id_shared_by_a_chapter_bank_and_the_pool_is_rejected(tmp_path):
    write_bank(tmp_path, [variant()], name="chapter")
    write_bank(mock_folder(tmp_path), [variant(form="A")], name="mock-demo")
    for pool in (True, False):
        with pytest.raises(QuestionBankError, match=r"mock-demo\.yml: question 'demo-01': dup"):
            load_all_banks(tmp_path, pool=pool)


def test_an_unknown_objective_id_is_rejected(tmp_path):
    assert_rejected(
        write_bank(tmp_path, [variant(objectives=["9.9.9"])]),
        "demo-01",
        "unknown objective id '9.9.9'",
    )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_empty_reason_is_rejected(tmp_path, reason):
    options = yaml.safe_load(yaml.safe_dump(GOOD_QUESTION["options"]))
    options[2]["reason"] = reason
    assert_rejected(
        write_bank(tmp_path, [variant(options=options)]), "demo-01", "option C has empty reason"
    )


def test_malformed_yaml_is_rejected_with_its_line(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text(
        textwrap.dedent("""\
        bank: demo
        title: Demo
        questions:
          - id: demo-01
            stem: "an unterminated string
            options: [
        """)
    )
    assert_rejected(path, "malformed YAML at line")


def test_an_unknown_area_is_rejected(tmp_path):
    assert_rejected(
        write_bank(tmp_path, [variant(area="marketing")]), "demo-01", "area 'marketing'"
    )


def test_a_difficulty_outside_one_to_three_is_rejected(tmp_path):
    assert_rejected(
        write_bank(tmp_path, [variant(difficulty=5)]), "demo-01", "difficulty must be 1, 2 or 3"
    )


def test_the_bank_name_must_match_the_file_name(tmp_path):
    path = tmp_path / "other.yml"
    path.write_text(yaml.safe_dump({"bank": "demo", "title": "Demo", "questions": [GOOD_QUESTION]}))
    assert_rejected(path, "'bank' must be the file name 'other'")


def test_selecting_an_unknown_id_names_it(tmp_path):
    bank = load_bank(write_bank(tmp_path, [GOOD_QUESTION]))
    with pytest.raises(QuestionBankError, match="no question with id 'demo-99'"):
        bank.select(ids=["demo-99"])


def test_selecting_by_tag_keeps_bank_order():
    bank = get_bank("orientation")
    chosen = bank.select(tags=["orientation"])
    assert [q.id for q in chosen] == [q.id for q in bank.questions if "orientation" in q.tags]


def test_every_question_names_the_section_that_teaches_it():
    for bank in load_all_banks().values():
        for question in bank.questions:
            assert question.taught_in, question.id
            assert question.reference_url or question.reasoning_only, question.id


def test_taught_in_becomes_a_link_from_the_book_root(tmp_path):
    question = load_bank(write_bank(tmp_path, [GOOD_QUESTION])).questions[0]
    assert question.taught_in_href == (
        "book/model-development/choosing-the-top-model.html#the-rule-comes-before-the-sweep"
    )


@pytest.mark.parametrize(
    "taught_in, fragment",
    [
        ("book/model-development/choosing-the-top-model.md", "must look like"),
        ("book/model-development/no-such-page.md#a-scenario", "not a page of the book"),
        ("book/model-development/choosing-the-top-model.md#no-such-heading", "no heading id"),
        ("book/model-development/choosing-the-top-model.md#The-Rule", "no heading id"),
    ],
)
def test_a_taught_in_that_names_no_heading_is_rejected(tmp_path, taught_in, fragment):
    question = variant(taught_in=taught_in)
    assert_rejected(write_bank(tmp_path, [question]), "'demo-01'", fragment)


def test_a_question_needs_a_reference_unless_it_is_reasoning_only(tmp_path):
    question = variant()
    del question["reasoning_only"]
    assert_rejected(write_bank(tmp_path, [question]), "missing 'reference'", "reasoning_only")
    question["reference"] = {"title": "Search Runs", "url": "https://mlflow.org/docs/x"}
    assert load_bank(write_bank(tmp_path, [question])).questions[0].reference_url


def test_reasoning_only_and_a_reference_contradict_each_other(tmp_path):
    question = variant(reference={"title": "T", "url": "https://example.org/t"})
    assert_rejected(write_bank(tmp_path, [question]), "contradict")


def test_a_reference_needs_a_title_and_a_url(tmp_path):
    question = variant(reference={"url": "https://example.org/t"})
    del question["reasoning_only"]
    assert_rejected(write_bank(tmp_path, [question]), "'reference' needs a 'title' and a 'url'")
