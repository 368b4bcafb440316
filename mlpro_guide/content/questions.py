"""Question banks: one YAML file per chapter in ``questions/``, and the reserved mock
exam pool in ``questions/mock/``, checked before use.

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
        taught_in: book/promotion/promotion-gates.md#how-databricks-automates-it
        reference:               # the documentation page that states the deciding fact
          title: Documentation page title
          url: https://...
        reasoning_only: true     # instead of reference: the key follows from reasoning
                                 # taught in the book, no platform fact decides it

A bank in ``questions/mock/`` belongs to the **mock pool**: the questions of mock exams
A-D, which no self-check page or notebook quiz shows. Each of its questions names the form
that asks it (``form: A``, one of A-D) and has no ``tags`` (tags pick questions for a
notebook); a chapter bank's questions have no ``form``. Ids are unique across all banks,
chapter and pool alike.

``taught_in`` names the page of the book (in ``_toc.yml``) and the heading that teaches the
best answer, by the HTML id Sphinx gives that heading (see :mod:`mlpro_guide.content.page_anchors`);
the quiz's "Review" link goes there first. Every question has a ``reference`` unless it is
marked ``reasoning_only: true``.

Every problem is reported as a :class:`QuestionBankError` naming the file and the question.
Bank text is plain text in which `backticks` mark code; :func:`format_text` turns it into
HTML for the quizzes and the practice pages.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..lab.paths import QUESTIONS_DIR, TASK_AREAS
from .objectives import ExamObjectives, exam_objectives
from .page_anchors import check_taught_in

# yaml.safe_load with libyaml's parser when PyYAML has it (the same safe constructors,
# several times faster): the banks are read at every build and test collection.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REQUIRED_FIELDS = (
    "id",
    "objectives",
    "area",
    "difficulty",
    "stem",
    "options",
    "explanation",
    "taught_in",
)
OPTION_FIELDS = ("text", "reason")
OPTION_LETTERS = "ABCD"
KINDS = ("scenario", "concept")
MOCK_DIR_NAME = "mock"
"""The folder of ``questions/`` that holds the mock pool's banks."""
FORM_NAMES = ("A", "B", "C", "D")
"""The fixed mock exam forms; every pool question names one of them."""
_CODE_SPAN = re.compile(r"`([^`]+)`")


def format_text(text: str) -> str:
    """Escape ``text`` for HTML, then turn `backtick spans` into ``<code>`` elements."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text, quote=True))


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
    """``book/<area>/<page>.md#<anchor>``: the section that teaches the best answer."""
    reasoning_only: bool = False
    """No platform fact decides the answer, so no ``reference`` is required."""
    form: str | None = None
    """The mock exam form (A-D) that asks a pool question; ``None`` in a chapter bank."""

    @property
    def taught_in_href(self) -> str | None:
        """``taught_in`` as a link relative to the book's root (``.html#anchor``)."""
        if not self.taught_in:
            return None
        page, _, anchor = self.taught_in.partition("#")
        return f"{page.rsplit('.', 1)[0]}.html#{anchor}"

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
    pool: bool = False
    """A bank of the mock pool (``questions/mock/``): its questions are asked by forms
    A-D only, never by a self-check page or a notebook quiz."""

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


