"""The Practice part in a real browser (Debian's Chromium through Playwright): mock exams
(start, answer by mouse and keyboard, mark, navigate, pause, reload and resume, submit
with a warning, scores, review, weak-area links, history, the clock running out), the
progress kept across the book (self-check answers, pages marked done, sidebar ticks, the
progress page, reset, corrupt data) and the mistakes page. The study tools (readiness
estimate, diagnostic and plan, mistake intervals, export and import) are tested in
tests/test_study_tools_browser.py. Nothing is requested from
another host, and the exam works from file:// too.

These tests need the built book. ``MLPRO_PREBUILT_SITE=<folder>`` points them at a site
built without executing notebooks (fast, for working on these pages); otherwise they use
the strict build of the whole book, like the other site tests."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from mlpro_guide.content.exam_map import declared_objectives
from mlpro_guide.content.practice import practice_data

from .conftest import REPO_ROOT, serve_folder

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.site]

FORM_A = "/book/practice/form-a.html"
RANDOM = "/book/practice/random-form.html"
PROGRESS = "/book/practice/my-progress.html"
MISTAKES = "/book/practice/review-mistakes.html"
SELF_CHECK = "/book/promotion/self-check.html"
KEY = "mlpro-progress-v1"
KNOWN_CONSOLE_NOISE = ("theme mode",)


@pytest.fixture(scope="session")
def practice_site(request) -> Path:
    prebuilt = os.environ.get("MLPRO_PREBUILT_SITE")
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def practice_url(practice_site):
    with serve_folder(practice_site) as url:
        yield url


@pytest.fixture(scope="module")
def data():
    return practice_data()


def _watch(tab):
    tab.requests, tab.console_errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on(
        "console",
        lambda m: tab.console_errors.append(m.text) if m.type == "error" else None,
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    return tab


def _check_clean(tab):
    hosts = {
        urlparse(url).hostname
        for url in tab.requests
        if not url.startswith(("data:", "blob:", "about:", "file:"))
    }
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests to other hosts: {hosts}"
    unexpected = [e for e in tab.console_errors if not any(n in e for n in KNOWN_CONSOLE_NOISE)]
    assert unexpected == []


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    tab = _watch(context.new_page())
    yield tab
    _check_clean(tab)


def stored(tab) -> dict:
    return json.loads(tab.evaluate(f"localStorage.getItem('{KEY}') || '{{}}'"))


def start(tab, base, path=FORM_A, name="Start form A"):
    tab.goto(base + path)
    tab.get_by_role("button", name=name).click()
    return tab


def form_answer(data, form, index):
    """The letter of the best answer of question ``index`` (0-based) as form ``form`` shows
    it: positions are assigned over each form's own order."""
    return "ABCD"[data["formPositions"][form][index]]


def mistake_answer(tab, question_id):
    """The letter the "Review my mistakes" list shows for ``question_id`` (its own sequence)."""
    return tab.evaluate(
        """id => {
          const ids = [...document.querySelectorAll("fieldset.mlpro-px-mistake")]
            .map(f => f.getAttribute("data-question-id"));
          return window.mlproPractice.keySequence("mistakes", null, ids)[ids.indexOf(id)];
        }""",
        question_id,
    )


def nav_button(tab, number):
    return tab.locator(".mlpro-px-nav").nth(number - 1)


def choose(tab, letter):
    tab.locator(f'.mlpro-px-option input[value="{letter}"] + label').click()


def current_id(tab):
    return tab.locator(".mlpro-px-body fieldset").get_attribute("data-question-id")


def submit_all(tab):
    tab.get_by_role("button", name="Submit answers…").click()
    tab.get_by_role("button", name="Submit now").click()


def test_a_form_starts_on_question_1_with_a_120_minute_clock(page, practice_url, data):
    start(page, practice_url)
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 1 of 59"
    assert current_id(page) == data["forms"]["A"][0]
    assert page.locator(".mlpro-px-time").inner_text() in ("120:00", "119:59")
    assert page.locator(".mlpro-px-nav").count() == 59
    assert page.locator(".mlpro-px-option input").count() == 4


def test_answers_by_mouse_and_by_keyboard_show_in_the_navigator(page, practice_url, data):
    start(page, practice_url)
    choose(page, "B")  # mouse
    page.get_by_role("button", name="Next →").click()
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 2 of 59"
    # Keyboard only: the focus is on the question heading after moving.
    assert page.evaluate("document.activeElement.className") == "mlpro-px-qnumber"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # chooses A
    page.keyboard.press("ArrowDown")  # moves the choice to B
    assert page.locator(".mlpro-px-option input:checked").get_attribute("value") == "B"
    answers = stored(page)["current"]["A"]["answers"]
    assert answers == {data["forms"]["A"][0]: "B", data["forms"]["A"][1]: "B"}
    assert "answered" in nav_button(page, 1).get_attribute("aria-label")
    assert "✔" in nav_button(page, 2).inner_text()
    assert "unanswered" in nav_button(page, 3).get_attribute("aria-label")
    assert "Answered 2 of 59" in page.locator(".mlpro-px-counts").inner_text()


