"""The quizzes in a real browser (Debian's Chromium through Playwright): by mouse and by
keyboard, announced feedback, the no-JavaScript fallback, dark mode, escaping, several
quizzes on one page, and no request to any host but this machine."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from mlpro_guide.content.exam_map import declared_objectives
from mlpro_guide.content.questions import get_bank, load_bank
from mlpro_guide.site.quiz import render_quiz_html

from .conftest import REPO_ROOT
from .test_question_banks import variant, write_bank
from .test_quiz_behaviour import OUTSIDE_THE_BOX

pytestmark = [pytest.mark.build, pytest.mark.browser]

ORIENTATION_PAGE = "/notebooks/orientation/first_tracked_model.html"
# pydata-sphinx-theme logs this when it meets a colour mode it does not know (and resets it
# to "auto"); nothing else may be logged as an error.
KNOWN_CONSOLE_NOISE = ("theme mode",)


def chapter_quiz_pages() -> list[str]:
    return [
        f"/book/{p.parent.name}/self-check.html"
        for p in sorted((REPO_ROOT / "book").glob("*/self-check.md"))
    ]


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request and every console error."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests, tab.console_errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on(
        "console",
        lambda message: (
            tab.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    hosts = {
        urlparse(url).hostname
        for url in tab.requests
        if not url.startswith(("data:", "blob:", "about:"))
    }
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests to other hosts: {hosts}"
    unexpected = [e for e in tab.console_errors if not any(n in e for n in KNOWN_CONSOLE_NOISE)]
    assert unexpected == []
    context.close()


def question(tab, number: int):
    return tab.locator("fieldset.mlpro-question").nth(number - 1)


def test_a_correct_answer_by_mouse_is_confirmed_and_explained(page, site_url):
    page.goto(site_url + ORIENTATION_PAGE)
    first = question(page, 1)
    answer = first.get_attribute("data-answer")
    first.locator(f'.mlpro-option[data-letter="{answer}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".mlpro-feedback")
    assert feedback.get_attribute("role") == "status"
    assert feedback.inner_text().startswith("✔ Correct")
    reasons = first.locator(".mlpro-reason")
    assert reasons.count() == 4 and all(reasons.nth(i).is_visible() for i in range(4))
    assert (
        "✔ Best answer (your choice)"
        in first.locator(f'.mlpro-option[data-letter="{answer}"]').inner_text()
    )
    assert first.locator(".mlpro-explanation").is_visible()
    assert page.locator(".mlpro-score").inner_text().startswith("Score: 1 right of 1 attempted")


def test_a_wrong_answer_by_keyboard_is_marked_in_words_and_arrows_do_not_grade(page, site_url):
    page.goto(site_url + ORIENTATION_PAGE)
    second = question(page, 2)
    answer = second.get_attribute("data-answer")
    second.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    letters = "ABCD"
    position = 0
    while letters[position] == answer:
        page.keyboard.press("ArrowDown")
        position += 1
    chosen = second.locator("input[type=radio]:checked").get_attribute("value")
    assert chosen != answer
    assert second.locator(".mlpro-feedback").inner_text() == ""  # choosing does not grade
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Check answer"
    page.keyboard.press("Enter")
    feedback = second.locator(".mlpro-feedback").inner_text()
    assert feedback.startswith("✘ Incorrect") and f"the best answer is {answer}" in feedback
    assert (
        "✘ Not the best answer (your choice)"
        in second.locator(f'.mlpro-option[data-letter="{chosen}"]').inner_text()
    )
    assert page.locator(".mlpro-score").inner_text().startswith("Score: 0 right of 1 attempted")


def test_focus_is_visible_on_options_and_buttons(page, site_url):
    page.goto(site_url + ORIENTATION_PAGE)
    question(page, 1).locator("input[type=radio]").first.focus()
    page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_without_javascript_the_answer_is_in_a_details_element(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + ORIENTATION_PAGE)
    first = question(tab, 1)
    assert first.locator("button").count() == 0
    fallback = first.locator("details.mlpro-fallback")
    assert fallback.is_visible()
    fallback.locator("summary").click()
    assert "Best answer:" in fallback.inner_text()
    assert not first.locator(".mlpro-reason").first.is_visible()
    context.close()


CONTRAST_SCRIPT = (Path(__file__).parent / "contrast_ratio.js").read_text()


@pytest.mark.parametrize("path", [ORIENTATION_PAGE, *chapter_quiz_pages()[:1]])
def test_the_quiz_is_readable_in_dark_mode(browser, site_url, path):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(site_url + path)
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    first = question(tab, 1)
    answer = first.get_attribute("data-answer")
    wrong = next(letter for letter in "ABCD" if letter != answer)
    first.locator(f'.mlpro-option[data-letter="{wrong}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    for selector in (
        ".mlpro-question legend",
        ".mlpro-option label",
        ".mlpro-best .mlpro-marker",
        ".mlpro-wrong-choice .mlpro-marker",
        ".mlpro-feedback",
        ".mlpro-explanation",
        ".mlpro-reference",
        ".mlpro-review a",
        ".mlpro-progress",
        ".mlpro-question code",
    ):
        if tab.locator(selector).count() == 0:
            continue
        ratio = tab.evaluate(CONTRAST_SCRIPT, selector)
        assert ratio >= 4.5, f"{selector}: contrast {ratio:.1f} on {path}"
    context.close()


@pytest.mark.parametrize("path", chapter_quiz_pages() or [ORIENTATION_PAGE])
def test_each_quiz_page_grades_its_first_question(page, site_url, path):
    page.goto(site_url + path)
    first = question(page, 1)
    answer = first.get_attribute("data-answer")
    first.locator(f'.mlpro-option[data-letter="{answer}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    assert first.locator(".mlpro-feedback").inner_text().startswith("✔ Correct")


def test_a_script_in_a_question_shows_as_text_and_never_runs(browser, tmp_path):
    hostile = variant(stem="What does <script>window.hacked = true</script> do?")
    markup = render_quiz_html(load_bank(write_bank(tmp_path, [hostile])))
    tab = browser.new_page()
    tab.set_content(f"<!doctype html><html><body>{markup}</body></html>")
    assert tab.evaluate("window.hacked === undefined")
    assert "<script>window.hacked = true</script>" in tab.locator("legend").inner_text()
    tab.close()


def test_two_quizzes_on_one_page_work_independently(browser):
    bank = get_bank("orientation")
    markup = render_quiz_html(bank, ids=["orientation-01"]) + render_quiz_html(
        bank, ids=["orientation-02", "orientation-03"]
    )
    tab = browser.new_page()
    tab.set_content(f"<!doctype html><html><body>{markup}</body></html>")
    quizzes = tab.locator("section.mlpro-quiz")
    assert quizzes.count() == 2
    first = quizzes.nth(0).locator("fieldset").first
    first.locator(
        f'.mlpro-option[data-letter="{first.get_attribute("data-answer")}"] label'
    ).click()
    first.get_by_role("button", name="Check answer").click()
    assert (
        quizzes.nth(0)
        .locator(".mlpro-score")
        .inner_text()
        .startswith("Score: 1 right of 1 attempted")
    )
    assert (
        quizzes.nth(1)
        .locator(".mlpro-score")
        .inner_text()
        .startswith("Score: 0 right of 0 attempted")
    )
    assert tab.locator("button.mlpro-check").count() == 3
    tab.close()


FEATURE_CONSISTENCY_SELF_CHECK = "/book/feature-consistency/self-check.html"


@pytest.mark.parametrize("width", [1280, 390])
def test_on_the_site_every_question_stem_is_inside_its_box(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + FEATURE_CONSISTENCY_SELF_CHECK)
    assert tab.evaluate(OUTSIDE_THE_BOX) == []
    context.close()


def source_of(url_path: str) -> Path:
    stem = REPO_ROOT / url_path.lstrip("/").removesuffix(".html")
    return next(p for p in (stem.with_suffix(".md"), stem.with_suffix(".ipynb")) if p.exists())


def test_a_wrong_answer_on_a_self_check_links_to_a_page_that_teaches_it(page, site_url):
    page.goto(site_url + FEATURE_CONSISTENCY_SELF_CHECK)
    first = question(page, 1)
    objectives = first.get_attribute("data-objectives").split()
    answer = first.get_attribute("data-answer")
    wrong = next(letter for letter in "ABCD" if letter != answer)
    first.locator(f'.mlpro-option[data-letter="{wrong}"] label').click()
    first.get_by_role("button", name="Check answer").click()
    review = first.locator(".mlpro-review")
    assert review.is_visible() and review.inner_text().startswith("Review: ")
    links = review.locator("a")
    assert links.count() >= 1
    targets = [
        page.evaluate("(a) => new URL(a.href).pathname", links.nth(i).element_handle())
        for i in range(links.count())
    ]
    for target in targets:
        assert not target.endswith(("self-check.html", "exam-map.html", "sources.html"))
        assert set(objectives) & set(declared_objectives(source_of(target)) or [])
    links.first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == targets[0]
