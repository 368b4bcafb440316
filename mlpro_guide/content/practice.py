"""Mock exams: four fixed forms from the reserved mock pool, and the data the browser needs.

The real exam has 59 scored questions in three domains weighted 44 / 44 / 12, that is
26 / 26 / 7 questions. A question counts for the domain of its *primary* (first)
objective: ids starting ``1.`` are Model Development, ``2.`` MLOps, ``3.`` Model
Deployment.

Forms A-D ask only the **mock pool** (``questions/mock/*.yml``), whose questions no
self-check page or notebook quiz shows, so a learner who did the self-checks still meets
59 new questions in each form. Every pool question names its form (``form: A``), so the
forms share no question; :func:`draw_forms` takes each form's questions in an order set by
a SHA-256 hash of the form name and the question id (the same on every build), and
:func:`pool_problems` says what a form lacks: its length, its 26 / 26 / 7 quotas, every
objective of a domain in every form (where the quota allows), and about a quarter easy, a
half medium and a quarter hard questions.

:func:`practice_data` exports every question (chapter banks and pool: the random form draws
from both) with its options in a default arrangement (:mod:`.answer_order`), HTML-escaped
(`backticks` as ``<code>``), and for each form the displayed position of each best answer,
assigned over the form's own order (:func:`form_positions`), and the diagnostic
(:mod:`.diagnostic`, chapter questions only) with its positions;
``site/assets/practice-draw.js`` rearranges the options to those positions, and draws the
random form (and its positions) in the browser.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from .answer_order import displayed_options, sequence_positions
from .diagnostic import diagnostic_questions
from .objectives import ExamObjectives, exam_objectives
from .page_anchors import section_title
from .questions import (
    FORM_NAMES,
    OPTION_LETTERS,
    Question,
    QuestionBank,
    format_text,
    load_all_banks,
    pool_questions,
)

FORM_LENGTH = 59
DOMAIN_QUOTAS = {"1": 26, "2": 26, "3": 7}
"""Questions per domain in a 59-question form (weights 44 / 44 / 12 of the exam guide)."""
EXAM_MINUTES = 120
PASS_MARK = 70
"""The guide's own target in percent: Databricks does not publish the exam's pass mark."""
DIFFICULTY_TARGETS = {1: 0.25, 2: 0.5, 3: 0.25}
"""Share of each difficulty in a form, as on the exam: a quarter easy (1), half medium (2),
a quarter hard (3)."""
DIFFICULTY_TOLERANCE = 0.07
"""A form's share of each difficulty may differ from its target by 7 percentage points
(about 4 questions of 59)."""
DIFFICULTY_NAMES = {1: "easy", 2: "medium", 3: "hard"}


class FormError(ValueError):
    """The mock pool cannot make forms A-D; the message names each form and what it lacks."""


def primary_domain(question: Question) -> str:
    """The domain id ("1", "2" or "3") of the question's first objective."""
    return question.objectives[0].split(".", 1)[0]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Form:
    """One fixed form: its name and question ids in the order it asks them."""

    name: str
    question_ids: tuple[str, ...]


def draw_forms(
    banks: dict[str, QuestionBank] | None = None,
    names: tuple[str, ...] = FORM_NAMES,
    length: int = FORM_LENGTH,
) -> list[Form]:
    """Forms ``names``: each exactly the pool questions that name it, in hash order.

    Raises :class:`FormError` when a form does not hold ``length`` questions in the exam's
    domain quotas, naming each form and domain that lacks (or has too many) questions."""
    banks = load_all_banks() if banks is None else banks
    pool = pool_questions(banks)
    problems = _count_problems(pool, names, length)
    if problems:
        raise FormError(
            "the mock pool (questions/mock/) cannot make the forms: " + "; ".join(problems)
        )
    return [
        Form(
            name,
            tuple(
                sorted(
                    (q.id for q in pool if q.form == name),
                    key=lambda i, n=name: _hash("order", n, i),
                )
            ),
        )
        for name in names
    ]


