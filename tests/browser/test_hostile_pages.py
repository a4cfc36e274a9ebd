"""Hostile pages in a real browser: no dialog opens and no page goes anywhere (issue 9).

The site built from the hostile corpus (tests/hostile.py) is served and loaded in Chromium. No
dialog may open, the tab may not navigate away and nothing may be asked of another host, also
after every element has had the focus, the pointer and a key (which would run an onfocus,
onmouseover or onkeydown handler, with or without autofocus) and after two presses of Tab.
Negative controls: copies of a page with a handler, a focus handler, a refresh and a foreign
image injected, each caught. The calendar file the date tool writes on a hostile guide holds one event.

Browser tests may sample (tests/sampling.py); the HTML tests (tests/test_hostile_inert.py) read
every page of both builds and prove the markup itself inert: no handler, script, refresh, frame
or address that runs script, and nothing loaded from another host. What only a browser shows is
the page's scripts (the site's and Material's, the same on every page) meeting the attacker's
text, and they find what they read by tag, class and control, never by what the text says. So
the walk loads home (its navigation and catalogue carry every hostile platform name) and the
fewest of 404 and the hostile pages that between them put attack text in every kind of element
any of them puts it in (`hostile.walked_pages`: home and 8 of the 18 today, 404 not among them:
it adds no kind to home's); SELLER_CHECKLISTS_BROWSER_ALL=1 walks every hostile page and 404.

Why two Tabs, not a walk through the page: POKE already moves the real focus to every element
that takes it (el.focus() fires the browser's own focus events, as Tab does) and dispatches the
focus, pointer and key events on every element, so an inline handler anywhere would run. What
Tab adds is the browser's trusted keystroke and its own focus order: each press moves the focus
the browser's way, with a trusted keydown and keyup that bubble to the document; more presses
only repeat that on the next elements in the order, which POKE has focused already.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile import walked_pages
from playwright.sync_api import Error as PlaywrightError

from macros.site.ui_strings import TOOL_STRINGS

#: Focus, point at and press a key on every element: an inline handler on any of them would run.
POKE = """() => { for (const el of document.querySelectorAll('body *')) {
    if (el.focus) el.focus({preventScroll: true});
    for (const type of ['focus', 'focusin', 'mouseover', 'mouseenter', 'pointerover', 'keydown', 'keyup'])
        el.dispatchEvent(new Event(type, {bubbles: type !== 'focus' && type !== 'mouseenter'}));
} }"""
#: Open a guide's toolbox, so its controls (fetched from toolbox.html) are poked too.
OPEN_TOOLBOX = "() => { const box = document.querySelector('details.sc-toolbox'); if (box) box.open = true; return !!box; }"
#: The trusted keystrokes after POKE (the module docstring says why two are enough).
TABS = 2


pytestmark = pytest.mark.xdist_group("hostile")  # shares the hostile build (tests/conftest.py)


@pytest.fixture(scope="module")
def hostile_site(hostile_sites):
    return hostile_sites.root, hostile_sites.url


def visit(page, url: str) -> list[str]:
    """Everything the page did on its own while loaded, focused, pointed at and tabbed through:
    the dialogs it opened and the addresses it went to."""
    happened: list[str] = []

    def on_dialog(dialog):
        happened.append(f"{dialog.type} dialog: {dialog.message!r}")
        dialog.dismiss()

    def on_navigated(frame):
        if frame == page.main_frame and frame.url != url:
            happened.append(f"navigated to {frame.url}")

    page.on("dialog", on_dialog)
    page.on("framenavigated", on_navigated)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)  # a refresh after 0 s or a timer would have fired
        if page.evaluate(OPEN_TOOLBOX):  # its controls (toolbox.html, with attack text) in place
            page.wait_for_selector(".sc-toolbox__body:not([hidden])")
        page.evaluate(POKE)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(TABS):
            page.keyboard.press("Tab")
        page.evaluate("0")  # one more round trip: whatever the last key set off has been reported
    except PlaywrightError as err:  # the page went away under the visit
        happened.append(f"visit interrupted: {err.message.splitlines()[0]}")
        try:  # a navigation destroyed the page's context: let it arrive, so it is recorded
            page.wait_for_url(lambda address: address != url, timeout=3000)
        except PlaywrightError:
            pass
    finally:
        page.remove_listener("dialog", on_dialog)
        page.remove_listener("framenavigated", on_navigated)
    if page.url != url:
        happened.append(f"ended at {page.url}")
    return happened


def _local_only(context, site_url: str) -> list[str]:
    """Abort and record every request that is not to the test server. The address pattern is
    a regular expression, which Playwright matches in the browser's driver: requests to the
    test server never make the round trip to Python (a "**/*" route costs a second a walk)."""
    elsewhere: list[str] = []

    def route(request_route):
        elsewhere.append(request_route.request.url)
        request_route.abort()

    context.route(re.compile("^(?!" + re.escape(site_url) + ")"), route)
    return elsewhere


def test_no_hostile_page_opens_a_dialog_or_goes_anywhere(context, page, hostile_site):
    root, url = hostile_site
    elsewhere = _local_only(context, url)
    addresses = walked_pages(root)
    assert len(addresses) > 5 and {"", "hostile-note/"} <= set(addresses)
    happened = {a: h for a in addresses if (h := visit(page, url + a))}
    assert happened == {}
    assert elsewhere == []


def test_the_visit_catches_a_handler_a_focus_handler_a_refresh_and_a_foreign_load(context, page, hostile_site):
    """Negative controls: copies of a hostile page with attacks the renderer prevents. The
    handler, the focus handler and the foreign image share a copy (each is told apart by what
    it sets off: its own dialog, the request elsewhere); the refresh, which ends the visit, has one."""
    root, url = hostile_site
    elsewhere = _local_only(context, url)
    original = (root / "hostile-note" / "summary-refresh" / "index.html").read_text(encoding="utf-8")
    assert original.count("<article") == 1 and original.count("</head>") == 1
    copies = {  # name: (where, what)
        "inline": ("<article", ('<svg onload="alert(1)"></svg><code tabindex="0" onfocus="alert(2)">x</code>'
                                '<img src="https://evil.example/pixel.png" alt="">')),
        "refresh": ("</head>", '<meta http-equiv="refresh" content="0;url=title-breakout/">'),
    }
    happened = {}
    for name, (where, markup) in copies.items():
        target = root / "hostile-note" / f"control-{name}.html"
        target.write_text(original.replace(where, markup + where), encoding="utf-8")
        try:
            happened[name] = visit(page, f"{url}hostile-note/{target.name}")
        finally:  # the HTML tests read the same build
            target.unlink()
    assert "alert dialog: '1'" in happened["inline"], ("onload", happened)
    assert "alert dialog: '2'" in happened["inline"], ("onfocus", happened)
    assert elsewhere == ["https://evil.example/pixel.png"], ("foreign", elsewhere)
    assert any(h.startswith("navigated to") for h in happened["refresh"]), ("refresh", happened)


def _ics_value(text: str) -> str:
    """An iCalendar TEXT value read back (RFC 5545 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _ics_text(text: str) -> str:
    """Text written as an iCalendar TEXT value: backslash, semicolon, comma, line breaks escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def test_the_calendar_file_holds_one_event_whatever_the_step_and_guide_titles_say(browser, hostile_site):
    """The reminder (.ics) the date tool writes, on a guide whose titles would end its event and
    start another: one event, and its summary and description are the titles as the page shows them."""
    from .test_tools import OPEN, _unfold_ics

    _root, url = hostile_site
    ctx = browser.new_context(accept_downloads=True)
    try:
        _local_only(ctx, url)
        page = ctx.new_page()
        page.goto(url + "hostile-note/calendar/")
        page.locator(".sc-toolbox > summary").click()
        page.wait_for_function(OPEN)
        page.locator("[data-tool=start-date][data-start='event:last-sale']").fill("2026-12-01")
        with page.expect_download() as got:
            page.locator("[data-tool=calendar]").click()
        ics = _unfold_ics(Path(got.value.path()).read_bytes().decode("utf-8"))
        shown = page.locator("[data-point-title]").get_attribute("data-point-title")
    finally:
        ctx.close()
    assert "BEGIN:VEVENT" in shown or "END:VEVENT" in shown, "the step's title is not the hostile one"
    assert [v for n, v in ics if n in ("BEGIN", "END")] == ["VCALENDAR", "VEVENT", "VEVENT", "VCALENDAR"]
    props = dict(ics)
    summary = TOOL_STRINGS["calendar.summary"].replace("{title}", shown)
    assert props["SUMMARY"] == _ics_text(summary) and _ics_value(props["SUMMARY"]) == summary
    assert shown in _ics_value(props["DESCRIPTION"])
    assert [n for n, _v in ics].count("SUMMARY") == 1
