"""Sphinx hooks for the Practice part: mock exams, "My progress", "Review my mistakes", the
diagnostic, and progress tracking on every page.

* ``{practice-exam} A`` (``A``-``D`` or ``random``), ``{my-progress}``,
  ``{review-mistakes}`` and ``{diagnostic}`` are replaced, once every page has been read,
  by a container that the practice scripts (:data:`PRACTICE_SCRIPTS`, loaded on those
  pages only) fill in, plus, embedded as JSON with links relative to the page, the book's
  chapters and the pages the study plan recommends (:func:`.study_plan.plan_pages`).
* The question data (:func:`mlpro_guide.content.practice.practice_data`) is written once
  per build to ``_static/practice-data.js`` (:data:`DATA_SCRIPT`), a script that sets
  ``window.mlproPracticeData``: every practice page loads the same file, so the browser
  fetches it once and caches it, and a ``<script src>`` works from ``file://`` too, where a
  ``fetch`` of JSON would be refused. It is written before the pages are, so Sphinx adds a
  checksum of its content to its address and a rebuilt bank is never read from a stale
  cache. What only a review shows (each option's reason, the explanation, the reference
  and the teaching section) is split off into ``_static/practice-review.js``
  (:data:`REVIEW_SCRIPT`, :func:`split_review`), which the page loads only when a learner
  reviews answers: a practice page opens with half the data.
* Every page gets ``review-schedule.js``, ``progress.js`` and ``practice.css`` (sidebar
  ticks, the "Mark this page as done" button, recording self-check answers and scheduling
  mistakes) and two ``<meta>`` tags that tell the script
  the page's document name and the way to the site root, so progress is keyed the same
  whether the site is served or opened from disk.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util import logging

from ..content.practice import FORM_NAMES, practice_data
from ..content.questions import QuestionBankError, bank_files, load_all_banks
from ..lab.paths import QUESTIONS_DIR
from . import study_plan  # the module: see the import cycle note in study_plan

logger = logging.getLogger(__name__)
ASSETS = Path(__file__).parent / "assets"
PRACTICE_SCRIPTS = (
    "practice-draw.js",
    "practice-ui.js",
    "practice-exam.js",
    "practice-results.js",
    "practice-my-progress.js",
    "practice-mistakes.js",
    "readiness.js",
    "practice-readiness.js",
    "practice-plan.js",
    "practice-diagnostic.js",
    "progress-transfer.js",
    "practice.js",
)
"""The practice pages' scripts, in the order they must load: each adds to the namespace
``window.mlproPractice`` that the first creates, and ``practice.js`` starts the page.
Plain scripts, no build step; each file's header says what it does and relies on."""
DATA_SCRIPT = "practice-data.js"
"""The question data shared by every practice page, written to ``_static`` by the build."""
REVIEW_SCRIPT = "practice-review.js"
"""The reasons, explanations and links a review shows, loaded on demand by the pages."""
REVIEW_FIELDS = ("explanation", "reference")
"""Fields only a review shows. A question's teaching section (``taughtIn``) stays in the
shared data: the study plan ranks pages by it as soon as a page opens."""
FLAG = "mlpro_practice"
PARTS_LEFT_OUT = ("Reference",)
"""Parts of the book the progress page does not count as chapters to read."""
FOLDERS_LEFT_OUT = ("book/practice/",)
"""Pages the progress page does not count either: the practice exams themselves."""


class practice_placeholder(nodes.General, nodes.Element):
    """Stands where a practice widget goes until all documents have been read."""


def _mark(env) -> None:
    env.metadata.setdefault(env.docname, {})[FLAG] = True
    for path in bank_files():
        env.note_dependency(str(path))


class PracticeExamDirective(Directive):
    """``{practice-exam} A``: a fixed form (A-D) or ``random`` (seed in the URL)."""

    required_arguments = 1

    def run(self):
        env = self.state.document.settings.env
        form = self.arguments[0].strip()
        if form not in (*FORM_NAMES, "random"):
            logger.warning(
                f"practice-exam: unknown form {form!r} (use one of {', '.join(FORM_NAMES)} "
                "or random)",
                location=(env.docname, self.lineno),
            )
            return []
        _mark(env)
        return [practice_placeholder("", kind="exam", form=form)]


