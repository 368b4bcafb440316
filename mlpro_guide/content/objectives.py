"""The official exam objectives, loaded from ``exam/objectives.yml``.

Ids are ``domain.section.item`` (for example ``2.5.3``) and never change meaning, so pages,
notebooks and questions can name the objectives they serve and the exam map can count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..lab.paths import OBJECTIVES_FILE

OBJECTIVE_ID = re.compile(r"^\d+\.\d+\.\d+$")


class ObjectivesError(ValueError):
    """The objectives file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Objective:
    """One exam objective: its id, wording, and the section and domain it belongs to."""

    id: str
    text: str
    section_id: str
    section_title: str
    domain_id: str
    domain_title: str
    domain_weight: int


@dataclass(frozen=True)
class ExamObjectives:
    """All objectives of the exam guide, in the guide's order, plus where they come from."""

    exam: str
    guide_version: str
    source_note: str
    domains: tuple[tuple[str, str, int], ...]
    objectives: tuple[Objective, ...]

    @property
    def ids(self) -> frozenset[str]:
        """The set of valid objective ids."""
        return frozenset(o.id for o in self.objectives)

    def by_id(self, objective_id: str) -> Objective:
        """The objective with this id; ``KeyError`` names the id if it is unknown."""
        for objective in self.objectives:
            if objective.id == objective_id:
                return objective
        raise KeyError(f"unknown exam objective id {objective_id!r}")


def _require(mapping: dict, key: str, where: str, path: Path):
    if not isinstance(mapping, dict) or key not in mapping or mapping[key] in (None, ""):
        raise ObjectivesError(f"{path}: {where}: missing field '{key}'")
    return mapping[key]


def load_objectives(path: Path | str = OBJECTIVES_FILE) -> ExamObjectives:
    """Read and check the objectives file; raise :class:`ObjectivesError` when malformed."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ObjectivesError(f"{path}: not valid YAML: {error}") from None
    except OSError as error:
        raise ObjectivesError(f"{path}: cannot be read: {error.strerror}") from None
    objectives: list[Objective] = []
    domains = []
    for domain in _require(data, "domains", "top level", path):
        domain_id = str(_require(domain, "id", "a domain", path))
        title = _require(domain, "title", f"domain {domain_id}", path)
        weight = int(_require(domain, "weight", f"domain {domain_id}", path))
        domains.append((domain_id, title, weight))
        for section in _require(domain, "sections", f"domain {domain_id}", path):
            section_id = str(_require(section, "id", f"a section of domain {domain_id}", path))
            section_title = _require(section, "title", f"section {section_id}", path)
            for item in _require(section, "objectives", f"section {section_id}", path):
                objective_id = str(_require(item, "id", f"an objective of {section_id}", path))
                if not OBJECTIVE_ID.match(objective_id) or not objective_id.startswith(
                    section_id + "."
                ):
                    raise ObjectivesError(
                        f"{path}: objective {objective_id!r} is not of the form {section_id}.<item>"
                    )
                text = _require(item, "text", f"objective {objective_id}", path)
                objectives.append(
                    Objective(
                        objective_id, text, section_id, section_title, domain_id, title, weight
                    )
                )
    seen: set[str] = set()
    for objective in objectives:
        if objective.id in seen:
            raise ObjectivesError(f"{path}: objective {objective.id} is listed twice")
        seen.add(objective.id)
    if sum(weight for _, _, weight in domains) != 100:
        raise ObjectivesError(f"{path}: domain weights do not add up to 100")
    return ExamObjectives(
        exam=_require(data, "exam", "top level", path),
        guide_version=str(_require(data, "guide_version", "top level", path)),
        source_note=_require(data, "source_note", "top level", path),
        domains=tuple(domains),
        objectives=tuple(objectives),
    )


@lru_cache(maxsize=1)
def exam_objectives() -> ExamObjectives:
    """The guide's objectives file, loaded once per process."""
    return load_objectives()
