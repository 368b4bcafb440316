"""Every sequence a learner reads in one sitting shows balanced, pattern-free answer
letters: each self-check page in its own order, each notebook's quiz, forms A-D, and the
random form for any seed, drawn by the page's own script (``assets/practice-draw.js``, the
part of the practice scripts that draws forms and places answers) run in Node, or in
Chromium where Node is missing. The random form gives every question of a
domain about the same chance while spreading over objectives; drawn for a learner, it
takes the questions they have not answered first, and its link gives the same form back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import pytest

from mlpro_guide.content.answer_order import key_sequence_problems
from mlpro_guide.content.practice import DOMAIN_QUOTAS, FORM_LENGTH, FORM_NAMES, practice_data
from mlpro_guide.content.questions import OPTION_LETTERS, load_all_banks
from mlpro_guide.site.practice_pages import PRACTICE_SCRIPTS
from mlpro_guide.site.quiz import _quiz_calls, render_quiz_html, self_check_sections, show_quiz

HERE = Path(__file__).parent
NOTEBOOKS = HERE.parent / "notebooks"
BANKS = load_all_banks()
CHAPTER_BANKS = load_all_banks(pool=False)
SEEDS = 1_000
LETTER_RANGE_59 = (11, 19)
"""On a 59-question form each letter holds the key 11 to 19 times."""
INCLUSION_TOLERANCE = 0.35
"""Each question's inclusion rate in the random form: within 35% of its domain's mean."""


def rendered_keys(markup: str) -> str:
    return "".join(re.findall(r'data-answer="([A-D])"', markup))


def sequence_problems(keys: str, name: str) -> list[str]:
    problems = key_sequence_problems(keys, name)
    if len(keys) == FORM_LENGTH:
        low, high = LETTER_RANGE_59
        for letter in OPTION_LETTERS:
            if not low <= keys.count(letter) <= high:
                problems.append(f"{name}: {letter} holds {keys.count(letter)} of 59 keys")
    return problems


def notebook_quiz_calls() -> list[tuple[str, str, list[str] | None, list[str] | None]]:
    calls = []
    for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and "show_quiz" in source:
                for bank, ids, tags in _quiz_calls(source):
                    calls.append((str(path.relative_to(NOTEBOOKS)), bank, ids, tags))
    return calls


@pytest.mark.parametrize("name", sorted(CHAPTER_BANKS))
def test_each_self_check_page_is_balanced_in_its_own_order(name):
    bank = BANKS[name]
    markup = render_quiz_html(bank, sections=self_check_sections(bank))
    keys = rendered_keys(markup)
    assert len(keys) == len(bank.questions)
    assert sequence_problems(keys, f"{name} self-check") == []


@pytest.mark.parametrize("call", notebook_quiz_calls(), ids=lambda call: call[0])
def test_each_notebook_quiz_is_balanced_in_its_own_order(call):
    notebook, bank, ids, tags = call
    keys = rendered_keys(show_quiz(bank, ids=ids, tags=tags)._repr_html_())
    assert keys and sequence_problems(keys, notebook) == []


@cache
def self_check_letters(name: str) -> dict[str, str]:
    page = render_quiz_html(BANKS[name], sections=self_check_sections(BANKS[name]))
    pairs = re.findall(r'data-answer="([A-D])"[^>]*data-question-id="([^"]+)"', page)
    return {qid: letter for letter, qid in pairs}


def test_the_same_question_need_not_show_the_same_letter_everywhere():
    """Letters are per sequence: a letter remembered from a notebook is no cue."""
    moved = 0
    for _notebook, bank, ids, _tags in notebook_quiz_calls():
        if not ids:
            continue
        page_letters = self_check_letters(bank)
        shown = rendered_keys(show_quiz(bank, ids=ids)._repr_html_())
        moved += sum(page_letters[i] != letter for i, letter in zip(ids, shown, strict=True))
    assert moved > 0


@lru_cache(maxsize=1)
def exported() -> dict:
    return practice_data(BANKS)


DRAW_SCRIPT = "practice-draw.js"
"""The file of the practice pages' scripts that draws the random form and places the best
answers (loaded first on those pages; it needs no other)."""


def answered_at(ids: list[str], start: int = 0) -> dict[str, str]:
    """A progress store (as progress.js keeps it) with a first self-check answer for each
    of ``ids``, one minute apart in the order given."""
    return {
        "selfChecks": {
            qid: {
                "bank": "",
                "choice": "A",
                "correct": True,
                "objectives": [],
                "page": "",
                "at": f"2026-11-01T{(start + n) // 60:02d}:{(start + n) % 60:02d}:00Z",
            }
            for n, qid in enumerate(ids)
        }
    }


def scenarios() -> list[dict]:
    """Learners whose browsers have answered some questions, and one who answered none."""
    questions = exported()["questions"]
    by_domain: dict[str, list[str]] = {}
    for qid in sorted(questions):
        by_domain.setdefault(questions[qid]["domain"], []).append(qid)
    chapter = [q.id for bank in CHAPTER_BANKS.values() for q in bank.questions]
    # Every question of domain 1 answered but ten, in a known order.
    nearly_all = [i for i in by_domain["1"][10:]]
    mixed = {
        "selfChecks": answered_at(chapter[:20])["selfChecks"],
        "attempts": {
            "A": [
                {
                    "submittedAt": "2026-11-05T10:00:00Z",
                    "right": 1,
                    "answers": {exported()["forms"]["A"][0]: "B"},
                }
            ]
        },
        "mistakes": {chapter[0]: {"missedAt": "2026-11-06T10:00:00Z"}},
    }
    return [
        {"seed": "7", "progress": answered_at(chapter[: len(chapter) // 2])},
        {"seed": "8", "progress": answered_at(nearly_all)},
        {"seed": "9", "progress": {}},
        {"seed": "10", "progress": mixed},
    ]


@lru_cache(maxsize=1)
def node_draws(path: str, scenario_path: str) -> dict:
    node = shutil.which("node")
    script = resources.files("mlpro_guide.site") / "assets" / DRAW_SCRIPT
    return json.loads(
        subprocess.run(
            [node, str(HERE / "practice_node.js"), str(script), str(HERE / "practice_draws.js")]
            + [path, "0", str(SEEDS), scenario_path],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
    )


@pytest.fixture(scope="module")
def draws(tmp_path_factory, request) -> dict:
    """What the page's draw script draws, run in Node (or, without Node, in Chromium)."""
    data = json.dumps(exported())
    cases = json.dumps(scenarios())
    if shutil.which("node"):
        folder = tmp_path_factory.mktemp("practice")
        (folder / "data.json").write_text(data, encoding="utf-8")
        (folder / "scenarios.json").write_text(cases, encoding="utf-8")
        return node_draws(str(folder / "data.json"), str(folder / "scenarios.json"))
    browser = request.getfixturevalue("browser")
    script = (resources.files("mlpro_guide.site") / "assets" / DRAW_SCRIPT).read_text("utf-8")
    page = browser.new_page()
    try:
        page.set_content("<p>draws</p>")
        page.add_script_tag(content="window.mlproPracticeData = " + data + ";")
        page.add_script_tag(content=script)
        page.add_script_tag(content=(HERE / "practice_draws.js").read_text(encoding="utf-8"))
        return page.evaluate(f"practiceDraws(0, {SEEDS}, {cases})")
    finally:
        page.close()


