"""The built site: it opens on the landing page, loads nothing from other hosts, shows the
exam map for every objective, and renders every chapter quiz."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mlpro_guide.content.objectives import exam_objectives

pytestmark = pytest.mark.build

# Attributes whose URL the browser fetches by itself (unlike <a href>, which is a link).
FETCHED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
           ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src")}  # fmt: skip


class ResourceCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.resources: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
            return
        for element, attribute in FETCHED:
            if tag == element and attributes.get(attribute):
                self.resources.append(attributes[attribute])
        if tag == "img":
            self.images.append(attributes)


def parse(path: Path) -> ResourceCollector:
    collector = ResourceCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_the_site_opens_on_the_landing_page(built_site):
    index = (built_site / "index.html").read_text()
    target = re.search(r'url=([^"]+)"', index)
    landing = built_site / (target.group(1) if target else "index.html")
    assert "59 scored questions" in landing.read_text()


def test_no_page_loads_anything_from_another_host(built_site):
    external = []
    for page in pages(built_site):
        for url in parse(page).resources:
            if re.match(r"^(https?:)?//", url) and not re.match(
                r"^(https?:)?//(127\.0\.0\.1|localhost)", url
            ):
                external.append(f"{page.relative_to(built_site)}: {url}")
    assert external == []


def test_every_image_has_alt_text(built_site):
    missing = []
    for page in pages(built_site):
        for image in parse(page).images:
            if not (image.get("alt") or "").strip():
                missing.append(f"{page.relative_to(built_site)}: {image.get('src')}")
    assert missing == []


def test_the_exam_map_lists_every_objective_and_the_orientation_coverage(built_site):
    exam_map = (built_site / "book" / "exam-map.html").read_text()
    for objective in exam_objectives().objectives:
        assert f'id="objective-{objective.id.replace(".", "-")}"' in exam_map, objective.id
    row = re.search(r'<tr id="objective-2-1-2">.*?</tr>', exam_map).group(0)
    assert "first_tracked_model.html" in row
    assert re.search(r"Coverage:</strong> \d+ of 47 objectives", exam_map)


def test_every_chapter_self_check_renders_its_whole_bank(built_site):
    checks = sorted((built_site / "book").glob("*/self-check.html"))
    for page in checks:
        assert page.read_text().count('<fieldset class="mlpro-question"') >= 12, page


def test_the_orientation_notebook_page_shows_its_outputs_and_quiz(built_site):
    page = (built_site / "notebooks" / "orientation" / "first_tracked_model.html").read_text()
    assert "is now @champion" in page
    assert page.count('<fieldset class="mlpro-question"') == 3


def test_every_question_s_taught_in_section_exists_in_the_built_page(built_site):
    """The validator computes heading ids from the Markdown; the built HTML is the truth."""
    from mlpro_guide.content.questions import load_all_banks

    ids_by_page: dict[str, set[str]] = {}
    missing = []
    for bank in load_all_banks().values():
        for question in bank.questions:
            page, _, anchor = question.taught_in_href.partition("#")
            if page not in ids_by_page:
                html = (built_site / page).read_text(encoding="utf-8")
                ids_by_page[page] = set(re.findall(r'\bid="([^"]+)"', html))
            if anchor not in ids_by_page[page]:
                missing.append(f"{question.id}: {question.taught_in}")
    assert missing == []
