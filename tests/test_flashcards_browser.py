"""The Flashcards page in a real browser (Debian's Chromium through Playwright): the
schedule across simulated days (the page's clock set by Playwright), the keyboard
shortcuts, stored data it cannot read, every card's link, offline, and a 390 px phone in
the dark theme.

``MLPRO_PREBUILT_SITE=<folder>`` points these tests at an existing build, as for the
practice pages' tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import serve_folder

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.site]

PAGE = "/book/practice/flashcards.html"
KEY = "mlpro-flashcards-v1"
DAY_1 = "2026-12-07T21:30:00"
# A page error every page of the theme raises on a reload (the practice tests ignore it too).
KNOWN_NOISE = "THEBE_JS_URL"


@pytest.fixture(scope="session")
def cards_site(request) -> Path:
    prebuilt = os.environ.get("MLPRO_PREBUILT_SITE")
    return Path(prebuilt) if prebuilt else request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def cards_url(cards_site):
    with serve_folder(cards_site) as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    hosts = {urlparse(url).hostname for url in page.requests if url.startswith("http")}
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests to other hosts: {hosts}"
    assert [error for error in page.errors if KNOWN_NOISE not in error] == []
    context.close()


def open_on(tab, url: str, when: str):
    """Open the page with the browser's clock fixed at ``when`` (local time)."""
    tab.clock.set_fixed_time(when)
    tab.goto(url + PAGE)
    return tab


def due(tab) -> int:
    return int(tab.locator(".mlpro-fc-status").get_attribute("data-due"))


def card_id(tab) -> str:
    return tab.locator(".mlpro-fc-card").get_attribute("data-card-id")


def stored(tab) -> dict:
    return json.loads(tab.evaluate(f"localStorage.getItem('{KEY}')"))


def test_the_shortcuts_reveal_and_rate_a_card_and_say_when_it_comes_back(tab, cards_url):
    open_on(tab, cards_url, DAY_1)
    assert due(tab) == 20
    assert tab.locator(".mlpro-fc-back").is_hidden()
    first = card_id(tab)
    tab.keyboard.press("Space")
    assert tab.locator(".mlpro-fc-back").is_visible()
    assert "back in 3 days (2026-12-10)" in tab.locator(".mlpro-fc-knew").inner_text()
    assert "back tomorrow" in tab.locator(".mlpro-fc-didnt").inner_text()
    tab.keyboard.press("k")
    assert due(tab) == 19 and card_id(tab) != first
    second = card_id(tab)
    tab.keyboard.press("d")  # ignored until the answer is shown
    assert card_id(tab) == second
    tab.keyboard.press("r")
    tab.keyboard.press("d")
    assert due(tab) == 18
    cards = stored(tab)["cards"]
    assert cards[first] == {"box": 2, "due": "2026-12-10", "last": "2026-12-07"}
    assert cards[second] == {"box": 1, "due": "2026-12-08", "last": "2026-12-07"}


def test_the_schedule_brings_cards_back_on_the_right_days(tab, cards_url):
    open_on(tab, cards_url, DAY_1)
    missed = card_id(tab)
    for number in range(20):
        tab.get_by_role("button", name="Show answer").click()
        name = "Didn't know" if number == 0 else "Knew it"
        tab.get_by_role("button", name=name).click()
    assert due(tab) == 0
    assert "Next: 1 card tomorrow." in tab.locator(".mlpro-fc-done").inner_text()
    # Past midnight: the missed card first, then twenty new ones.
    open_on(tab, cards_url, "2026-12-08T00:05:00")
    assert due(tab) == 21 and card_id(tab) == missed
    assert "1 to review, 20 new" in tab.locator(".mlpro-fc-status").inner_text()
    # Three days after the first session: the nineteen known cards are due as well.
    open_on(tab, cards_url, "2026-12-10T08:00:00")
    assert due(tab) == 20 + 20
    assert "20 to review" in tab.locator(".mlpro-fc-status").inner_text()


def test_unreadable_stored_data_is_discarded_with_a_message(tab, cards_url):
    open_on(tab, cards_url, DAY_1)
    tab.evaluate(f"localStorage.setItem('{KEY}', '{{\"version\": 7}}')")
    tab.reload()
    assert "could not be read" in tab.locator(".mlpro-fc-notice").inner_text()
    assert due(tab) == 20


def test_reset_asks_first_and_starts_the_cards_again(tab, cards_url):
    open_on(tab, cards_url, DAY_1)
    tab.keyboard.press("Space")
    tab.keyboard.press("k")
    tab.once("dialog", lambda dialog: dialog.dismiss())
    tab.get_by_role("button", name="Reset the flashcards' schedule").click()
    assert due(tab) == 19
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="Reset the flashcards' schedule").click()
    assert due(tab) == 20 and stored(tab)["cards"] == {}


def test_every_card_links_a_page_of_the_built_site(tab, cards_url, cards_site):
    open_on(tab, cards_url, DAY_1)
    data = json.loads(tab.locator("script.mlpro-flashcards-data").text_content())
    assert len(data["cards"]) >= 150
    folder = (cards_site / "book" / "practice").resolve()
    for card in data["cards"]:
        target = (folder / card["href"].split("#")[0]).resolve()
        assert target.is_file(), f"{card['id']}: {card['href']}"


def test_every_card_fits_a_390_px_phone_in_the_dark_theme(browser, cards_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    tab = context.new_page()
    try:
        open_on(tab, cards_url, DAY_1)
        assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
        tab.keyboard.press("Space")
        too_wide = tab.evaluate(
            """() => {
            const data = JSON.parse(document.querySelector('script.mlpro-flashcards-data').text);
            const wide = [];
            for (const card of data.cards) {
              document.querySelector('.mlpro-fc-front').innerHTML = card.front;
              document.querySelector('.mlpro-fc-answer').innerHTML = card.back;
              if (document.documentElement.scrollWidth > 390) { wide.push(card.id); }
            }
            return wide; }"""
        )
        assert too_wide == []
    finally:
        context.close()
