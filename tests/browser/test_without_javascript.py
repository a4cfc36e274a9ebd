"""With JavaScript off every item, its text and a working checkbox are there, and no control
that needs JavaScript is shown dead."""

from __future__ import annotations

import pytest
from pagecheck import norm

from .conftest import CATALOGUE, KEYS, lay_out_everything

#: Per item id: how many boxes `#item-<id> > label > input.sc-check[type=checkbox][data-item=<id>]`
#: and titles `#item-<id> > label .sc-item__title` there are, and the title's visibility and text.
#: Visible as in Playwright's is_visible: checkVisibility(), visibility 'visible', a non-empty box.
ITEMS = """ids => ids.map(id => {
    const boxes = document.querySelectorAll(`#item-${CSS.escape(id)} > label > input.sc-check[type=checkbox][data-item="${id}"]`);
    const titles = document.querySelectorAll(`#item-${CSS.escape(id)} > label .sc-item__title`);
    const t = titles[0];
    const r = t && t.getBoundingClientRect();
    const visible = !!t && t.checkVisibility() && getComputedStyle(t).visibility === 'visible' && r.width > 0 && r.height > 0;
    return [boxes.length, titles.length, visible, t ? t.innerText : null];
})"""
SCRIPT_ONLY = ".sc-tools, .sc-progress, .sc-na-toggle, .sc-live, article button, progress"


@pytest.mark.parametrize("key", KEYS)
def test_without_javascript_every_item_is_a_clickable_checkbox_and_no_dead_control_shows(no_script, site, key):
    page = no_script
    page.goto(site.url + key + "/")
    assert page.evaluate("typeof document$") == "undefined"  # scripts really are off
    items = CATALOGUE.entries[key].procedure.checkable_items()
    lay_out_everything(page)  # each section as the reader sees it once scrolled there
    # Every item in one query: its box, and its title's visibility (as Playwright's is_visible
    # decides it) and text.
    shown = page.evaluate(ITEMS, [item.id for _section, item in items])
    for (_section, item), (boxes, titles, visible, text) in zip(items, shown, strict=True):
        assert boxes == 1 and titles == 1, item.id
        assert visible and norm(text) == norm(item.title), item.id
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
