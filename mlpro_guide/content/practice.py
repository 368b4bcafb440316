"""Mock exams: four fixed forms drawn from the question banks, and the data the browser needs.

The real exam has 59 scored questions in three domains weighted 44 / 44 / 12, that is
26 / 26 / 7 questions. A question counts for the domain of its *primary* (first)
objective: ids starting ``1.`` are Model Development, ``2.`` MLOps, ``3.`` Model
Deployment.

:func:`draw_forms` draws forms A-D from whatever the banks hold:

* **deterministic**: every choice is ordered by a SHA-256 hash of the form name and the
  question id, so the same banks always give the same forms;
* **in proportion**: each form takes its domain quota (26 / 26 / 7) from that domain; a
  domain with fewer questions than its quota is topped up from the others (and
  :func:`form_report` says so);
* **as little overlap as the bank allows**: the forms take turns, slot by slot (round
  robin), and each slot takes the question used by the fewest forms so far; among reused
  ones, the one from the forms this form shares least with so far (so the overlap is
  spread evenly over the pairs); then the one whose objective this form holds least so far
  (so a form spreads over objectives); then the one whose surface cues (the best answer's
  length rank, a best answer alone in quoting the most code or echoing the stem) this form
  holds least (so no form rewards a test-wise strategy); then the one whose bank it holds
  least (chapters); then the hash.

:func:`practice_data` exports every question with its options in a default arrangement
(:mod:`.answer_order`), HTML-escaped (`backticks` as ``<code>``), and for each form the
displayed position of each best answer, assigned over the form's own order
(:func:`form_positions`), and the diagnostic (:mod:`.diagnostic`) with its positions;
``site/assets/practice-draw.js`` rearranges the options to those positions, and draws the
random form (and its positions) in the browser.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from .answer_cues import question_scores
from .answer_order import displayed_options, sequence_positions
from .diagnostic import diagnostic_questions
from .objectives import ExamObjectives, exam_objectives
from .page_anchors import section_title
from .questions import OPTION_LETTERS, Question, QuestionBank, format_text, load_all_banks

FORM_NAMES = ("A", "B", "C", "D")
FORM_LENGTH = 59
DOMAIN_QUOTAS = {"1": 26, "2": 26, "3": 7}
"""Questions per domain in a 59-question form (weights 44 / 44 / 12 of the exam guide)."""
EXAM_MINUTES = 120
PASS_MARK = 70
"""The guide's own target in percent: Databricks does not publish the exam's pass mark."""


def primary_domain(question: Question) -> str:
    """The domain id ("1", "2" or "3") of the question's first objective."""
    return question.objectives[0].split(".", 1)[0]


def cue_features(question: Question) -> tuple[str, ...]:
    """The surface cues a question's best answer carries: its length rank (how many options
    are longer), and whether it alone quotes the most code or shares the most words with
    the stem (see :mod:`.answer_cues`)."""
    scores = question_scores(question.stem, question.options)
    key = len(question.options[question.answer_index].text)
    rank = sum(1 for option in question.options if len(option.text) > key)
    features = [f"length-rank-{rank}"]
    features += [cue for cue in ("code-tokens", "stem-words") if scores[cue] == 1]
    return tuple(features)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Form:
    """One fixed form: its name and question ids in the order it asks them."""

    name: str
    question_ids: tuple[str, ...]


def _bank_of(banks: dict[str, QuestionBank]) -> dict[str, str]:
    return {q.id: bank.name for bank in banks.values() for q in bank.questions}


def domain_quotas(pool: dict[str, list[Question]], length: int = FORM_LENGTH) -> dict[str, int]:
    """Questions per domain for one form: the exam's quotas, a domain's shortfall (fewer
    questions than its quota) moved to the domains that have questions to spare."""
    quotas = {d: min(q, len(pool.get(d, []))) for d, q in DOMAIN_QUOTAS.items()}
    missing = length - sum(quotas.values())
    for domain in sorted(DOMAIN_QUOTAS, key=lambda d: -DOMAIN_QUOTAS[d]):
        spare = len(pool.get(domain, [])) - quotas[domain]
        take = max(0, min(spare, missing))
        quotas[domain] += take
        missing -= take
    return quotas


