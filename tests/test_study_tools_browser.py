"""The study tools in a real browser (Debian's Chromium through Playwright): the readiness
estimate on "My progress" and after a mock exam, the diagnostic and the study plan it
builds, mistakes coming back after 1, 3, 7 and 14 days, and progress exported to a file
and imported in another browser, with bad files refused and nothing lost.

Like tests/test_practice_browser.py (whose fixtures these tests share), they need the
built book; ``MLPRO_PREBUILT_SITE=<folder>`` points them at a site built without
executing notebooks."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from mlpro_guide.content.readiness import readiness

from . import test_practice_browser as practice
from .test_practice_browser import (
    KEY,
    MISTAKES,
    PROGRESS,
    SELF_CHECK,
    _check_clean,
    _watch,
    form_answer,
    start,
    stored,
    submit_all,
)

# The practice tests' fixtures: the built site served locally, the question data, a
# browser context and a page whose requests and console errors are checked.
practice_site = practice.practice_site
practice_url = practice.practice_url
data = practice.data
context = practice.context
page = practice.page

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.site]

DIAGNOSTIC = "/book/practice/diagnostic.html"


def record(tab, question, correct, at="2026-11-20T10:00:00.000Z", source="self-check"):
    tab.evaluate(
        "a => window.mlproProgress.recordAnswer(a)",
        {
            "source": source,
            "questionId": question["id"],
            "bank": question["bank"],
            "choice": "A",
            "correct": correct,
            "objectives": question["objectives"],
            "at": at,
        },
    )


def estimate(tab) -> dict:
    section = tab.locator(".mlpro-px-readiness").first
    return {
        name: float(section.get_attribute(f"data-{name}"))
        for name in ("estimate", "low", "high", "answered")
    }


def in_domain(data, domain, count, skip=()):
    return [q for q in data["questions"].values() if q["domain"] == domain and q["id"] not in skip][
        :count
    ]


# --- readiness estimate ---------------------------------------------------------------


def test_with_no_answers_the_estimate_is_the_prior_and_says_so(page, practice_url):
    page.goto(practice_url + PROGRESS)
    numbers = estimate(page)
    assert numbers["answered"] == 0 and numbers["estimate"] == pytest.approx(0.5)
    text = page.locator(".mlpro-px-readiness").inner_text()
    assert "No answers yet" in text
    assert "not a prediction of the official exam" in text
    assert "does not publish the pass mark" in text and "70%" in text


def test_the_estimate_moves_as_answers_are_recorded_and_matches_the_python_module(
    page, practice_url, data
):
    page.goto(practice_url + SELF_CHECK)
    model_dev = in_domain(data, "1", 6)
    mlops = in_domain(data, "2", 4)
    for question in model_dev:
        record(page, question, correct=True)
    page.goto(practice_url + PROGRESS)
    up = estimate(page)
    expected = readiness({"1": (6, 6)})
    assert up["answered"] == 6
    assert up["estimate"] == pytest.approx(expected.mean, abs=1e-9)
    assert (up["low"], up["high"]) == pytest.approx((expected.low, expected.high), abs=1e-9)
    for question in mlops:
        record(page, question, correct=False)
    page.reload()
    down = estimate(page)
    expected = readiness({"1": (6, 6), "2": (0, 4)})
    assert down["estimate"] < up["estimate"]
    assert down["estimate"] == pytest.approx(expected.mean, abs=1e-9)
    text = page.locator(".mlpro-px-readiness").inner_text()
    assert "from your first answers to 10 questions" in text
    domain, count = max(expected.more.items(), key=lambda item: item[1])
    title = next(d["title"] for d in data["domains"] if d["id"] == domain)
    assert f"about {count} more unseen questions in {title}" in text


def test_a_question_counts_once_by_its_earliest_answer(page, practice_url, data):
    question = data["questions"][data["forms"]["A"][0]]
    page.goto(practice_url + SELF_CHECK)
    record(page, question, correct=True, at="2026-11-01T10:00:00.000Z")
    start(page, practice_url)
    wrong = next(x for x in "ABCD" if x != form_answer(data, "A", 0))
    page.locator(f'.mlpro-px-option input[value="{wrong}"] + label').click()
    submit_all(page)
    after_exam = estimate(page)  # the results show the estimate too
    assert after_exam["answered"] == 1
    assert after_exam["estimate"] == pytest.approx(readiness({question["domain"]: (1, 1)}).mean)
    assert "Readiness estimate" in page.locator(".mlpro-practice").inner_text()


def test_the_results_of_a_mock_exam_show_the_estimate_with_the_attempts_answers(
    page, practice_url, data
):
    start(page, practice_url)
    page.locator(f'.mlpro-px-option input[value="{form_answer(data, "A", 0)}"] + label').click()
    submit_all(page)
    numbers = estimate(page)
    domain = data["questions"][data["forms"]["A"][0]]["domain"]
    assert numbers["answered"] == 1  # unanswered questions never count
    assert numbers["estimate"] == pytest.approx(readiness({domain: (1, 1)}).mean)


# --- diagnostic and plan --------------------------------------------------------------


def test_the_diagnostic_asks_20_questions_by_exam_weight_and_none_from_the_mock_exams(
    page, practice_url, data
):
    page.goto(practice_url + DIAGNOSTIC)
    boxes = page.locator("fieldset.mlpro-px-diagnostic")
    ids = [boxes.nth(i).get_attribute("data-question-id") for i in range(boxes.count())]
    assert ids == data["diagnostic"]["questionIds"] and len(set(ids)) == 20
    in_forms = {i for form in data["forms"].values() for i in form}
    assert not set(ids) & in_forms
    domains = [data["questions"][i]["domain"] for i in ids]
    assert (domains.count("1"), domains.count("2"), domains.count("3")) == (9, 9, 2)
    text = page.locator("article").inner_text()
    assert "9 Model Development, 9 MLOps, 2 Model Deployment" in text


def plan(tab) -> list[tuple[str, float]]:
    items = tab.locator(".mlpro-px-plan-list > li")
    return [
        (items.nth(i).get_attribute("data-doc"), float(items.nth(i).get_attribute("data-points")))
        for i in range(items.count())
    ]


def test_answering_the_diagnostic_builds_a_plan_that_follows_the_answers(page, practice_url, data):
    page.goto(practice_url + DIAGNOSTIC)
    before = dict(plan(page))
    assert "by exam weight alone" in page.locator(".mlpro-px-plan").inner_text()
    first = page.locator("fieldset.mlpro-px-diagnostic").first
    question = data["questions"][first.get_attribute("data-question-id")]
    best = "ABCD"[data["diagnostic"]["positions"][0]]  # where its best answer is shown
    wrong = next(x for x in "ABCD" if x != best)
    first.locator(f'input[value="{wrong}"] + label').click()
    first.get_by_role("button", name="Check answer").click()
    assert "Not quite" in first.locator(".mlpro-px-feedback").inner_text()
    assert "1 of 20 answered" in page.locator(".mlpro-px-summary").inner_text()
    after = plan(page)
    points = [p for _, p in after]
    assert points == sorted(points, reverse=True)  # the most expected points first
    doc = question["taughtIn"]["href"].split("#")[0].removesuffix(".html")
    assert dict(after)[doc] > before[doc]  # the missed question's page gained points
    item = page.locator(f'.mlpro-px-plan li[data-doc="{doc}"]')
    assert "min to read" in item.text_content()  # perhaps in the folded part of the plan
    section = item.locator("a", has_text=question["taughtIn"]["title"].split(": ")[-1]).first
    assert section.get_attribute("href").endswith(question["taughtIn"]["href"])
    assert stored(page)["selfChecks"][question["id"]]["correct"] is False
    page.reload()  # answered: shown as answered, not asked again
    first = page.locator("fieldset.mlpro-px-diagnostic").first
    assert "answered this question before" in first.inner_text()
    assert first.locator("input").count() == 0


def test_the_plan_knows_every_teaching_page_with_the_time_its_banner_shows(
    page, practice_url, data
):
    page.goto(practice_url + DIAGNOSTIC)
    pages = json.loads(page.locator("script.mlpro-practice-pages").text_content())
    taught = {
        q["taughtIn"]["href"].split("#")[0].removesuffix(".html")
        for q in data["questions"].values()
        if q["taughtIn"]
    }
    assert set(pages) == taught
    assert any(p["notebooks"] for p in pages.values())  # the chapters' notebooks are named
    for doc in sorted(taught)[::12]:
        page.goto(practice_url + "/" + doc + ".html")
        banner = page.locator(".mlpro-whereami-page").inner_text()
        assert f"about {pages[doc]['minutes']} min to read" in banner, doc


def test_my_progress_shows_the_same_plan(page, practice_url, data):
    page.goto(practice_url + DIAGNOSTIC)
    for question in in_domain(data, "2", 5):
        record(page, question, correct=False)
    page.reload()
    on_diagnostic = plan(page)
    page.goto(practice_url + PROGRESS)
    assert plan(page) == on_diagnostic


# --- mistakes on a schedule -----------------------------------------------------------


def answer_due(tab, question_id, right):
    box = tab.locator(f'fieldset.mlpro-px-mistake[data-question-id="{question_id}"]')
    letter = tab.evaluate(
        """id => {
          const ids = [...document.querySelectorAll("fieldset.mlpro-px-mistake")]
            .map(f => f.getAttribute("data-question-id"));
          return window.mlproPractice.keySequence("mistakes", null, ids)[ids.indexOf(id)];
        }""",
        question_id,
    )
    if not right:
        letter = next(x for x in "ABCD" if x != letter)
    box.locator(f'input[value="{letter}"] + label').click()
    box.get_by_role("button", name="Check answer").click()
    return box.locator(".mlpro-px-feedback").inner_text()


def due_ids(tab):
    boxes = tab.locator("fieldset.mlpro-px-mistake")
    return [boxes.nth(i).get_attribute("data-question-id") for i in range(boxes.count())]


def test_a_missed_question_comes_back_after_1_3_7_and_14_days(context, practice_url, data):
    tab = _watch(context.new_page())
    tab.clock.install(time="2026-11-20T09:00:00")
    tab.goto(practice_url + SELF_CHECK)
    question = next(q for q in data["questions"].values() if q["bank"] == "promotion")
    record(tab, question, correct=False, at="2026-11-20T09:00:00")
    tab.goto(practice_url + MISTAKES)
    assert due_ids(tab) == []
    later = tab.locator(f'.mlpro-px-upcoming li[data-question-id="{question["id"]}"]')
    assert later.get_attribute("data-due") == "2026-11-21"
    assert "(tomorrow)" in later.text_content()  # in a folded list
    schedule = [  # (day, due then?, answer, what the page says)
        ("2026-11-21", True, "(in 3 days)"),
        ("2026-11-23", False, None),
        ("2026-11-24", True, "(in 7 days)"),
        ("2026-12-01", True, "(in 14 days)"),
        ("2026-12-14", False, None),
        ("2026-12-15", True, "it leaves the list"),
    ]
    for day, due, said in schedule:
        tab.clock.set_fixed_time(f"{day}T09:00:00")
        tab.reload()
        assert (question["id"] in due_ids(tab)) is due, day
        if due:
            assert said in answer_due(tab, question["id"], right=True), day
    tab.reload()
    assert question["id"] not in stored(tab)["mistakes"]
    assert "No mistakes to review" in tab.locator(".mlpro-practice").inner_text()
    _check_clean(tab)


def test_a_wrong_answer_at_a_review_starts_the_intervals_again(context, practice_url, data):
    tab = _watch(context.new_page())
    tab.clock.install(time="2026-11-20T09:00:00")
    tab.goto(practice_url + SELF_CHECK)
    question = next(q for q in data["questions"].values() if q["bank"] == "promotion")
    record(tab, question, correct=False, at="2026-11-20T09:00:00")
    tab.clock.set_fixed_time("2026-11-21T09:00:00")
    tab.goto(practice_url + MISTAKES)
    assert "(in 3 days)" in answer_due(tab, question["id"], right=True)
    tab.clock.set_fixed_time("2026-11-24T09:00:00")
    tab.reload()
    assert "(tomorrow)" in answer_due(tab, question["id"], right=False)
    entry = stored(tab)["mistakes"][question["id"]]
    assert (entry["step"], entry["due"]) == (0, "2026-11-25")
    _check_clean(tab)


# --- export and import ----------------------------------------------------------------


def seed_progress(tab, data):
    tab.goto(tab.practice_url + SELF_CHECK)
    for i, question in enumerate(in_domain(data, "1", 3)):
        record(tab, question, correct=i != 1)
    tab.get_by_role("button", name="Mark this page as done").click()
    return stored(tab)


def export_file(tab, tmp_path):
    tab.goto(tab.practice_url + PROGRESS)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export my progress").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_export_then_import_in_another_browser_carries_everything(
    browser, practice_url, data, tmp_path
):
    first = browser.new_context()
    tab = _watch(first.new_page())
    tab.practice_url = practice_url
    saved = seed_progress(tab, data)
    path = export_file(tab, tmp_path)
    assert path.name.startswith("mlpro-progress-") and path.suffix == ".json"
    exported = json.loads(path.read_text())
    assert exported["format"] == "mlpro-guide-progress" and exported["version"] == 1
    assert exported["progress"]["selfChecks"] == saved["selfChecks"]
    _check_clean(tab)
    first.close()

    second = browser.new_context()  # another browser: its own, empty storage
    other = _watch(second.new_page())
    other.goto(practice_url + PROGRESS)
    assert stored(other)["selfChecks"] == {}
    other.set_input_files("#mlpro-px-import-file", str(path))
    dialog = other.locator("dialog.mlpro-px-import-confirm")
    expect(dialog).to_contain_text("3 first answers")
    other.get_by_role("button", name="Replace my progress").click()
    assert "Imported" in other.locator(".mlpro-practice").inner_text()
    now = stored(other)
    assert now["selfChecks"] == saved["selfChecks"] and now["done"] == saved["done"]
    assert estimate(other)["answered"] == 3
    _check_clean(other)
    second.close()


def test_cancelling_an_import_changes_nothing(page, practice_url, data, tmp_path):
    page.practice_url = practice_url
    seed_progress(page, data)
    path = export_file(page, tmp_path)
    page.evaluate("window.mlproProgress.reset()")
    page.reload()
    page.set_input_files("#mlpro-px-import-file", str(path))
    expect(page.get_by_role("button", name="Keep my current progress")).to_be_visible()
    page.get_by_role("button", name="Keep my current progress").click()
    assert "nothing was changed" in page.locator(".mlpro-px-transfer-message").inner_text()
    assert stored(page)["selfChecks"] == {}


NEWER = {"format": "mlpro-guide-progress", "version": 2, "progress": {"version": 2}}
DAMAGED = {"format": "mlpro-guide-progress", "version": 1, "progress": {"version": 1, "done": []}}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{this is not json", "is not a JSON file"),
        (json.dumps({"version": 1, "done": {}}), "not a progress file of this guide"),
        (json.dumps(NEWER), "newer version of this guide"),
        (json.dumps(DAMAGED), "damaged"),
    ],
    ids=["not-json", "foreign", "newer", "damaged"],
)
def test_a_bad_import_file_is_refused_by_name_and_nothing_is_lost(
    page, practice_url, data, tmp_path, content, said
):
    page.practice_url = practice_url
    seed_progress(page, data)
    page.goto(practice_url + PROGRESS)
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    path = tmp_path / "progress.json"
    path.write_text(content)
    page.set_input_files("#mlpro-px-import-file", str(path))
    message = page.locator(".mlpro-px-transfer-message")
    expect(message).to_contain_text(said)  # the file is read asynchronously
    assert "progress.json" in message.inner_text()
    assert "Nothing was changed" in message.inner_text()
    assert not page.locator("dialog.mlpro-px-import-confirm").is_visible()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_reset_is_still_confirmed(page, practice_url, data):
    page.practice_url = practice_url
    seed_progress(page, data)
    page.goto(practice_url + PROGRESS)
    page.get_by_role("button", name="Reset my progress…").click()
    page.get_by_role("button", name="Keep my progress").click()
    assert stored(page)["selfChecks"]


# --- layout ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [DIAGNOSTIC, PROGRESS, MISTAKES])
def test_the_study_tools_fit_a_390_px_phone_in_the_dark_theme(browser, practice_url, data, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    tab = ctx.new_page()
    tab.goto(practice_url + SELF_CHECK)
    for i, question in enumerate(list(data["questions"].values())[:40]):
        record(tab, question, correct=i % 3 == 0, at="2026-11-01T10:00:00.000Z")
    tab.goto(practice_url + path)
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    ctx.close()


@pytest.mark.parametrize("path", [DIAGNOSTIC, PROGRESS, MISTAKES])
def test_axe_finds_no_violation_on_the_study_tools_with_answers_recorded(
    browser, practice_url, data, path
):
    """The accessibility test checks every page with empty progress; these pages show
    most (estimate, plan, questions due and coming back) once answers are recorded."""
    from .test_accessibility import MODES, axe_violations, describe, switch_theme

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    tab.goto(practice_url + SELF_CHECK)
    for i, question in enumerate(list(data["questions"].values())[:30]):
        record(tab, question, correct=i % 3 == 0, at=f"2026-11-{1 + i % 2:02d}T10:00:00.000Z")
    now = tab.evaluate("new Date().toISOString()")  # missed today: listed as coming back
    record(tab, data["questions"][data["diagnostic"]["questionIds"][0]], correct=False, at=now)
    tab.goto(practice_url + path)
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    problems = []
    for mode in MODES:
        switch_theme(tab, mode)
        problems += [f"{mode}: " + describe(path, v) for v in axe_violations(tab)]
    ctx.close()
    assert problems == []