def test_the_draw_script_is_one_the_practice_pages_load_first():
    """The harness runs the page's own draw code: the file the pages load first, which
    relies on no other practice script."""
    assert PRACTICE_SCRIPTS[0] == DRAW_SCRIPT
    text = (resources.files("mlpro_guide.site") / "assets" / DRAW_SCRIPT).read_text("utf-8")
    assert "window.mlproPractice = window.mlproPractice || {}" in text


def test_forms_a_to_d_show_balanced_keys_in_their_own_order(draws):
    data = exported()
    for name in FORM_NAMES:
        keys = "".join(
            OPTION_LETTERS[p] for p in data["formPositions"][name]
        )  # what the build assigns...
        assert draws["forms"][name] == keys  # ...is what the page shows
        assert sequence_problems(keys, f"form {name}") == []


def test_the_random_form_is_balanced_for_every_seed(draws):
    problems = [
        problem
        for seed, drawn in draws["random"].items()
        for problem in sequence_problems(drawn["keys"], f"random seed {seed}")
    ]
    assert len(draws["random"]) == SEEDS
    assert problems == []


def test_the_review_list_is_balanced_too(draws):
    assert sequence_problems(draws["mistakes"], "review my mistakes") == []


def test_every_random_form_has_59_distinct_questions_in_the_exam_proportions(draws):
    questions = exported()["questions"]
    for seed, drawn in draws["random"].items():
        assert len(set(drawn["ids"])) == FORM_LENGTH, seed
        counts = Counter(questions[i]["domain"] for i in drawn["ids"])
        assert counts == Counter(DOMAIN_QUOTAS), seed


