"""The quiz in Chromium, on small static pages opened from file:// (no book build): the
question sits inside its box, chosen and not-chosen radios read right on every background,
only the first attempt is scored, a wrong answer links to the pages that teach the
question, progress shows at the top, and ``mlpro:answered`` fires once per question."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from mlpro_guide.content.page_anchors import section_title
from mlpro_guide.content.questions import get_bank
from mlpro_guide.site.quiz import render_quiz_html, self_check_sections

pytestmark = pytest.mark.browser

ASSETS = Path(__file__).resolve().parents[1] / "mlpro_guide" / "site" / "assets"

# Backgrounds a quiz is shown on: (name, <html> attributes, <body> style, wrapper open,
# wrapper close, the colour the quiz is painted on).
LIGHT = ("", "background:#ffffff;color:#222832", "", "", (255, 255, 255))
DARK = (
    'data-theme="dark" style="color-scheme:dark"',
    "background:#14181e;color:#ced6dd",
    "",
    "",
    (0x14, 0x18, 0x1E),
)
# pydata-sphinx-theme in dark mode paints a notebook's HTML output on a light panel.
DARK_SITE_NOTEBOOK_OUTPUT = (
    'data-theme="dark" style="color-scheme:dark"',
    "background:#14181e;color:#ced6dd",
    '<div class="bd-content"><div class="cell_output"><div class="output text_html" '
    'style="background-color:#ced6dd;color:#222832;padding:.5rem">',
    "</div></div></div>",
    (0xCE, 0xD6, 0xDD),
)
JUPYTERLAB_DARK = (
    'style="color-scheme:dark"',
    "background:#111111;color:#e0e0e0",
    '<div data-jp-theme-light="false" class="jp-OutputArea-output">',
    "</div>",
    (0x11, 0x11, 0x11),
)
BACKGROUNDS = {
    "light": LIGHT,
    "dark": DARK,
    "dark-site-notebook-output": DARK_SITE_NOTEBOOK_OUTPUT,
    "jupyterlab-dark": JUPYTERLAB_DARK,
}


def write_page(tmp_path: Path, markup: str, background=LIGHT, objective_pages=None) -> str:
    html_attributes, body_style, open_wrapper, close_wrapper, _ = background
    head = ""
    if objective_pages is not None:
        head = f"<script>window.mlproObjectivePages = {json.dumps(objective_pages)};</script>"
    page = tmp_path / "quiz.html"
    page.write_text(
        f"<!doctype html><html {html_attributes}><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"{head}</head><body style='{body_style};font-family:sans-serif;margin:8px'>"
        f"{open_wrapper}{markup}{close_wrapper}</body></html>",
        encoding="utf-8",
    )
    return page.as_uri()


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(url: str, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.goto(url)
        return tab

    yield opener
    for context in contexts:
        context.close()


def wrong_letter(fieldset) -> str:
    answer = fieldset.get_attribute("data-answer")
    return next(letter for letter in "ABCD" if letter != answer)


def choose(fieldset, letter: str) -> None:
    fieldset.locator(f'.mlpro-option[data-letter="{letter}"] label').click()


# --- The question sits inside its box -----------------------------------------------------

OUTSIDE_THE_BOX = """() => {
  const problems = [];
  document.querySelectorAll("fieldset.mlpro-question").forEach((fieldset) => {
    const box = fieldset.getBoundingClientRect();
    const top = box.top + parseFloat(getComputedStyle(fieldset).borderTopWidth);
    const id = fieldset.dataset.questionId;
    const legend = fieldset.querySelector("legend");
    const parts = [legend, ...legend.querySelectorAll("code")];
    for (const part of parts) {
      for (const r of part.getClientRects()) {
        if (r.top < top - 0.5 || r.left < box.left - 0.5 || r.right > box.right + 0.5
            || r.bottom > box.bottom + 0.5) {
          problems.push(`${id}: ${part.tagName} at ${JSON.stringify(r)} outside ` +
                        `${JSON.stringify(box)} (inside top ${top})`);
        }
      }
    }
  });
  return problems;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_question_stem_is_drawn_inside_its_box(open_page, tmp_path, width):
    bank = get_bank("feature-consistency")  # question 11 has a long stem with inline code
    tab = open_page(write_page(tmp_path, render_quiz_html(bank)), width=width)
    assert tab.evaluate(OUTSIDE_THE_BOX) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


# --- Chosen and not chosen radios ------------------------------------------------------------


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def radio_pixels(tab, radio):
    """The rendered pixels of one radio: (centre colour, highest contrast to the panel)."""
    box = radio.bounding_box()
    image = Image.open(io.BytesIO(tab.screenshot(clip=box, scale="css"))).convert("RGB")
    centre = image.getpixel((image.width // 2, image.height // 2))
    pixels = [image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)]
    return centre, pixels


@pytest.mark.parametrize("background", list(BACKGROUNDS))
def test_a_chosen_radio_is_filled_and_the_others_are_empty_rings(open_page, tmp_path, background):
    setting = BACKGROUNDS[background]
    panel = setting[-1]
    markup = render_quiz_html(get_bank("orientation"), ids=["orientation-01"])
    tab = open_page(write_page(tmp_path, markup, setting))
    fieldset = tab.locator("fieldset.mlpro-question").first
    choose(fieldset, "B")
    for when in ("chosen", "checked and locked"):
        for radio_index in range(4):
            radio = fieldset.locator("input[type=radio]").nth(radio_index)
            centre, pixels = radio_pixels(tab, radio)
            ring = max(contrast(pixel, panel) for pixel in pixels)
            assert ring >= 3, f"{background}, {when}: radio {radio_index} ring {ring:.1f}"
            if radio_index == 1:  # B, the chosen one
                assert contrast(centre, panel) >= 3, (
                    f"{background}, {when}: the chosen radio is not filled "
                    f"(centre {centre} on {panel})"
                )
            else:
                assert contrast(centre, panel) < 1.5, (
                    f"{background}, {when}: radio {radio_index} looks filled "
                    f"(centre {centre} on {panel})"
                )
        if when == "chosen":
            fieldset.get_by_role("button", name="Check answer").click()


# --- First-attempt scoring -------------------------------------------------------------------

RECORD_EVENTS = """() => {
  window.answered = [];
  document.addEventListener("mlpro:answered", (event) => window.answered.push(event.detail));
}"""


def test_only_the_first_attempt_is_scored_and_the_options_lock(open_page, tmp_path):
    markup = render_quiz_html(get_bank("orientation"))
    tab = open_page(write_page(tmp_path, markup))
    tab.evaluate(RECORD_EVENTS)
    first = tab.locator("fieldset.mlpro-question").first
    answer, wrong = first.get_attribute("data-answer"), wrong_letter(first)
    choose(first, wrong)
    first.get_by_role("button", name="Check answer").click()
    score = tab.locator(".mlpro-score")
    assert score.inner_text().startswith("Score: 0 right of 1 attempted")
    assert "Only your first answer to each question counts" in score.inner_text()

    radios = first.locator("input[type=radio]")
    assert all(radios.nth(i).is_disabled() for i in range(4))
    first.locator(f'.mlpro-option[data-letter="{answer}"] label').click(force=True)
    assert first.locator("input[type=radio]:checked").get_attribute("value") == wrong

    first.get_by_role("button", name="Try again").click()
    assert not radios.first.is_disabled()
    assert first.locator("input[type=radio]:checked").count() == 0
    assert not first.locator(".mlpro-reason").first.is_visible()
    choose(first, answer)
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".mlpro-feedback").inner_text()
    assert "Correct" in feedback and "not scored" in feedback
    assert score.inner_text().startswith("Score: 0 right of 1 attempted")
    assert tab.errors == []


def test_the_answered_event_fires_once_with_the_first_choice(open_page, tmp_path):
    markup = render_quiz_html(get_bank("orientation"))
    tab = open_page(write_page(tmp_path, markup))
    tab.evaluate(RECORD_EVENTS)
    first = tab.locator("fieldset.mlpro-question").first
    wrong = wrong_letter(first)
    choose(first, wrong)
    first.get_by_role("button", name="Check answer").click()
    first.get_by_role("button", name="Try again").click()
    choose(first, first.get_attribute("data-answer"))
    first.get_by_role("button", name="Check answer").click()
    events = tab.evaluate("window.answered")
    assert len(events) == 1
    (event,) = events
    question = get_bank("orientation").questions[0]
    assert event["bank"] == "orientation" and event["questionId"] == question.id
    assert event["choice"] == wrong and event["correct"] is False
    assert event["objectives"] == list(question.objectives)
    assert event["page"].endswith("/quiz.html") and event["at"].endswith("Z")


def test_fieldsets_carry_the_bank_question_and_objectives(open_page, tmp_path):
    bank = get_bank("orientation")
    tab = open_page(write_page(tmp_path, render_quiz_html(bank)))
    fieldsets = tab.locator("fieldset.mlpro-question")
    for index, question in enumerate(bank.questions):
        fieldset = fieldsets.nth(index)
        assert fieldset.get_attribute("data-bank") == "orientation"
        assert fieldset.get_attribute("data-question-id") == question.id
        assert fieldset.get_attribute("data-objectives") == " ".join(question.objectives)


# --- Feedback in words, review links, progress -----------------------------------------------


def test_the_result_is_a_word_and_the_glyph_is_hidden_from_screen_readers(open_page, tmp_path):
    tab = open_page(write_page(tmp_path, render_quiz_html(get_bank("orientation"))))
    first = tab.locator("fieldset.mlpro-question").first
    choose(first, wrong_letter(first))
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".mlpro-feedback")
    assert feedback.inner_text().startswith("✘ Incorrect")
    assert feedback.locator('[aria-hidden="true"]').inner_text().strip() == "✘"
    marker = first.locator(".mlpro-wrong-choice .mlpro-marker")
    assert marker.locator('[aria-hidden="true"]').inner_text().strip() == "✘"
    assert "Not the best answer (your choice)" in marker.inner_text()


