"""Where the best answer is shown: never a cue. Every displayed sequence's keys are
balanced and free of repeating patterns (the sequences themselves are checked in
test_displayed_sequences.py), the other options keep one order, and the checks themselves
catch the rotations the banks were once written in."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mlpro_guide.content.answer_order import (
    arrange_options,
    balanced_positions,
    displayed_keys,
    displayed_options,
    key_sequence_problems,
    sequence_keys,
    sequence_options,
)
from mlpro_guide.content.questions import OPTION_LETTERS, format_text, load_all_banks, load_bank
from mlpro_guide.site.quiz import render_quiz_html, show_quiz

from .test_question_banks import GOOD_QUESTION, variant, write_bank

BANKS = load_all_banks()
LETTER_REFERENCE = re.compile(r"\b(?:options?|answers?|choices?)\s+\(?[A-D]\)?(?:\b|$)")


def rotated_bank(tmp_path, rotation: str, n: int):
    """A bank whose YAML puts the best answer in a fixed rotation (the old habit)."""
    questions = []
    for i in range(n):
        position = OPTION_LETTERS.index(rotation[i % len(rotation)])
        options = [dict(o, correct=False) for o in GOOD_QUESTION["options"]]
        options.insert(position, dict(options.pop(0), correct=True))
        questions.append(variant(id=f"demo-{i + 1:02d}", options=options))
    return load_bank(write_bank(tmp_path, questions))


def rendered_keys(markup: str) -> str:
    return "".join(re.findall(r'data-answer="([A-D])"', markup))


@pytest.mark.parametrize("name", sorted(BANKS))
def test_displayed_keys_of_every_bank_are_balanced_and_not_periodic(name):
    keys = displayed_keys(BANKS[name])
    assert key_sequence_problems(keys, name) == []


@pytest.mark.parametrize("name", sorted(BANKS))
def test_the_rendered_quiz_shows_the_keys_of_its_own_sequence(name):
    bank = BANKS[name]
    markup = render_quiz_html(bank)
    key = re.search(r'id="quiz-([^"]+)"', markup).group(1)
    assert rendered_keys(markup) == sequence_keys(f"quiz|{key}", bank.questions)


def test_the_check_flags_a_position_holding_more_than_forty_percent():
    problems = key_sequence_problems("BADCBABCBDAB", "demo")  # B: 5 of 12
    assert problems == ["demo: position B holds 5 of 12 keys (42% > 40%)"]


@pytest.mark.parametrize(
    "keys, period",
    [
        ("ADCAAAAAAB", 1),
        ("CABABABD", 2),
        ("DABCABCAD", 3),
        ("BCDABCDABCDABC", 4),  # the rotation deployment.yml was written in
    ],
)
def test_the_check_flags_a_periodic_pattern(keys, period):
    problems = key_sequence_problems(keys, "demo")
    assert any(f"repeating every {period}" in p for p in problems), problems


def test_the_check_accepts_short_or_irregular_sequences():
    assert key_sequence_problems("AAAAA") == []  # five in a row: shorter than six
    assert key_sequence_problems("BCDABCDX") == []  # period 4 needs two full turns
    assert key_sequence_problems("BCADCAACBCBDAD") == []


def test_a_bank_written_in_a_fixed_rotation_is_caught_and_then_shuffled(tmp_path):
    bank = rotated_bank(tmp_path, "BCDA", 14)
    written = "".join(OPTION_LETTERS[q.answer_index] for q in bank.questions)
    assert key_sequence_problems(written, bank.name)  # the YAML order is a cue...
    assert key_sequence_problems(displayed_keys(bank), bank.name) == []  # ...the quiz is not


def test_a_bank_written_with_every_key_at_a_is_shown_balanced(tmp_path):
    bank = rotated_bank(tmp_path, "A", 13)
    counts = Counter(displayed_keys(bank))
    assert set(counts) == set(OPTION_LETTERS)
    assert max(counts.values()) == 4  # ceil(13 / 4)


@pytest.mark.parametrize("n", range(1, 41))
def test_balanced_positions_are_as_even_as_possible(n):
    counts = Counter(balanced_positions("any-bank", n))
    assert max(counts.values()) - min(counts.get(p, 0) for p in range(4)) <= 1


def test_positions_and_orders_are_deterministic():
    bank = BANKS["promotion"]
    question = bank.questions[0]
    assert displayed_options(bank, question) == displayed_options(bank, question)
    assert balanced_positions("promotion", 12) == balanced_positions("promotion", 12)


def test_the_shuffle_keeps_every_option_with_its_own_reason():
    for bank in BANKS.values():
        for question in bank.questions:
            shown = displayed_options(bank, question)
            assert sorted(shown, key=id) == sorted(question.options, key=id)
            assert sum(option.correct for option in shown) == 1


def test_the_best_answer_lands_where_it_is_told():
    question = BANKS["promotion"].questions[0]
    for position in range(4):
        shown = arrange_options(question, position)
        assert shown[position].correct


def test_a_notebook_subset_is_balanced_on_its_own_and_keeps_the_option_order():
    """A subset is its own sequence: its letters come from its own balanced draw, and
    each question's wrong options keep their relative order everywhere."""
    for bank in load_all_banks(pool=False).values():
        subset = [q.id for q in bank.questions][::-2]
        markup = show_quiz(bank.name, ids=subset)._repr_html_()
        assert key_sequence_problems(rendered_keys(markup), bank.name) == []
        question = bank.select(ids=subset[:1])[0]
        wrong = [o.text for o in displayed_options(bank, question) if not o.correct]
        shown = re.findall(r'<span class="mlpro-letter">[A-D]\.</span> (.*?)</label>', markup)[:4]
        best = next(o.text for o in question.options if o.correct)
        assert [t for t in shown if t != format_text(best)] == [format_text(t) for t in wrong]


def test_reasons_and_fallback_follow_the_displayed_order():
    bank = BANKS["promotion"]
    question = bank.questions[0]
    markup = render_quiz_html(bank, ids=[question.id])
    key = re.search(r'id="quiz-([^"]+)"', markup).group(1)
    shown = sequence_options(f"quiz|{key}", [question])[0]
    texts = re.findall(r'<span class="mlpro-letter">([A-D])\.</span> (.*?)</label>', markup)
    assert [letter for letter, _ in texts] == list(OPTION_LETTERS)
    best = OPTION_LETTERS[next(i for i, o in enumerate(shown) if o.correct)]
    assert f'data-answer="{best}"' in markup
    assert f"<li><strong>{best}</strong> (best answer):" in markup
    assert f"Best answer: <strong>{best}</strong>." in markup


@pytest.mark.parametrize("name", sorted(BANKS))
def test_no_question_text_names_an_option_by_its_letter(name):
    """Letters are assigned after the shuffle, so 'option B' in a text would be wrong."""
    for question in BANKS[name].questions:
        texts = [question.stem, question.explanation]
        texts += [o.text for o in question.options] + [o.reason for o in question.options]
        for text in texts:
            assert not LETTER_REFERENCE.search(text), f"{name}: {question.id}: {text!r}"


def test_the_letter_reference_check_catches_one():
    assert LETTER_REFERENCE.search("Unlike option B, this keeps the alias.")
    assert not LETTER_REFERENCE.search("A batch job reads the alias.")
