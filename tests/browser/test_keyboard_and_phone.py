"""Keyboard, screen reader and phone: every box is reached by Tab, toggled by Space, named by
its item's text, shows its focus; boxes keep 3:1 contrast in both palettes; at 375 px wide
nothing scrolls sideways and every box and button is at least 24 x 24 CSS px."""

from __future__ import annotations

import re

import pytest

from .conftest import CATALOGUE, KEYS

FIRST = KEYS[0]
WALK_HEIGHT = 40
INDICATOR = """(e, state) => { const s = getComputedStyle(e, '::before');
    return {outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
            border: s.borderTopColor, borderWidth: parseFloat(s.borderTopWidth), fill: s.backgroundColor,
            width: parseFloat(s.width), height: parseFloat(s.height),
            page: getComputedStyle(document.body).backgroundColor} }"""


def luminance(css: str) -> float:
    r, g, b = (float(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_keyboard_alone_reaches_every_box_and_space_toggles_it(checklist):
    c = checklist(FIRST).open()
    page = c.page
    page.evaluate("""() => { window.reached = new Set();
        document.addEventListener('focusin', e => e.target.matches('.sc-check') && reached.add(e.target.dataset.item)); }""")
    page.evaluate("document.activeElement.blur()")
    # The walk from the top of the page, in a window as wide and only WALK_HEIGHT px tall: the
    # order Tab follows is the same at any height (the columns are laid out by the width), and
    # each of the ~150 focus changes repaints only that much screen (a third of the CPU).
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": WALK_HEIGHT})
    try:
        for _ in range(80):  # Tab on, a batch at a time, until every box has had the focus
            for _ in range(10):
                page.keyboard.press("Tab")
            if page.evaluate("reached.size") == len(c.ids()):
                break
    finally:
        page.set_viewport_size(size)
    assert sorted(page.evaluate("[...reached]")) == sorted(c.ids())

    first = c.ids()[0]
    box = page.locator(f'.sc-check[data-item="{first}"]')
    indicator = page.locator(f"#item-{first} > label .task-list-indicator")
    box.evaluate("b => b.blur()")
    assert indicator.evaluate(INDICATOR)["outline"] == "none"  # negative control: no ring without focus
    page.locator("h2#before-you-start a.headerlink").focus()  # just before the first box
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.item") == first
    ring = indicator.evaluate(INDICATOR)
    assert ring["outline"] == "solid" and ring["outlineWidth"] >= 2
    assert contrast(ring["outlineColor"], ring["page"]) >= 3
    page.keyboard.press("Space")
    assert box.is_checked() and c.states()[first] == "done"
    page.keyboard.press("Space")
    assert not box.is_checked() and c.stored() == {"v": 1, "items": {}}


def test_boxes_and_focus_ring_keep_3_to_1_contrast_in_each_palette(checklist):
    """Both palettes on one load: the palette is the attribute Material's switch sets."""
    c = checklist(FIRST).open()
    first, second = c.plain_item("precautions"), c.plain_item("precautions", 1)
    c.tick(second)
    for scheme in ("default", "slate"):
        c.page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        empty = c.page.locator(f"#item-{first} > label .task-list-indicator").evaluate(INDICATOR)
        ticked = c.page.locator(f"#item-{second} > label .task-list-indicator").evaluate(INDICATOR)
        assert empty["borderWidth"] >= 2 and contrast(empty["border"], empty["page"]) >= 3, (scheme, empty)
        assert contrast(ticked["fill"], ticked["page"]) >= 3, (scheme, ticked)
        c.page.locator(f'.sc-check[data-item="{first}"]').focus()
        c.page.keyboard.press("Shift+Tab")
        c.page.keyboard.press("Tab")
        ring = c.page.locator(f"#item-{first} > label .task-list-indicator").evaluate(INDICATOR)
        assert contrast(ring["outlineColor"], ring["page"]) >= 3, (scheme, ring)
        # Negative control: Material's own grey, which this replaces, fails the same check.
        material = c.page.evaluate("""() => { const probe = document.createElement('span');
            probe.style.color = 'var(--md-default-fg-color--lightest)';
            document.querySelector('article').append(probe);
            const colour = getComputedStyle(probe).color; probe.remove(); return colour; }""")
        assert contrast(_over(material, empty["page"]), empty["page"]) < 3, scheme


def _over(rgba: str, page: str) -> str:
    """A translucent CSS colour as seen over the page's background."""
    nums = [float(x) for x in re.findall(r"[\d.]+", rgba)]
    alpha = nums[3] if len(nums) > 3 else 1
    under = [float(x) for x in re.findall(r"[\d.]+", page)[:3]]
    return "rgb({},{},{})".format(*(a * alpha + b * (1 - alpha) for a, b in zip(nums[:3], under)))


@pytest.mark.parametrize("key", KEYS)
def test_on_a_375px_phone_nothing_scrolls_sideways_and_every_box_and_button_is_24px(phone, site, key):
    phone.goto(site.url + key + "/", wait_until="commit")
    phone.wait_for_selector(".sc-tools")
    phone.locator(".sc-na-toggle").first.click()  # its longer "Applies to me" must fit too
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 375
    small = phone.evaluate("""() => {
        const small = [];
        for (const e of document.querySelectorAll('article label.sc-item__control, article button')) {
            const r = e.getBoundingClientRect();
            if (r.width < 24 || r.height < 24) small.push([e.className, e.textContent.slice(0, 40), r.width, r.height]);
        }
        for (const e of document.querySelectorAll('.sc-item .task-list-indicator')) {
            const s = getComputedStyle(e, '::before');
            if (parseFloat(s.width) < 24 || parseFloat(s.height) < 24) small.push(['box', e.closest('li').id, s.width, s.height]);
        }
        return small; }""")
    assert small == []
    # Each box is named by its own item's text: for every item, the checkbox whose accessible
    # name is exactly its title and which is that item's box, all asked in one query (the
    # items' boxes are different elements, so each item's box is found exactly once).
    items = [item for _section, item in CATALOGUE.entries[key].procedure.checkable_items()]
    found = None
    for item in items:
        named = phone.get_by_role("checkbox", name=item.title, exact=True).and_(
            phone.locator(f'[data-item="{item.id}"]'))
        found = named if found is None else found.or_(named)
    assert sorted(found.evaluate_all("boxes => boxes.map(b => b.dataset.item)")) == sorted(i.id for i in items)


def test_the_sideways_scroll_check_sees_an_element_too_wide_for_the_phone(phone, site):
    """Negative control for the check above, on the guide the phone tab holds (any guide will
    do; run alone, the first sampled one)."""
    if not any(phone.url == site.url + key + "/" for key in KEYS):
        phone.goto(site.url + FIRST + "/", wait_until="commit")
        phone.wait_for_selector(".sc-tools")
    phone.evaluate("document.querySelector('.sc-summary').style.minWidth = '500px'")
    assert phone.evaluate("document.scrollingElement.scrollWidth") > 375
