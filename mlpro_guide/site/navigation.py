"""Sphinx extension: where the reader is, how long a page takes, and what comes next.

* Every page of a chapter (and of the "Start here" and "Reference" parts) opens with a
  line such as "Monitoring · 3 of 7 · about 6 min to read · notebook run 24 s", and the
  chapter's totals. The line is written into the page only when the HTML is assembled
  (``html-page-context``), after Sphinx has indexed the page's words, so searching for
  "chapter" or "min" does not match every page and no search snippet quotes the line; the
  next-chapter call to action is added the same way.
* A chapter's self-check page ends with a "Next chapter" call to action that leads to
  the next chapter's overview.
* ``{objectives-not-taught}``: the objectives no page or notebook teaches yet (or a
  sentence saying every objective is taught), generated from the same data as the exam
  map, so the landing page cannot promise more than the book holds.
* ``{lifecycle-figure}``: the lifecycle map inlined as SVG, a wide layout and a tall one
  for narrow screens, each stage a keyboard-focusable link to its chapter.
* ``{source-repository}``: the sentence naming where the guide's source lives, from the
  single setting ``mlpro_source_url`` in ``_config.yml``.

Times, and where they come from:

* Reading time is computed from the page's words at build time: prose at 200 words a
  minute, code at 20 lines a minute (reading code, not typing it). Content generated
  once every page has been read (the exam map, the Sources list) is counted from its
  rendered HTML (:func:`register_generated_content`). A mock exam page is timed instead:
  it takes the exam's 120 minutes for 59 questions, about two minutes a question.
* A notebook's run time is the run time MyST-NB reports for the execution whose outputs
  the page publishes: the one the build ran, or the one jupyter-cache stored with them
  (the test suite stores each notebook's nbval run there, with its measured
  ``execution_seconds``). The number therefore always belongs to the outputs on the page
  and is re-measured whenever the notebook runs again; a build that did not execute a
  notebook shows no run time for it rather than a stale one.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.util import logging

from ..content.exam_map import not_taught, objective_status
from ..content.objectives import exam_objectives
from ..content.practice import EXAM_MINUTES, FORM_LENGTH
from ..content.questions import load_all_banks
from ..lab.paths import QUESTIONS_DIR

# The module, not the name: practice_pages imports the study plan, which imports this
# module, so either may still be loading when the other's import runs.
from . import practice_pages

logger = logging.getLogger(__name__)

GeneratedContent = Callable[[Sphinx, str], str]
_GENERATED: dict[type[nodes.Element], GeneratedContent] = {}
"""Placeholder node class -> the function that renders its HTML for a document."""

PROSE_WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 20
FIGURES_DIR = Path(__file__).resolve().parents[2] / "book" / "figures"
_TAG = re.compile(r"<[^>]+>")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")


# --- reading time -------------------------------------------------------------------------


def words_and_code_lines(doctree: nodes.document) -> tuple[int, int]:
    """Words of prose (raw HTML such as quizzes included, tags stripped) and lines of code."""
    words = code_lines = 0
    for node in doctree.findall(nodes.Text):
        parent = node.parent
        inside_code = False
        while parent is not None:
            if isinstance(parent, nodes.literal_block):
                inside_code = True
                break
            if isinstance(parent, nodes.raw):
                break
            parent = parent.parent
        if inside_code:
            continue
        if isinstance(node.parent, nodes.raw):
            continue
        words += len(_WORD.findall(node.astext()))
    for block in doctree.findall(nodes.literal_block):
        if _is_output(block):
            continue
        code_lines += len([line for line in block.astext().splitlines() if line.strip()])
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", ""):
            words += words_in_html(raw.astext())
    return words, code_lines


def words_in_html(markup: str) -> int:
    """Words of the text in ``markup`` (scripts, styles and tags left out)."""
    text = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", markup))
    return len(_WORD.findall(html.unescape(text)))


def register_generated_content(node_class: type[nodes.Element], render: GeneratedContent):
    """Count the words ``render(app, docname)`` produces for each ``node_class`` placeholder.

    Placeholders are replaced only when their page is written, after the reading times of
    every page have to be known; the words are therefore counted from the rendered HTML
    once all pages have been read (``env-updated``)."""
    _GENERATED[node_class] = render


def timed_minutes(doctree: nodes.document) -> int:
    """The minutes of the timed mock exams on the page (none on other pages)."""
    exams = [
        n for n in doctree.findall(practice_pages.practice_placeholder) if n.get("kind") == "exam"
    ]
    return EXAM_MINUTES * len(exams)


def _is_output(block: nodes.Element) -> bool:
    parent = block.parent
    while parent is not None:
        if "cell_output" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


def reading_minutes(words: int, code_lines: int) -> int:
    """Whole minutes (at least one) to read ``words`` of prose and ``code_lines`` of code."""
    return max(1, math.ceil(words / PROSE_WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE))


def format_seconds(seconds: float) -> str:
    """``24 s``, ``1 min 05 s``."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


