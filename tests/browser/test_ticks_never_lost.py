"""Ticks are never lost in the browser: what the released script stored is read by this one;
two tabs on the same guide end up with each other's ticks; a box ticked before the script
arrives is kept; and when the browser will not store ticks, the page says so (and the
checklist still works for the visit).

Controls are found by their data-act attributes and words compared with the page's own
(macros/site/ui_strings.py), never with English written here.

A guide's load is what these tests cost (about 0.6 CPU-seconds each; a browser context of its
own 0.3), so they drive the shared tab (a second tab beside it where two are the point), undo
what they change in it (routes, init scripts), and put values in storage before a guide's
first load from the site's robots.txt, not from a guide loaded only for that.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from conftest import ROOT
from playwright.sync_api import Error as PlaywrightError

from macros.site.language import item_revision
from macros.site.ui_strings import SCRIPT_STRINGS

from .conftest import CATALOGUE, KEYS, Checklist, built_page

FIRST = KEYS[0]
#: A sampled guide with a permanent step and three precautions, for the tests that need them.
WITH_PERMANENT = next((k for k in KEYS if any(s.irreversible for s in CATALOGUE.entries[k].procedure.steps)
                       and len(CATALOGUE.entries[k].procedure.precautions) >= 3), None)
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "stored-state" / "ticks-2026-12.json").read_text())
NOTICE = '[data-act="storage-notice"][role="status"]'
SCRIPT = "**/assets/checklists.js"
SHOWN = "([id, state]) => { const box = document.querySelector(`.sc-check[data-item='${id}']`); " \
        "return (box.checked ? 'done' : box.closest('li').classList.contains('sc-na') ? 'na' : '') === state; }"


def put_in_storage(page, site, values: dict[str, str]) -> None:
    """`values` in the site's localStorage, from its robots.txt (a load a fifth of a guide's)."""
    page.goto(site.url + "robots.txt")
    page.evaluate("values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))", values)


def errors_of(page) -> list[str]:
    """Uncaught script errors of a tab the `page` fixture does not watch, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"{err.message}\n{err.stack}"))
    return errors


def released(scope: str = "/") -> dict[str, str]:
    """localStorage as the released script left it at a site served at `scope`."""
    return FIXTURE["scopes"][scope]["localStorage"]


def _still_there(key: str) -> dict[str, str]:
    """The fixture's states for the items of procedure `key` still on its page with the same
    wording (a tick for other wording is rightly not applied)."""
    entry = CATALOGUE.entries[key]
    stored = json.loads(released()[f"seller-checklists:v1:/:{entry.procedure.id}"])["items"]
    titles = {item.id: item.title for _s, item in entry.procedure.checkable_items()}
    kept = {i: v["s"] for i, v in stored.items() if i in titles and item_revision(titles[i]) == v["r"]}
    assert kept, f"{key}: no item of the fixture is on the page any more: capture it again (capture.py)"
    return kept


# --------------------------------------------------------------------------- the released format


def test_ticks_stored_by_the_released_script_show_on_this_build(page, site):
    put_in_storage(page, site, released())
    for key in FIXTURE["scopes"]["/"]["shown"]:
        c = Checklist(page, site, CATALOGUE.entries[key]).open()
        assert c.states() == c.expect(_still_there(key)), key
        before, changed = c.stored()["items"], c.plain_item("steps", 1)
        c.tick(changed)  # a new save keeps the released format, and every other tick
        after = c.stored()
        assert set(after) == {"v", "items"} and after["v"] == 1
        assert {i: v for i, v in after["items"].items() if i != changed} == \
            {i: v for i, v in before.items() if i in _still_there(key) and i != changed}


def test_ticks_stored_for_the_site_at_another_path_are_not_this_sites(page, site):
    """Negative control for the test above: the key's scope is the site's path, so the values
    the released script wrote for a copy served under /seller-checklists/ are not read here."""
    other = released("/seller-checklists/")
    assert other and all(key.startswith("seller-checklists:v1:/seller-checklists/:") for key in other)
    # A guide the released script stored ticks for there (not FIRST: it has none in either
    # scope, so a page that ignored the scope would pass).
    c = Checklist(page, site, CATALOGUE.entries[next(iter(FIXTURE["scopes"]["/seller-checklists/"]["shown"]))])
    assert f"seller-checklists:v1:/seller-checklists/:{c.entry.procedure.id}" in other
    put_in_storage(page, site, other)
    c.open()
    assert c.states() == c.expect()


# --------------------------------------------------------------------------- two tabs


@pytest.fixture
def second_tab(page):
    """A tab beside the `page` fixture's (the same storage), closed after the test. The
    `page` fixture watches its own tab's errors; a test watches this one's (errors_of)."""
    tab = page.context.new_page()
    yield tab
    tab.close()


