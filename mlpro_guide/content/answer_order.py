"""The order in which a question's options are shown: shuffled, balanced and deterministic.

Authors write the best answer wherever they like in a bank; the reader never sees that
order. Positions are assigned **per displayed sequence**, that is per list of questions a
learner reads in one sitting: a self-check page in its own order, a notebook's quiz, a
fixed mock exam form (and, in the browser, the random form, see
``site/assets/practice-draw.js``).
For each sequence the displayed position of every question's best answer comes from a
seeded, balanced assignment (each of A-D holds the key at most ``ceil(n / 4)`` times, and
the keys never repeat a short pattern nor show one letter three times in a row); the
three other options are ordered with a seed derived from the question id. The seeds are
hashes of names, so every rebuild shows the same letters in the same sequence; the same
question may show its best answer under another letter in another sequence, so a letter
remembered from a notebook is no cue on the self-check page.

:func:`key_sequence_problems` is the check the tests apply to every displayed sequence: no
position holds more than 40% of the keys (sequences of 8 or more questions), and no
periodic pattern of the keys (period 1 to 4) runs over 6 or more consecutive questions (8
or more for period 4, that is two full turns of a rotation such as B, C, D, A).
"""

from __future__ import annotations

import hashlib
import random
from functools import lru_cache

from .questions import OPTION_LETTERS, Option, Question, QuestionBank

MAX_SHARE = 0.4
"""No displayed position may hold more than this share of a bank's keys."""
MIN_QUESTIONS_FOR_SHARE = 8
"""Below this many questions a share says little; the periodicity check still applies."""
MAX_PERIOD = 4
MIN_RUN = 6
"""A pattern of period p counts when it repeats over max(MIN_RUN, 2 p) questions."""


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def periodic_runs(keys: str) -> list[tuple[int, int, int]]:
    """Every ``(start, length, period)`` where the keys repeat with a period of 1 to 4.

    A run of period p must span at least ``max(MIN_RUN, 2 * p)`` consecutive questions:
    ``AAAAAA``, ``ABABAB``, ``ABCABC`` and ``BCDABCDA`` all count. Only the longest run
    from each start is reported, for the shortest period that explains it.
    """
    found = []
    for period in range(1, MAX_PERIOD + 1):
        need = max(MIN_RUN, 2 * period)
        start = 0
        while start + need <= len(keys):
            end = start + period
            while end < len(keys) and keys[end] == keys[end - period]:
                end += 1
            if end - start >= need and not any(s <= start < s + n for s, n, _ in found):
                found.append((start, end - start, period))
                start = end - period + 1
            else:
                start += 1
    return sorted(found)


def key_sequence_problems(keys: str, name: str = "bank") -> list[str]:
    """What is wrong with a sequence of displayed keys (``"BDAC..."``), in words."""
    problems = []
    n = len(keys)
    if n >= MIN_QUESTIONS_FOR_SHARE:
        for letter in OPTION_LETTERS:
            count = keys.count(letter)
            if count > MAX_SHARE * n:
                problems.append(
                    f"{name}: position {letter} holds {count} of {n} keys "
                    f"({100 * count / n:.0f}% > {100 * MAX_SHARE:.0f}%)"
                )
    for start, length, period in periodic_runs(keys):
        problems.append(
            f"{name}: questions {start + 1}-{start + length} show the keys "
            f"{keys[start : start + length]} (a pattern repeating every {period})"
        )
    return problems


def _ends_in_a_pattern(keys: str) -> bool:
    """Whether the last key completes a run the checks reject, or a key three times in a
    row (chance, but a reader could take it for a pattern)."""
    if len(keys) >= 3 and keys[-1] == keys[-2] == keys[-3]:
        return True
    for period in range(1, MAX_PERIOD + 1):
        tail = keys[-max(MIN_RUN, 2 * period) :]
        if len(tail) == max(MIN_RUN, 2 * period) and all(
            tail[k] == tail[k + period] for k in range(len(tail) - period)
        ):
            return True
    return False


