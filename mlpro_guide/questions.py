"""Question banks: one YAML file per chapter in ``questions/``, checked before use.

A bank looks like this::

    bank: promotion
    title: Promotion
    questions:
      - id: promotion-01
        objectives: ["2.4.2"]
        area: promotion
        difficulty: 2            # 1 recall, 2 apply, 3 judge between good options
        kind: scenario           # scenario (a situation to judge) or concept (recall)
        tags: [notebook-gate]    # optional, to pick a subset for a notebook
        stem: A realistic scenario ending in a question.
        options:
          - text: The option a learner sees.
            reason: One line saying why it is or is not the best answer.
            correct: true        # exactly one option
          - ...                  # exactly four options
        explanation: Why the best answer is best.
        reference:               # optional
          title: Documentation page title
          url: https://...
        taught_in: book/<area>/<page>.md#<heading-anchor>   # optional

Every problem is reported as a :class:`QuestionBankError` naming the file and the question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .objectives import ExamObjectives, exam_objectives
from .paths import QUESTIONS_DIR, TASK_AREAS

REQUIRED_FIELDS = ("id", "objectives", "area", "difficulty", "stem", "options", "explanation")
OPTION_FIELDS = ("text", "reason")
OPTION_LETTERS = "ABCD"
KINDS = ("scenario", "concept")


class QuestionBankError(ValueError):
    """A bank is malformed. The message names the file and, where known, the question id."""


@dataclass(frozen=True)
class Option:
    """One answer option with the one-line reason shown after checking."""

    text: str
    reason: str
    correct: bool


@dataclass(frozen=True)
class Question:
    """One validated question."""

    id: str
    objectives: tuple[str, ...]
    area: str
    difficulty: int
    stem: str
    options: tuple[Option, ...]
    explanation: str
    tags: tuple[str, ...] = ()
    kind: str | None = None
    """``scenario`` (a situation to judge) or ``concept`` (recall of a fact)."""
    reference_title: str | None = None
    reference_url: str | None = None
    taught_in: str | None = None
    """``book/<area>/<page>.md#<anchor>``: the heading that teaches the answer."""

    @property
    def answer_index(self) -> int:
        """Index of the one correct option."""
        return next(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class QuestionBank:
    """A validated bank: its name (the file stem), title, source file and questions."""

    name: str
    title: str
    path: Path
    questions: tuple[Question, ...]

    def select(
        self, ids: list[str] | tuple[str, ...] | None = None, tags: list[str] | None = None
    ) -> tuple[Question, ...]:
        """Questions picked by id (in the order given) or by tag (in bank order)."""
        if ids is not None:
            known = {q.id: q for q in self.questions}
            missing = [i for i in ids if i not in known]
            if missing:
                raise QuestionBankError(
                    f"{self.path}: no question with id {', '.join(map(repr, missing))}"
                )
            return tuple(known[i] for i in ids)
        if tags is not None:
            chosen = tuple(q for q in self.questions if set(tags) & set(q.tags))
            if not chosen:
                raise QuestionBankError(f"{self.path}: no question is tagged {tags}")
            return chosen
        return self.questions


def _text(value, where: str, path: Path, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuestionBankError(f"{path}: {where}: field '{field}' must be non-empty text")
    return value.strip()


def _parse_question(raw, index: int, path: Path, objectives: ExamObjectives) -> Question:
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{path}: question #{index + 1} is not a mapping")
    qid = raw.get("id")
    where = f"question {qid!r}" if qid else f"question #{index + 1}"
    for field in REQUIRED_FIELDS:
        if field not in raw or raw[field] in (None, "", []):
            raise QuestionBankError(f"{path}: {where}: missing field '{field}'")
    unknown = set(raw) - set(REQUIRED_FIELDS) - {"tags", "reference", "kind", "taught_in"}
    if unknown:
        raise QuestionBankError(f"{path}: {where}: unknown field(s) {sorted(unknown)}")
    qid = _text(str(qid), where, path, "id")

    ids = raw["objectives"]
    if isinstance(ids, str) or not isinstance(ids, list):
        raise QuestionBankError(f"{path}: {where}: 'objectives' must be a list of ids")
    for objective_id in map(str, ids):
        if objective_id not in objectives.ids:
            raise QuestionBankError(
                f"{path}: {where}: unknown objective id {objective_id!r} (see exam/objectives.yml)"
            )
    if raw["area"] not in TASK_AREAS:
        raise QuestionBankError(
            f"{path}: {where}: area {raw['area']!r} is not one of {', '.join(TASK_AREAS)}"
        )
    if raw["difficulty"] not in (1, 2, 3):
        raise QuestionBankError(f"{path}: {where}: difficulty must be 1, 2 or 3")

    options = raw["options"]
    if not isinstance(options, list) or len(options) != 4:
        count = len(options) if isinstance(options, list) else "no list of"
        raise QuestionBankError(f"{path}: {where}: needs exactly 4 options, has {count}")
    parsed = []
    for letter, option in zip(OPTION_LETTERS, options, strict=True):
        if not isinstance(option, dict):
            raise QuestionBankError(f"{path}: {where}: option {letter} is not a mapping")
        for field in OPTION_FIELDS:
            if field not in option or not str(option[field] or "").strip():
                what = "empty reason" if field == "reason" else f"missing '{field}'"
                raise QuestionBankError(f"{path}: {where}: option {letter} has {what}")
        correct = option.get("correct", False)
        if not isinstance(correct, bool):
            raise QuestionBankError(
                f"{path}: {where}: option {letter}: 'correct' must be true/false"
            )
        parsed.append(Option(str(option["text"]).strip(), str(option["reason"]).strip(), correct))
    n_correct = sum(o.correct for o in parsed)
    if n_correct != 1:
        raise QuestionBankError(
            f"{path}: {where}: needs exactly one correct option, has {n_correct}"
        )

    tags = raw.get("tags") or []
    if not isinstance(tags, list):
        raise QuestionBankError(f"{path}: {where}: 'tags' must be a list")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise QuestionBankError(f"{path}: {where}: kind must be one of {', '.join(KINDS)}")
    reference = raw.get("reference") or {}
    if reference and (not isinstance(reference, dict) or not reference.get("url")):
        raise QuestionBankError(f"{path}: {where}: 'reference' needs a 'url' (and a 'title')")
    return Question(
        id=qid,
        objectives=tuple(map(str, ids)),
        area=raw["area"],
        difficulty=raw["difficulty"],
        stem=_text(raw["stem"], where, path, "stem"),
        options=tuple(parsed),
        explanation=_text(raw["explanation"], where, path, "explanation"),
        tags=tuple(map(str, tags)),
        kind=kind,
        reference_title=(reference.get("title") or reference.get("url")) if reference else None,
        reference_url=reference.get("url") if reference else None,
        taught_in=str(raw["taught_in"]) if raw.get("taught_in") else None,
    )


def load_bank(path: Path | str, objectives: ExamObjectives | None = None) -> QuestionBank:
    """Read and validate one bank file; raise :class:`QuestionBankError` on any problem."""
    path = Path(path)
    objectives = objectives or exam_objectives()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise QuestionBankError(f"{path}: malformed YAML{at}: {error}") from None
    except OSError as error:
        raise QuestionBankError(f"{path}: cannot be read: {error.strerror}") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise QuestionBankError(f"{path}: top level needs 'bank', 'title' and a 'questions' list")
    if data.get("bank") != path.stem:
        raise QuestionBankError(f"{path}: 'bank' must be the file name {path.stem!r}")
    questions = [
        _parse_question(raw, i, path, objectives) for i, raw in enumerate(data["questions"])
    ]
    seen: set[str] = set()
    for question in questions:
        if question.id in seen:
            raise QuestionBankError(f"{path}: question {question.id!r}: duplicate id")
        seen.add(question.id)
    return QuestionBank(
        name=path.stem,
        title=_text(data.get("title"), "top level", path, "title"),
        path=path,
        questions=tuple(questions),
    )


def load_all_banks(directory: Path | str = QUESTIONS_DIR) -> dict[str, QuestionBank]:
    """Every bank in ``directory``, validated, with ids unique across banks."""
    banks = {}
    owner: dict[str, Path] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        bank = load_bank(path)
        for question in bank.questions:
            if question.id in owner:
                raise QuestionBankError(
                    f"{path}: question {question.id!r}: duplicate id (also in {owner[question.id]})"
                )
            owner[question.id] = path
        banks[bank.name] = bank
    return banks


def get_bank(name: str) -> QuestionBank:
    """The bank ``questions/<name>.yml``, validated."""
    path = QUESTIONS_DIR / f"{name}.yml"
    if not path.exists():
        available = ", ".join(sorted(p.stem for p in QUESTIONS_DIR.glob("*.yml")))
        raise QuestionBankError(f"{path}: no such bank (available: {available})")
    return load_bank(path)
