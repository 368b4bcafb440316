"""Sphinx hooks for the Flashcards page.

``{flashcards}`` is replaced, once every page has been read, by a container that
``flashcards.js`` fills in (with ``flashcards-schedule.js``, the Leitner schedule), and
the cards (:func:`mlpro_guide.content.flashcards.all_flashcards`) embedded in the page as
JSON, each with a relative link to the page that teaches it: no request, so the page works
from ``file://`` and offline. The script and its stylesheet load on that page only. A
card that cannot be built, or whose link names no page of the book, is a build warning
naming the file (``-W`` fails the build).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util import logging

from ..content.flashcards import FlashcardError, all_flashcards

logger = logging.getLogger(__name__)
FLAG = "mlpro_flashcards"
SCRIPTS = ("flashcards-schedule.js", "flashcards.js")
"""Loaded in this order on the Flashcards page only: the schedule (no DOM), then the page."""
STYLESHEET = "flashcards.css"


class flashcards_placeholder(nodes.General, nodes.Element):
    """Stands where the flashcards go until all documents have been read."""


def _book_dir(env) -> Path:
    return Path(env.srcdir) / "book"


class FlashcardsDirective(Directive):
    """``{flashcards}``: every card, scheduled in the browser."""

    def run(self):
        env = self.state.document.settings.env
        env.metadata.setdefault(env.docname, {})[FLAG] = True
        book = _book_dir(env)
        env.note_dependency(str(book / "glossary.md"))
        for sheet in sorted(book.glob("*/cheat-sheet.md")):
            env.note_dependency(str(sheet))
        return [flashcards_placeholder("")]


def _reading_order(env) -> list[str]:
    """Every document in table-of-contents order, from the root page."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    return order


def _chapter_order(env) -> list[str]:
    """The areas with a cheat sheet, in reading order."""
    return [
        doc.split("/")[1]
        for doc in _reading_order(env)
        if doc.startswith("book/") and doc.endswith("/cheat-sheet")
    ]


def _payload(app: Sphinx, fromdocname: str) -> dict:
    env = app.env
    cards = all_flashcards(_book_dir(env), _chapter_order(env))
    decks = {"glossary": "Glossary"}
    result = []
    for card in cards:
        if card.doc not in env.found_docs:
            raise FlashcardError(f"{card.id}: links {card.doc!r}, which is not a page of the book")
        chapter = card.chapter
        if chapter not in decks:
            index = f"book/{chapter}/index"
            decks[chapter] = env.titles[index].astext() if index in env.titles else chapter
        result.append(
            {
                "id": card.id,
                "kind": card.kind,
                "deck": decks[chapter],
                "front": card.front,
                "back": card.back,
                "href": app.builder.get_relative_uri(fromdocname, card.doc),
                "title": env.titles[card.doc].astext() if card.doc in env.titles else card.doc,
            }
        )
    return {"cards": result}


def _json_script(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="mlpro-flashcards-data">{text}</script>'


def _replace_placeholders(app: Sphinx, doctree, fromdocname: str) -> None:
    placeholders = list(doctree.findall(flashcards_placeholder))
    if not placeholders:
        return
    try:
        payload = _payload(app, fromdocname)
    except FlashcardError as error:
        logger.warning(f"flashcards: {error}", location=fromdocname)
        for placeholder in placeholders:
            placeholder.replace_self([])
        return
    markup = (
        f'<div class="mlpro-flashcards" data-count="{len(payload["cards"])}">'
        '<noscript><p class="mlpro-fc-notice">This page needs JavaScript: the cards are '
        "scheduled in your browser, and nothing is sent anywhere.</p></noscript>"
        f'<p class="mlpro-fc-loading">{html.escape("Loading...")}</p></div>' + _json_script(payload)
    )
    placeholders[0].replace_self(nodes.raw("", markup, format="html"))
    for placeholder in placeholders[1:]:
        placeholder.replace_self([])


def _always_reread(app, env, added, changed, removed):
    """The card links depend on every page's title, so the page is re-read every build."""
    return [name for name, meta in env.metadata.items() if meta.get(FLAG)]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    if app.env.metadata.get(pagename, {}).get(FLAG):
        for script in SCRIPTS:
            app.add_js_file(script)
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx):
    app.connect("env-get-outdated", _always_reread)
    app.connect("doctree-resolved", _replace_placeholders)
    app.connect("html-page-context", _page_context)
    app.add_node(flashcards_placeholder)
    app.add_directive("flashcards", FlashcardsDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
