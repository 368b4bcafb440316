"""How the chapter question banks cover the exam: counts per objective and per domain.

The chapter banks are what the self-check pages and notebook quizzes ask; the mock pool
(``questions/mock/``) is held to its own per-form shape by
:func:`mlpro_guide.content.practice.pool_problems`.

A question's *primary* objective is the first one it lists. The book aims at the exam's
proportions: the share of questions whose primary objective falls in a domain should be
close to that domain's weight in ``exam/objectives.yml``, every objective should be
listed by a few questions, and there should be enough questions in total.
:func:`bank_balance` counts; :meth:`BankBalance.problems` says what falls short and
:meth:`BankBalance.report` prints the table behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .objectives import ExamObjectives, exam_objectives
from .questions import Question, load_all_banks

MIN_TOTAL = 240
MIN_PER_OBJECTIVE = 3
DOMAIN_TOLERANCE_POINTS = 3.0


@dataclass(frozen=True)
class BankBalance:
    """Counts over a set of questions, against the exam's objectives and domain weights."""

    total: int
    listed: dict[str, int]
    """Objective id -> number of questions that list it (first or not)."""
    primary: dict[str, int]
    """Objective id -> number of questions whose first objective it is."""
    domain_primary: dict[str, int]
    """Domain id -> number of questions whose first objective lies in that domain."""
    domain_weights: dict[str, int]
    """Domain id -> weight in percent from the exam guide."""
    domain_titles: dict[str, str]

    def domain_share(self, domain_id: str) -> float:
        """Percentage of all questions whose primary objective lies in ``domain_id``."""
        return 100.0 * self.domain_primary[domain_id] / self.total if self.total else 0.0

    def problems(
        self,
        min_total: int = MIN_TOTAL,
        min_per_objective: int = MIN_PER_OBJECTIVE,
        tolerance: float = DOMAIN_TOLERANCE_POINTS,
    ) -> list[str]:
        """Every way the banks miss the targets, one readable line each (empty when none)."""
        found = []
        if self.total < min_total:
            found.append(f"{self.total} questions in total; at least {min_total} are needed")
        for objective_id, count in self.listed.items():
            if count < min_per_objective:
                found.append(
                    f"objective {objective_id} is listed by {count} question(s); "
                    f"at least {min_per_objective} are needed"
                )
        for domain_id, weight in self.domain_weights.items():
            share = self.domain_share(domain_id)
            if abs(share - weight) > tolerance:
                found.append(
                    f"domain {domain_id} ({self.domain_titles[domain_id]}) is the primary "
                    f"domain of {self.domain_primary[domain_id]} of {self.total} questions "
                    f"({share:.1f}%); its exam weight is {weight}% (allowed: +/-{tolerance:g} "
                    "points)"
                )
        return found

    def report(self) -> str:
        """A plain-text table: per domain, then per objective (listed / primary)."""
        lines = [f"{self.total} questions"]
        for domain_id, weight in self.domain_weights.items():
            lines.append(
                f"domain {domain_id} {self.domain_titles[domain_id]}: "
                f"{self.domain_primary[domain_id]} primary ({self.domain_share(domain_id):.1f}%, "
                f"weight {weight}%)"
            )
        lines.append("objective: listed / primary")
        for objective_id, count in self.listed.items():
            lines.append(f"  {objective_id}: {count} / {self.primary[objective_id]}")
        return "\n".join(lines)


def bank_balance(
    questions: Iterable[Question] | None = None, objectives: ExamObjectives | None = None
) -> BankBalance:
    """Count ``questions`` (default: every chapter bank in ``questions/``, not the mock
    pool) against ``objectives``.

    Objectives no question lists are counted as 0, so they show up as shortfalls.
    """
    objectives = objectives or exam_objectives()
    if questions is None:
        questions = [q for bank in load_all_banks(pool=False).values() for q in bank.questions]
    questions = list(questions)
    domain_of = {o.id: o.domain_id for o in objectives.objectives}
    unknown = sorted({i for q in questions for i in q.objectives} - set(domain_of))
    if unknown:
        raise ValueError(f"questions list objective ids the exam does not have: {unknown}")
    listed = Counter(i for q in questions for i in set(q.objectives))
    primary = Counter(q.objectives[0] for q in questions)
    domain_primary = Counter(domain_of[q.objectives[0]] for q in questions)
    return BankBalance(
        total=len(questions),
        listed={o.id: listed[o.id] for o in objectives.objectives},
        primary={o.id: primary[o.id] for o in objectives.objectives},
        domain_primary={d: domain_primary[d] for d, _, _ in objectives.domains},
        domain_weights={d: weight for d, _, weight in objectives.domains},
        domain_titles={d: title for d, title, _ in objectives.domains},
    )
