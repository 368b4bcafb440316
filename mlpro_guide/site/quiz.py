"""Render a question bank as an accessible, self-contained HTML quiz.

The same markup serves the static site (through the ``quiz`` directive) and JupyterLab
(through :func:`show_quiz`). It needs no kernel and no network:

* each question is a ``<fieldset>`` with a ``<legend>`` (the stem, drawn inside the box)
  and native radio inputs with labels, so arrow keys move between options without grading;
  the fieldset carries ``data-bank``, ``data-question-id`` and ``data-objectives``;
* the script adds a "Check answer" button to each question (a notebook whose script does
  not run shows no dead button) and announces the result in a ``role=status`` region;
* after checking, the options lock, every option's reason and the explanation appear,
  marked in words and symbols, never colour alone, and the score (first attempts only) is
  updated at the top and the bottom of the quiz; "Try again" is allowed but not scored;
* on the first, scored, attempt the script dispatches ``mlpro:answered`` on ``document``;
* after a wrong answer, "Review:" links go first to the section that teaches the answer
  (the question's ``taught_in``, carried as ``data-taught-in``, a link from the book's
  root, and ``data-taught-in-title``), then to the pages that teach the question's
  objectives (from ``window.mlproObjectivePages``, see :mod:`.quiz_links`);
* :func:`self_check_sections` orders a chapter's self-check so that it complements the
  notebook quizzes instead of repeating them, and a self-check is cut into parts of one
  sitting each (:func:`split_into_parts`), listed at the top with the minutes each takes;
  the script adds filters (all, unanswered, missed, one part) and a "next unanswered" jump;
* where the book's progress script runs, the quiz shows the learner's first answers from
  stored progress on load (answered, locked, with their feedback), so the page and "My
  progress" count the same first attempts;
* without JavaScript a ``<details>`` element holds the answer and the explanation;
* all bank text is HTML-escaped; `backticks` become ``<code>``;
* options are shown in the order :mod:`..content.answer_order` gives for this quiz's sequence of
  questions (balanced and pattern-free in the order shown, seeded by the quiz key), and
  letters are assigned after that shuffle, so neither the YAML nor the letter a question
  had in another quiz is a cue;
* ids are derived from the bank and question ids, so output is identical run to run.
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..content.answer_order import sequence_options
from ..content.page_anchors import section_title
from ..content.questions import (
    OPTION_LETTERS,
    Option,
    Question,
    QuestionBank,
    QuestionBankError,
    format_text,
    get_bank,
)
from ..lab.paths import REPO_ROOT

SITTING_MINUTES = 20
"""The most a self-check part should take to answer and read the feedback of: one sitting."""

DIFFICULTY_WORDS = {1: "recall", 2: "apply", 3: "judge"}


@lru_cache(maxsize=1)
def quiz_assets() -> tuple[str, str]:
    """The quiz stylesheet and script shipped with the package."""
    folder = resources.files("mlpro_guide.site") / "assets"
    return (folder / "quiz.css").read_text(encoding="utf-8"), (folder / "quiz.js").read_text(
        encoding="utf-8"
    )


def quiz_key(bank: QuestionBank, questions: tuple[Question, ...]) -> str:
    """A short, stable id for one quiz: the bank name plus a digest of its question ids."""
    digest = hashlib.sha1("|".join(q.id for q in questions).encode()).hexdigest()[:8]
    return f"{re.sub(r'[^a-z0-9-]', '-', bank.name.lower())}-{digest}"


def _objective_line(question: Question) -> str:
    objectives = ", ".join(question.objectives)
    word = DIFFICULTY_WORDS[question.difficulty]
    return (
        f'<p class="mlpro-meta">Objective {html.escape(objectives)} · '
        f"difficulty {question.difficulty} of 3 ({word})</p>"
    )


def _taught_in_attributes(question: Question) -> str:
    """``data-taught-in`` (a link from the book's root) and the heading's text."""
    if not question.taught_in:
        return ""
    title = section_title(question.taught_in)
    return (
        f' data-taught-in="{html.escape(question.taught_in_href)}"'
        f' data-taught-in-title="{html.escape(title)}"'
    )


def _render_question(
    question: Question, shown: tuple[Option, ...], number: int, key: str, bank_name: str
) -> str:
    """One question with its options in the displayed order ``shown``."""
    qid = f"{key}-{re.sub(r'[^A-Za-z0-9-]', '-', question.id)}"
    best = next(i for i, option in enumerate(shown) if option.correct)
    answer = OPTION_LETTERS[best]
    options = []
    for letter, option in zip(OPTION_LETTERS, shown, strict=True):
        input_id = f"{qid}-{letter.lower()}"
        options.append(
            f'<div class="mlpro-option" data-letter="{letter}">'
            f'<input type="radio" id="{input_id}" name="{qid}" value="{letter}">'
            f'<label for="{input_id}"><span class="mlpro-letter">{letter}.</span> '
            f"{format_text(option.text)}</label>"
            f'<p class="mlpro-reason" hidden>{format_text(option.reason)}</p>'
            "</div>"
        )
    reference = ""
    if question.reference_url:
        reference = (
            f' <a class="mlpro-reference" href="{html.escape(question.reference_url)}">'
            f"Documentation: {format_text(question.reference_title or question.reference_url)}</a>"
        )
    fallback_reasons = "".join(
        f"<li><strong>{letter}</strong>{' (best answer)' if o.correct else ''}: "
        f"{format_text(o.reason)}</li>"
        for letter, o in zip(OPTION_LETTERS, shown, strict=True)
    )
    return (
        f'<fieldset class="mlpro-question" id="{qid}" data-answer="{answer}" '
        f'data-bank="{html.escape(bank_name)}" data-question-id="{html.escape(question.id)}" '
        f'data-objectives="{html.escape(" ".join(question.objectives))}"'
        f"{_taught_in_attributes(question)} "
        'data-lm-suppress-shortcuts="true">'
        f'<legend><span class="mlpro-number">Question {number}.</span> '
        f"{format_text(question.stem)}</legend>"
        f"{_objective_line(question)}"
        f'<div class="mlpro-options">{"".join(options)}</div>'
        f'<div class="mlpro-controls"></div>'
        f'<p class="mlpro-feedback" role="status" aria-live="polite"></p>'
        f'<p class="mlpro-review" hidden></p>'
        f'<div class="mlpro-explanation" hidden><p><strong>Explanation.</strong> '
        f"{format_text(question.explanation)}{reference}</p></div>"
        f'<details class="mlpro-fallback"><summary>Show the answer to question {number}'
        f"</summary><p>Best answer: <strong>{answer}</strong>. "
        f"{format_text(shown[best].text)}</p>"
        f"<ul>{fallback_reasons}</ul><p>{format_text(question.explanation)}{reference}</p>"
        "</details>"
        "</fieldset>"
    )


@dataclass(frozen=True)
class QuizSection:
    """A headed group of questions within one quiz."""

    heading: str
    intro: str
    ids: tuple[str, ...]


def question_minutes(question: Question) -> float:
    """Minutes to read a question, its options, every option's reason and the explanation
    (what a learner reads to answer it and then to learn from the feedback), at the book's
    reading pace."""
    # The page banners' pace; imported here so that show_quiz in a notebook needs no Sphinx.
    from .navigation import _WORD, PROSE_WORDS_PER_MINUTE

    texts = [question.stem, question.explanation]
    texts += [text for option in question.options for text in (option.text, option.reason)]
    return sum(len(_WORD.findall(text)) for text in texts) / PROSE_WORDS_PER_MINUTE


def split_into_parts(
    questions: tuple[Question, ...] | list[Question], limit: float = SITTING_MINUTES
) -> list[tuple[Question, ...]]:
    """``questions`` in order, cut into as few runs as keep each under ``limit`` minutes on
    average, the runs as equal in length as possible (a long question makes no part
    much longer than the others)."""
    questions = tuple(questions)
    if not questions:
        return []
    total = sum(question_minutes(q) for q in questions)
    count = min(len(questions), max(1, math.ceil(total / limit)))
    size, extra = divmod(len(questions), count)
    parts, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        parts.append(questions[start:end])
        start = end
    return parts


def part_minutes(questions: tuple[Question, ...]) -> int:
    """Whole minutes (at least one) for a part of a self-check."""
    return max(1, math.ceil(sum(question_minutes(q) for q in questions)))


def render_quiz_html(
    bank: QuestionBank,
    ids: list[str] | tuple[str, ...] | None = None,
    tags: list[str] | None = None,
    title: str | None = None,
    sections: list[QuizSection] | tuple[QuizSection, ...] | None = None,
) -> str:
    """The quiz markup (with its style and script inline) for a bank or a subset of it.

    With ``sections`` (a chapter's self-check), the questions are those the sections list,
    in that order, each group under its own heading; numbering and the score run across
    the whole quiz. Each group is cut into parts of one sitting (:func:`split_into_parts`),
    numbered across the quiz, each headed with its questions and its minutes and listed
    at the top of the quiz.
    """
    if sections:
        groups = [(s, bank.select(ids=list(s.ids))) for s in sections if s.ids]
        questions = tuple(q for _, group in groups for q in group)
    else:
        questions = bank.select(ids=ids, tags=tags)
        groups = [(None, questions)]
    key = quiz_key(bank, questions)
    arranged = sequence_options(f"quiz|{key}", questions)
    shown = {q.id: options for q, options in zip(questions, arranged, strict=True)}
    css, js = quiz_assets()
    heading = html.escape(title or f"Self-check: {bank.title}")
    split = [
        (section, split_into_parts(group) if section else [group]) for section, group in groups
    ]
    n_parts = sum(len(parts) for _, parts in split)
    body, contents, number, part_number, all_minutes = [], [], 0, 0, 0
    for section, parts in split:
        if section is not None:
            body.append(
                '<div class="mlpro-group">'
                f'<h2 class="mlpro-section-heading">{html.escape(section.heading)}</h2>'
                + (
                    f'<p class="mlpro-section-intro">{format_text(section.intro)}</p>'
                    if section.intro
                    else ""
                )
            )
        for part in parts:
            rendered = []
            for question in part:
                number += 1
                rendered.append(
                    _render_question(question, shown[question.id], number, key, bank.name)
                )
            if section is None:
                body.extend(rendered)
                continue
            part_number += 1
            first, last = number - len(part) + 1, number
            span = f"question {first}" if first == last else f"questions {first}\u2013{last}"
            minutes = part_minutes(part)
            all_minutes += minutes
            label = f"Part {part_number} of {n_parts}: {span}, about {minutes} min"
            anchor = f"quiz-{key}-part-{part_number}"
            body.append(
                f'<div class="mlpro-part" id="{anchor}" data-part="{part_number}">'
                f'<h3 class="mlpro-part-heading">{html.escape(label)}</h3>'
                f"{''.join(rendered)}</div>"
            )
            contents.append(
                f'<li><a href="#{anchor}">Part {part_number}</a>: {span}, about {minutes} min'
                f' <span class="mlpro-part-progress" data-part="{part_number}"></span></li>'
            )
        if section is not None:
            body.append("</div>")
    total = len(questions)
    plural = "s" if total != 1 else ""
    parts_list = ""
    if sections:
        parts_list = (
            f'<nav class="mlpro-parts" aria-label="Parts of this self-check">'
            f"<p>{n_parts} part{'s' if n_parts != 1 else ''}, each one sitting "
            f"(about {all_minutes} min in all, reading every option's reason and the "
            f"explanation):</p><ol>{''.join(contents)}</ol></nav>"
        )
    self_check = ' data-self-check="true"' if sections else ""
    return (
        f"<style>{css}</style>"
        f'<section class="mlpro-quiz" id="quiz-{key}" aria-label="{heading}"{self_check}>'
        f'<p class="mlpro-quiz-title"><strong>{heading}</strong> · {total} '
        f"question{plural}. Choose an option, then check it. Only your first answer to each "
        "question counts for the score; after it you may try again, unscored.</p>"
        f'<p class="mlpro-progress" data-total="{total}" hidden></p>'
        f"{parts_list}"
        f"{''.join(body)}"
        f'<p class="mlpro-score" role="status" aria-live="polite" data-total="{total}">'
        f"</p>"
        "</section>"
        f"<script>{js}</script>"
    )


_NOTEBOOKS_DIR = REPO_ROOT / "notebooks"


def _quiz_calls(source: str) -> list[tuple[str, list[str] | None, list[str] | None]]:
    """``(bank, ids, tags)`` for each literal ``show_quiz("bank", ids=[...])`` call."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show_quiz"):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        found: dict[str, list[str] | None] = {"ids": None, "tags": None}
        for keyword in node.keywords:
            if keyword.arg in found:
                try:
                    found[keyword.arg] = [str(v) for v in ast.literal_eval(keyword.value)]
                except ValueError:
                    pass
        calls.append((str(node.args[0].value), found["ids"], found["tags"]))
    return calls


def notebook_quizzes(
    bank: QuestionBank, notebooks_dir: Path = _NOTEBOOKS_DIR
) -> dict[Path, list[str]]:
    """Each notebook that shows questions of ``bank``, with their ids in the order asked."""
    asked: dict[Path, list[str]] = {}
    for path in sorted(Path(notebooks_dir).rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, json.JSONDecodeError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            if "show_quiz" not in source:
                continue
            for name, ids, tags in _quiz_calls(source):
                if name != bank.name or (ids is None and tags is None):
                    continue
                try:
                    chosen = bank.select(ids=ids, tags=tags)
                except QuestionBankError:
                    continue
                asked.setdefault(path, []).extend(q.id for q in chosen)
    return asked


def self_check_sections(
    bank: QuestionBank, notebooks_dir: Path = _NOTEBOOKS_DIR
) -> tuple[QuizSection, ...]:
    """A chapter self-check that complements its notebooks' quizzes.

    First the questions no notebook asks, in bank order; then, under their own heading,
    the questions the notebooks ask, in a different order: each notebook's list reversed,
    then taken in turn from each notebook, so no notebook's questions come back in the
    order (or as the block) the notebook showed them.
    """
    per_notebook = [ids for ids in notebook_quizzes(bank, notebooks_dir).values()]
    in_notebooks: set[str] = {i for ids in per_notebook for i in ids}
    fresh = tuple(q.id for q in bank.questions if q.id not in in_notebooks)
    queues = [list(reversed(ids)) for ids in per_notebook]
    revisited: list[str] = []
    while any(queues):
        for queue in queues:
            while queue and queue[0] in revisited:
                queue.pop(0)
            if queue:
                revisited.append(queue.pop(0))
    sections = []
    if fresh:
        sections.append(
            QuizSection(
                "Questions the notebooks do not ask",
                "New questions on this chapter: none of them appears at the end of a notebook.",
                fresh,
            )
        )
    if revisited:
        sections.append(
            QuizSection(
                "Revisit: questions from the notebooks",
                "The chapter's notebooks end with these questions; here they come in a "
                "different order, mixed across notebooks.",
                tuple(revisited),
            )
        )
    return tuple(sections)


class QuizDisplay:
    """What :func:`show_quiz` returns: shown as the interactive quiz in Jupyter."""

    def __init__(self, markup: str, n_questions: int):
        self.markup = markup
        self.n_questions = n_questions

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<quiz with {self.n_questions} questions; open in Jupyter to answer>"


def show_quiz(
    bank: str, ids: list[str] | None = None, tags: list[str] | None = None, title=None
) -> QuizDisplay:
    """Render ``questions/<bank>.yml`` (or the questions picked by ids or tags) for Jupyter."""
    loaded = get_bank(bank)
    markup = render_quiz_html(loaded, ids=ids, tags=tags, title=title)
    return QuizDisplay(markup, len(loaded.select(ids=ids, tags=tags)))