def test_focus_is_visible_on_exam_controls(page, practice_url):
    start(page, practice_url)
    nav_button(page, 5).focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in (
        "none",
        "",
    )


def test_marking_a_question_for_review_is_said_in_words_and_symbols(page, practice_url):
    start(page, practice_url)
    mark = page.get_by_role("button", name="Mark for review")
    mark.click()
    assert page.locator(".mlpro-px-mark").get_attribute("aria-pressed") == "true"
    assert "marked for review" in nav_button(page, 1).get_attribute("aria-label")
    assert "⚑" in nav_button(page, 1).inner_text()
    nav_button(page, 7).click()
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 7 of 59"
    assert page.locator(".mlpro-px-mark").get_attribute("aria-pressed") == "false"


def test_an_attempt_survives_a_reload_and_resumes_where_it_was(page, practice_url, data):
    start(page, practice_url)
    choose(page, "C")
    nav_button(page, 4).click()
    page.get_by_role("button", name="Mark for review").click()
    page.reload()
    resume = page.get_by_role("button", name="Resume attempt")
    assert "1 of 59 answered" in resume.inner_text()
    resume.click()
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 4 of 59"
    assert "marked for review" in nav_button(page, 4).get_attribute("aria-label")
    nav_button(page, 1).click()
    assert page.locator(".mlpro-px-option input:checked").get_attribute("value") == "C"


def test_pause_stops_the_clock_and_hides_the_question(page, practice_url):
    start(page, practice_url)
    page.get_by_role("button", name="Pause").click()
    assert not page.locator(".mlpro-px-body").is_visible()
    before = stored(page)["current"]["A"]["remainingMs"]
    page.wait_for_timeout(1500)
    assert stored(page)["current"]["A"]["remainingMs"] == before
    page.get_by_role("button", name="Resume the exam").click()
    assert page.locator(".mlpro-px-body").is_visible()


def test_submitting_with_unanswered_and_marked_questions_names_them_first(page, practice_url):
    start(page, practice_url)
    choose(page, "A")
    page.get_by_role("button", name="Mark for review").click()
    page.get_by_role("button", name="Submit answers…").click()
    dialog = page.locator("dialog.mlpro-px-confirm")
    assert dialog.is_visible()
    assert "Unanswered (58): questions 2, 3, 4" in dialog.inner_text()
    assert "Marked for review (1): question 1." in dialog.inner_text()
    page.keyboard.press("Enter")  # focus is on "Return to the exam"
    assert not dialog.is_visible()
    assert page.locator(".mlpro-px-qnumber").is_visible()


def test_the_score_by_domain_equals_the_hand_computed_value(page, practice_url, data):
    """Answer questions 1-10: the best answer on odd numbers, a wrong one on even ones."""
    form = data["forms"]["A"]
    expected = Counter()
    start(page, practice_url)
    for number in range(1, 11):
        question = data["questions"][form[number - 1]]
        right = number % 2 == 1
        best = form_answer(data, "A", number - 1)
        letter = best if right else next(x for x in "ABCD" if x != best)
        choose(page, letter)
        expected[question["domain"]] += right
        page.get_by_role("button", name="Next →").click()
    submit_all(page)
    assert page.locator(".mlpro-px-score").inner_text().startswith("5 of 59 correct (8%)")
    assert "Below the guide's 70% target" in page.locator(".mlpro-px-score").inner_text()
    rows = page.locator(".mlpro-px-by-domain tbody tr")
    totals = Counter(data["questions"][i]["domain"] for i in form)
    answered = Counter(data["questions"][i]["domain"] for i in form[:10])
    for index, domain in enumerate(["1", "2", "3"]):
        right, total, tried = expected[domain], totals[domain], answered[domain]
        cells = rows.nth(index).locator("td")
        assert cells.nth(0).inner_text() == f"{tried} of {total}"
        assert cells.nth(1).inner_text() == (
            f"{right} of {tried} ({round(100 * right / tried)}%)" if tried else "– (none answered)"
        )
    assert "official" in page.locator(".mlpro-px-passnote").inner_text().lower() or (
        "does not publish" in page.locator(".mlpro-px-passnote").inner_text()
    )


