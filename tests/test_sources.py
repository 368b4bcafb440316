"""Facts carry their date and source: every page that teaches objectives says when its
platform facts were last verified (`verified: YYYY-MM`), and the generated Sources page
lists those pages oldest first with the documentation they cite."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from mlpro_guide.content.exam_map import FrontMatterError
from mlpro_guide.content.sources import (
    by_verification_date,
    cited_links,
    needs_verification,
    page_sources,
    verified_of,
)

from .conftest import REPO_ROOT, run_build
from .test_book_structure import toc_files

PAGES = sorted(p for p in (REPO_ROOT / "book").rglob("*.md") if needs_verification(p))


def write_page(folder: Path, front: str, body: str = "# Page\n", name: str = "page.md"):
    path = folder / name
    path.write_text(f"---\n{textwrap.dedent(front)}---\n{textwrap.dedent(body)}")
    return path


def test_concept_and_overview_pages_need_a_date_self_checks_do_not():
    names = {str(p.relative_to(REPO_ROOT)) for p in PAGES}
    assert "book/deployment/model-serving.md" in names
    assert "book/promotion/index.md" in names
    assert not any(name.endswith("self-check.md") for name in names)
    assert "book/exam-map.md" not in names and "book/sources.md" not in names


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_page_that_teaches_objectives_says_when_it_was_verified(path):
    verified = verified_of(path)
    assert verified is not None, f"{path}: add `verified: YYYY-MM` to the front matter"
    assert re.fullmatch(r"\d{4}-\d{2}", verified)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_a_concept_page_cites_documentation(path):
    if path.stem == "index" or path.parent.name == "book":
        pytest.skip("overview pages summarise; their concept pages cite")
    assert cited_links(path), f"{path}: cites no documentation link"


@pytest.mark.parametrize("value", ["2026-13", "2026", "Nov 2026", "2026-11-27"])
def test_a_malformed_date_is_rejected_naming_the_file(tmp_path, value):
    path = write_page(tmp_path, f'objectives: ["2.4.2"]\nverified: "{value}"\n')
    with pytest.raises(FrontMatterError, match=re.escape(str(path))):
        verified_of(path)


def test_a_page_without_objectives_needs_no_date(tmp_path):
    assert not needs_verification(write_page(tmp_path, "objectives: []\n"))
    assert needs_verification(write_page(tmp_path, 'objectives: ["2.4.2"]\n'))
    self_check = write_page(tmp_path, 'objectives: ["2.4.2"]\n', name="self-check.md")
    assert not needs_verification(self_check)


def test_cited_links_are_https_links_once_each_in_order(tmp_path):
    path = write_page(
        tmp_path,
        'objectives: ["2.4.2"]\nverified: 2026-11\n',
        """\
        See [Serving](https://docs.example.com/serving) and
        [the other
        page](https://docs.example.com/other), again [here](https://docs.example.com/serving),
        <https://docs.example.com/bare>, but not [a page](../other.md) or
        [plain](http://insecure.example.com).
        """,
    )
    assert cited_links(path) == (
        ("Serving", "https://docs.example.com/serving"),
        ("the other page", "https://docs.example.com/other"),
        ("https://docs.example.com/bare", "https://docs.example.com/bare"),
    )


def test_pages_are_ordered_never_verified_first_then_oldest(tmp_path):
    pages = [
        page_sources(write_page(tmp_path, f"verified: {month}\n", name=f"{name}.md"))
        for name, month in [("b", "2026-11"), ("a", "2025-03"), ("c", "2026-02")]
    ]
    pages.append(page_sources(write_page(tmp_path, "objectives: []\n", name="d.md")))
    assert [p.path.stem for p in by_verification_date(pages)] == ["d", "a", "c", "b"]


def test_the_sources_page_is_in_the_reference_part_of_the_toc():
    assert "book/sources" in toc_files()


@pytest.mark.build
def test_the_built_sources_page_lists_every_dated_page_oldest_first(tmp_path):
    """A small book: two dated pages (one older) and the Sources page."""
    import shutil

    shutil.copy(REPO_ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copytree(REPO_ROOT / "book" / "figures", tmp_path / "book" / "figures")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n"
        "  - file: newer\n  - file: older\n  - file: sources\n"
    )
    (tmp_path / "index.md").write_text("# Temporary book\n\nFor a build test.\n")
    write_page(
        tmp_path,
        'objectives: ["2.4.2"]\nverified: 2026-11\n',
        "# Newer page\n\nSee [Serving docs](https://docs.example.com/serving).\n",
        name="newer.md",
    )
    write_page(
        tmp_path,
        'objectives: ["2.4.2"]\nverified: 2025-06\n',
        "# Older page\n\nSee [Registry docs](https://docs.example.com/registry).\n",
        name="older.md",
    )
    shutil.copy(REPO_ROOT / "book" / "sources.md", tmp_path / "sources.md")
    result = run_build(tmp_path, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    html = (tmp_path / "_build" / "html" / "sources.html").read_text()
    assert re.findall(r'data-page="([^"]+)"', html) == ["older", "newer"]
    assert re.findall(r"<h2[^>]*>Verified ([\d-]+)</h2>", html) == ["2025-06", "2026-11"]
    assert 'href="https://docs.example.com/registry">Registry docs</a>' in html
    assert "Question references" in html


@pytest.mark.build
def test_the_books_sources_page_lists_every_dated_page(built_site):
    html = (built_site / "book" / "sources.html").read_text()
    listed = re.findall(r'data-page="([^"]+)"', html)
    expected = {str(p.relative_to(REPO_ROOT).with_suffix("")) for p in PAGES}
    assert set(listed) == expected
    months = re.findall(r'data-verified="([^"]*)"', html)
    assert months == sorted(months)


RETIRED_PIPELINE_PATHS = re.compile(r"https?://[^\s)>'\"]*/(?:dlt|delta-live-tables)/")


def test_no_link_uses_the_retired_delta_live_tables_paths():
    """Lakeflow Spark Declarative Pipelines pages live under `/ldp/`; `/dlt/` and
    `/delta-live-tables/` are the addresses of the former product name."""
    places = [REPO_ROOT / "book", REPO_ROOT / "questions", REPO_ROOT / "notebooks"]
    found = [
        f"{path.relative_to(REPO_ROOT)}: {match.group(0)}"
        for folder in places
        for path in sorted(folder.rglob("*"))
        if path.suffix in {".md", ".yml", ".ipynb"}
        for match in RETIRED_PIPELINE_PATHS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "point these links at the /ldp/ pages:\n" + "\n".join(found)


REGIONAL_MIRRORS = re.compile(r"https?://docs\.azure\.cn/[^\s)>'\"]*")


def test_no_link_points_to_a_regional_mirror_of_the_documentation():
    """docs.azure.cn is the Azure China copy of the Databricks documentation: it lags the
    original and shows a reader a cloud they are unlikely to use. Platform facts cite
    docs.databricks.com (or Microsoft Learn for an Azure-only page)."""
    places = [REPO_ROOT / "book", REPO_ROOT / "questions", REPO_ROOT / "notebooks"]
    found = [
        f"{path.relative_to(REPO_ROOT)}: {match.group(0)}"
        for folder in places
        for path in sorted(folder.rglob("*"))
        if path.suffix in {".md", ".yml", ".ipynb"}
        for match in REGIONAL_MIRRORS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "point these links at docs.databricks.com:\n" + "\n".join(found)
