"""The book's sources keep the habits the build relies on: the TOC and the folders agree,
every page and notebook names its objectives, notebooks carry no outputs, and chapters end
with a self-check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mlpro_guide.content.exam_map import declared_objectives
from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.lab.paths import TASK_AREAS

from .conftest import REPO_ROOT

CODE_COLUMNS = 79  # what a code cell shows without clipping (about 77 on desktop)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([^`\s]*)")
QUIET_BY_THE_SANDBOX = re.compile(r"getLogger\((\"|')(mlflow|alembic)")
UNFINISHED = re.compile(r"\b(TODO|FIXME|TBD|lorem ipsum|coming soon|placeholder)\b", re.IGNORECASE)


def toc_files() -> list[str]:
    """Every file the TOC lists, in reading order, without suffix."""
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return found


def source_of(entry: str) -> Path:
    for suffix in (".md", ".ipynb"):
        if (REPO_ROOT / f"{entry}{suffix}").exists():
            return REPO_ROOT / f"{entry}{suffix}"
    raise AssertionError(f"_toc.yml lists {entry!r}, but no {entry}.md or {entry}.ipynb exists")


def all_sources() -> list[Path]:
    found = [*REPO_ROOT.glob("book/**/*.md"), *REPO_ROOT.glob("notebooks/**/*.ipynb")]
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)


def notebooks() -> list[Path]:
    return sorted(
        p for p in REPO_ROOT.glob("notebooks/**/*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def test_every_toc_entry_exists():
    for entry in toc_files():
        source_of(entry)


def test_every_page_and_notebook_is_in_the_toc():
    listed = {source_of(entry) for entry in toc_files()}
    orphans = [str(p.relative_to(REPO_ROOT)) for p in all_sources() if p not in listed]
    assert orphans == []


def test_every_page_and_notebook_declares_known_objectives():
    known = exam_objectives().ids
    for entry in toc_files():
        path = source_of(entry)
        declared = declared_objectives(path)
        assert declared is not None, f"{path}: declare 'objectives' (front matter or metadata)"
        assert set(declared) <= known, f"{path}: unknown ids {set(declared) - known}"


@pytest.mark.parametrize("area", TASK_AREAS)
def test_a_written_chapter_has_an_overview_pages_notebooks_and_a_final_self_check(area):
    folder = REPO_ROOT / "book" / area
    if not folder.exists():
        pytest.skip(f"the {area} chapter has not been written yet")
    entries = toc_files()
    chapter = [
        e for e in entries if e.startswith(f"book/{area}/") or e.startswith(f"notebooks/{area}/")
    ]
    assert chapter[0] == f"book/{area}/index"
    assert chapter[-1] == f"book/{area}/self-check"
    assert any(e.startswith(f"notebooks/{area}/") for e in chapter), "a chapter has notebooks"
    assert (REPO_ROOT / "questions" / f"{area}.yml").exists()
    assert f"{{quiz}} {area}" in (folder / "self-check.md").read_text()


def test_book_and_notebook_folders_mirror_each_other():
    book_areas = {
        p.name for p in (REPO_ROOT / "book").iterdir() if p.is_dir() and p.name in TASK_AREAS
    }
    notebook_areas = {
        p.name for p in (REPO_ROOT / "notebooks").iterdir() if p.is_dir() and p.name in TASK_AREAS
    }
    assert book_areas == notebook_areas


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_a_notebook_is_committed_without_outputs(path):
    cells = json.loads(path.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c.get("execution_count") is None for c in code)


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_a_notebook_follows_the_template(path):
    notebook = json.loads(path.read_text())
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    markdown = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    for heading in ("## Overview", "## Prerequisites", "## Summary", "## Self-check"):
        assert heading in markdown, f"{path}: missing section {heading!r}"
    title = "".join(notebook["cells"][0]["source"])
    declared = notebook["metadata"]["objectives"]
    assert "**Exam objectives:** " + ", ".join(declared) in title
    last_code = [c for c in notebook["cells"] if c["cell_type"] == "code"][-1]
    assert "show_quiz(" in "".join(last_code["source"])


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_a_notebook_shows_a_real_error_only_in_a_tagged_cell(path):
    cells = json.loads(path.read_text())["cells"]
    tagged = [c for c in cells if "raises-exception" in c.get("metadata", {}).get("tags", [])]
    assert tagged, f"{path}: 'What can go wrong' shows a real error in a raises-exception cell"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_a_notebook_shows_only_the_quiz_in_its_last_cell(path):
    cells = json.loads(path.read_text())["cells"]
    last_code = [c for c in cells if c["cell_type"] == "code"][-1]
    tags = last_code.get("metadata", {}).get("tags", [])
    assert "remove-input" in tags, f"{path}: tag the show_quiz(...) cell 'remove-input'"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_a_notebook_leaves_logging_levels_to_the_sandbox(path):
    cells = json.loads(path.read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert not QUIET_BY_THE_SANDBOX.search(code), (
        f"{path}: tracking_sandbox() sets MLflow's and alembic's logging levels"
    )


def long_code_lines(path: Path) -> list[str]:
    """Lines of code a reader sees clipped: in a notebook's code cells, or in a page's
    fenced code blocks (directives such as ```{admonition} are prose, not code)."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        found = []
        for number, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                for line in "".join(cell["source"]).splitlines():
                    if len(line) > CODE_COLUMNS:
                        found.append(f"{path.name} cell {number}: {line.strip()}")
        return found
    found, fence = [], None
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = FENCE.match(line)
        if fence is None and match:
            is_code = not match.group(2).startswith("{")
            fence = (match.group(1), is_code)
        elif fence is not None and match and match.group(1).startswith(fence[0]):
            fence = None
        elif fence is not None and fence[1] and len(line) > CODE_COLUMNS:
            found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_long_code_lines_are_found_in_cells_and_code_blocks(tmp_path):
    page = tmp_path / "page.md"
    long = "x = " + "1 + " * 20 + "1"
    page.write_text(f"```python\n{long}\n```\n\n```{{admonition}} Tip\n{long}\n```\n")
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": [long]}]}))
    assert long_code_lines(page) == [f"page.md:2: {long}"]
    assert long_code_lines(notebook) == [f"nb.ipynb cell 0: {long}"]


@pytest.mark.parametrize("path", all_sources(), ids=lambda p: p.stem)
def test_code_lines_fit_the_page(path):
    assert long_code_lines(path) == [], (
        f"{path}: code lines longer than {CODE_COLUMNS} characters are clipped "
        "(ruff format wraps code; split long strings and comments by hand)"
    )


def test_no_unfinished_text_in_the_book():
    offenders = []
    for path in [*all_sources(), REPO_ROOT / "_toc.yml", *REPO_ROOT.glob("questions/*.yml")]:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if UNFINISHED.search(line):
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_every_markdown_table_starts_with_a_header_row():
    """A table row after a blank line begins a new table, which needs a separator row
    under its first line; without one MyST renders the rows as plain text with pipes."""
    broken = []
    for path in REPO_ROOT.glob("book/**/*.md"):
        lines = path.read_text(encoding="utf-8").splitlines()
        fenced = False
        for number, line in enumerate(lines):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or not line.startswith("|"):
                continue
            starts_table = number == 0 or not lines[number - 1].startswith("|")
            separator = number + 1 < len(lines) and lines[number + 1].startswith("|-")
            if starts_table and not separator:
                broken.append(f"{path.relative_to(REPO_ROOT)}:{number + 1}")
    assert broken == []
