"""Hostile pages in a real browser: no dialog opens and no page goes anywhere (issue 9).

The site built from the hostile corpus (tests/hostile.py) is served, and every page that shows
hostile text (both hostile platforms' pages, home and 404, which carry the hostile names in
their navigation) is loaded in Chromium. No dialog may open, the tab may not navigate away and
nothing may be asked of another host, also after every element has had the focus and the
pointer (which would run an onfocus or onmouseover handler, with or without autofocus) and
after Tab has walked through the page. Negative controls: copies of a page with a handler
injected, each caught.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

#: Focus and point at every element: an inline handler on any of them would run.
POKE = """() => { for (const el of document.querySelectorAll('body *')) {
    if (el.focus) el.focus({preventScroll: true});
    for (const type of ['focus', 'focusin', 'mouseover', 'mouseenter', 'pointerover'])
        el.dispatchEvent(new Event(type, {bubbles: type !== 'focus' && type !== 'mouseenter'}));
} }"""
TABS = 10


pytestmark = pytest.mark.xdist_group("hostile")  # shares the hostile build (tests/conftest.py)


@pytest.fixture(scope="module")
def hostile_site(hostile_sites):
    return hostile_sites.root, hostile_sites.url


def _addresses(root) -> list[str]:
    pages = [p.parent.relative_to(root).as_posix() + "/" for p in root.glob("hostile-*/**/index.html")]
    return ["", "404.html", *sorted(pages)]


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
    """Abort and record every request that is not to the test server."""
    elsewhere: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(site_url):
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return elsewhere


def test_no_hostile_page_opens_a_dialog_or_goes_anywhere(context, page, hostile_site):
    root, url = hostile_site
    elsewhere = _local_only(context, url)
    addresses = _addresses(root)
    assert len(addresses) > 15
    happened = {a: h for a in addresses if (h := visit(page, url + a))}
    assert happened == {}
    assert elsewhere == []


def test_the_visit_catches_a_handler_a_focus_handler_and_a_refresh(context, page, hostile_site):
    """Negative controls: copies of a hostile page, each with one attack the renderer prevents."""
    root, url = hostile_site
    _local_only(context, url)
    original = (root / "hostile-note" / "summary-refresh" / "index.html").read_text(encoding="utf-8")
    attacks = {  # name: (where, what, what the visit must report)
        "onload": ("<article", '<svg onload="alert(1)"></svg>', "alert dialog"),
        "onfocus": ("<article", '<code tabindex="0" onfocus="alert(2)">x</code>', "alert dialog"),
        "refresh": ("</head>", '<meta http-equiv="refresh" content="0;url=title-breakout/">', "navigated to"),
    }
    for name, (where, markup, expected) in attacks.items():
        target = root / "hostile-note" / f"control-{name}.html"
        assert original.count(where) == 1
        target.write_text(original.replace(where, markup + where), encoding="utf-8")
        try:
            happened = visit(page, f"{url}hostile-note/{target.name}")
        finally:  # the HTML tests read the same build
            target.unlink()
        assert any(h.startswith(expected) for h in happened), (name, happened)