def test_two_tabs_on_the_same_guide_end_up_with_both_tabs_ticks(page, second_tab, site):
    entry = CATALOGUE.entries[FIRST]
    a, b = Checklist(page, site, entry), Checklist(second_tab, site, entry)
    errors = errors_of(b.page)
    a.open()
    b.open()
    x, y, z = a.plain_item("precautions"), a.plain_item("steps"), a.plain_item("precautions", 1)
    a.tick(x)
    b.page.wait_for_function(SHOWN, arg=[x, "done"])  # the other tab follows the storage event
    b.tick(y)
    b.toggle_na(z)
    a.page.wait_for_function(SHOWN, arg=[z, "na"])
    want = a.expect({x: "done", y: "done", z: "na"})
    assert a.states() == want and b.states() == want
    assert a.progress() == b.progress()
    assert {i: v["s"] for i, v in a.stored()["items"].items()} == {x: "done", y: "done", z: "na"}

    a.tick(x)  # unticked in one tab: unticked in the other
    b.page.wait_for_function(SHOWN, arg=[x, ""])
    a.page.once("dialog", lambda d: d.accept())
    a.page.locator('[data-act="reset"]').click()  # reset in one tab: cleared in the other
    b.page.wait_for_function(SHOWN, arg=[y, ""])
    assert b.states() == b.expect() and b.stored() is None
    # Reloaded, B stays cleared. (A, reloaded, would show the same: the two tabs share the
    # storage, and both tabs' boxes are all clear, so neither has a ticked box to restore.)
    b.reload()
    assert b.states() == b.expect()
    assert errors == []


def test_a_tab_that_missed_the_others_save_does_not_erase_its_ticks(page, second_tab, site):
    """Each save changes one item on top of what is stored, not the whole checklist from the
    tab's own view: here tab B never hears of A's tick (its storage events are held back), yet
    its own save keeps it. This is what the released script lost."""
    entry = CATALOGUE.entries[FIRST]
    deaf = second_tab
    deaf.add_init_script("""{ const add = window.addEventListener;
        window.addEventListener = function (type, ...rest) { if (type !== 'storage') return add.call(this, type, ...rest); }; }""")
    a, b = Checklist(page, site, entry), Checklist(deaf, site, entry)
    errors = errors_of(b.page)
    a.open()
    b.open()
    x, y = a.plain_item("precautions"), a.plain_item("steps")
    a.tick(x)
    b.page.wait_for_function("k => localStorage.getItem(k) !== null", arg=b.key)  # A's save reached B's storage
    assert b.states() == b.expect()  # B's view is old: it did not follow
    b.tick(y)
    assert {i: v["s"] for i, v in b.stored()["items"].items()} == {x: "done", y: "done"}
    a.page.wait_for_function(SHOWN, arg=[y, "done"])  # and A, which hears B's save, shows both
    assert a.states() == a.expect({x: "done", y: "done"})
    assert errors == []


# --------------------------------------------------------------------------- ticked before the script


@pytest.fixture
def held(page):
    """The checklist script held back in the `page` fixture's tab until the test lets it go
    (`for route in held: route.continue_()`); not held after the test."""
    routes = []
    page.route(SCRIPT, lambda route: routes.append(route))
    yield routes
    page.unroute(SCRIPT)
    for route in routes:  # a test that failed before letting them go leaves no request waiting
        with contextlib.suppress(PlaywrightError):
            route.continue_()


def test_a_box_ticked_before_the_script_arrives_is_kept_and_saved(page, site, held):
    """On a slow connection the boxes are on screen (and work) before the script runs: a box
    the seller ticked then is kept, counted and saved, like any tick. The permanent step
    ticked that way still asks first."""
    assert WITH_PERMANENT, f"no sampled guide has a permanent step and three precautions: {KEYS}"
    c = Checklist(page, site, CATALOGUE.entries[WITH_PERMANENT])
    early, permanent = c.plain_item("precautions", 2), c.permanent()[0]
    page.goto(c.url, wait_until="commit")
    page.wait_for_selector(f'.sc-check[data-item="{permanent}"]', state="attached")
    c.tick(early)
    c.tick(permanent)
    assert page.locator(".sc-tools").count() == 0, "the script ran already: this tests nothing"
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    for route in held:
        route.continue_()
    page.wait_for_selector(".sc-tools")
    assert messages, "the permanent step was kept without asking"
    assert c.states() == c.expect({early: "done"})
    assert c.stored()["items"] == {early: {"s": "done", "r": c.rev(early)}}
    assert c.progress()["precautions"][0] == 1
    page.unroute(SCRIPT)
    c.reload()
    assert c.states() == c.expect({early: "done"})


