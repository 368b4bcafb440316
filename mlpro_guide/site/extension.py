"""Sphinx extension: quizzes, the generated exam map, and checks that fail the build.

* ``quiz`` directive: ``{quiz} promotion`` renders a bank (options ``:ids:`` and ``:tags:``).
* ``exam-map`` directive: replaced, once every page has been read, by a table of every
  objective with the pages and notebooks that teach it and the self-checks that test it:
  the number of questions per bank and a link to each question on its self-check page.
* ``sources`` directive: replaced by the pages that teach objectives, oldest ``verified``
  month first, each with the documentation it cites, then the references of the questions.
* At start-up every question bank is validated; each problem is a Sphinx warning naming
  the file and question, so ``-W`` turns it into a failed build.
* ``mlpro_max_threads`` caps BLAS/OpenMP threads for the notebook kernels the build starts,
  and those kernels get the test run's quiet warnings filter
  (:func:`mlpro_guide.lab.notebook_outputs.quiet_kernel_warnings`).
* It is the one extension ``_config.yml`` names: it sets up the site's styles
  (:mod:`.styles`), the quiz review links (:mod:`.quiz_links`), the practice pages
  (:mod:`.practice_pages`), the flashcards (:mod:`.flashcard_pages`) and the navigation
  (:mod:`.navigation`).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from itertools import groupby
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.util import logging

from ..content.exam_map import FrontMatterError, collect_coverage, objective_status, practice_pages
from ..content.objectives import ObjectivesError, exam_objectives
from ..content.questions import QuestionBankError, get_bank, load_all_banks
from ..content.sources import by_verification_date, needs_verification, page_sources, verified_of
from ..lab.notebook_outputs import quiet_kernel_warnings
from ..lab.paths import OBJECTIVES_FILE, QUESTIONS_DIR
from ..lab.threads import set_thread_defaults
from .navigation import register_generated_content
from .quiz import notebook_quizzes, render_quiz_html, self_check_sections
from .styles import add_print_stylesheet

logger = logging.getLogger(__name__)


def _list_option(value: str) -> list[str]:
    return [item.strip() for item in value.replace(",", " ").split() if item.strip()]


class QuizDirective(Directive):
    """``{quiz} <bank>`` with optional ``:ids: a, b`` or ``:tags: x``.

    ``:self-check:`` renders the whole bank for a chapter's self-check page: first the
    questions no notebook asks, then, under their own heading and in another order, the
    ones the notebooks' ``show_quiz`` calls ask (see :func:`.quiz.self_check_sections`).
    """

    required_arguments = 1
    option_spec = {
        "ids": _list_option,
        "tags": _list_option,
        "title": directives.unchanged,
        "self-check": directives.flag,
    }

    def run(self):
        env = self.state.document.settings.env
        bank_name = self.arguments[0]
        env.note_dependency(str(QUESTIONS_DIR / f"{bank_name}.yml"))
        try:
            bank = get_bank(bank_name)
            sections = None
            if "self-check" in self.options:
                for notebook in notebook_quizzes(bank):
                    env.note_dependency(str(notebook))
                sections = self_check_sections(bank)
            markup = render_quiz_html(
                bank,
                ids=self.options.get("ids"),
                tags=self.options.get("tags"),
                title=self.options.get("title"),
                sections=sections,
            )
        except QuestionBankError as error:
            logger.warning(str(error), location=(env.docname, self.lineno))
            return []
        return [nodes.raw("", markup, format="html")]


class exam_map_placeholder(nodes.General, nodes.Element):
    """Stands where the exam map goes until all documents have been read."""


class ExamMapDirective(Directive):
    """``{exam-map}``: the table of objectives and what covers them."""

    def run(self):
        env = self.state.document.settings.env
        env.note_dependency(str(QUESTIONS_DIR))
        return [exam_map_placeholder("")]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _render_exam_map(app: Sphinx, fromdocname: str) -> str:
    env = app.env
    objectives = exam_objectives()
    banks = load_all_banks()
    documents = {name: Path(env.doc2path(name)) for name in env.found_docs}
    status, _ = objective_status(objectives, documents, banks)
    practice = practice_pages(documents)

    def title_of(docname: str) -> str:
        return env.titles[docname].astext() if docname in env.titles else docname

    def href(docname: str) -> str:
        return html.escape(app.builder.get_relative_uri(fromdocname, docname))

    def taught_link(docname: str) -> str:
        kind = "notebook" if documents[docname].suffix == ".ipynb" else "page"
        return f'<a href="{href(docname)}">{html.escape(title_of(docname))}</a> ({kind})'

    anchors = {bank: question_anchors(env, page) for bank, page in practice.items()}

    def tested_link(bank_name: str, count: int, objective_id: str) -> str:
        label = html.escape(banks[bank_name].title if bank_name in banks else bank_name)
        if bank_name not in practice:
            return f"{label}: {_count(count, 'question')}"
        page = practice[bank_name]
        title = html.escape(title_of(page))
        found = sorted(
            anchors[bank_name][question.id]
            for question in banks[bank_name].questions
            if objective_id in question.objectives and question.id in anchors[bank_name]
        )
        numbers = ", ".join(
            f'<a href="{href(page)}#{html.escape(anchor)}" '
            f'aria-label="{title}, question {number}">{number}</a>'
            for number, anchor in found
        )
        return f'<a href="{href(page)}">{title}</a>: {_count(count, "question")}' + (
            f" ({numbers})" if numbers else ""
        )

    mock_page = next((d for d in sorted(env.found_docs) if d.endswith("practice/index")), None)

    def pool_line(count: int) -> str:
        label = "Mock exams A-D"
        if mock_page:
            label = f'<a href="{href(mock_page)}">{label}</a>'
        return f'<span class="mlpro-in-pool">{label}: {_count(count, "question")}</span>'

    taught = sum(1 for s in status.values() if s.taught_in)
    asked = sum(1 for s in status.values() if s.tested_in)
    chapter_questions = sum(len(b.questions) for b in banks.values() if not b.pool)
    pool_questions = sum(len(b.questions) for b in banks.values() if b.pool)
    n = len(objectives.objectives)
    parts = [
        '<div class="mlpro-exam-map">',
        f"<p><strong>Coverage:</strong> {taught} of {n} objectives "
        f"({100 * taught / n:.0f}%) are taught by at least one page or notebook; "
        f"{asked} of {n} ({100 * asked / n:.0f}%) are tested by at least one self-check "
        f"question; {_count(chapter_questions, 'question')} in the chapters' self-checks and "
        f"notebooks, and {pool_questions} more reserved for mock exams A-D, which no "
        "self-check shows.</p>",
    ]
    for domain_id, domain_title, weight in objectives.domains:
        domain_objectives = [o for o in objectives.objectives if o.domain_id == domain_id]
        covered = sum(1 for o in domain_objectives if status[o.id].taught_in)
        parts.append(
            f'<h2 id="domain-{domain_id}">Domain {domain_id}: {html.escape(domain_title)} '
            f"({weight}% of the exam)</h2>"
            f"<p>{covered} of {len(domain_objectives)} objectives taught.</p>"
            '<table class="table mlpro-exam-map-table"><thead><tr>'
            '<th scope="col">Id</th><th scope="col">Objective</th>'
            '<th scope="col">Taught in</th><th scope="col">Tested in</th>'
            "</tr></thead><tbody>"
        )
        for objective in domain_objectives:
            entry = status[objective.id]
            taught_in = (
                "<br>".join(taught_link(d) for d in entry.taught_in)
                if entry.taught_in
                else "<em>Not taught yet</em>"
            )
            tested = [tested_link(b, c, objective.id) for b, c in entry.tested_in.items()]
            if entry.in_pool:
                tested.append(pool_line(entry.in_pool))
            tested_in = "<br>".join(tested) if tested else "<em>No questions yet</em>"
            parts.append(
                f'<tr id="objective-{objective.id.replace(".", "-")}">'
                f"<td>{objective.id}</td><td>{html.escape(objective.text)}</td>"
                f'<td class="mlpro-taught-in">{taught_in}</td>'
                f'<td class="mlpro-tested-in">{tested_in}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append(f"<p><em>Source:</em> {html.escape(objectives.source_note)}</p></div>")
    return "".join(parts)


_QUESTION = re.compile(
    r'<fieldset class="mlpro-question" id="([^"]+)"[^>]*?data-question-id="([^"]+)"'
    r'.*?<span class="mlpro-number">Question (\d+)\.</span>',
    re.DOTALL,
)


def question_anchors(env, docname: str) -> dict[str, tuple[int, str]]:
    """Question id -> (number shown, element id) for each quiz question on ``docname``, read
    from the page as it was rendered, so the exam map can link each question itself."""
    found: dict[str, tuple[int, str]] = {}
    for raw in env.get_doctree(docname).findall(nodes.raw):
        for anchor, question_id, number in _QUESTION.findall(raw.astext()):
            found.setdefault(html.unescape(question_id), (int(number), anchor))
    return found


def _replace_exam_map(app: Sphinx, doctree, fromdocname: str) -> None:
    for placeholder in doctree.findall(exam_map_placeholder):
        placeholder.replace_self(nodes.raw("", _render_exam_map(app, fromdocname), format="html"))


class sources_placeholder(nodes.General, nodes.Element):
    """Stands where the Sources list goes until all documents have been read."""


class SourcesDirective(Directive):
    """``{sources}``: pages by verification date, with the documentation they cite."""

    def run(self):
        self.state.document.settings.env.note_dependency(str(QUESTIONS_DIR))
        return [sources_placeholder("")]


def _render_sources(app: Sphinx, fromdocname: str) -> str:
    env = app.env
    documents = {name: Path(env.doc2path(name)) for name in env.found_docs}
    docname_of = {path: name for name, path in documents.items()}
    pages = by_verification_date(
        [page_sources(path) for path in documents.values() if needs_verification(path)]
    )

    def link(url: str, text: str) -> str:
        return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'

    parts = [
        '<div class="mlpro-sources">',
        f"<p><strong>{_count(len(pages), 'page')}</strong> state platform facts. "
        "Re-check the oldest first.</p>",
    ]
    for month, group in groupby(pages, key=lambda page: page.verified):
        label = f"Verified {month}" if month else "Never verified"
        parts.append(
            f'<h2 id="verified-{month or "never"}">{label}</h2><ul class="mlpro-sources-pages">'
        )
        for page in group:
            docname = docname_of[page.path]
            title = env.titles[docname].astext() if docname in env.titles else docname
            uri = app.builder.get_relative_uri(fromdocname, docname)
            cited = (
                "<ul>"
                + "".join(f"<li>{link(url, text)}</li>" for text, url in page.links)
                + "</ul>"
                if page.links
                else " <em>(cites no documentation page itself)</em>"
            )
            parts.append(
                f'<li data-page="{html.escape(docname)}" data-verified="{month or ""}">'
                f"{link(uri, title)}{cited}</li>"
            )
        parts.append("</ul>")
    banks = load_all_banks()
    parts.append('<h2 id="question-references">Question references</h2>')
    parts.append(
        "<p>The documentation a question's answer depends on, with the questions that cite it.</p>"
    )
    for bank in banks.values():
        cited_by: dict[str, tuple[str, list[str]]] = {}
        for question in bank.questions:
            if question.reference_url:
                title = question.reference_title or question.reference_url
                cited_by.setdefault(question.reference_url, (title, []))[1].append(question.id)
        items = "".join(
            f"<li>{link(url, title)}: {html.escape(', '.join(ids))}</li>"
            for url, (title, ids) in cited_by.items()
        )
        parts.append(
            f"<h3>{html.escape(bank.title)}</h3>"
            + (f"<ul>{items}</ul>" if items else "<p><em>No question cites a page.</em></p>")
        )
    parts.append("</div>")
    return "".join(parts)


def _replace_sources(app: Sphinx, doctree, fromdocname: str) -> None:
    for placeholder in doctree.findall(sources_placeholder):
        placeholder.replace_self(nodes.raw("", _render_sources(app, fromdocname), format="html"))


def _always_rebuild_exam_map(app, env, added, changed, removed):
    """The exam map and the Sources page depend on every page, so they are re-read on
    every build."""
    return [name for name in env.found_docs if name.endswith(("exam-map", "sources"))]


def _validate_data(app: Sphinx) -> None:
    try:
        objectives = exam_objectives()
    except ObjectivesError as error:
        logger.warning(str(error))
        return
    try:
        load_all_banks()
    except QuestionBankError as error:
        logger.warning(str(error))
    documents = {name: Path(app.env.doc2path(name)) for name in app.env.found_docs}
    _, problems = collect_coverage(objectives, documents, {})
    for problem in problems:
        logger.warning(problem)
    for path in sorted(documents.values()):
        if path.suffix == ".md":
            try:
                verified_of(path)
            except FrontMatterError as error:
                logger.warning(str(error))


def _cap_threads(app: Sphinx, config) -> None:
    set_thread_defaults(os.environ, config.mlpro_max_threads)


def _shared_inputs_digest() -> str:
    """A digest of what every notebook's output depends on besides its own code: this
    package (data generator, quiz renderer...), the objectives and the question banks."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    files = [*package.rglob("*.py"), *package.rglob("assets/*"), OBJECTIVES_FILE]
    files += sorted(QUESTIONS_DIR.glob("*.yml"))
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_per_shared_inputs(app: Sphinx, config) -> None:
    """Keep one execution cache per version of the shared inputs.

    Jupyter-cache re-runs a notebook only when its own code changes; without this, a
    change to the data generator or the quiz renderer would leave stale outputs (and
    unchecked assertions) in the site.
    """
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(execution_cache_path(Path(app.outdir).parent))


def execution_cache_path(build_dir: Path) -> Path:
    """The execution cache the build in ``build_dir`` (``_build``) reads and fills.

    The test suite writes each notebook's single nbval run here, so the build that
    follows publishes those outputs instead of executing the notebook a second time.
    """
    return Path(build_dir) / ".jupyter_cache" / _shared_inputs_digest()


def setup(app: Sphinx):
    app.setup_extension("mlpro_guide.site.styles")
    app.add_config_value("mlpro_max_threads", 2, "env")
    app.connect("config-inited", _cap_threads)
    app.connect("config-inited", _cache_per_shared_inputs)
    app.connect("env-before-read-docs", lambda app, env, docnames: _validate_data(app))
    app.connect("env-get-outdated", _always_rebuild_exam_map)
    app.connect("doctree-resolved", _replace_exam_map)
    app.connect("doctree-resolved", _replace_sources)
    app.add_node(exam_map_placeholder)
    app.add_node(sources_placeholder)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("exam-map", ExamMapDirective)
    app.add_directive("sources", SourcesDirective)
    register_generated_content(exam_map_placeholder, _render_exam_map)
    register_generated_content(sources_placeholder, _render_sources)
    app.setup_extension("mlpro_guide.site.quiz_links")
    app.setup_extension("mlpro_guide.site.practice_pages")
    app.setup_extension("mlpro_guide.site.flashcard_pages")
    add_print_stylesheet(app)
    app.setup_extension("mlpro_guide.site.navigation")
    # Notebook kernels the build starts get the same quiet warnings filter as the test
    # run's kernels.
    app.connect("config-inited", lambda app, config: quiet_kernel_warnings())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
