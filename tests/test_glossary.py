"""The glossary: enough terms, each defined once and pointing at the page that teaches
it, and every ``{term}`` reference in the book resolving to one of them."""

import json

import pytest

from mlpro_guide.content.glossary import GlossaryError, read_glossary, term_references
from mlpro_guide.lab.paths import REPO_ROOT

GLOSSARY = REPO_ROOT / "book" / "glossary.md"


def book_texts():
    """(path, text) of every page and every notebook's markdown."""
    for path in sorted(REPO_ROOT.glob("book/**/*.md")):
        yield path, path.read_text(encoding="utf-8")
    for path in sorted(REPO_ROOT.glob("notebooks/**/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_the_glossary_defines_at_least_sixty_terms_each_once():
    entries = read_glossary(GLOSSARY)
    assert len(entries) >= 60, f"{len(entries)} terms"


def test_every_definition_links_a_page_of_the_book_that_exists():
    for entry in read_glossary(GLOSSARY):
        assert entry.taught_in, f"{GLOSSARY}: {entry.term!r} links no teaching page"
        for doc in entry.taught_in:
            candidates = [REPO_ROOT / f"{doc.lstrip('/')}{s}" for s in (".md", ".ipynb")]
            assert any(c.exists() for c in candidates), f"{entry.term!r} links missing {doc}"


def test_every_term_reference_in_the_book_names_a_defined_term():
    defined = {entry.term.casefold() for entry in read_glossary(GLOSSARY)}
    dangling = [
        (path.relative_to(REPO_ROOT).as_posix(), ref)
        for path, text in book_texts()
        for ref in term_references(text)
        if ref.casefold() not in defined
    ]
    assert dangling == []


def test_the_chapters_link_their_terms_to_the_glossary():
    linking = {path.parent.name for path, text in book_texts() if term_references(text)}
    chapters = {p.name for p in (REPO_ROOT / "book").iterdir() if (p / "self-check.md").exists()}
    assert chapters <= linking, f"chapters without a glossary link: {chapters - linking}"


def test_a_term_defined_twice_is_reported_with_the_file_and_the_term(tmp_path):
    page = tmp_path / "glossary.md"
    page.write_text(
        "# G\n\n```{glossary}\nalias\n  A pointer.\n\nAlias\n  Again.\n```\n", encoding="utf-8"
    )
    with pytest.raises(GlossaryError, match=r"glossary.md: the term 'Alias' is defined twice"):
        read_glossary(page)


def test_a_term_without_a_definition_is_reported(tmp_path):
    page = tmp_path / "glossary.md"
    page.write_text("```{glossary}\nalias\n\nchampion\n  The best.\n```\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="'alias' has no definition"):
        read_glossary(page)


def test_term_references_read_both_forms_of_the_role():
    text = "An {term}`alias` moves; the {term}`served version <served entity>` does not."
    assert term_references(text) == ["alias", "served entity"]
