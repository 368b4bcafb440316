"""Flashcards: the cards generated from the glossary and the cheat sheets, and the Leitner
schedule the page keeps (``flashcards-schedule.js``, run in Node or, without Node, in
Chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources

import pytest
import yaml

from mlpro_guide.content.flashcards import (
    FlashcardError,
    all_flashcards,
    cheat_sheet_cards,
    glossary_cards,
)
from mlpro_guide.content.glossary import read_glossary
from mlpro_guide.lab.paths import REPO_ROOT

BOOK = REPO_ROOT / "book"
SCHEDULE = resources.files("mlpro_guide.site") / "assets" / "flashcards-schedule.js"


def toc_documents() -> set[str]:
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("file", "root"):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8")))
    return found


# --- the cards ------------------------------------------------------------------------


def test_every_glossary_term_and_every_key_api_and_legacy_row_gives_a_card():
    cards = all_flashcards(BOOK)
    kinds = {kind: sum(card.kind == kind for card in cards) for kind in ("glossary",)}
    assert kinds["glossary"] == len(read_glossary(BOOK / "glossary.md"))
    for sheet in sorted(BOOK.glob("*/cheat-sheet.md")):
        area = sheet.parent.name
        assert any(c.chapter == area and c.kind == "key API" for c in cards), area
        assert any(c.chapter == area and c.kind == "legacy name" for c in cards), area


def test_every_card_has_a_front_a_back_and_a_link_to_a_page_in_the_book():
    documents = toc_documents()
    cards = all_flashcards(BOOK)
    assert len(cards) >= 150
    for card in cards:
        assert card.front.strip() and card.back.strip(), card.id
        assert card.doc in documents, f"{card.id} links {card.doc}, not in _toc.yml"
        assert any((REPO_ROOT / f"{card.doc}{s}").exists() for s in (".md", ".ipynb"))
    assert len({card.id for card in cards}) == len(cards)


def test_a_card_renders_the_markdown_of_its_cell_and_escapes_raw_html():
    cards = {card.id: card for card in all_flashcards(BOOK)}
    alias = cards["glossary:alias"]
    assert "<code>models:/&lt;name&gt;@&lt;alias&gt;</code>" in alias.back
    assert "{doc}" not in alias.back and "See " not in alias.back
    assert alias.doc == "book/promotion/model-registry-today"
    legacy = cards["promotion:legacy:workspace-model-registry"]
    assert legacy.back == "Models in Unity Catalog"
    assert legacy.doc == "book/promotion/cheat-sheet"


def test_a_term_role_in_a_definition_becomes_its_text(tmp_path):
    page = tmp_path / "glossary.md"
    page.write_text(
        "```{glossary}\nbaseline drift\n  Compare {term}`the other <consecutive drift>` and "
        "{term}`PSI`. See {doc}`/book/monitoring/drift-kinds-and-tests`.\n```\n",
        encoding="utf-8",
    )
    (card,) = glossary_cards(page)
    assert card.back == "Compare the other and PSI."
    assert card.doc == "book/monitoring/drift-kinds-and-tests"


def test_a_definition_without_its_teaching_link_is_reported_with_file_and_term(tmp_path):
    page = tmp_path / "glossary.md"
    page.write_text("```{glossary}\nalias\n  A pointer to a version.\n```\n", encoding="utf-8")
    with pytest.raises(FlashcardError, match=r"glossary\.md: the term 'alias' does not end"):
        glossary_cards(page)


def sheet(tmp_path, rows: str, heading: str = "## Key APIs, current names") -> tuple:
    book = tmp_path / "book"
    (book / "promotion").mkdir(parents=True)
    path = book / "promotion" / "cheat-sheet.md"
    path.write_text(
        f"# Cheat sheet\n\n{heading}\n\n| Task | Call |\n|---|---|\n{rows}\n"
        "## Numbers worth remembering\n\n| Fact | Value |\n|---|---|\n| a | b | c |\n",
        encoding="utf-8",
    )
    return path, book


def test_a_cheat_sheet_row_gives_a_card_and_other_tables_are_ignored(tmp_path):
    path, book = sheet(tmp_path, "| Set an alias | `client.set_registered_model_alias` |\n")
    (card,) = cheat_sheet_cards(path, book)
    assert card.id == "promotion:api:set-an-alias"
    assert card.back == "<code>client.set_registered_model_alias</code>"
    assert card.doc == "book/promotion/cheat-sheet"


@pytest.mark.parametrize(
    "row, problem",
    [
        ("| only one cell |\n", "found 1"),
        ("| a | b | c |\n", "found 3"),
        ("| Set an alias |  |\n", "two non-empty cells"),
        ("| See | {doc}`model-registry-today` |\n", "cannot hold a {doc} link"),
    ],
)
def test_a_malformed_row_is_reported_with_the_file_and_the_line(tmp_path, row, problem):
    path, book = sheet(tmp_path, "| Log | `mlflow.log_input` |\n" + row)
    with pytest.raises(FlashcardError) as error:
        cheat_sheet_cards(path, book)
    assert "cheat-sheet.md:8:" in str(error.value)
    assert problem in str(error.value)


def test_a_legacy_table_without_rows_is_reported(tmp_path):
    path, book = sheet(tmp_path, "", heading="## Legacy names the exam may still use")
    with pytest.raises(FlashcardError, match=r"cheat-sheet\.md:\d+: the legacy name table"):
        cheat_sheet_cards(path, book)


# --- the schedule ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def schedule(request):
    """Evaluate a JavaScript expression with ``s`` bound to the page's schedule module."""
    node = shutil.which("node")
    if node:

        def run(expression: str):
            program = (
                f"const s = require({json.dumps(str(SCHEDULE))});\n"
                f"process.stdout.write(JSON.stringify((() => {expression})()));"
            )
            out = subprocess.run(
                [node, "-e", program], check=True, capture_output=True, text=True, timeout=60
            )
            return json.loads(out.stdout)

        return run
    page = request.getfixturevalue("browser").new_page()
    page.add_script_tag(content=SCHEDULE.read_text(encoding="utf-8"))
    request.addfinalizer(page.close)
    return lambda expression: page.evaluate(
        f"(() => {{ const s = window.mlproFlashcardSchedule; return ({expression}); }})()"
    )


