"""When each page's platform facts were last checked, and against which documentation.

A page that teaches exam objectives states platform facts, so its front matter says when
they were last verified against the documentation::

    ---
    objectives: ["3.1.2"]
    verified: 2026-11
    ---

The documentation it cites is every Markdown link to an ``https`` URL in its text. The
book's Sources page (the ``sources`` directive of :mod:`mlpro_guide.site.extension`) lists
the pages oldest verification first, so a maintainer knows what to re-check next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .exam_map import _FRONT_MATTER, FrontMatterError, declared_objectives

VERIFIED = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_LINK = re.compile(r"\[([^\]]+)\]\((https://[^)\s]+)\)|<(https://[^>\s]+)>")


@dataclass(frozen=True)
class PageSources:
    """One page: when its facts were verified (``None``: never) and the links it cites."""

    path: Path
    verified: str | None
    links: tuple[tuple[str, str], ...]
    """(link text, URL), in order of first appearance, each URL once."""


def front_matter(path: Path) -> dict:
    """The page's front matter as a mapping (empty when it has none)."""
    match = _FRONT_MATTER.match(Path(path).read_text(encoding="utf-8"))
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise FrontMatterError(f"{path}: front matter is not valid YAML: {error}") from None
    return data if isinstance(data, dict) else {}


def needs_verification(path: Path) -> bool:
    """A Markdown page that teaches at least one objective and is not a self-check page
    (self-check pages only render a bank; the questions cite their own references)."""
    path = Path(path)
    if path.suffix != ".md" or path.stem == "self-check":
        return False
    return bool(declared_objectives(path))


def verified_of(path: Path) -> str | None:
    """The page's ``verified: YYYY-MM``; raises :class:`FrontMatterError` when malformed."""
    value = front_matter(path).get("verified")
    if value is None:
        return None
    value = str(value)
    if not VERIFIED.match(value):
        raise FrontMatterError(f"{path}: 'verified' must be YYYY-MM (a month), not {value!r}")
    return value


def cited_links(path: Path) -> tuple[tuple[str, str], ...]:
    """Every ``[text](https://...)`` and ``<https://...>`` of the page, each URL once, in
    order of appearance, with the text of its first link."""
    seen: dict[str, str] = {}
    text = Path(path).read_text(encoding="utf-8")
    for label, url, bare in _LINK.findall(text):
        seen.setdefault(url or bare, " ".join(label.split()) or url or bare)
    return tuple((label, url) for url, label in seen.items())


def page_sources(path: Path) -> PageSources:
    """The verification month and cited links of one page."""
    return PageSources(Path(path), verified_of(path), cited_links(path))


def by_verification_date(pages: list[PageSources]) -> list[PageSources]:
    """Never verified first, then oldest first; ties by path."""
    return sorted(pages, key=lambda p: (p.verified is not None, p.verified or "", str(p.path)))
