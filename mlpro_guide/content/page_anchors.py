"""The section anchors of the book's pages, computed from their source.

A question's ``taught_in`` field names the heading that teaches its answer as
``book/<area>/<page>.md#<anchor>``. The anchor is the HTML id Sphinx gives that section:
docutils' :func:`~docutils.nodes.make_id` of the heading's text (lower case, every run of
other characters a hyphen, so ``## `log_model` and `score_batch``` becomes
``log-model-and-score-batch``), or the name of an explicit MyST target ``(name)=`` on the
line before the heading. When two headings of a page have the same text, only the first
gets the readable id (docutils numbers the others), so only the first can be named.

:func:`page_anchors` reads a MyST page or a notebook's Markdown cells without building
the book, so the question-bank validator can check every ``taught_in`` in a second; the
site test checks the same ids in the built HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from docutils.nodes import fully_normalize_name, make_id

from ..lab.paths import REPO_ROOT

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_TARGET = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Section:
    """One heading of a page: its anchor, its text as a reader sees it, its line."""

    anchor: str
    title: str
    line: int


def heading_text(markdown: str) -> str:
    """A heading's text without link targets and role syntax (what docutils' ``astext``
    gives for it, up to characters :func:`make_id` drops anyway)."""
    text = _ROLE.sub(lambda m: m.group(1), markdown)
    text = _LINK.sub(lambda m: m.group(1), text)
    return text.replace("`", "").replace("**", "").strip()


def anchor_of(title: str) -> str:
    """The id docutils gives a section with this heading text."""
    return make_id(fully_normalize_name(heading_text(title)))


def _sections(lines: list[str], first_line: int, seen: dict[str, Section]) -> None:
    fence: str | None = None
    previous = ""
    for number, line in enumerate(lines, start=first_line):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                if not match.group(2).strip():
                    fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            title = heading_text(heading.group(2))
            target = _TARGET.match(previous)
            if target:
                anchor = make_id(fully_normalize_name(target.group(1)))
                seen.setdefault(anchor, Section(anchor, title, number))
            anchor = anchor_of(heading.group(2))
            if anchor:
                seen.setdefault(anchor, Section(anchor, title, number))
        if line.strip():
            previous = line


@lru_cache(maxsize=256)
def _cached(path: Path, mtime: float) -> dict[str, Section]:
    seen: dict[str, Section] = {}
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                source = cell.get("source", "")
                text = "".join(source) if isinstance(source, list) else source
                _sections(text.splitlines(), 1, seen)
        return seen
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    skip = 0
    front = re.match(r"\A---\s*\n.*?\n---\s*\n", text, re.DOTALL)
    if front:
        skip = front.group(0).count("\n")
    _sections(lines[skip:], skip + 1, seen)
    return seen


def page_anchors(path: Path | str) -> dict[str, Section]:
    """Anchor id -> section, for every heading and explicit target of one page."""
    path = Path(path).resolve()
    return _cached(path, path.stat().st_mtime)


def section_title(taught_in: str, root: Path = REPO_ROOT) -> str:
    """How a link to a ``taught_in`` section reads: the page's title, then the heading
    (``Model Serving on Databricks: Inference tables``); the title alone for the page's
    own title."""
    page, _, anchor = taught_in.partition("#")
    sections = page_anchors(root / page)
    section = sections.get(anchor)
    if section is None:
        return anchor
    title = min(sections.values(), key=lambda s: s.line).title
    return section.title if section.title == title else f"{title}: {section.title}"


@lru_cache(maxsize=4)
def _book_files(toc: Path, mtime: float) -> frozenset[str]:
    files: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("file", "root") and isinstance(value, str):
                    files.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(toc.read_text(encoding="utf-8")))
    return frozenset(files)


def book_files(root: Path = REPO_ROOT) -> frozenset[str]:
    """The documents of the table of contents, as paths without suffix (``book/x/y``)."""
    toc = root / "_toc.yml"
    return _book_files(toc, toc.stat().st_mtime)


def check_taught_in(value: str, root: Path = REPO_ROOT) -> str | None:
    """The problem with a ``taught_in`` value, or ``None`` when it names a heading of a
    page in the book."""
    match = re.fullmatch(r"((?:book|notebooks)/[\w/.-]+\.(?:md|ipynb))#([\w-]+)", value or "")
    if not match:
        return f"'taught_in' must look like book/<area>/<page>.md#<anchor>, got {value!r}"
    file, anchor = match.groups()
    path = root / file
    if file.rsplit(".", 1)[0] not in book_files(root) or not path.is_file():
        return f"'taught_in' names {file}, which is not a page of the book (_toc.yml)"
    anchors = page_anchors(path)
    if anchor not in anchors:
        return (
            f"'taught_in' names #{anchor}, which is no heading id of {file} "
            f"(its headings: {', '.join(sorted(anchors))})"
        )
    return None
