"""The scheduled link check collects the documentation URLs the guide cites (offline)."""

from __future__ import annotations

import importlib.util
import json
import sys

from .conftest import REPO_ROOT

_spec = importlib.util.spec_from_file_location("check_links", REPO_ROOT / "scripts/check_links.py")
check_links = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("check_links", check_links)
_spec.loader.exec_module(check_links)


def test_the_urls_cited_by_pages_and_questions_are_collected():
    urls = check_links.collect_urls()
    lifecycle = "https://docs.databricks.com/aws/en/machine-learning/model-serving/"
    assert "book/lifecycle.md" in urls[lifecycle]
    assert any(
        ":" in place and place.startswith("questions/") for p in urls.values() for place in p
    )
    assert all(url.startswith("https://") for url in urls)


def test_each_url_is_listed_once_with_every_place_that_cites_it(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "questions").mkdir()
    (tmp_path / "book" / "a.md").write_text(
        "See [Docs](https://docs.example.com/x) and <https://docs.example.com/x>.\n"
        "Local: [UI](https://127.0.0.1:5000/) and [plain](http://example.com/).\n"
    )
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["Read [Docs](https://docs.example.com/x)."]},
            {"cell_type": "code", "source": ["url = '[no](https://code.example.com/)'"]},
        ]
    }
    (tmp_path / "notebooks" / "n.ipynb").write_text(json.dumps(notebook))
    urls = check_links.collect_urls(tmp_path)
    assert urls == {"https://docs.example.com/x": ["book/a.md", "notebooks/n.ipynb"]}


def test_a_gone_page_fails_and_a_refused_script_only_warns():
    assert check_links.Result("https://x", 404).failed
    assert check_links.Result("https://x", None, "URLError: timed out").failed
    refused = check_links.Result("https://x", 403)
    assert refused.warning and not refused.failed