def teaching_map(question) -> dict:
    return {
        objective: [
            {"title": f"Lesson on {objective}", "href": f"teach-{objective}.html", "kind": "page"}
        ]  # fmt: skip
        for objective in question.objectives
    }


def test_a_wrong_answer_links_to_the_pages_that_teach_the_objective(open_page, tmp_path):
    bank = get_bank("orientation")
    question = bank.questions[0]
    tab = open_page(
        write_page(tmp_path, render_quiz_html(bank), objective_pages=teaching_map(question))
    )
    first = tab.locator("fieldset.mlpro-question").first
    choose(first, wrong_letter(first))
    first.get_by_role("button", name="Check answer").click()
    review = first.locator(".mlpro-review")
    assert review.is_visible()
    primary = question.objectives[0]
    assert review.inner_text().startswith(f"Review: Lesson on {primary} (page)")
    assert review.locator("a").first.get_attribute("href") == f"teach-{primary}.html"


def test_a_wrong_answer_links_first_to_the_section_that_teaches_the_answer(open_page, tmp_path):
    bank = get_bank("orientation")
    question = bank.questions[0]
    page, _, anchor = question.taught_in.partition("#")
    in_the_book = (
        'data-content_root="site/"',
        "background:#ffffff;color:#222832",
        "",
        "",
        (255, 255, 255),
    )
    tab = open_page(
        write_page(
            tmp_path,
            render_quiz_html(bank),
            background=in_the_book,
            objective_pages=teaching_map(question),
        )
    )
    first = tab.locator("fieldset.mlpro-question").first
    choose(first, wrong_letter(first))
    first.get_by_role("button", name="Check answer").click()
    review = first.locator(".mlpro-review")
    heading = section_title(question.taught_in)
    assert ": " in heading  # the page's title, then the section's heading
    assert review.inner_text().startswith(f"Review: {heading} (section); Lesson on ")
    href = review.locator("a").first.get_attribute("href")
    assert href.endswith(f"/site/{page.rsplit('.', 1)[0]}.html#{anchor}"), href


