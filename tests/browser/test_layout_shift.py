"""The checklist's controls (progress bars, print and reset, "not applicable" toggles) come in
with the script, after the page has been painted: their room is kept from the first paint, so
nothing on the page moves when they arrive (Cumulative Layout Shift, as Lighthouse measures it).

The script is held back a little, as on a slow phone connection, so the page is surely painted
before it runs; without that the test could pass only because the script ran before any paint."""

from __future__ import annotations

import time

import pytest

from .conftest import KEYS, LEAD

VIEWPORTS = {"phone": (412, 823), "desktop": (1280, 900)}  # Lighthouse's mobile screen, a laptop
# Every shift not caused by input, with what moved; and when the controls came in.
RECORD = """window.__shifts = []; window.__controls = null;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)
    __shifts.push({value: e.value, moved: e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : '?')}); })
    .observe({type: 'layout-shift', buffered: true});
new MutationObserver((_, obs) => { if (document.querySelector('.sc-tools')) { __controls = performance.now(); obs.disconnect(); } })
    .observe(document, {childList: true, subtree: true});"""
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))"


#: How long the checklist script is held back (seconds): longer on a retry, when a busy host
#: painted the page only after the script came in (a load that measures nothing).
HOLD = [0.25]


def _held_back(route):
    time.sleep(HOLD[0])
    route.continue_()


SCRIPT = "**/assets/checklists.js"


@pytest.fixture
def slow_script(page):
    """The shared tab records layout shifts from the start of each load and gets the checklist
    script late (a route turns the browser's cache off, so it is fetched each time); both are
    undone after the test, and so is any init script the test adds to the list it gets."""
    scripts = [page.add_init_script(RECORD)]
    page.route(SCRIPT, _held_back)
    yield scripts
    page.unroute(SCRIPT)
    for script in scripts:
        script.close()


def _shifts(page, url: str, viewport: tuple[int, int]) -> tuple[float, list]:
    """The shifts of one load of `url` (with the `slow_script` fixture), painted before the
    controls came in: a load painted later is tried again with the script held back longer."""
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    for hold in (0.25, 0.75, 2.0):
        HOLD[0] = hold
        page.goto("about:blank")  # from a page of the site, Chromium would hold the first paint (paint holding)
        page.goto(url, wait_until="commit")
        page.wait_for_selector(".sc-tools")
        page.evaluate(SETTLED)  # the frame with the controls in has been laid out and reported
        painted = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
        controls = page.evaluate("__controls")
        if painted is not None and controls is not None and painted < controls:
            break
    HOLD[0] = 0.25
    assert painted is not None and controls is not None and painted < controls, \
        "the page must be painted before the controls come in, or this measures nothing"
    shifts = page.evaluate("__shifts")
    return sum(s["value"] for s in shifts), shifts


# The lead guide (the most kinds of element) on the phone screen Lighthouse uses and on a laptop.
CASES = [(key, "phone") for key in LEAD] + [(LEAD[0], "desktop")]


@pytest.mark.parametrize(("key", "viewport"), CASES, ids=[f"{k}-{v}" for k, v in CASES])
def test_the_controls_coming_in_move_nothing_on_the_page(page, slow_script, site, key, viewport):
    total, shifts = _shifts(page, site.url + key + "/", VIEWPORTS[viewport])
    assert total < 0.01, f"layout shift {total:.4f}: {shifts}"


def test_the_shift_measure_sees_content_pushed_down_after_the_first_paint(page, slow_script, site):
    """Negative control: a block put in at the top of the article, after the first paint, counts."""
    slow_script.append(page.add_init_script("""addEventListener('DOMContentLoaded', () => {
        const block = document.createElement('p'); block.style.height = '120px';
        document.querySelector('article h1')?.after(block); });"""))
    total, shifts = _shifts(page, site.url + KEYS[0] + "/", VIEWPORTS["phone"])
    assert total >= 0.01, shifts


ROOM = """() => [['.sc-intro', '::after'], ['.sc-checklist', '::before'], ['.sc-item', '::before']].map(([sel, pseudo]) =>
    [sel + pseudo, getComputedStyle(document.querySelector(sel), pseudo).content])"""


def test_no_room_is_kept_for_the_controls_without_javascript_or_on_paper(no_script, page, site):
    """With scripts off the controls never come, so no empty space waits for them; on paper
    they are hidden, so nothing narrows the printed items."""
    no_script.goto(site.url + KEYS[0] + "/")
    assert all(content == "none" for _sel, content in no_script.evaluate(ROOM)), no_script.evaluate(ROOM)
    page.goto(site.url + KEYS[0] + "/", wait_until="commit")  # the shared tab: no context of its own
    page.wait_for_selector(".sc-tools")
    assert page.evaluate(ROOM)[2][1] != "none"  # negative control: the float that holds the toggle
    try:
        page.emulate_media(media="print")
        assert page.evaluate(ROOM)[2][1] == "none"
    finally:
        page.emulate_media(media="screen")