def test_review_mode_shows_every_option_reason_and_the_explanation(page, practice_url, data):
    start(page, practice_url)
    best = form_answer(data, "A", 0)
    wrong = next(x for x in "ABCD" if x != best)
    choose(page, wrong)
    submit_all(page)
    review = page.locator(".mlpro-px-reviewed").first
    review.locator(".mlpro-px-explanation").wait_for()  # loaded for the review
    assert review.get_attribute("data-result") == "incorrect"
    assert f"Wrong: you chose {wrong}; best answer {best}" in review.inner_text()
    assert review.locator(".mlpro-px-reasons li").count() == 4
    assert review.locator(".mlpro-px-marker").count() == 4
    assert "✘ Not the best answer (your choice)" in review.inner_text()
    assert review.locator(".mlpro-px-explanation").is_visible()
    page.locator("#mlpro-px-only-missed").check()
    assert page.locator('.mlpro-px-reviewed[data-result="correct"]').count() == 0


def test_a_missed_objective_links_to_a_page_that_teaches_it(page, practice_url, data):
    start(page, practice_url)
    choose(page, next(x for x in "ABCD" if x != form_answer(data, "A", 0)))
    submit_all(page)  # one wrong answer: its objectives are the weakest
    row = page.locator(".mlpro-px-by-objective tbody tr").first
    objective = row.locator("th").inner_text().split()[0]
    link = row.locator("a.mlpro-px-teach").first
    link.click()
    page.wait_for_load_state()
    path = urlparse(page.url).path.lstrip("/").removesuffix(".html")
    source = next(p for p in (REPO_ROOT / f"{path}.md", REPO_ROOT / f"{path}.ipynb") if p.exists())
    assert objective in (declared_objectives(source) or []), (objective, source)
    assert not path.endswith("self-check")


def test_two_attempts_appear_in_the_history_with_dates_and_scores(page, practice_url, data):
    start(page, practice_url)
    choose(page, form_answer(data, "A", 0))
    submit_all(page)
    page.get_by_role("button", name="Back to the start of this form").click()
    page.get_by_role("button", name="Start form A").click()
    submit_all(page)
    page.get_by_role("button", name="Back to the start of this form").click()
    rows = page.locator(".mlpro-px-history tbody tr")
    assert rows.count() == 2
    assert "0 of 59 (0%)" in rows.nth(0).inner_text()  # newest first
    assert "1 of 59 (2%)" in rows.nth(1).inner_text()
    assert "2026" in rows.nth(1).inner_text() or any(
        ch.isdigit() for ch in rows.nth(1).inner_text()
    )
    assert len(stored(page)["attempts"]["A"]) == 2


def test_the_clock_running_out_submits_the_attempt(page, practice_url):
    start(page, practice_url, path=FORM_A + "?minutes=0.05")  # three seconds
    choose(page, "A")
    page.wait_for_selector(".mlpro-px-result-title", timeout=15_000)
    assert "Time is up" in page.locator(".mlpro-px-notice").inner_text()
    attempt = stored(page)["attempts"]["A"][0]
    assert attempt["timeUp"] is True and len(attempt["answers"]) == 1
    assert "A" not in stored(page)["current"]


def test_the_one_minute_warning_is_announced_once(page, practice_url):
    start(page, practice_url, path=FORM_A + "?minutes=1.04")  # 1 minute left after ~2.4 s
    alert = page.locator(".mlpro-px-alert")
    assert alert.get_attribute("role") == "alert"
    page.wait_for_function(
        "document.querySelector('.mlpro-px-alert').textContent === '1 minute left.'",
        timeout=15_000,
    )
    assert stored(page)["current"]["A"]["announced"] == {"1": True}


def test_the_random_form_is_drawn_from_the_seed_in_the_address(page, practice_url, data):
    start(page, practice_url, path=RANDOM + "?seed=1234", name="Start random form")
    first = current_id(page)
    ids = stored(page)["current"]["random:1234"]["questionIds"]
    assert len(set(ids)) == 59
    domains = Counter(data["questions"][i]["domain"] for i in ids)
    assert domains == Counter({"1": 26, "2": 26, "3": 7})
    assert ids == page.evaluate("window.mlproPractice.drawRandom('1234')")
    other = page.evaluate("window.mlproPractice.drawRandom('1235')")
    assert other != ids
    page.goto(practice_url + RANDOM)
    assert "seed=" in page.url  # a seed was drawn and put in the address to share
    assert page.locator(".mlpro-px-seed strong").inner_text() in page.url
    assert first == data["questions"][ids[0]]["id"]