def _parse_question(
    raw, index: int, path: Path, objectives: ExamObjectives, pool: bool = False
) -> Question:
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{path}: question #{index + 1} is not a mapping")
    qid = raw.get("id")
    where = f"question {qid!r}" if qid else f"question #{index + 1}"
    for field in REQUIRED_FIELDS:
        if field not in raw or raw[field] in (None, "", []):
            raise QuestionBankError(f"{path}: {where}: missing field '{field}'")
    optional = {"tags", "reference", "kind", "reasoning_only", "form"}
    unknown = set(raw) - set(REQUIRED_FIELDS) - optional
    if unknown:
        raise QuestionBankError(f"{path}: {where}: unknown field(s) {sorted(unknown)}")
    form = raw.get("form")
    if pool:
        if form not in FORM_NAMES:
            what = "missing field 'form'" if form is None else f"form {form!r} is not valid"
            raise QuestionBankError(
                f"{path}: {where}: {what}: every question of the mock pool names the form "
                f"that asks it, one of {', '.join(FORM_NAMES)}"
            )
        if raw.get("tags"):
            raise QuestionBankError(
                f"{path}: {where}: 'tags' pick questions for a notebook quiz, and the mock "
                "pool's questions appear in no notebook; remove them"
            )
    elif form is not None:
        raise QuestionBankError(
            f"{path}: {where}: 'form' belongs to the mock pool (questions/{MOCK_DIR_NAME}/); "
            "a chapter bank's questions appear on self-checks and notebooks, never in forms A-D"
        )
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
    if reference and (
        not isinstance(reference, dict) or not reference.get("url") or not reference.get("title")
    ):
        raise QuestionBankError(f"{path}: {where}: 'reference' needs a 'title' and a 'url'")
    reasoning_only = raw.get("reasoning_only", False)
    if not isinstance(reasoning_only, bool):
        raise QuestionBankError(f"{path}: {where}: 'reasoning_only' must be true or false")
    if reasoning_only and reference:
        raise QuestionBankError(
            f"{path}: {where}: 'reasoning_only: true' and a 'reference' contradict each other"
        )
    if not reasoning_only and not reference:
        raise QuestionBankError(
            f"{path}: {where}: missing 'reference' (the documentation page that states the "
            "fact deciding the answer); mark the question 'reasoning_only: true' if no "
            "platform fact decides it"
        )
    taught_in = str(raw["taught_in"]).strip()
    problem = check_taught_in(taught_in)
    if problem:
        raise QuestionBankError(f"{path}: {where}: {problem}")
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
        taught_in=taught_in,
        reasoning_only=reasoning_only,
        form=form,
    )


def load_bank(
    path: Path | str, objectives: ExamObjectives | None = None, pool: bool | None = None
) -> QuestionBank:
    """Read and validate one bank file; raise :class:`QuestionBankError` on any problem.

    ``pool`` says whether the bank belongs to the mock pool; by default, when it lies in a
    folder named ``mock``."""
    path = Path(path)
    pool = path.parent.name == MOCK_DIR_NAME if pool is None else pool
    objectives = objectives or exam_objectives()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
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
        _parse_question(raw, i, path, objectives, pool) for i, raw in enumerate(data["questions"])
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
        pool=pool,
    )


def bank_files(directory: Path | str = QUESTIONS_DIR) -> list[Path]:
    """The chapter banks in ``directory``, then the mock pool's in its ``mock`` folder."""
    directory = Path(directory)
    return sorted(directory.glob("*.yml")) + sorted((directory / MOCK_DIR_NAME).glob("*.yml"))


def load_all_banks(
    directory: Path | str = QUESTIONS_DIR, pool: bool = True
) -> dict[str, QuestionBank]:
    """Every bank in ``directory`` and its ``mock`` folder, validated, with ids unique across
    all of them. With ``pool=False``, only the chapter banks are returned (the pool is still
    read, so an id shared with it is still an error)."""
    banks = {}
    owner: dict[str, Path] = {}
    for path in bank_files(directory):
        bank = load_bank(path)
        if bank.name in banks:
            raise QuestionBankError(
                f"{path}: bank name {bank.name!r} is also used by {banks[bank.name].path}"
            )
        for question in bank.questions:
            if question.id in owner:
                raise QuestionBankError(
                    f"{path}: question {question.id!r}: duplicate id (also in {owner[question.id]})"
                )
            owner[question.id] = path
        banks[bank.name] = bank
    if not pool:
        return {name: bank for name, bank in banks.items() if not bank.pool}
    return banks


def pool_questions(banks: dict[str, QuestionBank]) -> list[Question]:
    """The questions of the mock pool among ``banks``, bank by bank in file order."""
    return [q for bank in banks.values() if bank.pool for q in bank.questions]


def get_bank(name: str) -> QuestionBank:
    """The bank ``questions/<name>.yml``, validated."""
    path = QUESTIONS_DIR / f"{name}.yml"
    if not path.exists():
        available = ", ".join(sorted(p.stem for p in QUESTIONS_DIR.glob("*.yml")))
        raise QuestionBankError(f"{path}: no such bank (available: {available})")
    return load_bank(path)
