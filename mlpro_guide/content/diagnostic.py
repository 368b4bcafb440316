"""The diagnostic: a short first test (about 20 questions) a newcomer takes before reading,
whose answers the study plan and the readiness estimate start from.

:func:`diagnostic_questions` draws it from the chapter banks, the same on every build:

* **by exam weight**: the domains' weights (44 / 44 / 12) share the length out by the
  largest remainder (9 / 9 / 2 of 20), by the domain of each question's first objective;
* **never from the mock exams**: questions a fixed form (A-D) holds are reserved, so the
  forms stay unseen for a later, honest score;
* **spread over the objectives**: within a domain, sections of the exam guide take turns
  (1.1, 1.2, ...), and within a section its objectives take turns, each objective giving
  its next question; objectives and questions are ordered by a SHA-256 hash of their id,
  so the choice is fixed but not alphabetical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .questions import Question, QuestionBank

DIAGNOSTIC_LENGTH = 20


def _hash(text: str) -> str:
    return hashlib.sha256(f"diagnostic\x1f{text}".encode()).hexdigest()


def domain_shares(weights: dict[str, int], length: int = DIAGNOSTIC_LENGTH) -> dict[str, int]:
    """Questions per domain: ``length`` shared by weight, largest remainders rounded up
    (ties to the domain listed first)."""
    total = sum(weights.values())
    exact = {d: length * w / total for d, w in weights.items()}
    shares = {d: int(x) for d, x in exact.items()}
    order = sorted(weights, key=lambda d: (-(exact[d] - shares[d]), list(weights).index(d)))
    for domain in order[: length - sum(shares.values())]:
        shares[domain] += 1
    return shares


def _spread(questions: list[Question], count: int) -> list[Question]:
    """``count`` questions, sections taking turns and, within each, objectives taking turns."""
    by_section: dict[str, dict[str, list[Question]]] = {}
    for question in sorted(questions, key=lambda q: _hash(q.id)):
        objective = question.objectives[0]
        section = objective.rsplit(".", 1)[0]
        by_section.setdefault(section, {}).setdefault(objective, []).append(question)
    queues = {
        section: [objectives[o] for o in sorted(objectives, key=_hash)]
        for section, objectives in by_section.items()
    }
    turn = dict.fromkeys(queues, 0)
    chosen: list[Question] = []
    while len(chosen) < count and any(any(q) for q in queues.values()):
        for section in sorted(queues, key=lambda s: [int(p) for p in s.split(".")]):
            lists = [q for q in queues[section] if q]
            if not lists or len(chosen) == count:
                continue
            objective_questions = lists[turn[section] % len(lists)]
            turn[section] += 1
            chosen.append(objective_questions.pop(0))
    return chosen


def diagnostic_questions(
    banks: dict[str, QuestionBank],
    weights: dict[str, int],
    reserved: Iterable[str] = (),
    length: int = DIAGNOSTIC_LENGTH,
) -> list[str]:
    """The diagnostic's question ids in the order it asks them (see the module docstring);
    ``reserved`` ids (the fixed forms' questions) are never drawn."""
    reserved = set(reserved)
    pool: dict[str, list[Question]] = {domain: [] for domain in weights}
    for bank in banks.values():
        for question in bank.questions:
            domain = question.objectives[0].split(".", 1)[0]
            if question.id not in reserved and domain in pool:
                pool[domain].append(question)
    shares = domain_shares(weights, length)
    chosen: list[Question] = []
    for domain in weights:
        if len(pool[domain]) < shares[domain]:
            raise ValueError(
                f"diagnostic: domain {domain} needs {shares[domain]} questions outside the "
                f"mock exams, the chapter banks hold {len(pool[domain])}"
            )
        chosen.extend(_spread(pool[domain], shares[domain]))
    return [q.id for q in sorted(chosen, key=lambda q: _hash("order" + q.id))]
