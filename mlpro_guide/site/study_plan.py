"""What the study plan needs to know about the pages it recommends, computed at build time.

The plan (``site/assets/practice-plan.js``) ranks the pages that teach the questions
(each question's ``taught_in`` section) by the points a learner can expect to gain there.
For every such page this module gives its title, chapter and link, its reading time (the
same number as the page's "about N min to read" banner, :mod:`.navigation`), and the
notebooks of the same chapter that declare one of the page's objectives, with the run
time measured for this build (``None`` when the build did not run the notebook).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..content.exam_map import FrontMatterError, declared_objectives
from ..content.questions import QuestionBank

# Modules, not names: navigation, practice_pages and this module import one another (the
# navigation counts the mock exams' time, the practice pages embed this plan), so whichever
# is imported first, the others may still be loading; names are looked up at call time.
from . import navigation


def _objectives(env, docname: str) -> set[str]:
    try:
        return set(declared_objectives(Path(env.doc2path(docname))) or [])
    except FrontMatterError:
        return set()  # reported as a build warning elsewhere


def taught_pages(banks: dict[str, QuestionBank]) -> set[str]:
    """The document names (``book/deployment/model-serving``) of every ``taught_in``."""
    return {
        q.taught_in_href.split("#", 1)[0].removesuffix(".html")
        for bank in banks.values()
        for q in bank.questions
        if q.taught_in_href
    }


def plan_pages(app: Sphinx, fromdocname: str, banks: dict[str, QuestionBank]) -> dict[str, dict]:
    """Document name -> {title, chapter, href, minutes, notebooks} for every page a
    question's ``taught_in`` names; hrefs are relative to ``fromdocname``."""
    env = app.env
    reading = getattr(env, "mlpro_reading", {})
    chapter_of = {
        doc: group.title for group in navigation.reading_groups(app) for doc in group.docnames
    }

    def title(docname: str) -> str:
        return env.titles[docname].astext() if docname in env.titles else docname

    notebooks = {
        d: _objectives(env, d) for d in sorted(env.found_docs) if env.doc2path(d).endswith(".ipynb")
    }
    result = {}
    for docname in sorted(taught_pages(banks) & set(env.found_docs)):
        area = docname.split("/")[1] if docname.count("/") >= 2 else ""
        objectives = _objectives(env, docname)
        related = [
            d
            for d in notebooks
            if d != docname and d.split("/")[1:2] == [area] and notebooks[d] & objectives
        ]
        seconds = {d: navigation.run_seconds(env, d) for d in related}
        result[docname] = {
            "title": title(docname),
            "chapter": chapter_of.get(docname, ""),
            "href": app.builder.get_relative_uri(fromdocname, docname),
            "minutes": reading[docname].reading
            if docname in reading
            else navigation.reading_minutes(0, 0),
            "notebooks": [
                {
                    "title": title(d),
                    "href": app.builder.get_relative_uri(fromdocname, d),
                    "seconds": None if seconds[d] is None else round(seconds[d]),
                }
                for d in related
            ],
        }
    return result
