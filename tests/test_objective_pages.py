"""The objective -> teaching pages map in the built site: every page defines it, its links
are relative to the page and lead to pages that exist, and it lists teaching pages and
notebooks only (no self-check, exam map or sources page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlpro_guide.content.exam_map import declared_objectives
from mlpro_guide.content.objectives import exam_objectives

from .conftest import REPO_ROOT

pytestmark = pytest.mark.build

MAP = re.compile(r"<script>window\.mlproObjectivePages = (\{.*?\});</script>")


def objective_pages(page: Path) -> dict:
    found = MAP.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{page}: the objective map is defined {len(found)} times"
    return json.loads(found[0])


def test_every_page_defines_the_map_with_links_relative_to_itself(built_site):
    pages = [
        p
        for p in built_site.rglob("*.html")
        if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text()[:200]
    ]  # not Jupyter Book's redirect from the site root
    assert len(pages) > 40
    known = exam_objectives().ids
    for page in pages:
        mapping = objective_pages(page)
        assert mapping, f"{page}: empty objective map"
        for objective_id, entries in mapping.items():
            assert objective_id in known
            for entry in entries:
                assert set(entry) == {"title", "href", "kind"}
                assert entry["kind"] in ("page", "notebook")
                target = (page.parent / entry["href"].split("#")[0]).resolve()
                assert target.is_file(), f"{page}: {entry['href']} does not exist"
                assert not target.stem.endswith(("self-check", "exam-map", "sources"))


def test_the_map_lists_every_concept_page_under_each_objective_it_declares(built_site):
    page = built_site / "book" / "promotion" / "self-check.html"
    mapping = objective_pages(page)
    for source in (REPO_ROOT / "book").glob("*/*.md"):
        if source.stem in ("index", "self-check"):
            continue
        expected = built_site / "book" / source.parent.name / f"{source.stem}.html"
        for objective_id in declared_objectives(source) or []:
            targets = [(page.parent / e["href"]).resolve() for e in mapping[objective_id]]
            assert expected.resolve() in targets, f"{source.name} missing under {objective_id}"
