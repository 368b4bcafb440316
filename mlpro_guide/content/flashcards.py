"""Flashcards generated from the glossary and the cheat sheets, for the Flashcards page.

Three kinds of card, all read from pages that already cite their sources:

* **Glossary**: the term on the front; its definition on the back, with the page the
  definition's ``{doc}`` link names as the card's link.
* **Key API**: a row of a cheat sheet's "Key APIs ..." table (``| Task | Call |``): the
  task on the front, the call on the back, the cheat sheet as the link.
* **Legacy name**: a row of a cheat sheet's "Legacy names ..." table (``| Legacy |
  Current |``): the legacy name on the front, the current one on the back.

A card's front and back are inline HTML rendered from the Markdown of the cell (code,
links, emphasis; raw HTML is escaped). A malformed row (not two non-empty cells, or a
``{doc}`` link a card cannot resolve) raises :class:`FlashcardError` naming the file and
line. Card ids are stable across builds as long as the front does not change, so a
learner's schedule (kept in the browser) survives edits to the back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from .glossary import GlossaryError, read_glossary

__all__ = ["Flashcard", "FlashcardError", "all_flashcards", "cheat_sheet_cards", "glossary_cards"]

SECTIONS = {"Key APIs": "key API", "Legacy names": "legacy name"}
"""Cheat-sheet headings (how the ``##`` heading starts) that give cards, and the card kind."""

_TERM_ROLE = re.compile(r"\{term\}`(?:([^`<]*?)\s*<[^`>]+>|([^`<]+))`")
_DOC_ROLE = re.compile(r"\{doc\}`")
_SEE_DOC = re.compile(r"\s*See \{doc\}`(?:[^`<]*<)?(/[^`>]+)>?`\.?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_markdown = MarkdownIt("commonmark", {"html": False})


class FlashcardError(ValueError):
    """A glossary entry or a cheat-sheet row cannot become a card: the message names the
    file and the term or line."""


@dataclass(frozen=True)
class Flashcard:
    """One card: ``front`` and ``back`` are inline HTML; ``doc`` is the document (from the
    book's root, no suffix) the card links to."""

    id: str
    kind: str  # "glossary", "key API" or "legacy name"
    chapter: str  # the area (``promotion``...) or "glossary"
    front: str
    back: str
    doc: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60]


def _inline(markdown: str) -> str:
    """Inline HTML for a cell or a definition: ``{term}`` roles become their text."""
    text = _TERM_ROLE.sub(lambda m: (m.group(1) or m.group(2)).strip(), markdown)
    return _markdown.renderInline(text).strip()


def glossary_cards(path: Path | str) -> list[Flashcard]:
    """One card per glossary term, in the glossary's order."""
    path = Path(path)
    try:
        entries = read_glossary(path)
    except GlossaryError as error:
        raise FlashcardError(str(error)) from error
    cards = []
    for entry in entries:
        see = _SEE_DOC.search(entry.definition)
        if not see:
            raise FlashcardError(
                f"{path}: the term {entry.term!r} does not end with 'See {{doc}}`/book/...`.' "
                "(the card links the page that teaches it)"
            )
        body = entry.definition[: see.start()]
        if _DOC_ROLE.search(body):
            raise FlashcardError(
                f"{path}: the term {entry.term!r} has a {{doc}} link before its last sentence"
            )
        cards.append(
            Flashcard(
                id=f"glossary:{_slug(entry.term)}",
                kind="glossary",
                chapter="glossary",
                front=_inline(entry.term),
                back=_inline(body),
                doc=see.group(1).lstrip("/"),
            )
        )
    return cards


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in _CELL_SPLIT.split(inner)]


def cheat_sheet_cards(path: Path | str, book_dir: Path | str) -> list[Flashcard]:
    """Cards from one cheat sheet's key-API and legacy-name tables, in file order."""
    path = Path(path)
    area = path.parent.name
    doc = path.relative_to(Path(book_dir).parent).with_suffix("").as_posix()
    cards: list[Flashcard] = []
    kind = None
    rows_seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            if kind and rows_seen <= 0:
                raise FlashcardError(f"{path}:{number}: the {kind} table before this has no rows")
            heading = line.lstrip("#").strip()
            kind = next((k for start, k in SECTIONS.items() if heading.startswith(start)), None)
            rows_seen = -2  # the header row and the separator come first
            continue
        if kind is None or not line.startswith("|"):
            continue
        rows_seen += 1
        if rows_seen <= 0:
            continue
        cells = _cells(line)
        if len(cells) != 2 or not all(cells):
            raise FlashcardError(
                f"{path}:{number}: a {kind} row needs exactly two non-empty cells, "
                f"found {len(cells)}: {line.strip()[:80]}"
            )
        if any(_DOC_ROLE.search(cell) for cell in cells):
            raise FlashcardError(
                f"{path}:{number}: a {kind} row cannot hold a {{doc}} link (the card links "
                "the cheat sheet itself)"
            )
        front, back = cells
        cards.append(
            Flashcard(
                id=f"{area}:{'api' if kind == 'key API' else 'legacy'}:{_slug(front)}",
                kind=kind,
                chapter=area,
                front=_inline(front),
                back=_inline(back),
                doc=doc,
            )
        )
    if kind and rows_seen <= 0:
        raise FlashcardError(f"{path}: the {kind} table at the end of the file has no rows")
    return cards


def all_flashcards(book_dir: Path | str, chapters: list[str] | None = None) -> list[Flashcard]:
    """Every card: the glossary's, then each chapter's cheat sheet (in ``chapters`` order,
    or alphabetical). A card whose front and back repeat an earlier card's is left out;
    two cards with the same id but different text raise :class:`FlashcardError`."""
    book_dir = Path(book_dir)
    if chapters is None:
        chapters = sorted(p.parent.name for p in book_dir.glob("*/cheat-sheet.md"))
    cards = glossary_cards(book_dir / "glossary.md")
    for area in chapters:
        cards += cheat_sheet_cards(book_dir / area / "cheat-sheet.md", book_dir)
    unique: dict[str, Flashcard] = {}
    shown: set[tuple[str, str]] = set()
    for card in cards:
        if (card.front, card.back) in shown:
            continue
        if card.id in unique:
            raise FlashcardError(
                f"{card.doc}: two cards share the id {card.id!r} (same front, different "
                "back); make the fronts differ"
            )
        unique[card.id] = card
        shown.add((card.front, card.back))
    return list(unique.values())
