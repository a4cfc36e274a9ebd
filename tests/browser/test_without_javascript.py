"""With JavaScript off every item, its text and a working checkbox are there, and no control
that needs JavaScript is shown dead."""

from __future__ import annotations

import pytest
from pagecheck import norm

from .conftest import CATALOGUE, KEYS

SCRIPT_ONLY = ".sc-tools, .sc-progress, .sc-na-toggle, .sc-live, article button, progress"


@pytest.fixture(scope="module")
def no_js_page(browser):
    ctx = browser.new_context(java_script_enabled=False)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("key", KEYS)
def test_without_javascript_every_item_is_a_clickable_checkbox_and_no_dead_control_shows(no_js_page, site, key):
    page = no_js_page
    page.goto(site.url + key + "/")
    assert page.evaluate("typeof document$") == "undefined"  # scripts really are off
    items = CATALOGUE.entries[key].procedure.checkable_items()
    for _section, item in items:
        box = page.locator(f'#item-{item.id} > label > input.sc-check[type=checkbox][data-item="{item.id}"]')
        assert box.count() == 1, item.id
        title = page.locator(f"#item-{item.id} > label .sc-item__title")
        assert title.is_visible() and norm(title.inner_text()) == norm(item.title)
    assert page.locator(SCRIPT_ONLY).count() == 0
    assert page.locator(".sc-noscript").is_visible()
    assert "not saved" in page.locator(".sc-noscript").inner_text()

    first = items[0][1].id
    page.locator(f"#item-{first} > label .sc-item__title").click()
    assert page.locator(f'.sc-check[data-item="{first}"]').is_checked()


def test_with_javascript_the_script_only_controls_are_there(page, site):
    """Negative control: the selector above does find the controls when scripts run."""
    page.goto(site.url + KEYS[0] + "/")
    page.wait_for_selector(".sc-tools")
    assert page.locator(SCRIPT_ONLY).count() > 0
    assert not page.locator(".sc-noscript").is_visible()
