"""The site's chrome in a real browser: no page is wider than a phone, notebook errors
are readable without scrolling sideways, the landing page shows the way on a phone,
there is one search entry point per page, and search results quote the passage that
matches. (That no page logs an error in the console is checked on the same page loads
as axe, in tests/test_accessibility.py.)"""

from __future__ import annotations

import re

import pytest

from .site_pages import (
    DESKTOP,
    ERROR_OUTPUTS_SCROLL,
    LANDING_PAGE,
    NOTEBOOK_PAGE,
    PHONE,
    WIDTH_SHARDS,
    page_share,
    pages_with_deliberate_errors,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"

# Content that once pushed pages sideways: a long unbreakable inline path, a URI in a
# quiz legend, a raw HTML table (like the generated exam map), a DataFrame output and a
# long line of notebook output. Injected into a real page, as the build would emit it.
WORST_CONTENT = (
    "<p>See <code class='docutils literal notranslate'><span class='pre'>"
    + "notebooks/feature-consistency/" * 6
    + "feature_definitions.py</span></code>.</p>"
    "<fieldset class='mlpro-question'><legend>Question 1. A job loads "
    "<code>models:/prod.fraud.checkout_model_with_a_long_name@champion</code>.</legend>"
    "</fieldset>"
    "<table class='table'><tr>" + "<th>column_with_a_long_name</th>" * 12 + "</tr></table>"
    "<div class='cell_output docutils container'><div class='output text_html'>"
    "<table class='dataframe'><tr>" + "<td>0.123456789</td>" * 20 + "</tr></table></div>"
    "<div class='output stream highlight-myst-ansi notranslate'><div class='highlight'><pre>"
    + "x" * 300
    + "</pre></div></div></div>"
)


def _with_worst_content(tab, site_url: str, path: str) -> None:
    """Serve ``path`` with WORST_CONTENT at the top of its article."""

    def inject(route):
        response = route.fetch()
        body = response.text().replace(
            '<article class="bd-article">', '<article class="bd-article">' + WORST_CONTENT, 1
        )
        route.fulfill(response=response, body=body)

    tab.route(site_url + path, inject)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def phone_for_every_page(browser):
    """One phone-sized tab per worker for its share of the pages."""
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("shard", range(WIDTH_SHARDS))
def test_no_page_is_wider_than_a_390_px_phone_and_error_lines_wrap(
    phone_for_every_page, site_url, built_site, shard
):
    """This test's share of the pages, each loaded once on a phone: none is wider than
    the screen, and on a notebook page the error lines of a cell that fails on purpose
    wrap instead of scrolling sideways (checked at 1280 px in tests/test_accessibility.py)."""
    phone = phone_for_every_page
    with_errors = set(pages_with_deliberate_errors(built_site))
    too_wide, scrolling = {}, {}
    for path in page_share(built_site, shard, WIDTH_SHARDS):
        phone.goto(site_url + path)
        overflow = phone.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[path] = PHONE["width"] + overflow
        if path in with_errors and (boxes := phone.evaluate(ERROR_OUTPUTS_SCROLL)):
            scrolling[path] = boxes
    assert too_wide == {}, f"pages wider than {PHONE['width']} px (width in px): {too_wide}"
    assert scrolling == {}, f"error outputs that scroll sideways at {PHONE['width']} px"


def test_long_code_tables_and_outputs_scroll_or_wrap_inside_the_page(phone, site_url):
    _with_worst_content(phone, site_url, NOTEBOOK_PAGE)
    phone.goto(site_url + NOTEBOOK_PAGE)
    assert phone.locator("table.dataframe").count() >= 1  # the content really is there
    assert phone.evaluate(OVERFLOW) <= 0
    # The tables keep their width and scroll inside a box of their own.
    boxes = phone.locator(".bd-article .mlpro-table-scroll, .bd-article div.cell_output")
    assert boxes.count() >= 2


def test_the_layout_check_catches_a_page_without_the_site_stylesheet(phone, site_url):
    """Without site.css the same content widens the page: the check above is not vacuous."""
    phone.route(re.compile(r".*/_static/site\.(css|js).*"), lambda route: route.abort())
    _with_worst_content(phone, site_url, NOTEBOOK_PAGE)
    phone.goto(site_url + NOTEBOOK_PAGE)
    assert phone.evaluate(OVERFLOW) > 0


# Every control that starts a search: the theme's buttons and any search form's input.
VISIBLE_SEARCH_ENTRIES = """() => [...document.querySelectorAll(
    '.search-button__button, form.bd-search input, input[type=search]')]
  .filter(e => !e.closest('dialog:not([open])') && e.checkVisibility({visibilityProperty: true})
               && e.getBoundingClientRect().width > 0)
  .map(e => e.className || e.tagName)"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("path", [LANDING_PAGE, NOTEBOOK_PAGE, "/search.html"])
def test_each_page_offers_exactly_one_search_entry_point(browser, site_url, path, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.goto(site_url + path)
    entries = tab.evaluate(VISIBLE_SEARCH_ENTRIES)
    context.close()
    assert len(entries) == 1, f"{path} at {viewport['width']} px: {entries}"


SNIPPET_IS_ARTICLE_TEXT = """async ([href, snippet]) => {
  const html = await (await fetch(href)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll(".headerlink, script, style").forEach(e => e.remove());
  const text = doc.querySelector("article.bd-article").textContent.replace(/\\s+/g, " ");
  return text.includes(snippet);
}"""


def test_search_results_quote_the_sentence_that_matches(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + "/search.html?q=rollback")
    results = tab.locator("#search-results ul.search li")
    results.first.locator("p.context").wait_for(timeout=30_000)
    checked = 0
    for index in range(min(3, results.count())):
        result = results.nth(index)
        result.locator("p.context").wait_for(timeout=30_000)
        snippet = result.locator("p.context").text_content()
        assert "rollback" in snippet.lower(), snippet
        core = re.sub(r"\s+", " ", snippet).strip().removeprefix("...").removesuffix("...")
        href = result.locator("a").first.get_attribute("href").split("#")[0]
        assert tab.evaluate(SNIPPET_IS_ARTICLE_TEXT, [href, core.strip()]), (href, snippet)
        checked += 1
    context.close()
    assert checked == 3


def test_search_snippets_quote_the_passage_that_names_an_identifier(browser, site_url):
    """An identifier's stem ("mlflowsparkstudi") is not in the text: the snippet still
    quotes the passage naming it, never the where-am-I line at the top of the page."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + "/search.html?q=MlflowSparkStudy")
    results = tab.locator("#search-results ul.search li")
    results.first.locator("p.context").wait_for(timeout=30_000)
    snippets = []
    for index in range(results.count()):
        results.nth(index).locator("p.context").wait_for(timeout=30_000)
        snippets.append(results.nth(index).locator("p.context").text_content())
    context.close()
    assert len(snippets) >= 2
    for snippet in snippets:
        assert "mlflowsparkstudy" in snippet.lower(), snippet
        assert not re.search(r"min to read|Whole (chapter|part)|\d+ of \d+ ·", snippet), snippet


PROSE_HAS_PHRASE = """async ([href, phrase]) => {
  const html = await (await fetch(href)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const article = doc.querySelector("article.bd-article");
  article.querySelectorAll("pre, script, style, .mlpro-whereami").forEach(e => e.remove());
  return article.textContent.replace(/\\s+/g, " ").toLowerCase().includes(phrase);
}"""


def test_search_snippets_quote_the_phrase_from_prose_rather_than_code(browser, site_url):
    """Where a page's prose holds the words as typed, the snippet quotes that passage, not
    a code block or the first place one of the words occurs."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + "/search.html?q=inference%20table")
    results = tab.locator("#search-results ul.search li")
    results.first.locator("p.context").wait_for(timeout=30_000)
    checked = 0
    for index in range(min(8, results.count())):
        result = results.nth(index)
        result.locator("p.context").wait_for(timeout=30_000)
        href = result.locator("a").first.get_attribute("href").split("#")[0]
        if tab.evaluate(PROSE_HAS_PHRASE, [href, "inference table"]):
            snippet = result.locator("p.context").text_content()
            assert "inference table" in snippet.lower(), (href, snippet)
            checked += 1
    context.close()
    assert checked >= 3


def test_the_search_results_page_fits_a_390_px_phone(phone, site_url):
    phone.goto(site_url + "/search.html?q=inference%20table")
    results = phone.locator("#search-results ul.search li")
    results.first.locator("p.context").wait_for(timeout=30_000)
    phone.wait_for_function(
        "() => !document.querySelector('#search-progress')?.textContent.includes('Preparing')"
    )
    results.last.locator("p.context").wait_for(timeout=30_000)
    assert phone.evaluate(OVERFLOW) <= 0


def test_the_notebook_pages_show_deliberate_errors_for_the_wrap_check(built_site):
    """The page-by-page passes at 1280 px (tests/test_accessibility.py) and at 390 px
    (above) check that these pages' error lines wrap: there are some to check."""
    assert len(pages_with_deliberate_errors(built_site)) >= 5


def test_the_error_output_check_catches_a_message_that_does_not_wrap(browser, site_url, built_site):
    """Without site.css, the same pages' error lines scroll: the check above is not vacuous."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.route(re.compile(r".*/_static/site\.css.*"), lambda route: route.abort())
    found = 0
    for path in pages_with_deliberate_errors(built_site)[:6]:
        tab.goto(site_url + path)
        found += len(tab.evaluate(ERROR_OUTPUTS_SCROLL))
    context.close()
    assert found > 0


def test_the_landing_page_shows_how_to_use_the_guide_above_the_fold_on_a_phone(phone, site_url):
    phone.goto(site_url + LANDING_PAGE)
    heading = phone.get_by_role("heading", name="How to use this guide")
    steps = phone.locator("section#how-to-use-this-guide > ol > li")
    assert steps.count() == 5
    words = [steps.nth(i).locator("strong").first.inner_text() for i in range(5)]
    assert words == ["Read", "Run", "Self-check", "Sit a mock exam", "Review"]
    targets = " ".join(
        steps.nth(i).locator("a").nth(j).get_attribute("href")
        for i in range(5)
        for j in range(steps.nth(i).locator("a").count())
    )
    for page in ("run-locally", "self-check", "form-a", "review-mistakes", "my-progress"):
        assert f"{page}.html" in targets, page
    assert heading.bounding_box()["y"] >= 0
    bottom = steps.nth(4).bounding_box()
    assert bottom["y"] + bottom["height"] <= PHONE["height"], bottom
