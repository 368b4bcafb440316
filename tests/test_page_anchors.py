"""Section anchors computed from MyST source match the ids docutils gives the headings,
so a question's ``taught_in`` can be checked without building the book."""

from __future__ import annotations

import json

from docutils.core import publish_doctree

from mlpro_guide.content.page_anchors import anchor_of, check_taught_in, page_anchors, section_title


def test_an_anchor_is_the_id_docutils_gives_the_same_title():
    for title in ["Log the model", "`log_model` and `score_batch`", "What's next? (2026)"]:
        plain = title.replace("`", "")
        tree = publish_doctree(f"{plain}\n{'=' * len(plain)}\n\nText.\n")
        assert anchor_of(title) in tree.ids, (title, list(tree.ids))


def test_roles_links_and_code_keep_only_their_text():
    assert anchor_of("`handleInvalid`: decide at training time") == (
        "handleinvalid-decide-at-training-time"
    )
    assert anchor_of("The {term}`alias <model alias>` moves") == "the-alias-moves"
    assert anchor_of("See [the docs](https://example.org/x) first") == "see-the-docs-first"


def test_headings_in_code_fences_are_not_sections(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "---\nobjectives: []\n---\n# Title\n\n```python\n# not a heading\n```\n\n"
        "## Real heading\n\n(explicit-target)=\n## Named\n\n## Real heading\n"
    )
    anchors = page_anchors(page)
    assert set(anchors) == {"title", "real-heading", "explicit-target", "named"}
    assert anchors["real-heading"].line == 10  # the first of two equal headings


def test_notebook_markdown_cells_have_anchors(tmp_path):
    notebook = tmp_path / "demo.ipynb"
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Demo\n", "## Step 1: the data"]},
        {"cell_type": "code", "metadata": {}, "source": "# Not a heading", "outputs": []},
    ]
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    assert set(page_anchors(notebook)) == {"demo", "step-1-the-data"}


def test_a_real_page_and_heading_pass_the_check():
    assert check_taught_in("book/deployment/model-serving.md#from-sql-ai-query") is None
    assert "not a page of the book" in check_taught_in("book/practice/nowhere.md#x")


def test_a_section_link_reads_as_the_page_title_then_the_heading():
    assert section_title("book/deployment/model-serving.md#inference-tables") == (
        "Model Serving on Databricks: Inference tables"
    )
    assert section_title("book/deployment/model-serving.md#model-serving-on-databricks") == (
        "Model Serving on Databricks"
    )