def test_a_right_answer_or_a_missing_map_shows_no_review_link(open_page, tmp_path):
    bank = get_bank("orientation")
    right = open_page(
        write_page(
            tmp_path, render_quiz_html(bank), objective_pages=teaching_map(bank.questions[0])
        )
    )
    first = right.locator("fieldset.mlpro-question").first
    choose(first, first.get_attribute("data-answer"))
    first.get_by_role("button", name="Check answer").click()
    assert not first.locator(".mlpro-review").is_visible()

    no_map = open_page(write_page(tmp_path, render_quiz_html(bank)))  # as in JupyterLab
    first = no_map.locator("fieldset.mlpro-question").first
    choose(first, wrong_letter(first))
    first.get_by_role("button", name="Check answer").click()
    assert first.locator(".mlpro-review a").count() == 0
    assert not first.locator(".mlpro-review").is_visible()


def test_progress_shows_above_the_first_question_and_follows_the_score(open_page, tmp_path):
    bank = get_bank("orientation")
    tab = open_page(write_page(tmp_path, render_quiz_html(bank)))
    progress = tab.locator(".mlpro-progress")
    total = len(bank.questions)
    assert progress.is_visible()
    assert progress.inner_text() == (
        f"Progress: 0 of {total} questions attempted; 0 right of 0 attempted."
    )
    first = tab.locator("fieldset.mlpro-question").first
    assert progress.bounding_box()["y"] < first.bounding_box()["y"]
    choose(first, first.get_attribute("data-answer"))
    first.get_by_role("button", name="Check answer").click()
    assert progress.inner_text() == (
        f"Progress: 1 of {total} questions attempted; 1 right of 1 attempted (100%)."
    )