class MyProgressDirective(Directive):
    """``{my-progress}``: progress per chapter and domain, weakest objectives first."""

    def run(self):
        _mark(self.state.document.settings.env)
        return [practice_placeholder("", kind="progress", form="")]


class ReviewMistakesDirective(Directive):
    """``{review-mistakes}``: every question answered wrongly, asked again."""

    def run(self):
        _mark(self.state.document.settings.env)
        return [practice_placeholder("", kind="mistakes", form="")]


class DiagnosticDirective(Directive):
    """``{diagnostic}``: the short first test, then the study plan built from the answers."""

    def run(self):
        _mark(self.state.document.settings.env)
        return [practice_placeholder("", kind="diagnostic", form="")]


def _visit(env, docname: str, docs: list[str]) -> None:
    """Append ``docname`` and the documents under it in the table of contents."""
    if docname in docs or docname not in env.found_docs:
        return
    docs.append(docname)
    for child in env.toctree_includes.get(docname, []):
        _visit(env, child, docs)


def _groups(env, toctree) -> list[tuple[str, list[str]]]:
    """(title, documents) per chapter of one part: an entry with pages under it is a
    chapter of its own; entries without any are grouped under the part's caption."""
    caption = toctree.get("caption") or ""
    groups: list[tuple[str, list[str]]] = []
    loose: list[str] = []
    for _, entry in toctree.get("entries", []):
        if entry.startswith(FOLDERS_LEFT_OUT):
            continue
        docs: list[str] = []
        _visit(env, entry, docs)
        if len(docs) > 1:
            title = env.titles[entry].astext() if entry in env.titles else entry
            groups.append((title, docs))
        else:
            loose.extend(docs)
    if loose:
        title = caption or (env.titles[loose[0]].astext() if loose[0] in env.titles else "")
        groups.insert(0, (title, loose))
    return groups


def chapters(app: Sphinx, fromdocname: str) -> list[dict]:
    """The book's chapters (but the practice pages and the Reference part) with their
    documents and banks."""
    from sphinx import addnodes

    env = app.env
    root = env.config.root_doc
    banks = {path.stem for path in QUESTIONS_DIR.glob("*.yml")}
    result = []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if (toctree.get("caption") or "") in PARTS_LEFT_OUT:
            continue
        for title, docs in _groups(env, toctree):
            areas = {part for doc in docs for part in doc.split("/")[1:2]}
            result.append(
                {
                    "title": title,
                    "docs": [
                        {
                            "doc": doc,
                            "title": env.titles[doc].astext() if doc in env.titles else doc,
                            "href": app.builder.get_relative_uri(fromdocname, doc),
                        }
                        for doc in docs
                    ],
                    "banks": sorted(areas & banks),
                }
            )
    return result


def _json_script(payload, kind: str = "chapters") -> str:
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="mlpro-practice-{kind}">{text}</script>'