def answer_every_self_check_question(tab) -> set[str]:
    """Check an answer to every question of the page's self-check, as a learner would."""
    answered = set()
    for fieldset in tab.locator("fieldset.mlpro-question").all():
        fieldset.locator(".mlpro-option label").first.click()
        fieldset.get_by_role("button", name="Check answer").click()
        answered.add(fieldset.get_attribute("data-question-id"))
    return answered


def test_a_new_random_form_leaves_out_answered_questions_and_says_how_many_are_new(
    page, practice_url, data, browser
):
    page.goto(practice_url + SELF_CHECK)
    answered = answer_every_self_check_question(page)
    assert answered and set(stored(page)["selfChecks"]) == answered
    # Every Model Development chapter question answered too, a week earlier.
    earlier = [q for q in data["questions"].values() if q["bank"] == "model-development"]
    for question in earlier:
        dispatch_answer(page, question, correct=True, at="2026-11-13T10:00:00.000Z")
    answered |= {q["id"] for q in earlier}
    page.goto(practice_url + RANDOM)  # no seed: a new form is drawn for this learner
    assert "seed=" in page.url and "pick=" in page.url
    assert (
        page.locator(".mlpro-px-new")
        .inner_text()
        .startswith("59 of the 59 questions on this form are new to you")
    )
    page.get_by_role("button", name="Start random form").click()
    seed = parse_qs(urlparse(page.url).query)["seed"][0]
    ids = stored(page)["current"][f"random:{seed}"]["questionIds"]
    assert len(set(ids)) == 59 and set(ids) & answered == set()
    assert Counter(data["questions"][i]["domain"] for i in ids) == Counter(
        {"1": 26, "2": 26, "3": 7}
    )
    shared = page.url
    first = current_id(page)
    for _ in range(3):  # three answers in this attempt, then submit it
        choose(page, "A")
        page.get_by_role("button", name="Next →").click()
    submit_all(page)
    page.goto(shared)
    assert (
        page.locator(".mlpro-px-new")
        .inner_text()
        .startswith("56 of the 59 questions on this form are new to you")
    )
    # The shared link gives anyone the same form, in the same order, whatever they answered.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = _watch(other.new_page())
    tab.goto(shared)
    assert tab.locator(".mlpro-px-new").inner_text().startswith("59 of the 59")
    tab.get_by_role("button", name="Start random form").click()
    assert stored(tab)["current"][f"random:{seed}"]["questionIds"] == ids
    assert current_id(tab) == first
    _check_clean(tab)
    other.close()


def test_a_link_with_a_damaged_question_list_falls_back_to_its_seed(page, practice_url):
    page.goto(practice_url + RANDOM + "?seed=77&pick=abc.def")
    assert "another version of the question bank" in page.locator("[role=alert]").inner_text()
    page.get_by_role("button", name="Start random form").click()
    ids = stored(page)["current"]["random:77"]["questionIds"]
    assert ids == page.evaluate("window.mlproPractice.drawRandom('77')")


def test_reset_asks_for_confirmation_then_deletes_everything(page, practice_url):
    start(page, practice_url)
    submit_all(page)
    page.goto(practice_url + PROGRESS)
    page.get_by_role("button", name="Reset my progress…").click()
    page.get_by_role("button", name="Keep my progress").click()
    assert stored(page)["attempts"]["A"]
    page.get_by_role("button", name="Reset my progress…").click()
    page.get_by_role("button", name="Delete everything").click()
    assert "has been deleted" in page.locator(".mlpro-practice").inner_text()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert "No mock exam taken yet" in page.locator(".mlpro-practice").inner_text()


@pytest.mark.parametrize("bad", ["{not json", '{"version": 0, "done": {}}', '"a string"'])
def test_corrupt_or_old_stored_progress_is_discarded_with_a_message(page, practice_url, bad):
    page.goto(practice_url + FORM_A)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(bad)})")
    page.reload()
    assert "discarded" in page.locator(".mlpro-progress-notice").inner_text()
    page.get_by_role("button", name="Start form A").click()
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 1 of 59"
    assert stored(page)["version"] == 1


def test_an_unusable_saved_attempt_is_discarded_with_a_message(page, practice_url):
    page.goto(practice_url + FORM_A)
    state = {
        "version": 1,
        "visits": {},
        "done": {},
        "selfChecks": {},
        "attempts": {},
        "mistakes": {},
        "current": {"A": {"questionIds": ["no-such-question"], "answers": {}, "remainingMs": 5}},
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(state))})")
    page.reload()
    assert "discarded" in page.locator(".mlpro-px-notice").inner_text()
    assert page.get_by_role("button", name="Start form A").is_visible()


