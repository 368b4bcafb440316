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