# --- First answers kept in this browser (a book page, with progress.js) ------------------


def write_book_page(tmp_path: Path, markup: str, docname: str = "book/promotion/self-check") -> str:
    """A page as the book serves it: review-schedule.js then progress.js in the head (the
    order the book loads them), the page's docname in a meta."""
    schedule = (ASSETS / "review-schedule.js").as_uri()
    progress = (ASSETS / "progress.js").as_uri()
    page = tmp_path / "self-check.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta name='mlpro-docname' content='{docname}'><meta name='mlpro-root' content='./'>"
        f"<script src='{schedule}'></script><script src='{progress}'></script></head>"
        "<body style='font-family:sans-serif;margin:8px'><main>"
        f"{markup}</main></body></html>",
        encoding="utf-8",
    )
    return page.as_uri()


def self_check(bank_name: str = "promotion") -> str:
    bank = get_bank(bank_name)
    return render_quiz_html(bank, sections=self_check_sections(bank))


def answer(fieldset, letter: str) -> None:
    choose(fieldset, letter)
    fieldset.get_by_role("button", name="Check answer").click()


def stored(tab) -> dict:
    return tab.evaluate("JSON.parse(localStorage.getItem('mlpro-progress-v1'))")


def test_a_reload_shows_the_first_answers_answered_locked_and_explained(open_page, tmp_path):
    tab = open_page(write_book_page(tmp_path, self_check()))
    questions = tab.locator("fieldset.mlpro-question")
    first, second = questions.nth(0), questions.nth(1)
    wrong, right = wrong_letter(first), second.get_attribute("data-answer")
    answer(first, wrong)
    answer(second, right)
    tab.reload()
    first, second = questions.nth(0), questions.nth(1)
    assert first.get_attribute("data-result") == "incorrect"
    assert first.locator("input[type=radio]:checked").get_attribute("value") == wrong
    assert all(first.locator("input[type=radio]").nth(i).is_disabled() for i in range(4))
    feedback = first.locator(".mlpro-feedback").inner_text()
    assert (
        f"Incorrect: you chose {wrong}" in feedback
        and "Your first answer, on this page" in feedback
    )
    assert first.locator(".mlpro-explanation").is_visible()
    assert (
        first.locator(".mlpro-review").is_visible() or first.locator(".mlpro-review a").count() == 0
    )
    assert second.get_attribute("data-result") == "correct"
    assert second.get_by_role("button", name="Try again").is_visible()
    total = questions.count()
    assert tab.locator(".mlpro-progress").inner_text() == (
        f"Progress: 2 of {total} questions attempted; 1 right of 2 attempted (50%)."
    )
    assert tab.errors == []