def dispatch_answer(tab, question, correct, at=None):
    """What quiz.js dispatches on a first scored attempt (the documented contract)."""
    detail = {
        "bank": question["bank"],
        "questionId": question["id"],
        "choice": "A",
        "correct": correct,
        "objectives": question["objectives"],
        "page": "/book/promotion/self-check.html",
        "at": at or "2026-11-20T10:00:00.000Z",
    }
    tab.evaluate(
        "d => document.dispatchEvent(new CustomEvent('mlpro:answered', {detail: d}))", detail
    )


def test_a_self_check_answer_and_a_page_marked_done_survive_a_reload_and_show_on_the_progress_page(
    page, practice_url, data
):
    page.goto(practice_url + SELF_CHECK)
    promotion = [q for q in data["questions"].values() if q["bank"] == "promotion"]
    dispatch_answer(page, promotion[0], correct=True)
    dispatch_answer(page, promotion[1], correct=False)
    page.get_by_role("button", name="Mark this page as done").click()
    page.reload()
    assert page.locator(".mlpro-done-toggle").get_attribute("aria-pressed") == "true"
    saved = stored(page)
    assert saved["selfChecks"][promotion[0]["id"]]["at"] == "2026-11-20T10:00:00.000Z"
    assert "book/promotion/self-check" in saved["done"]
    page.goto(practice_url + PROGRESS)
    row = page.locator(".mlpro-px-by-chapter tbody tr", has_text="Promotion")
    text = row.inner_text()
    assert "1 of " in text and f"2 of {len(promotion)}" in text and "1 of 2 (50%)" in text
    weak = page.locator(".mlpro-px-weak tbody tr").first.inner_text()
    assert promotion[1]["objectives"][0] in weak or any(
        o in weak for o in promotion[1]["objectives"]
    )