@dataclass
class PageTime:
    """What a page takes: words and code lines to read, generated words, timed minutes."""

    words: int
    code_lines: int
    generated: tuple[str, ...] = ()
    """Names of the generated-content placeholders on the page (counted later)."""
    generated_words: int = 0
    timed: int = 0

    @property
    def reading(self) -> int:
        return reading_minutes(self.words + self.generated_words, self.code_lines)


def _record_words(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if not hasattr(env, "mlpro_reading"):
        env.mlpro_reading = {}
    generated = tuple(
        cls.__name__ for cls in _GENERATED if next(iter(doctree.findall(cls)), None) is not None
    )
    env.mlpro_reading[env.docname] = PageTime(
        *words_and_code_lines(doctree), generated=generated, timed=timed_minutes(doctree)
    )


def _count_generated_words(app: Sphinx, env) -> None:
    """Render each page's generated content once every page has been read, and count it."""
    renderers = {cls.__name__: render for cls, render in _GENERATED.items()}
    for docname, page in getattr(env, "mlpro_reading", {}).items():
        if page.generated:
            page.generated_words = sum(
                words_in_html(renderers[name](app, docname))
                for name in page.generated
                if name in renderers
            )


def _purge(app, env, docname) -> None:
    getattr(env, "mlpro_reading", {}).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    if not hasattr(env, "mlpro_reading"):
        env.mlpro_reading = {}
    env.mlpro_reading.update(
        {d: v for d, v in getattr(other, "mlpro_reading", {}).items() if d in docnames}
    )


def run_seconds(env, docname: str) -> float | None:
    """The measured run time of the notebook behind ``docname``, if it ran for this build
    (directly or through the execution cache); ``None`` for pages and unexecuted notebooks."""
    try:
        from myst_nb.sphinx_ import NbMetadataCollector
    except ImportError:  # pragma: no cover - MyST-NB is part of Jupyter Book
        return None
    try:
        data = NbMetadataCollector.get_exec_data(env, docname)
    except KeyError:
        return None
    if not data or not data.get("succeeded", True):
        return None
    runtime = data.get("runtime")
    return float(runtime) if runtime is not None else None


# --- where the reader is ------------------------------------------------------------------


@dataclass
class Group:
    """A chapter (its overview and sections) or a part of chapters without sections."""

    title: str
    docnames: list[str]


def reading_groups(app: Sphinx) -> list[Group]:
    """The book's chapters in reading order, from the table of contents."""
    site_map = getattr(app.env, "external_site_map", None)
    if site_map is None:
        return []
    env = app.env

    def title(docname: str) -> str:
        return env.titles[docname].astext() if docname in env.titles else docname

    def docs(items) -> list[str]:
        return [item for item in items if isinstance(item, str) and item in site_map]

    groups: list[Group] = []
    for subtree in site_map[site_map.root.docname].subtrees:
        loose: list[str] = []
        for docname in docs(subtree.items):
            sections = [d for sub in site_map[docname].subtrees for d in docs(sub.items)]
            if sections:
                groups.append(Group(title(docname), [docname, *sections]))
            else:
                loose.append(docname)
        if loose:
            groups.append(Group(subtree.caption or title(loose[0]), loose))
    return groups


def _is_notebook(env, docname: str) -> bool:
    return env.doc2path(docname).endswith(".ipynb")


def where_am_i_html(app: Sphinx, docname: str, groups: list[Group]) -> str | None:
    """The "Chapter · n of m · time" line for ``docname``, or ``None`` outside chapters."""
    env = app.env
    group = next((g for g in groups if docname in g.docnames), None)
    if group is None:
        return None
    reading = getattr(env, "mlpro_reading", {})

    def page_time(name: str) -> PageTime:
        return reading.get(name) or PageTime(0, 0)

    position = group.docnames.index(docname) + 1
    this_page = page_time(docname)
    if this_page.timed:
        pace = round(this_page.timed / FORM_LENGTH)
        page = [f"{FORM_LENGTH} questions in {this_page.timed} min, timed (about {pace} min each)"]
    else:
        page = [f"about {this_page.reading} min to read"]
    if _is_notebook(env, docname):
        seconds = run_seconds(env, docname)
        if seconds is not None:
            page.append(f"runs in {format_seconds(seconds)} (measured)")
    notebooks = [d for d in group.docnames if _is_notebook(env, d)]
    runs = [run_seconds(env, d) for d in notebooks]
    untimed = [page_time(d) for d in group.docnames if not page_time(d).timed]
    total = f"about {sum(p.reading for p in untimed)} min to read"
    timed = sum(page_time(d).timed for d in group.docnames)
    if timed:
        total += f", {timed} min of timed mock exams"
    if notebooks and all(r is not None for r in runs):
        total += f", {len(notebooks)} notebook{'s' if len(notebooks) != 1 else ''} that run in "
        total += f"{format_seconds(sum(runs))} (measured)"
    scope = "chapter" if _is_chapter(group, env) else "part"
    return (
        '<div class="mlpro-whereami" role="note" aria-label="Where you are">'
        f'<span class="mlpro-whereami-position"><strong>{html.escape(group.title)}</strong>'
        f" · {position} of {len(group.docnames)}</span>"
        f'<span class="mlpro-whereami-page"> · {" · ".join(page)}</span>'
        f'<span class="mlpro-whereami-chapter">Whole {scope}: '
        f"{html.escape(total)}</span></div>"
    )


def _is_chapter(group: Group, env) -> bool:
    return group.docnames[0].endswith("/index")


def next_chapter_html(app: Sphinx, docname: str, groups: list[Group]) -> str | None:
    """The call to action at the end of a chapter's self-check: the next chapter's overview."""
    for index, group in enumerate(groups):
        if group.docnames[-1] == docname and docname.endswith("self-check"):
            if index + 1 >= len(groups):
                return None
            target = groups[index + 1]
            uri = app.builder.get_relative_uri(docname, target.docnames[0])
            first = app.env.titles[target.docnames[0]].astext()
            label = "Next chapter" if _is_chapter(target, app.env) else "Next"
            return (
                '<nav class="mlpro-next-chapter" aria-label="Next chapter">'
                f'<a class="mlpro-next-chapter-link" href="{html.escape(uri)}">'
                f"<span>{label}</span> <strong>{html.escape(first)}</strong>"
                ' <span aria-hidden="true">→</span></a>'
                f"<p>Done with this self-check? Continue with the overview of "
                f"{html.escape(target.title)}.</p></nav>"
            )
    return None


# Where the where-am-I line and the call to action go. Sphinx indexes a page's words
# (raw HTML included, tags stripped) before it assembles the page, so the doctree holds
# only these comments, which carry no words; the HTML replaces them in the page's body.
WHEREAMI_MARK = "<!-- mlpro-whereami -->"
NEXT_CHAPTER_MARK = "<!-- mlpro-next-chapter -->"


def _mark_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    sections = list(doctree.findall(nodes.section))
    if sections:
        first = sections[0]
        title_index = next(
            (i for i, child in enumerate(first.children) if isinstance(child, nodes.title)), -1
        )
        first.insert(title_index + 1, nodes.raw("", WHEREAMI_MARK, format="html"))
    (sections[0] if sections else doctree).append(nodes.raw("", NEXT_CHAPTER_MARK, format="html"))


def _decorate_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    body = context.get("body")
    if app.builder.format != "html" or doctree is None or not body:
        return
    groups = reading_groups(app)
    banner = where_am_i_html(app, pagename, groups) or ""
    cta = next_chapter_html(app, pagename, groups) or ""
    context["body"] = body.replace(WHEREAMI_MARK, banner, 1).replace(NEXT_CHAPTER_MARK, cta, 1)


# --- objectives not taught yet (landing page) ---------------------------------------------


class not_taught_placeholder(nodes.General, nodes.Element):
    """Stands where the list of untaught objectives goes until every page has been read."""


class ObjectivesNotTaughtDirective(Directive):
    """``{objectives-not-taught}``: the objectives no page or notebook teaches yet."""

    def run(self):
        self.state.document.settings.env.note_dependency(str(QUESTIONS_DIR))
        return [not_taught_placeholder("")]


def not_taught_html(objectives, status, exam_map_uri: str) -> str:
    """The landing page's honest statement of coverage, from :func:`objective_status`."""
    missing = not_taught(objectives, status)
    total = len(objectives.objectives)
    link = f'<a href="{html.escape(exam_map_uri)}">exam map</a>'
    if not missing:
        return (
            f'<p class="mlpro-not-taught">All {total} objectives of the exam guide are taught '
            f"by at least one page or notebook; the {link} shows where, and which "
            "self-check questions test each one.</p>"
        )
    items = []
    for entry in missing:
        objective = objectives.by_id(entry.objective_id)
        questions = sum(entry.tested_in.values())
        tested = (
            f" ({questions} practice question{'s' if questions != 1 else ''})" if questions else ""
        )
        items.append(
            f"<li><strong>{objective.id}</strong> {html.escape(objective.text)}{tested}</li>"
        )
    return (
        f'<div class="mlpro-not-taught"><p>{total - len(missing)} of {total} objectives are '
        f"taught so far. Not yet taught by any page or notebook ({len(missing)}):</p>"
        f"<ul>{''.join(items)}</ul><p>The {link} shows the rest.</p></div>"
    )


def _not_taught_markup(app: Sphinx, fromdocname: str) -> str:
    env = app.env
    objectives = exam_objectives()
    documents = {name: Path(env.doc2path(name)) for name in env.found_docs}
    status, _ = objective_status(objectives, documents, load_all_banks())
    exam_map = next((d for d in env.found_docs if d.endswith("exam-map")), fromdocname)
    return not_taught_html(objectives, status, app.builder.get_relative_uri(fromdocname, exam_map))


def _replace_not_taught(app: Sphinx, doctree, fromdocname: str) -> None:
    placeholders = list(doctree.findall(not_taught_placeholder))
    if not placeholders:
        return
    markup = _not_taught_markup(app, fromdocname)
    for placeholder in placeholders:
        placeholder.replace_self(nodes.raw("", markup, format="html"))


# --- the lifecycle figure -----------------------------------------------------------------


class lifecycle_placeholder(nodes.General, nodes.Element):
    """Stands where the inlined lifecycle figure goes (its links depend on the page)."""


class LifecycleFigureDirective(Directive):
    """``{lifecycle-figure}`` with ``:alt:``; the content is the caption."""

    has_content = True
    option_spec = {"alt": directives.unchanged_required, "name": directives.unchanged}

    def run(self):
        env = self.state.document.settings.env
        for variant in ("lifecycle.svg", "lifecycle-tall.svg"):
            env.note_dependency(str(FIGURES_DIR / variant))
        placeholder = lifecycle_placeholder(
            "", alt=self.options.get("alt", ""), figure_id=self.options.get("name", "")
        )
        # The caption's paragraphs become the placeholder's children, and so siblings of
        # the raw <figcaption> tags once the placeholder is replaced (valid nesting).
        self.state.nested_parse(self.content, self.content_offset, placeholder)
        return [placeholder]


_DOC_LINK = re.compile(r'href="[^"]*"(\s+data-mlpro-doc="([^"]+)")')


def inline_svg(svg: str, link_to) -> str:
    """The SVG text with each ``data-mlpro-doc`` link pointing at its page from here."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    return _DOC_LINK.sub(lambda m: f'href="{html.escape(link_to(m.group(2)))}"{m.group(1)}', svg)


def _replace_lifecycle(app: Sphinx, doctree, fromdocname: str) -> None:
    def link_to(docname: str) -> str:
        return app.builder.get_relative_uri(fromdocname, docname)

    for placeholder in list(doctree.findall(lifecycle_placeholder)):
        variants = []
        for variant, css in (("lifecycle.svg", "wide"), ("lifecycle-tall.svg", "tall")):
            svg = inline_svg((FIGURES_DIR / variant).read_text(encoding="utf-8"), link_to)
            variants.append(f'<div class="mlpro-lifecycle-{css}">{svg}</div>')
        figure_id = placeholder["figure_id"]
        id_attribute = f' id="{html.escape(figure_id)}"' if figure_id else ""
        opening = (
            f'<figure class="mlpro-lifecycle"{id_attribute}'
            f' aria-label="{html.escape(placeholder["alt"])}">'
        )
        placeholder.replace_self(
            [
                nodes.raw("", opening + "".join(variants) + "<figcaption>", format="html"),
                *placeholder.children,
                nodes.raw("", "</figcaption></figure>", format="html"),
            ]
        )


# --- where the source lives ---------------------------------------------------------------


class SourceRepositoryDirective(Directive):
    """``{source-repository}``: a sentence linking ``mlpro_source_url``."""

    def run(self):
        url = self.state.document.settings.env.config.mlpro_source_url
        if not url:
            return [nodes.paragraph(text="This copy of the guide names no source repository.")]
        paragraph = nodes.paragraph()
        paragraph += nodes.Text("The guide's source (pages, notebooks, question banks) lives at ")
        paragraph += nodes.reference(url, url, refuri=url)
        paragraph += nodes.Text(".")
        return [paragraph]


# --- set-up -------------------------------------------------------------------------------


def _documents_with(env, marker: str) -> list[str]:
    found = []
    for name in env.found_docs:
        path = Path(env.doc2path(name))
        if path.suffix == ".md" and marker in path.read_text(encoding="utf-8"):
            found.append(name)
    return found


def _always_reread(app, env, added, changed, removed):
    """Pages that show book-wide data are re-read on every build (like the exam map)."""
    return _documents_with(env, "{objectives-not-taught}")


def setup(app: Sphinx):
    app.add_config_value("mlpro_source_url", "", "env")
    app.add_css_file("mlpro-navigation.css")
    app.connect("build-finished", _copy_stylesheet)
    app.connect("doctree-read", _record_words)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _always_reread)
    app.connect("doctree-resolved", _replace_not_taught)
    app.connect("doctree-resolved", _replace_lifecycle)
    app.connect("doctree-resolved", _mark_page)
    app.connect("html-page-context", _decorate_page)
    app.connect("env-updated", _count_generated_words)
    register_generated_content(not_taught_placeholder, _not_taught_markup)
    app.add_node(not_taught_placeholder)
    app.add_node(lifecycle_placeholder)
    app.add_directive("objectives-not-taught", ObjectivesNotTaughtDirective)
    app.add_directive("lifecycle-figure", LifecycleFigureDirective)
    app.add_directive("source-repository", SourceRepositoryDirective)
    return {
        "version": "1.0",
        # Bumped when what the environment stores changes (reading times: PageTime), so an
        # earlier build's environment is read afresh instead of misread.
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _copy_stylesheet(app: Sphinx, exception) -> None:
    """Copy only this module's stylesheet into ``_static`` (not the whole assets folder)."""
    if exception is None and app.builder.format == "html":
        from sphinx.util.fileutil import copy_asset_file

        copy_asset_file(
            str(Path(__file__).parent / "assets" / "mlpro-navigation.css"),
            str(Path(app.outdir) / "_static"),
        )
