"""Read the glossary page and the ``{term}`` references of the book's pages.

The glossary (``book/glossary.md``) is one MyST ``{glossary}`` block: a term on its own
line at the left margin, its definition indented below it. Sphinx already fails a strict
build on a duplicate term or a reference to a missing one; these functions let the tests
say *which* term and *which* file, and check what Sphinx does not: that every definition
points at the page that teaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GlossaryEntry", "GlossaryError", "read_glossary", "term_references"]

_BLOCK = re.compile(r"^```\{glossary\}[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
_DOC_LINK = re.compile(r"\{doc\}`(?:[^`<]*<)?(/[^`>]+)>?`")
# {term}`text <target>` or {term}`target`
_TERM_ROLE = re.compile(r"\{term\}`(?:[^`<]*<([^`>]+)>|([^`<]+))`")


class GlossaryError(ValueError):
    """The glossary page is malformed: the message names the file and the term."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One term and its definition."""

    term: str
    definition: str

    @property
    def taught_in(self) -> list[str]:
        """The documents the definition links with ``{doc}`` (absolute, no suffix)."""
        return _DOC_LINK.findall(self.definition)


def read_glossary(path: Path | str) -> list[GlossaryEntry]:
    """The glossary's entries in file order; raises :class:`GlossaryError` on a page
    without a glossary block, a term without a definition, or a term defined twice."""
    path = Path(path)
    match = _BLOCK.search(path.read_text(encoding="utf-8"))
    if not match:
        raise GlossaryError(f"{path}: no ```{{glossary}} block found")
    entries: list[GlossaryEntry] = []
    term, lines = None, []
    for line in match.group(1).splitlines():
        if line.startswith(":"):  # directive options such as :sorted:
            continue
        if line and not line[0].isspace():
            if term is not None:
                entries.append(_entry(path, term, lines))
            term, lines = line.strip(), []
        elif term is not None:
            lines.append(line.strip())
    if term is not None:
        entries.append(_entry(path, term, lines))
    seen: dict[str, str] = {}
    for entry in entries:
        key = entry.term.casefold()
        if key in seen:
            raise GlossaryError(f"{path}: the term {entry.term!r} is defined twice")
        seen[key] = entry.term
    return entries


def _entry(path: Path, term: str, lines: list[str]) -> GlossaryEntry:
    definition = " ".join(line for line in lines if line).strip()
    if not definition:
        raise GlossaryError(f"{path}: the term {term!r} has no definition")
    return GlossaryEntry(term, definition)


def term_references(text: str) -> list[str]:
    """The glossary terms a page's text references with the ``{term}`` role."""
    return [(target or plain).strip() for target, plain in _TERM_ROLE.findall(text)]