def test_the_real_self_check_quiz_reports_a_first_answer(page, practice_url):
    page.goto(practice_url + SELF_CHECK)
    first = page.locator("fieldset.mlpro-question").first
    answer = first.get_attribute("data-answer")
    first.locator(f'.mlpro-option[data-letter="{answer}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    question_id = first.get_attribute("data-question-id")
    assert stored(page)["selfChecks"][question_id]["correct"] is True


def test_the_sidebar_ticks_done_pages_and_whole_chapters(page, practice_url, data):
    page.goto(practice_url + PROGRESS)
    chapter = next(c for c in data_chapters(page) if c["title"] == "Feature consistency")
    done = {doc["doc"]: "2026-11-20T10:00:00.000Z" for doc in chapter["docs"]}
    page.evaluate(
        "done => window.mlproProgress.update(s => { Object.assign(s.done, done); })", done
    )
    page.goto(practice_url + "/book/feature-consistency/index.html")
    top = page.locator('nav.bd-links a[data-mlpro-done="chapter"]')
    assert top.count() == 1 and "(chapter done)" in top.inner_text()
    assert page.locator('nav.bd-links a[data-mlpro-done="page"]').count() >= 1
    assert page.locator(".mlpro-done-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".mlpro-done-toggle").click()  # undo: the chapter is no longer done
    assert page.locator('nav.bd-links a[data-mlpro-done="chapter"]').count() == 0


def test_a_chapter_line_gets_no_tick_when_only_its_overview_is_done(page, practice_url):
    page.goto(practice_url + "/book/feature-consistency/index.html")
    page.get_by_role("button", name="Mark this page as done").click()
    top = page.locator("nav.bd-links li.toctree-l1", has_text="Feature consistency").locator(
        "a.reference.internal"
    )
    chapter = top.first
    pages = top.count()
    assert "✔" not in chapter.inner_text()
    assert chapter.get_attribute("data-mlpro-done") == "some"
    assert f"(1 of {pages} pages done)" in chapter.inner_text()
    page.reload()
    assert "✔" not in top.first.inner_text()
    assert page.locator('nav.bd-links a[data-mlpro-done="chapter"]').count() == 0


def data_chapters(tab):
    return json.loads(tab.locator("script.mlpro-practice-chapters").text_content())


def test_the_mistakes_page_asks_a_due_question_again_and_says_when_it_comes_back(
    context, practice_url, data
):
    tab = _watch(context.new_page())
    tab.clock.install(time="2026-11-25T09:00:00")
    tab.goto(practice_url + SELF_CHECK)
    promotion = [q for q in data["questions"].values() if q["bank"] == "promotion"]
    older, newer = promotion[2], promotion[3]
    dispatch_answer(tab, older, correct=False, at="2026-11-20T10:00:00.000Z")
    dispatch_answer(tab, newer, correct=False, at="2026-11-22T10:00:00.000Z")
    tab.goto(practice_url + MISTAKES)
    asked = tab.locator("fieldset.mlpro-px-mistake")
    assert [asked.nth(i).get_attribute("data-question-id") for i in range(2)] == [
        newer["id"],
        older["id"],
    ]
    first = asked.first
    first.locator(f'input[value="{mistake_answer(tab, newer["id"])}"] + label').click()
    first.get_by_role("button", name="Check answer").click()
    assert "comes back on" in first.locator(".mlpro-px-feedback").inner_text()
    assert "(in 3 days)" in first.locator(".mlpro-px-feedback").inner_text()
    first.locator(".mlpro-px-explanation").wait_for()  # the reasons load on the first check
    assert first.locator(".mlpro-px-reasons li").count() == 4
    section = first.locator("a.mlpro-px-teach").first  # where the answer is taught
    assert section.get_attribute("href").endswith("/" + newer["taughtIn"]["href"])
    assert section.inner_text() == newer["taughtIn"]["title"] + " (section)"
    tab.reload()  # answered today: not asked again until its next review, but listed
    ids = [
        tab.locator("fieldset.mlpro-px-mistake").nth(i).get_attribute("data-question-id")
        for i in range(tab.locator("fieldset.mlpro-px-mistake").count())
    ]
    assert ids == [older["id"]]
    later = tab.locator(f'.mlpro-px-upcoming li[data-question-id="{newer["id"]}"]')
    assert later.get_attribute("data-due") == "2026-11-28"
    _check_clean(tab)


def test_an_exam_mistake_joins_the_mistakes_page(page, practice_url, data):
    first = data["questions"][data["forms"]["A"][0]]
    start(page, practice_url)
    choose(page, next(x for x in "ABCD" if x != form_answer(data, "A", 0)))
    submit_all(page)
    page.goto(practice_url + MISTAKES)
    assert page.locator("fieldset.mlpro-px-mistake").count() == 0  # back tomorrow, not today
    later = page.locator(".mlpro-px-upcoming li")
    assert later.count() == 1  # unanswered questions are not mistakes
    assert later.first.get_attribute("data-question-id") == first["id"]
    assert "(tomorrow)" in later.first.text_content()  # in a folded list
    assert stored(page)["mistakes"][first["id"]]["source"] == "exam"


def test_the_exam_works_from_a_file_url(context, practice_site):
    tab = _watch(context.new_page())
    tab.goto((practice_site / "book" / "practice" / "form-b.html").as_uri())
    tab.get_by_role("button", name="Start form B").click()
    choose(tab, "D")
    tab.reload()
    tab.get_by_role("button", name="Resume attempt").click()
    assert tab.locator(".mlpro-px-option input:checked").get_attribute("value") == "D"
    submit_all(tab)  # the review's reasons and explanations load from file:// too
    review = tab.locator(".mlpro-px-reviewed").first
    review.locator(".mlpro-px-explanation").wait_for()
    assert review.locator(".mlpro-px-reasons li").count() == 4
    _check_clean(tab)


CONTRAST_SCRIPT = (Path(__file__).parent / "contrast_ratio.js").read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_exam_and_results_are_readable_in_light_and_dark(browser, practice_url, scheme):
    ctx = browser.new_context(color_scheme=scheme)
    tab = ctx.new_page()
    start(tab, practice_url)
    choose(tab, "A")
    for selector in (".mlpro-px-clock", ".mlpro-px-question legend", ".mlpro-px-option label",
                     ".mlpro-px-nav", ".mlpro-px-counts"):  # fmt: skip
        assert tab.evaluate(CONTRAST_SCRIPT, selector) >= 4.5, (scheme, selector)
    submit_all(tab)
    tab.locator(".mlpro-px-reviewed .mlpro-px-explanation").first.wait_for()  # review loaded
    for selector in (".mlpro-px-score", ".mlpro-px-best .mlpro-px-marker",
                     ".mlpro-px-wrong .mlpro-px-marker", ".mlpro-px-table td",
                     '.mlpro-px-reviewed[data-result="incorrect"] h3'):  # fmt: skip
        if tab.locator(selector).count():
            assert tab.evaluate(CONTRAST_SCRIPT, selector) >= 4.5, (scheme, selector)
    ctx.close()


@pytest.mark.parametrize(
    "path",
    [FORM_A, PROGRESS, MISTAKES, "/book/practice/index.html", "/book/practice/diagnostic.html"],
)
def test_practice_pages_fit_a_390_px_phone(browser, practice_url, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    tab = ctx.new_page()
    start(tab, practice_url)
    submit_all(tab)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # the results
    # Every question of the book on the mistakes list, so each is laid out once.
    tab.evaluate(
        """() => window.mlproProgress.update(s => {
            for (const id of Object.keys(window.mlproPracticeData.questions)) {
                s.mistakes[id] = {missedAt: '2026-11-20T10:00:00Z', source: 'exam',
                                  correctDays: []};
            }
        })"""
    )
    tab.goto(practice_url + path)
    if path == FORM_A:
        tab.get_by_role("button", name="Start form A").click()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    ctx.close()


def test_a_whole_attempt_works_with_the_keyboard_only(page, practice_url):
    page.goto(practice_url + FORM_A)
    page.get_by_role("button", name="Start form A").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # from the question heading to the options
    page.keyboard.press("Space")  # chooses A
    for _ in range(4):  # options are one tab stop: Previous is disabled, so Mark, Next
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Next →":
            break
    page.keyboard.press("Enter")
    assert page.locator(".mlpro-px-qnumber").inner_text() == "Question 2 of 59"
    page.locator(".mlpro-px-submit").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # from "Return to the exam" to "Submit now"
    assert page.evaluate("document.activeElement.textContent") == "Submit now"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Your result"
    assert page.locator(".mlpro-px-score").is_visible()


# --- One rule for progress: unanswered is not attempted ------------------------------------


def test_an_early_submitted_mock_counts_answered_questions_only_and_my_progress_agrees(
    page, practice_url, data
):
    """Answer questions 1-10 of form A (right on odd numbers), submit the other 49 blank."""
    form = data["forms"]["A"]
    start(page, practice_url)
    for number in range(1, 11):
        best = form_answer(data, "A", number - 1)
        choose(page, best if number % 2 else next(x for x in "ABCD" if x != best))
        page.get_by_role("button", name="Next →").click()
    submit_all(page)
    rule = page.evaluate("window.mlproProgress.scoreRule")
    assert "not attempted" in rule and "neither as right nor as wrong" in rule
    assert rule in page.locator(".mlpro-px-rule").inner_text()
    assert (
        page.locator(".mlpro-px-attempted")
        .inner_text()
        .startswith("You answered 10 of 59 questions: 5 of 10 (50%) right of those answered.")
    )
    # No objective is ranked on blanks alone: every ranked row has an answered question.
    ranked = page.locator(".mlpro-px-by-objective tbody tr")
    for i in range(ranked.count()):
        assert " of 0 " not in ranked.nth(i).locator("td").first.inner_text() + " "
    answered_objectives = {o for i in form[:10] for o in data["questions"][i]["objectives"]}
    assert ranked.count() == len(answered_objectives)
    blank = page.locator(".mlpro-px-blank").inner_text()
    assert all(o not in blank.split(": ", 1)[1] for o in answered_objectives)
    results = {}
    rows = page.locator(".mlpro-px-by-domain tbody tr")
    for i in range(rows.count()):
        domain = rows.nth(i).locator("th").inner_text().split(".")[0]
        results[domain] = rows.nth(i).locator("td").nth(1).inner_text()

    page.goto(practice_url + PROGRESS)
    assert page.locator(".mlpro-px-rule").inner_text() == rule
    totals = Counter(q["domain"] for q in data["questions"].values())
    tried = Counter(data["questions"][i]["domain"] for i in form[:10])
    rows = page.locator(".mlpro-px-by-domain tbody tr")
    for i in range(rows.count()):
        domain = rows.nth(i).locator("th").inner_text().split(".")[0]
        cells = rows.nth(i).locator("td")
        assert cells.nth(0).inner_text() == f"{tried[domain]} of {totals[domain]}"
        if tried[domain]:
            assert cells.nth(1).inner_text() == results[domain]  # the same rule, the same number
        else:
            assert cells.nth(1).inner_text() == "nothing attempted yet"
    summary = page.locator(".mlpro-px-summary").inner_text()
    assert f"Questions attempted: 10 of {len(data['questions'])}" in summary
    assert "right on the first answer: 5 of 10 (50%)" in summary


def test_a_mock_answer_given_first_shows_as_the_first_answer_on_the_self_check(
    page, practice_url, data
):
    """The random form also asks chapter questions: one answered there first shows, as
    answered in a mock exam, on its chapter's self-check."""
    start(page, practice_url, path=RANDOM + "?seed=1234", name="Start random form")
    chapter = {
        i
        for i, q in data["questions"].items()
        if (REPO_ROOT / "book" / q["bank"] / "self-check.md").exists()
    }
    for _ in range(59):
        if current_id(page) in chapter:
            break
        page.get_by_role("button", name="Next →").click()
    question = data["questions"][current_id(page)]
    assert question["id"] in chapter
    best = "ABCD"[stored(page)["current"]["random:1234"]["positions"][question["id"]]]
    choose(page, next(x for x in "ABCD" if x != best))
    submit_all(page)
    page.goto(practice_url + f"/book/{question['bank']}/self-check.html")
    fieldset = page.locator(f'fieldset[data-question-id="{question["id"]}"]')
    assert fieldset.get_attribute("data-result") == "incorrect"
    assert "in a mock exam (random form)" in fieldset.locator(".mlpro-feedback").inner_text()


# --- The exam stays in view ------------------------------------------------------------------


def in_view(tab, locator) -> bool:
    box = locator.bounding_box()
    height = tab.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_the_question_the_clock_and_next_are_in_view_without_scrolling(browser, practice_url, size):
    width, height = size
    ctx = browser.new_context(viewport={"width": width, "height": height})
    tab = _watch(ctx.new_page())
    start(tab, practice_url)
    for number in (1, 2):
        assert in_view(tab, tab.locator(".mlpro-px-clock")), number
        assert in_view(tab, tab.locator(".mlpro-px-qnumber")), number
        assert in_view(tab, tab.locator(".mlpro-px-body legend")), number
        assert in_view(tab, tab.get_by_role("button", name="Next →")), number
        assert in_view(tab, tab.locator(".mlpro-px-option").first), number
        tab.get_by_role("button", name="Next →").click()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    ctx.close()
    _check_clean(tab)


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_the_clock_and_next_stay_in_view_while_a_long_question_scrolls(
    browser, practice_url, data, size
):
    width, height = size
    ctx = browser.new_context(viewport={"width": width, "height": height})
    tab = _watch(ctx.new_page())
    start(tab, practice_url)
    form = data["forms"]["A"]

    def length(i):
        q = data["questions"][form[i]]
        return len(q["stem"]) + sum(len(o["text"]) for o in q["options"])

    longest = max(range(len(form)), key=length)
    nav_button(tab, longest + 1).click()
    body = tab.locator(".mlpro-px-body").bounding_box()
    tab.mouse.wheel(0, max(50, body["height"] / 3))
    tab.wait_for_timeout(200)
    clock = tab.locator(".mlpro-px-clock").bounding_box()
    assert 0 <= clock["y"] < height / 4, clock
    assert in_view(tab, tab.get_by_role("button", name="Next →"))
    assert in_view(tab, tab.get_by_role("button", name="← Previous"))
    # The clock bar is drawn over the page, not under the theme's sticky header.
    top_element = tab.evaluate(
        """() => { const b = document.querySelector(".mlpro-px-clock").getBoundingClientRect();
                   const e = document.elementFromPoint(b.left + 2, b.top + b.height / 2);
                   return !!e.closest(".mlpro-px-bar"); }"""
    )
    assert top_element
    ctx.close()
    _check_clean(tab)


def test_a_mock_exam_stem_is_regular_weight_with_the_question_set_apart(page, practice_url):
    start(page, practice_url)
    legend = page.locator(".mlpro-px-body legend")
    weight = page.evaluate("e => getComputedStyle(e).fontWeight", legend.element_handle())
    assert int(weight) <= 400
    ask = legend.locator(".mlpro-px-ask")
    assert ask.inner_text().strip().endswith("?")
    assert int(page.evaluate("e => getComputedStyle(e).fontWeight", ask.element_handle())) >= 600
    scenario = legend.locator(".mlpro-px-scenario")
    assert scenario.count() == 0 or ask.bounding_box()["y"] > scenario.bounding_box()["y"]


# --- Accessibility of the states a learner reaches ------------------------------------------


def test_axe_finds_no_violation_in_the_answered_and_exam_states_light_or_dark(
    browser, practice_url, data
):
    """What axe on the built pages cannot see (they are checked as loaded): a self-check
    showing first answers with its filters, an exam in progress, its results, My
    progress after it, and Review my mistakes."""
    from .test_accessibility import axe_violations, switch_theme

    ctx = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    problems = []

    def check(where):
        for mode in ("light", "dark"):
            switch_theme(tab, mode)
            problems.extend(
                f"{where}, {mode}: {v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
                for v in axe_violations(tab)
            )
        switch_theme(tab, "light")

    tab.goto(practice_url + SELF_CHECK)
    first = tab.locator("fieldset.mlpro-question").first
    wrong = next(x for x in "ABCD" if x != first.get_attribute("data-answer"))
    first.locator(f'.mlpro-option[data-letter="{wrong}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    tab.reload()
    tab.get_by_label("Missed only").check()
    check("self-check after a reload, missed only")
    start(tab, practice_url)
    choose(tab, "A")
    tab.get_by_role("button", name="Mark for review").click()
    check("exam in progress")
    submit_all(tab)
    check("results")
    tab.goto(practice_url + PROGRESS)
    check("my progress")
    tab.goto(practice_url + MISTAKES)
    check("review my mistakes")
    ctx.close()
    assert problems == []