def test_a_question_missed_before_a_reload_is_not_scored_again(open_page, tmp_path):
    tab = open_page(write_book_page(tmp_path, self_check()))
    first = tab.locator("fieldset.mlpro-question").first
    answer(first, wrong_letter(first))
    tab.reload()
    tab.evaluate(RECORD_EVENTS)
    first = tab.locator("fieldset.mlpro-question").first
    first.get_by_role("button", name="Try again").click()
    answer(first, first.get_attribute("data-answer"))
    assert "not scored" in first.locator(".mlpro-feedback").inner_text()
    assert first.get_attribute("data-result") == "incorrect"
    assert tab.locator(".mlpro-score").inner_text().startswith("Score: 0 right of 1 attempted")
    assert tab.evaluate("window.answered") == []
    record = stored(tab)["selfChecks"][first.get_attribute("data-question-id")]
    assert record["correct"] is False


def test_an_answer_given_in_another_tab_is_the_first_one_on_this_page(open_page, tmp_path):
    url = write_book_page(tmp_path, self_check())
    tab = open_page(url)
    first = tab.locator("fieldset.mlpro-question").first
    wrong = wrong_letter(first)
    # Another tab of the same browser stores a wrong first answer after this page loaded.
    qid = first.get_attribute("data-question-id")
    tab.evaluate(
        """([qid, wrong, best]) => window.mlproProgress.recordAnswer({source: "self-check",
             questionId: qid, choice: wrong, answer: best, correct: false,
             page: "book/promotion/self-check"})""",
        [qid, wrong, first.get_attribute("data-answer")],
    )
    answer(first, first.get_attribute("data-answer"))
    assert first.get_attribute("data-result") == "incorrect"
    assert "not scored" in first.locator(".mlpro-feedback").inner_text()
    assert tab.locator(".mlpro-score").inner_text().startswith("Score: 0 right of 1 attempted")


def test_a_first_answer_from_a_mock_exam_shows_the_same_option_on_the_self_check(
    open_page, tmp_path
):
    from mlpro_guide.content.answer_order import arrange_options

    bank = get_bank("promotion")
    question = bank.questions[0]
    # The mock exam showed the best answer last (D) and the learner chose A.
    shown_in_exam = arrange_options(question, 3)
    state = {
        "version": 1,
        "visits": {},
        "done": {},
        "selfChecks": {},
        "current": {},
        "mistakes": {},
        "attempts": {
            "A": [
                {
                    "form": "A",
                    "questionIds": [question.id],
                    "answers": {question.id: "A"},
                    "positions": {question.id: 3},
                    "submittedAt": "2026-11-02T10:00:00.000Z",
                    "right": 0,
                    "total": 1,
                    "percent": 0,
                }
            ]
        },
    }
    url = write_book_page(tmp_path, self_check())
    tab = open_page(url)
    tab.evaluate("(s) => localStorage.setItem('mlpro-progress-v1', JSON.stringify(s))", state)
    tab.reload()
    fieldset = tab.locator(f'fieldset[data-question-id="{question.id}"]')
    assert fieldset.get_attribute("data-result") == "incorrect"
    chosen = fieldset.locator("input[type=radio]:checked").get_attribute("value")
    label = fieldset.locator(f'.mlpro-option[data-letter="{chosen}"] label').inner_text()
    assert label.split(". ", 1)[1].strip() == format_text_plain(shown_in_exam[0].text)
    assert "in a mock exam (form A)" in fieldset.locator(".mlpro-feedback").inner_text()