@lru_cache(maxsize=256)
def balanced_positions(seed: str, n: int) -> tuple[int, ...]:
    """``n`` displayed answer positions (0-3) for a bank, drawn with ``seed``.

    Each position gets ``n // 4`` keys, and a seeded few one more, so the counts differ by
    at most one. The sequence is drawn key by key, weighted by what each position has left,
    never completing a pattern :func:`key_sequence_problems` rejects nor showing a key
    three times in a row; a dead end (rare) starts a new draw.
    """
    rng = _rng("answer-positions", seed)
    letters = len(OPTION_LETTERS)
    for _ in range(1_000):
        left = [n // letters] * letters
        for extra in rng.sample(range(letters), n % letters):
            left[extra] += 1
        positions: list[int] = []
        keys = ""
        while len(positions) < n:
            allowed = [
                p
                for p in range(letters)
                if left[p] and not _ends_in_a_pattern(keys + OPTION_LETTERS[p])
            ]
            if not allowed:
                break
            position = rng.choices(allowed, weights=[left[p] for p in allowed])[0]
            left[position] -= 1
            positions.append(position)
            keys += OPTION_LETTERS[position]
        else:
            return tuple(positions)
    raise RuntimeError(f"no balanced answer positions found for {seed!r} ({n} questions)")


def sequence_positions(seed: str, question_ids) -> dict[str, int]:
    """Question id -> index (0-3) of its best answer, for one displayed sequence.

    ``seed`` names the sequence (a quiz, a form); ``question_ids`` are its questions in
    the order the learner reads them. The keys of the sequence are then balanced and free
    of patterns in that very order.
    """
    ids = list(question_ids)
    positions = balanced_positions(seed, len(ids))
    return dict(zip(ids, positions, strict=True))


def sequence_options(
    seed: str, questions: tuple[Question, ...] | list[Question]
) -> list[tuple[Option, ...]]:
    """The options of each question of one displayed sequence, in display order."""
    positions = sequence_positions(seed, (q.id for q in questions))
    return [arrange_options(q, positions[q.id]) for q in questions]


def sequence_keys(seed: str, questions: tuple[Question, ...] | list[Question]) -> str:
    """The letters of the best answers of one displayed sequence, as readers see them."""
    positions = sequence_positions(seed, (q.id for q in questions))
    return "".join(OPTION_LETTERS[positions[q.id]] for q in questions)


def displayed_answer_positions(bank: QuestionBank) -> dict[str, int]:
    """Question id -> index (0-3) of its best answer in the bank's own order.

    The bank order is no page's order; this default arrangement is what the practice data
    exports for each question, and what a sequence-less view (an attempt saved before
    positions were assigned per sequence) falls back on.
    """
    return sequence_positions(bank.name, (q.id for q in bank.questions))


def arrange_options(question: Question, answer_position: int) -> tuple[Option, ...]:
    """The options in display order: the wrong ones shuffled with a seed from the question
    id, the best answer inserted at ``answer_position``."""
    wrong = [option for option in question.options if not option.correct]
    _rng("distractor-order", question.id).shuffle(wrong)
    wrong.insert(answer_position, question.options[question.answer_index])
    return tuple(wrong)


def displayed_options(bank: QuestionBank, question: Question) -> tuple[Option, ...]:
    """The options of ``question`` in the bank's default arrangement (see above)."""
    return arrange_options(question, displayed_answer_positions(bank)[question.id])


def displayed_keys(bank: QuestionBank) -> str:
    """The letter of the best answer of each question in the default arrangement."""
    positions = displayed_answer_positions(bank)
    return "".join(OPTION_LETTERS[positions[q.id]] for q in bank.questions)


def position_report() -> str:
    """Per bank, the displayed answer-position counts and the share of scenario questions:
    ``python -c "from mlpro_guide.content.answer_order import position_report as r;
    print(r())"``."""
    from .questions import load_all_banks

    lines, total, scenarios = [], 0, 0
    for bank in load_all_banks().values():
        keys = displayed_keys(bank)
        counts = " ".join(f"{letter}={keys.count(letter)}" for letter in OPTION_LETTERS)
        kinds = [q.kind for q in bank.questions]
        n_scenario = kinds.count("scenario")
        total, scenarios = total + len(kinds), scenarios + n_scenario
        lines.append(
            f"{bank.name}: {len(kinds)} questions, keys {keys} ({counts}), "
            f"scenario {n_scenario}/{len(kinds)}, no kind {kinds.count(None)}"
        )
    lines.append(
        f"all banks: scenario {scenarios}/{total} ({100 * scenarios / max(total, 1):.0f}%)"
    )
    return "\n".join(lines)
