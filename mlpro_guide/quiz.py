"""Render a question bank as an accessible, self-contained HTML quiz.

The same markup serves the static site (through the ``quiz`` directive) and JupyterLab
(through :func:`show_quiz`). It needs no kernel and no network:

* each question is a ``<fieldset>`` with a ``<legend>`` and native radio inputs with labels,
  so arrow keys move between options without grading;
* the script adds a "Check answer" button to each question (a notebook whose script does
  not run shows no dead button) and announces the result in a ``role=status`` region;
* after checking, every option's reason and the explanation appear, marked in words and
  symbols, never colour alone, and a running score is updated;
* without JavaScript a ``<details>`` element holds the answer and the explanation;
* all bank text is HTML-escaped; `backticks` become ``<code>``;
* options are shown in the order :mod:`.answer_order` gives (shuffled, balanced, seeded by
  the bank and question ids), and letters are assigned after that shuffle, so the position
  of the best answer in the YAML file is never a cue;
* ids are derived from the bank and question ids, so output is identical run to run.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from importlib import resources

from .answer_order import displayed_options
from .questions import OPTION_LETTERS, Option, Question, QuestionBank, get_bank

DIFFICULTY_WORDS = {1: "recall", 2: "apply", 3: "judge"}
_CODE_SPAN = re.compile(r"`([^`]+)`")


def format_text(text: str) -> str:
    """Escape ``text`` for HTML, then turn `backtick spans` into ``<code>`` elements."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text, quote=True))


@lru_cache(maxsize=1)
def quiz_assets() -> tuple[str, str]:
    """The quiz stylesheet and script shipped with the package."""
    folder = resources.files("mlpro_guide") / "assets"
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


def _render_question(question: Question, shown: tuple[Option, ...], number: int, key: str) -> str:
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
        f'data-question-id="{html.escape(question.id)}" data-lm-suppress-shortcuts="true">'
        f'<legend><span class="mlpro-number">Question {number}.</span> '
        f"{format_text(question.stem)}</legend>"
        f"{_objective_line(question)}"
        f'<div class="mlpro-options">{"".join(options)}</div>'
        f'<div class="mlpro-controls"></div>'
        f'<p class="mlpro-feedback" role="status" aria-live="polite"></p>'
        f'<div class="mlpro-explanation" hidden><p><strong>Explanation.</strong> '
        f"{format_text(question.explanation)}{reference}</p></div>"
        f'<details class="mlpro-fallback"><summary>Show the answer to question {number}'
        f"</summary><p>Best answer: <strong>{answer}</strong>. "
        f"{format_text(shown[best].text)}</p>"
        f"<ul>{fallback_reasons}</ul><p>{format_text(question.explanation)}{reference}</p>"
        "</details>"
        "</fieldset>"
    )


def render_quiz_html(
    bank: QuestionBank,
    ids: list[str] | tuple[str, ...] | None = None,
    tags: list[str] | None = None,
    title: str | None = None,
) -> str:
    """The quiz markup (with its style and script inline) for a bank or a subset of it."""
    questions = bank.select(ids=ids, tags=tags)
    key = quiz_key(bank, questions)
    css, js = quiz_assets()
    heading = html.escape(title or f"Self-check: {bank.title}")
    body = "".join(
        _render_question(q, displayed_options(bank, q), n, key)
        for n, q in enumerate(questions, start=1)
    )
    return (
        f"<style>{css}</style>"
        f'<section class="mlpro-quiz" id="quiz-{key}" aria-label="{heading}">'
        f'<p class="mlpro-quiz-title"><strong>{heading}</strong> · {len(questions)} '
        f"question{'s' if len(questions) != 1 else ''}. Choose an option, then check it.</p>"
        f"{body}"
        f'<p class="mlpro-score" role="status" aria-live="polite" data-total="{len(questions)}">'
        f"</p>"
        "</section>"
        f"<script>{js}</script>"
    )


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