def format_text_plain(text: str) -> str:
    return text.replace("`", "").strip()


def visible_ids(tab) -> list[str]:
    return tab.evaluate(
        """() => [...document.querySelectorAll("fieldset.mlpro-question")]
             .filter((f) => f.offsetParent !== null).map((f) => f.dataset.questionId)"""
    )


def test_the_filters_show_unanswered_or_missed_questions_only(open_page, tmp_path):
    tab = open_page(write_book_page(tmp_path, self_check()))
    questions = tab.locator("fieldset.mlpro-question")
    total = questions.count()
    missed, right = questions.nth(0), questions.nth(2)
    answer(missed, wrong_letter(missed))
    answer(right, right.get_attribute("data-answer"))
    ids = [questions.nth(i).get_attribute("data-question-id") for i in range(total)]
    tab.get_by_label("Unanswered only").check()
    assert visible_ids(tab) == [i for n, i in enumerate(ids) if n not in (0, 2)]
    status = tab.locator(".mlpro-filter-status").inner_text()
    assert status == f"Showing {total - 2} of {total} questions (unanswered)."
    tab.get_by_label("Missed only").check()
    assert visible_ids(tab) == [ids[0]]
    tab.get_by_label("All questions").check()
    assert visible_ids(tab) == ids
    tab.get_by_label("Part", exact=True).select_option("2")
    in_part_two = tab.locator('.mlpro-part[data-part="2"] fieldset.mlpro-question')
    assert visible_ids(tab) == [
        in_part_two.nth(i).get_attribute("data-question-id") for i in range(in_part_two.count())
    ]


def test_next_unanswered_moves_focus_to_the_next_question_not_yet_answered(open_page, tmp_path):
    tab = open_page(write_book_page(tmp_path, self_check()))
    questions = tab.locator("fieldset.mlpro-question")
    for index in (0, 1, 3):
        question = questions.nth(index)
        answer(question, question.get_attribute("data-answer"))
    questions.nth(1).get_by_role("button", name="Try again").focus()  # the learner is at 2
    jump = tab.get_by_role("button", name="Go to the next unanswered question")
    jump.focus()
    tab.keyboard.press("Enter")
    focused = tab.evaluate("document.activeElement.closest('fieldset').dataset.questionId")
    assert focused == questions.nth(2).get_attribute("data-question-id")
    jump.click()  # from question 3: question 4 is answered, so question 5
    focused = tab.evaluate("document.activeElement.closest('fieldset').dataset.questionId")
    assert focused == questions.nth(4).get_attribute("data-question-id")
    box = questions.nth(4).bounding_box()
    assert 0 <= box["y"] < 900


def test_each_part_of_a_self_check_counts_its_answered_questions(open_page, tmp_path):
    tab = open_page(write_book_page(tmp_path, self_check()))
    first = tab.locator("fieldset.mlpro-question").first
    part_one = tab.locator('.mlpro-part[data-part="1"] fieldset.mlpro-question').count()
    counter = tab.locator('.mlpro-part-progress[data-part="1"]')
    assert counter.inner_text() == f"· 0 of {part_one} attempted"
    answer(first, first.get_attribute("data-answer"))
    assert counter.inner_text() == f"· 1 of {part_one} attempted"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_self_check_with_its_parts_and_filters_fits_the_screen(open_page, tmp_path, width):
    tab = open_page(write_book_page(tmp_path, self_check("model-development")), width=width)
    first = tab.locator("fieldset.mlpro-question").first
    answer(first, wrong_letter(first))
    tab.reload()
    assert tab.locator(".mlpro-quiz-tools").is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    tab.get_by_label("Missed only").check()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.evaluate(OUTSIDE_THE_BOX) == []
