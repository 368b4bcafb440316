"""Test-wise strategies: how far a reader gets by reading the options' form, not content.

A candidate who does not know the answer still sees the options. Each strategy here picks
by a surface cue; :func:`strategy_scores` gives the expected share of questions each would
answer right on a sequence of displayed questions. With no cue every strategy scores 25%.

* ``longest`` / ``second-longest`` / ``shortest``: the option of that length rank (ties
  broken at random);
* ``avoid-absolutes``: rule out options saying "always", "never", "cannot", "nothing", ...
  and guess among the rest;
* ``avoid-do-nothing``: rule out options that propose doing nothing, and guess;
* ``stem-words``: the option sharing the most content words with the stem;
* ``code-tokens``: the option quoting the most code (`backtick spans`, dotted names,
  calls);
* ``avoid-previous-letter``: rule out the letter of the previous question's answer, and
  guess (the only strategy that depends on the displayed order).

Scores are expectations: a strategy that ends in a tie between k options, the best answer
among them, scores 1/k for that question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .questions import OPTION_LETTERS, Option, Question

ABSOLUTE = re.compile(
    r"\b(?:always|never|cannot|can't|can not|nothing|none|no one|impossible|every time)\b",
    re.IGNORECASE,
)
DO_NOTHING = re.compile(
    r"^(?:do nothing|nothing\b|no action|no change|take no action|leave (?:it|them|the \w+) "
    r"(?:as|alone)|wait and see|keep everything as)",
    re.IGNORECASE,
)
CODE = re.compile(r"`[^`]+`|\b\w+(?:\.\w+)+\b|\b\w+\(")
_WORD = re.compile(r"[a-z][a-z0-9_]+")
STOPWORDS = frozenset(
    """
    about after again against also among another because been before being between both
    could does doing down during each every from have having here into itself just more
    most only other over same should some such than that their them then there these they
    this those through under until very were what when where which while will with would
    your
    """.split()
)
STRATEGIES = (
    "longest",
    "second-longest",
    "shortest",
    "avoid-absolutes",
    "avoid-do-nothing",
    "stem-words",
    "code-tokens",
    "avoid-previous-letter",
)


def content_words(text: str) -> set[str]:
    """Lower-case words of four or more letters that carry meaning."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in STOPWORDS}


def _pick_max(values: Sequence[float], key: int) -> float:
    """Expected score of picking the option with the largest value (ties at random)."""
    best = max(values)
    tied = [i for i, v in enumerate(values) if v == best]
    return 1 / len(tied) if key in tied else 0.0


def _length_rank(lengths: Sequence[int], key: int, rank: int) -> float:
    """Chance that the option at ``rank`` (0 = longest) is the key, ties at random."""
    longer = sum(1 for n in lengths if n > lengths[key])
    equal = sum(1 for n in lengths if n == lengths[key])
    return 1 / equal if longer <= rank < longer + equal else 0.0


def _rule_out(flags: Sequence[bool], key: int) -> float:
    """Expected score of guessing among the options not flagged (all, if all are)."""
    kept = [i for i, flagged in enumerate(flags) if not flagged] or list(range(len(flags)))
    return 1 / len(kept) if key in kept else 0.0


def question_scores(
    stem: str, shown: Sequence[Option], previous_letter: str | None = None
) -> dict[str, float]:
    """Each strategy's expected score on one question shown with options ``shown``."""
    key = next(i for i, o in enumerate(shown) if o.correct)
    texts = [o.text for o in shown]
    lengths = [len(t) for t in texts]
    stem_words = content_words(stem)
    return {
        "longest": _length_rank(lengths, key, 0),
        "second-longest": _length_rank(lengths, key, 1),
        "shortest": _length_rank(lengths, key, len(texts) - 1),
        "avoid-absolutes": _rule_out([bool(ABSOLUTE.search(t)) for t in texts], key),
        "avoid-do-nothing": _rule_out([bool(DO_NOTHING.match(t.strip())) for t in texts], key),
        "stem-words": _pick_max([len(content_words(t) & stem_words) for t in texts], key),
        "code-tokens": _pick_max([len(CODE.findall(t)) for t in texts], key),
        "avoid-previous-letter": _rule_out(
            [letter == previous_letter for letter in OPTION_LETTERS[: len(shown)]], key
        ),
    }


def strategy_scores(
    sequence: Sequence[tuple[Question, Sequence[Option]]],
) -> dict[str, float]:
    """Each strategy's expected share of right answers over one displayed sequence:
    ``(question, options in display order)`` in the order the reader meets them."""
    totals = dict.fromkeys(STRATEGIES, 0.0)
    previous = None
    for question, shown in sequence:
        for name, value in question_scores(question.stem, shown, previous).items():
            totals[name] += value
        previous = OPTION_LETTERS[next(i for i, o in enumerate(shown) if o.correct)]
    n = max(len(sequence), 1)
    return {name: total / n for name, total in totals.items()}
