"""Sphinx hook: tell every page which pages and notebooks teach each exam objective.

Every built HTML page gets a small inline script in its ``<head>``::

    window.mlproObjectivePages = {"1.4.1": [{"title": "Training-serving skew",
        "href": "../feature-consistency/training-serving-skew.html", "kind": "page"}], ...}

``href`` is relative to the page that carries the script, so the map works from a web
server and from ``file://`` alike. The quiz script uses it for its "Review: <page>" links
after a wrong answer; the practice pages use it too. Only TEACHING documents are listed:
concept pages and notebooks that declare the objective (front matter or notebook
metadata), in reading order. Self-check pages, the exam map and the sources page are never
listed; a chapter overview (``<area>/index``) is listed only for an objective no concept
page or notebook teaches.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from sphinx.application import Sphinx

from ..content.exam_map import FrontMatterError, declared_objectives

# Documents that declare objectives but do not teach them.
NOT_TEACHING = ("self-check", "exam-map", "sources")


def is_teaching_document(docname: str) -> bool:
    """Whether ``docname`` may be offered as a page to review an objective on."""
    return docname.rsplit("/", 1)[-1] not in NOT_TEACHING


def is_overview(docname: str) -> bool:
    return docname.endswith("/index") or docname == "index"


def reading_order(env) -> list[str]:
    """Document names in the order of the table of contents (then any others, sorted)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(docname: str) -> None:
        if docname in seen:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    order.extend(sorted(set(env.found_docs) - seen))
    return order


def teaching_documents(env) -> dict[str, list[str]]:
    """Objective id -> the document names that teach it, in reading order."""
    taught: dict[str, list[str]] = {}
    overviews: dict[str, list[str]] = {}
    for docname in reading_order(env):
        if docname not in env.found_docs or not is_teaching_document(docname):
            continue
        try:
            declared = declared_objectives(Path(env.doc2path(docname)))
        except FrontMatterError:
            continue  # reported as a build warning by sphinx_ext
        target = overviews if is_overview(docname) else taught
        for objective_id in declared or []:
            documents = target.setdefault(objective_id, [])
            if docname not in documents:
                documents.append(docname)
    for objective_id, documents in overviews.items():
        taught.setdefault(objective_id, documents)
    return taught


def objective_pages(app: Sphinx, pagename: str) -> dict[str, list[dict[str, str]]]:
    """The map for one page: hrefs relative to ``pagename``."""
    env = app.env
    taught = getattr(app, "_mlpro_teaching_documents", None)
    if taught is None:
        taught = app._mlpro_teaching_documents = teaching_documents(env)
    result = {}
    for objective_id in sorted(taught, key=lambda i: [int(p) for p in i.split(".")]):
        entries = []
        for docname in taught[objective_id]:
            title = env.titles[docname].astext() if docname in env.titles else docname
            kind = "notebook" if Path(env.doc2path(docname)).suffix == ".ipynb" else "page"
            # Sphinx gives "" for a page's link to itself; name the file instead.
            href = app.builder.get_relative_uri(pagename, docname) or posixpath.basename(
                app.builder.get_target_uri(docname)
            )
            entries.append({"title": title, "href": href, "kind": kind})
        result[objective_id] = entries
    return result


def map_script(pages: dict[str, list[dict[str, str]]]) -> str:
    """The inline script that defines ``window.mlproObjectivePages``."""
    payload = json.dumps(pages, ensure_ascii=True, separators=(",", ":"))
    # No "</script>" or "<!--" can end the script early.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"<script>window.mlproObjectivePages = {payload};</script>"


def _reset(app: Sphinx, env) -> None:
    """Documents were (re)read: compute the map again on the next page written."""
    app._mlpro_teaching_documents = None


def _add_map(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    context["metatags"] = context.get("metatags", "") + map_script(objective_pages(app, pagename))


def setup(app: Sphinx):
    app.connect("env-updated", _reset)
    app.connect("html-page-context", _add_map)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