def _quotas(length: int) -> dict[str, int]:
    """The domain quotas for a form of ``length`` questions (the exam's, scaled)."""
    if length == FORM_LENGTH:
        return dict(DOMAIN_QUOTAS)
    scaled = {d: q * length // FORM_LENGTH for d, q in DOMAIN_QUOTAS.items()}
    scaled["1"] += length - sum(scaled.values())
    return scaled


def _count_problems(pool: list[Question], names: tuple[str, ...], length: int) -> list[str]:
    quotas = _quotas(length)
    problems = []
    for name in names:
        counts = Counter(primary_domain(q) for q in pool if q.form == name)
        for domain, quota in quotas.items():
            if counts[domain] < quota:
                problems.append(
                    f"form {name} lacks {quota - counts[domain]} question(s) of domain {domain} "
                    f"(has {counts[domain]} of {quota})"
                )
            elif counts[domain] > quota:
                problems.append(
                    f"form {name} has {counts[domain] - quota} question(s) too many in domain "
                    f"{domain} ({counts[domain]} for a quota of {quota})"
                )
    return problems


def pool_problems(
    banks: dict[str, QuestionBank] | None = None,
    objectives: ExamObjectives | None = None,
    names: tuple[str, ...] = FORM_NAMES,
    length: int = FORM_LENGTH,
) -> list[str]:
    """Every way the mock pool misses the exam's shape, one readable line each (empty when
    none): per form, ``length`` questions in the domain quotas; every objective of a domain
    the primary objective of at least one question (of ``min(quota, objectives)`` distinct
    ones where a domain has more objectives than its quota); each difficulty's share within
    :data:`DIFFICULTY_TOLERANCE` of :data:`DIFFICULTY_TARGETS`; no question id in two forms."""
    banks = load_all_banks() if banks is None else banks
    objectives = objectives or exam_objectives()
    pool = pool_questions(banks)
    problems = _count_problems(pool, names, length)
    quotas = _quotas(length)
    for name in names:
        asked = [q for q in pool if q.form == name]
        primaries = {q.objectives[0] for q in asked}
        for domain, quota in quotas.items():
            ids = [o.id for o in objectives.objectives if o.domain_id == domain]
            missing = [i for i in ids if i not in primaries]
            if len(ids) <= quota and missing:
                problems.append(
                    f"form {name}: no question has {', '.join(missing)} as its first objective"
                )
            elif len(ids) > quota and len(ids) - len(missing) < quota:
                problems.append(
                    f"form {name}: domain {domain} spreads over {len(ids) - len(missing)} "
                    f"objectives; its quota of {quota} allows {quota} different ones"
                )
        difficulties = Counter(q.difficulty for q in asked)
        for level, target in DIFFICULTY_TARGETS.items():
            share = difficulties[level] / len(asked) if asked else 0.0
            if abs(share - target) > DIFFICULTY_TOLERANCE + 1e-9:
                problems.append(
                    f"form {name}: {difficulties[level]} of {len(asked)} questions are "
                    f"{DIFFICULTY_NAMES[level]} ({100 * share:.0f}%); the target is "
                    f"{100 * target:.0f}% +/- {100 * DIFFICULTY_TOLERANCE:.0f} points"
                )
    return problems


def form_positions(form: Form) -> dict[str, int]:
    """Question id -> displayed position (0-3) of its best answer on this form: balanced
    and pattern-free in the form's own order (:func:`.answer_order.sequence_positions`)."""
    return sequence_positions(f"form|{form.name}", form.question_ids)


def overlap(forms: list[Form]) -> dict[tuple[str, str], int]:
    """Questions shared by each pair of forms."""
    return {
        (a.name, b.name): len(set(a.question_ids) & set(b.question_ids))
        for i, a in enumerate(forms)
        for b in forms[i + 1 :]
    }


def form_report(
    banks: dict[str, QuestionBank] | None = None, objectives: ExamObjectives | None = None
) -> str:
    """The mock pool per form, domain, objective and difficulty, and what it lacks:
    ``python -c "from mlpro_guide.content.practice import form_report as r; print(r())"``."""
    banks = load_all_banks() if banks is None else banks
    objectives = objectives or exam_objectives()
    pool = pool_questions(banks)
    chapter = sum(len(bank.questions) for bank in banks.values() if not bank.pool)
    levels = sorted(DIFFICULTY_NAMES)
    lines = [
        f"mock pool: {len(pool)} questions in "
        f"{sum(1 for bank in banks.values() if bank.pool)} bank(s); chapter banks: {chapter} "
        "questions (self-checks, notebook quizzes and the random form)",
        "form: domains "
        + " / ".join(sorted(DOMAIN_QUOTAS))
        + "; difficulty "
        + " / ".join(DIFFICULTY_NAMES[level] for level in levels),
    ]
    for name in FORM_NAMES:
        asked = [q for q in pool if q.form == name]
        domains = Counter(primary_domain(q) for q in asked)
        difficulties = Counter(q.difficulty for q in asked)
        lines.append(
            f"form {name}: {len(asked)} questions; "
            + " / ".join(str(domains[d]) for d in sorted(DOMAIN_QUOTAS))
            + "; "
            + " / ".join(str(difficulties[level]) for level in levels)
        )
    lines.append(
        "objective (first objective): per form "
        + " ".join(FORM_NAMES)
        + "; difficulty "
        + " / ".join(DIFFICULTY_NAMES[level] for level in levels)
    )
    for objective in objectives.objectives:
        asked = [q for q in pool if q.objectives[0] == objective.id]
        per_form = Counter(q.form for q in asked)
        difficulties = Counter(q.difficulty for q in asked)
        lines.append(
            f"  {objective.id}: "
            + " ".join(str(per_form[name]) for name in FORM_NAMES)
            + f" ({len(asked)}); "
            + " / ".join(str(difficulties[level]) for level in levels)
        )
    problems = pool_problems(banks, objectives)
    lines.append("problems: " + ("; ".join(problems) if problems else "none"))
    return "\n".join(lines)


def _question_data(bank: QuestionBank, question: Question) -> dict:
    shown = displayed_options(bank, question)
    return {
        "id": question.id,
        "bank": bank.name,
        "stem": format_text(question.stem),
        "options": [
            {"letter": letter, "text": format_text(o.text), "reason": format_text(o.reason)}
            for letter, o in zip(OPTION_LETTERS, shown, strict=True)
        ],
        "answer": OPTION_LETTERS[next(i for i, o in enumerate(shown) if o.correct)],
        "explanation": format_text(question.explanation),
        "objectives": list(question.objectives),
        "domain": primary_domain(question),
        "area": question.area,
        "difficulty": question.difficulty,
        "reference": (
            {"title": question.reference_title, "url": question.reference_url}
            if question.reference_url
            else None
        ),
        "taughtIn": _taught_in(question),
    }


def _taught_in(question: Question) -> dict | None:
    """The section that teaches the answer: a link from the book's root and its heading."""
    if not question.taught_in:
        return None
    return {"href": question.taught_in_href, "title": section_title(question.taught_in)}


def practice_data(
    banks: dict[str, QuestionBank] | None = None, objectives: ExamObjectives | None = None
) -> dict:
    """Everything the practice pages need, as JSON-ready data: questions (options in the
    displayed order), the fixed forms, objectives, domains, areas and the exam's rules."""
    banks = load_all_banks() if banks is None else banks
    objectives = objectives or exam_objectives()
    forms = draw_forms(banks)
    diagnostic = diagnostic_questions(
        banks,
        {domain_id: weight for domain_id, _, weight in objectives.domains},
        reserved={i for form in forms for i in form.question_ids},
    )
    diagnostic_positions = sequence_positions("diagnostic", diagnostic)
    return {
        "version": 1,
        "formLength": FORM_LENGTH,
        "minutes": EXAM_MINUTES,
        "passMark": PASS_MARK,
        "quotas": DOMAIN_QUOTAS,
        "questions": {
            q.id: _question_data(bank, q) for bank in banks.values() for q in bank.questions
        },
        "forms": {form.name: list(form.question_ids) for form in forms},
        "formPositions": {
            form.name: [positions[i] for i in form.question_ids]
            for form in forms
            for positions in [form_positions(form)]
        },
        "diagnostic": {
            "questionIds": diagnostic,
            "positions": [diagnostic_positions[i] for i in diagnostic],
        },
        "banks": {bank.name: bank.title for bank in banks.values()},
        "domains": [
            {"id": domain_id, "title": title, "weight": weight}
            for domain_id, title, weight in objectives.domains
        ],
        "objectives": {
            o.id: {"text": o.text, "domain": o.domain_id, "section": o.section_title}
            for o in objectives.objectives
        },
    }