def test_within_each_domain_every_question_is_about_equally_likely(draws):
    questions = exported()["questions"]
    included = Counter(i for drawn in draws["random"].values() for i in drawn["ids"])
    by_domain: dict[str, list[str]] = {}
    for qid, question in questions.items():
        by_domain.setdefault(question["domain"], []).append(qid)
    for domain, ids in by_domain.items():
        rates = {i: included[i] / SEEDS for i in ids}
        mean = sum(rates.values()) / len(rates)
        off = {
            i: round(r, 3) for i, r in rates.items() if abs(r - mean) > INCLUSION_TOLERANCE * mean
        }
        assert off == {}, f"domain {domain}: mean {mean:.3f}"


def test_a_random_form_spreads_over_objectives_as_the_bank_does(draws):
    """Each objective gets its proportional share of its domain's quota, give or take one."""
    questions = exported()["questions"]
    pool = Counter((q["domain"], q["objectives"][0]) for q in questions.values())
    size = Counter(q["domain"] for q in questions.values())
    for seed, drawn in list(draws["random"].items())[:200]:
        got = Counter((questions[i]["domain"], questions[i]["objectives"][0]) for i in drawn["ids"])
        for (domain, objective), n in pool.items():
            share = DOMAIN_QUOTAS[domain] * n / size[domain]
            assert share - 1 <= got[domain, objective] <= share + 1, (seed, objective)


def test_two_random_forms_share_few_questions(draws):
    """Draws with different seeds are nearly independent: two forms share about the
    expected 59 * 59 / bank size questions, not a fixed core."""
    seeds = list(draws["random"])[:100]
    total = len(exported()["questions"])
    shared = [
        len(set(draws["random"][a]["ids"]) & set(draws["random"][b]["ids"]))
        for a, b in zip(seeds, seeds[1:], strict=False)
    ]
    assert sum(shared) / len(shared) < 1.5 * FORM_LENGTH * FORM_LENGTH / total


def test_a_learner_s_random_form_takes_no_answered_question_while_unseen_ones_remain(draws):
    questions = exported()["questions"]
    drawn = draws["preferring"][0]
    assert len(drawn["seen"]) > 100
    assert set(drawn["ids"]) & set(drawn["seen"]) == set()
    assert Counter(questions[i]["domain"] for i in drawn["ids"]) == Counter(DOMAIN_QUOTAS)
    assert sequence_problems(drawn["keys"], "random form for a learner") == []


def test_when_few_questions_are_unseen_the_form_adds_those_answered_longest_ago(draws):
    questions = exported()["questions"]
    domain_1 = sorted(i for i, q in questions.items() if q["domain"] == "1")
    drawn = [i for i in draws["preferring"][1]["ids"] if questions[i]["domain"] == "1"]
    # the ten never answered, then the sixteen answered first (one minute apart)
    assert sorted(drawn) == sorted(domain_1[:10] + domain_1[10:26])


def test_a_learner_who_answered_nothing_gets_the_plain_seeded_draw_s_spread(draws):
    """With nothing answered every question is new: the draw samples the whole bank."""
    drawn = draws["preferring"][2]
    assert drawn["seen"] == {}
    assert drawn["ids"] == drawn["plain"]


def test_self_checks_exam_answers_and_mistakes_all_count_as_seen(draws):
    seen = draws["preferring"][3]["seen"]
    chapter = [q.id for bank in CHAPTER_BANKS.values() for q in bank.questions]
    assert set(seen) == set(chapter[:20]) | {exported()["forms"]["A"][0]}
    assert seen[chapter[0]] == "2026-11-06T10:00:00Z"  # the latest answer counts
    assert set(draws["preferring"][3]["ids"]) & set(seen) == set()


def test_a_shared_link_gives_back_the_same_form_in_the_same_order(draws):
    for drawn in draws["preferring"]:
        assert drawn["decoded"] == drawn["ids"]
        assert len(drawn["pick"]) < 150  # short enough to paste in a message