def test_on_a_reload_what_is_stored_wins_over_boxes_ticked_before_the_script(page, site, held):
    """Negative control for the test above, and its one exception: on a reload (or back and
    forward) the browser may tick boxes again as the page was left, so a box ticked before
    the script is not taken for a fresh tick there; what is stored is shown. The box the
    browser would tick again is ticked here by hand, before the script runs; so what the
    reload reloads needs no boxes, and is a stand-in at the guide's address (a guide's first
    load would cost five times as much)."""
    c = Checklist(page, site, CATALOGUE.entries[FIRST])
    item = c.plain_item("precautions")
    page.route(c.url, lambda route: route.fulfill(body="<!doctype html><title>Left</title>", content_type="text/html"))
    page.goto(c.url)
    page.unroute(c.url)
    page.reload(wait_until="commit")
    page.wait_for_selector(f'.sc-check[data-item="{item}"]', state="attached")
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "reload"
    page.evaluate("id => { document.querySelector(`.sc-check[data-item='${id}']`).checked = true; }", item)
    for route in held:
        route.continue_()
    page.wait_for_selector(".sc-tools")
    assert c.states() == c.expect() and c.stored() is None


# --------------------------------------------------------------------------- storage refused


FULL = """() => { const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (...args) {
        if (window.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.apply(this, args); }; }"""


def test_when_storage_is_full_the_page_says_once_that_ticks_are_not_saved(page, site, material_may_throw):
    c = Checklist(page, site, CATALOGUE.entries[FIRST]).open()
    page.evaluate(FULL)  # the script calls setItem when it saves: this is where storage is full
    notice = page.locator(NOTICE)
    first, second = c.plain_item("precautions"), c.plain_item("steps")
    c.tick(first)  # negative control: saving works, nothing is said
    assert notice.count() == 1 and not notice.is_visible() and notice.text_content() == ""

    page.evaluate("window.storageFull = true")
    c.tick(second)
    assert notice.is_visible() and notice.text_content() == SCRIPT_STRINGS["notice.notSaved"]
    c.toggle_na(c.plain_item("steps", 1))
    assert page.locator(NOTICE).count() == 1  # said once
    assert c.states()[second] == "done"  # the checklist still works for the visit
    assert set(c.stored()["items"]) == {first}


def test_when_storage_is_refused_the_page_says_so_from_the_start_and_works_for_the_visit(page, site,
                                                                                         material_may_throw):
    refused = page.add_init_script("Object.defineProperty(window, 'localStorage', "
                                   "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    try:  # the init script is removed after the test: the tab is shared
        c = Checklist(page, site, CATALOGUE.entries[FIRST]).open()
        notice = page.locator(NOTICE)
        assert notice.is_visible() and notice.text_content() == SCRIPT_STRINGS["notice.notSaved"]
        item = c.plain_item("precautions")
        c.tick(item)
        c.toggle_na(c.plain_item("steps"))
        assert page.locator(NOTICE).count() == 1
        assert c.states()[item] == "done"  # the checklist still works for the visit
        assert c.progress()["precautions"][0] == 1
    finally:
        refused.close()
        page.goto(site.url + "robots.txt")  # storage the next test's `page` can empty


# --------------------------------------------------------------------------- the page's words


def test_the_script_writes_the_words_the_page_gives_it(page, site):
    """A translated edition swaps the page's sc-strings JSON: every word the script writes
    follows, and none is left in English."""
    c = Checklist(page, site, CATALOGUE.entries[FIRST])
    swapped = {name: f"«{text}»" for name, text in SCRIPT_STRINGS.items()}
    swapped["date.locale"] = "fr-FR"
    words = json.dumps(swapped, ensure_ascii=False).replace("<", "\\u003c")

    def translated(route):
        html = built_page(site, c.url)
        start = html.index('<script type="application/json" id="sc-strings">')
        start = html.index(">", start) + 1
        end = html.index("</script>", start)
        route.fulfill(body=html[:start] + words + html[end:], content_type="text/html; charset=utf-8")

    with page.route(c.url, translated):  # removed after the test: the tab is shared
        c.open()
        item = c.plain_item("precautions")
        assert page.locator('[data-act="print-checklist"]').text_content() == swapped["print"]
        assert page.locator('[data-act="reset"]').text_content() == swapped["reset"]
        assert page.locator(f"#item-{item} > .sc-na-toggle").text_content() == swapped["toggle.na"]
        whole = len(c.ids("precautions") + c.ids("steps"))
        assert page.locator(".sc-progress[data-scope=procedure] > span").text_content() == \
            f"«{swapped['section.procedure']}: 0 of {whole} done»"
        c.toggle_na(item)
        assert page.locator(f"#item-{item} > .sc-na-toggle").text_content() == swapped["toggle.applies"]
        assert page.locator(f"#item-{item} > .sc-na-badge").text_content() == swapped["mark.na"]
        assert c.live().startswith("«")
        messages = []
        page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
        page.locator('[data-act="reset"]').click()
        assert messages == [swapped["confirm.reset"]]