def draw_forms(
    banks: dict[str, QuestionBank] | None = None,
    names: tuple[str, ...] = FORM_NAMES,
    length: int = FORM_LENGTH,
) -> list[Form]:
    """Forms ``names`` of ``length`` questions each (see the module docstring)."""
    banks = load_all_banks() if banks is None else banks
    bank_of = _bank_of(banks)
    pool: dict[str, list[Question]] = {}
    for bank in banks.values():
        for question in bank.questions:
            pool.setdefault(primary_domain(question), []).append(question)
    total = sum(len(questions) for questions in pool.values())
    if total < length:
        raise ValueError(f"the banks hold {total} questions, fewer than a form's {length}")
    quotas = domain_quotas(pool, length)
    used: Counter[str] = Counter()
    forms_of: dict[str, list[str]] = {}
    chosen: dict[str, list[Question]] = {name: [] for name in names}
    objectives_in = {name: Counter() for name in names}
    banks_in = {name: Counter() for name in names}
    shared = Counter()  # (form, other form) -> questions shared so far

    cues_in = {name: Counter() for name in names}
    cues_of = {q.id: cue_features(q) for questions in pool.values() for q in questions}

    def preference(name: str, question: Question):
        return (
            used[question.id],
            sum(shared[name, other] for other in forms_of.get(question.id, ())),
            objectives_in[name][question.objectives[0]],
            sum(cues_in[name][feature] for feature in cues_of[question.id]),
            banks_in[name][bank_of[question.id]],
            _hash("form", name, question.id),
        )

    for domain in sorted(quotas):
        for _ in range(quotas[domain]):
            for name in names:  # round robin: forms take turns, slot by slot
                taken = {q.id for q in chosen[name]}
                candidates = [q for q in pool[domain] if q.id not in taken]
                best = min(candidates, key=lambda q, name=name: preference(name, q))
                for other in forms_of.get(best.id, ()):
                    shared[name, other] += 1
                    shared[other, name] += 1
                chosen[name].append(best)
                used[best.id] += 1
                forms_of.setdefault(best.id, []).append(name)
                objectives_in[name][best.objectives[0]] += 1
                cues_in[name].update(cues_of[best.id])
                banks_in[name][bank_of[best.id]] += 1
    forms = [
        Form(
            name,
            tuple(
                q.id for q in sorted(chosen[name], key=lambda q, n=name: _hash("order", n, q.id))
            ),
        )
        for name in names
    ]
    return forms


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


def form_report(banks: dict[str, QuestionBank] | None = None) -> str:
    """Bank sizes by domain, each form's domain counts and the overlap between forms:
    ``python -c "from mlpro_guide.content.practice import form_report as r; print(r())"``."""
    banks = load_all_banks() if banks is None else banks
    questions = {q.id: q for bank in banks.values() for q in bank.questions}
    by_domain = Counter(primary_domain(q) for q in questions.values())
    forms = draw_forms(banks)
    lines = [
        "bank: "
        + ", ".join(f"domain {d}: {by_domain[d]}" for d in sorted(DOMAIN_QUOTAS))
        + f" ({len(questions)} questions; four forms need "
        + ", ".join(f"{4 * q}" for q in DOMAIN_QUOTAS.values())
        + " for no overlap)"
    ]
    for form in forms:
        counts = Counter(primary_domain(questions[i]) for i in form.question_ids)
        lines.append(
            f"form {form.name}: "
            + " / ".join(str(counts[d]) for d in sorted(DOMAIN_QUOTAS))
            + f" ({len(form.question_ids)} questions)"
        )
    pairs = overlap(forms)
    lines.append("overlap: " + ", ".join(f"{a}-{b} {n}" for (a, b), n in pairs.items()))
    in_any = Counter(i for form in forms for i in form.question_ids)
    lines.append(
        f"distinct questions used: {len(in_any)}; used by 2+ forms: "
        f"{sum(1 for n in in_any.values() if n > 1)}"
    )
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
