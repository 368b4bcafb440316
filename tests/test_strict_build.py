"""The build is strict: a failing notebook cell or a Sphinx warning fails it, while a cell
tagged `raises-exception` is allowed. Each case builds a small temporary book that uses
this repository's real _config.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from .conftest import REPO_ROOT, run_build

pytestmark = pytest.mark.build


def make_book(folder: Path, notebook_cells: list, page_text: str = "# A page\n\nText.\n") -> Path:
    shutil.copy(REPO_ROOT / "_config.yml", folder / "_config.yml")
    shutil.copytree(REPO_ROOT / "book" / "figures", folder / "book" / "figures")
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: page\n  - file: example\n"
    )
    (folder / "index.md").write_text("# Temporary book\n\nFor a build test.\n")
    (folder / "page.md").write_text(page_text)
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Example notebook"), *notebook_cells],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(notebook, folder / "example.ipynb")
    return folder


def test_a_notebook_with_a_failing_cell_fails_the_build(tmp_path):
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("1 / 0")])
    result = run_build(book, timeout=300)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


def test_a_sphinx_warning_fails_the_build(tmp_path):
    page = "# A page\n\nSee {doc}`a-page-that-does-not-exist`.\n"
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("print('fine')")], page_text=page)
    result = run_build(book, timeout=300)
    assert result.returncode != 0
    assert "a-page-that-does-not-exist" in result.stdout + result.stderr


def test_a_cell_tagged_raises_exception_does_not_fail_the_build(tmp_path):
    tagged = nbformat.v4.new_code_cell("raise ValueError('shown on purpose')")
    tagged.metadata["tags"] = ["raises-exception"]
    book = make_book(tmp_path, [tagged, nbformat.v4.new_code_cell("print('after')")])
    result = run_build(book, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    html = (book / "_build" / "html" / "example.html").read_text()
    assert "shown on purpose" in html and "after" in html


def test_an_invalid_question_bank_fails_the_build(tmp_path):
    page = "# A page\n\n```{quiz} no-such-bank\n```\n"
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("print('fine')")], page_text=page)
    result = run_build(book, timeout=300)
    assert result.returncode != 0
    assert "no-such-bank.yml: no such bank" in result.stdout + result.stderr
