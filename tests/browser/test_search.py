"""Search finds a guide by words from its checklist, in the browser, with the site's real index
(the other browser tests load an index without pages: tests/browser/conftest.py)."""

from __future__ import annotations

from .conftest import CATALOGUE


def test_search_finds_a_guide_by_a_word_of_its_checklist_and_the_other_tests_index_no_pages(browser, site):
    key = "amazon/close-account" if "amazon/close-account" in CATALOGUE.entries else next(iter(CATALOGUE.entries))
    word = CATALOGUE.entries[key].procedure.title
    real, stubbed = browser.new_context(search=True), browser.new_context()
    try:
        page = real.new_page()
        page.goto(site.url)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill(word)
        page.locator(f'.md-search-result__item a[href*="/{key}/"]').first.wait_for(timeout=20000)
        other = stubbed.new_page()
        other.goto(site.url + "404.html", wait_until="commit")
        index = other.evaluate("() => fetch('search/search_index.json').then(r => r.json())")
        assert index["docs"] == [] and index["config"]["lang"] == ["en"]
    finally:
        real.close()
        stubbed.close()
