"""Which page, notebook and question serves which exam objective.

Pages declare ``objectives: [...]`` in their front matter; notebooks in their metadata
(``"objectives": [...]``); questions in their bank. :func:`collect_coverage` reads them
all, and the Sphinx extension renders the result as the book's exam map.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .objectives import ExamObjectives
from .questions import QuestionBank

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


class FrontMatterError(ValueError):
    """A page's or notebook's ``objectives`` declaration is malformed or names unknown ids."""


def declared_objectives(path: Path) -> list[str] | None:
    """The objective ids a page (front matter) or notebook (metadata) declares.

    Returns ``None`` when the file declares nothing, and raises :class:`FrontMatterError`
    when the declaration is not a list.
    """
    path = Path(path)
    if path.suffix == ".ipynb":
        try:
            metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except json.JSONDecodeError as error:
            raise FrontMatterError(f"{path}: not a valid notebook: {error}") from None
        declared = metadata.get("objectives")
    else:
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        if not match:
            return None
        try:
            declared = (yaml.safe_load(match.group(1)) or {}).get("objectives")
        except yaml.YAMLError as error:
            raise FrontMatterError(f"{path}: front matter is not valid YAML: {error}") from None
    if declared is None:
        return None
    if not isinstance(declared, list):
        raise FrontMatterError(f"{path}: 'objectives' must be a list of ids like [\"2.5.1\"]")
    return [str(item) for item in declared]


@dataclass
class ObjectiveCoverage:
    """Who serves one objective."""

    documents: list[str] = field(default_factory=list)
    question_ids: list[str] = field(default_factory=list)


def collect_coverage(
    objectives: ExamObjectives,
    documents: dict[str, Path],
    banks: dict[str, QuestionBank],
) -> tuple[dict[str, ObjectiveCoverage], list[str]]:
    """Map each objective id to the documents and questions that serve it.

    ``documents`` maps a document name (as Sphinx knows it) to its source file. Returns the
    coverage and a list of problems (unknown ids, each naming the file).
    """
    coverage = {o.id: ObjectiveCoverage() for o in objectives.objectives}
    problems = []
    for docname, path in sorted(documents.items()):
        try:
            declared = declared_objectives(path)
        except FrontMatterError as error:
            problems.append(str(error))
            continue
        for objective_id in declared or []:
            if objective_id not in coverage:
                problems.append(f"{path}: unknown objective id {objective_id!r}")
            elif docname not in coverage[objective_id].documents:
                coverage[objective_id].documents.append(docname)
    for bank in banks.values():
        for question in bank.questions:
            for objective_id in question.objectives:
                coverage[objective_id].question_ids.append(question.id)
    return coverage, problems


# A page that renders a whole question bank (``{quiz} <bank>`` without ``:ids:`` or
# ``:tags:``) is where that bank is practised: it tests objectives, it does not teach them.
_WHOLE_BANK_QUIZ = re.compile(r"^```\{quiz\}[ \t]+(\S+)[ \t]*\n(?!:(ids|tags):)", re.MULTILINE)


def practice_banks(path: Path) -> list[str]:
    """The question banks a Markdown page renders whole (its self-check), in page order."""
    path = Path(path)
    if path.suffix != ".md":
        return []
    return [match[0] for match in _WHOLE_BANK_QUIZ.findall(path.read_text(encoding="utf-8"))]


def practice_pages(documents: dict[str, Path]) -> dict[str, str]:
    """Map each question bank to the document that renders it whole (its self-check page).

    ``documents`` is the same mapping :func:`collect_coverage` takes.
    """
    pages: dict[str, str] = {}
    for docname, path in sorted(documents.items()):
        for bank in practice_banks(path):
            pages.setdefault(bank, docname)
    return pages


@dataclass
class ObjectiveStatus:
    """Where one objective is taught and where it is tested, for learners."""

    objective_id: str
    taught_in: list[str]
    """Documents (pages, notebooks) that teach it; self-check pages excluded."""
    tested_in: dict[str, int]
    """Chapter bank name -> how many of its questions test this objective."""
    in_pool: int = 0
    """How many questions of the mock pool (asked by forms A-D only) test this objective."""


def objective_status(
    objectives: ExamObjectives,
    documents: dict[str, Path],
    banks: dict[str, QuestionBank],
) -> tuple[dict[str, ObjectiveStatus], list[str]]:
    """Like :func:`collect_coverage`, but separating teaching from testing.

    A self-check page (a page rendering a whole bank) is never listed as teaching; the
    chapter questions are grouped by the bank they belong to, and the mock pool's questions
    are counted apart (``in_pool``): no self-check page shows them.
    """
    coverage, problems = collect_coverage(objectives, documents, banks)
    practice = set(practice_pages(documents).values())
    bank_of = {q.id: bank for bank in banks.values() for q in bank.questions}
    status = {}
    for objective_id, entry in coverage.items():
        tested: dict[str, int] = {}
        in_pool = 0
        for question_id in entry.question_ids:
            bank = bank_of[question_id]
            if bank.pool:
                in_pool += 1
            else:
                tested[bank.name] = tested.get(bank.name, 0) + 1
        status[objective_id] = ObjectiveStatus(
            objective_id, [d for d in entry.documents if d not in practice], tested, in_pool
        )
    return status, problems


def not_taught(
    objectives: ExamObjectives, status: dict[str, ObjectiveStatus]
) -> list[ObjectiveStatus]:
    """The objectives no page or notebook teaches yet, in exam-guide order."""
    return [status[o.id] for o in objectives.objectives if not status[o.id].taught_in]


def not_tested(
    objectives: ExamObjectives, status: dict[str, ObjectiveStatus]
) -> list[ObjectiveStatus]:
    """The objectives no question tests yet, in exam-guide order."""
    return [status[o.id] for o in objectives.objectives if not status[o.id].tested_in]