def test_knowing_a_card_moves_it_up_a_box_and_the_interval_grows(schedule):
    result = schedule(
        """(() => {
        let st = s.empty(); const out = []; let day = "2026-12-07";
        for (let i = 0; i < 6; i++) {
          st = s.rate(st, "c", true, day); out.push([st.cards.c.box, st.cards.c.due]);
          day = st.cards.c.due;
        }
        return out; })()"""
    )
    assert result == [
        [2, "2026-12-10"],
        [3, "2026-12-17"],
        [4, "2026-12-31"],
        [5, "2027-01-30"],
        [5, "2027-03-01"],
        [5, "2027-03-31"],
    ]


def test_missing_a_card_sends_it_back_to_box_one_due_the_next_day(schedule):
    entry = schedule(
        """(() => { let st = s.empty();
        st = s.rate(st, "c", true, "2026-12-01"); st = s.rate(st, "c", true, "2026-12-04");
        st = s.rate(st, "c", false, "2026-12-11"); return st.cards.c; })()"""
    )
    assert entry == {"box": 1, "due": "2026-12-12", "last": "2026-12-11"}


def test_a_day_brings_the_cards_due_then_at_most_twenty_new_ones(schedule):
    result = schedule(
        """(() => {
        const ids = Array.from({length: 30}, (_, i) => "c" + i);
        let st = s.empty();
        const first = s.dueToday(st, ids, "2026-12-07");
        for (const id of first.fresh) { st = s.rate(st, id, id !== "c3", "2026-12-07"); }
        const later = s.dueToday(st, ids, "2026-12-07");
        const tomorrow = s.dueToday(st, ids, "2026-12-08");
        const in3 = s.dueToday(st, ids, "2026-12-10");
        return [first.due.length, first.fresh.length, later.due.length, later.fresh.length,
                tomorrow.due, tomorrow.fresh.length, in3.due.length,
                s.nextDue(st, ids, "2026-12-07")]; })()"""
    )
    first_due, first_new, later_due, later_new, tomorrow, tomorrow_new, in3, upcoming = result
    assert (first_due, first_new) == (0, 20)
    assert (later_due, later_new) == (0, 0)  # today's allowance of new cards is used up
    assert tomorrow == ["c3"] and tomorrow_new == 10
    assert in3 == 20  # the 19 known cards (3 days) and the missed one, overdue
    assert upcoming == {"day": "2026-12-08", "count": 1}


def test_days_are_calendar_days_across_months_years_and_leap_days(schedule):
    assert schedule('s.addDays("2028-02-28", 1)') == "2028-02-29"
    assert schedule('s.addDays("2026-12-31", 1)') == "2027-01-01"
    assert schedule('s.addDays("2026-03-28", 3)') == "2026-03-31"
    assert schedule("s.dayOf(new Date(2026, 11, 7, 23, 59))") == "2026-12-07"


def test_stored_data_of_another_shape_or_version_is_not_accepted(schedule):
    assert schedule("s.isValid(s.empty())") is True
    for bad in (
        "null",
        '{version: 2, cards: {}, newDay: "", newCount: 0}',
        '{version: 1, cards: [], newDay: "", newCount: 0}',
        '{version: 1, cards: {c: {box: 6, due: "2026-12-01", last: "2026-12-01"}},'
        ' newDay: "", newCount: 0}',
        '{version: 1, cards: {c: {box: 1, due: "tomorrow", last: "2026-12-01"}},'
        ' newDay: "", newCount: 0}',
    ):
        assert schedule(f"s.isValid({bad})") is False, bad