def _script(name: str, payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return f"window.{name} = {text};\n"


def split_review(payload: dict) -> tuple[dict, dict]:
    """``payload`` (:func:`practice_data`) without what only a review shows, and that part:
    question id -> its options' reasons (in the exported order), explanation and
    reference."""
    questions, review = {}, {}
    for qid, question in payload["questions"].items():
        review[qid] = {field: question[field] for field in REVIEW_FIELDS}
        review[qid]["reasons"] = [option["reason"] for option in question["options"]]
        questions[qid] = {k: v for k, v in question.items() if k not in REVIEW_FIELDS}
        questions[qid]["options"] = [
            {k: v for k, v in option.items() if k != "reason"} for option in question["options"]
        ]
    return {**payload, "questions": questions}, review


def data_scripts(payload: dict) -> tuple[str, str]:
    """The texts of :data:`DATA_SCRIPT` and :data:`REVIEW_SCRIPT`: each one statement
    setting ``window.mlproPracticeData`` or ``window.mlproPracticeReview``. The data names
    a digest of the review, so the page asks for the review of its own build."""
    data, review = split_review(payload)
    review_text = _script("mlproPracticeReview", review)
    data["reviewVersion"] = hashlib.sha256(review_text.encode("utf-8")).hexdigest()[:12]
    return _script("mlproPracticeData", data), review_text


def _data_texts(app: Sphinx) -> tuple[str, str] | None:
    """The data scripts for this build, computed once (``None`` when the banks are invalid:
    the practice pages then warn, and the strict build stops)."""
    if not hasattr(app, "_mlpro_practice_data"):
        try:
            app._mlpro_practice_data = data_scripts(practice_data())
        except (QuestionBankError, ValueError):
            app._mlpro_practice_data = None
    return app._mlpro_practice_data


NOSCRIPT = (
    '<noscript><p class="mlpro-px-notice">This page needs JavaScript: the mock exams and '
    "your progress run in your browser, and nothing is sent anywhere.</p></noscript>"
)


def _replace_placeholders(app: Sphinx, doctree, fromdocname: str) -> None:
    placeholders = list(doctree.findall(practice_placeholder))
    if not placeholders:
        return
    if _data_texts(app) is None:
        try:
            practice_data()
        except (QuestionBankError, ValueError) as error:
            logger.warning(f"practice: {error}", location=fromdocname)
        for placeholder in placeholders:
            placeholder.replace_self([])
        return
    for number, placeholder in enumerate(placeholders):
        kind, form = placeholder["kind"], placeholder["form"]
        markup = (
            f'<div class="mlpro-practice" data-kind="{kind}" data-form="{form}">'
            f'{NOSCRIPT}<p class="mlpro-px-loading">Loading...</p></div>'
        )
        if number == 0:
            markup += _json_script(chapters(app, fromdocname))
            markup += _json_script(
                study_plan.plan_pages(app, fromdocname, load_all_banks()), "pages"
            )
        placeholder.replace_self(nodes.raw("", markup, format="html"))


def _always_reread(app, env, added, changed, removed):
    """The progress page lists every chapter, so practice pages are re-read every build."""
    return [name for name, meta in env.metadata.items() if meta.get(FLAG)]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    depth = pagename.count("/")
    root = "../" * depth or "./"
    context["metatags"] = context.get("metatags", "") + (
        f'<meta name="mlpro-docname" content="{pagename}"><meta name="mlpro-root" content="{root}">'
    )
    if app.env.metadata.get(pagename, {}).get(FLAG):
        if _data_texts(app) is not None:
            app.add_js_file(DATA_SCRIPT)
        for script in PRACTICE_SCRIPTS:
            app.add_js_file(script)


def _write_data(app: Sphinx, env) -> None:
    """Write :data:`DATA_SCRIPT` and :data:`REVIEW_SCRIPT` into the site's ``_static`` folder
    once every page has been read and before any is written."""
    if app.builder.format != "html":
        return
    if not any(meta.get(FLAG) for meta in app.env.metadata.values()):
        return
    texts = _data_texts(app)
    if texts is not None:
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        for name, text in zip((DATA_SCRIPT, REVIEW_SCRIPT), texts, strict=True):
            (static / name).write_text(text, encoding="utf-8")


def _static_path(app: Sphinx, config) -> None:
    folder = str(ASSETS)
    if folder not in config.html_static_path:
        config.html_static_path.append(folder)


def setup(app: Sphinx):
    app.connect("config-inited", _static_path)
    app.connect("env-get-outdated", _always_reread)
    app.connect("doctree-resolved", _replace_placeholders)
    app.connect("html-page-context", _page_context)
    app.connect("env-updated", _write_data)
    app.add_node(practice_placeholder)
    app.add_directive("practice-exam", PracticeExamDirective)
    app.add_directive("my-progress", MyProgressDirective)
    app.add_directive("review-mistakes", ReviewMistakesDirective)
    app.add_directive("diagnostic", DiagnosticDirective)
    app.add_js_file("review-schedule.js")  # progress.js schedules mistakes with it
    app.add_js_file("progress.js")
    app.add_css_file("practice.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
