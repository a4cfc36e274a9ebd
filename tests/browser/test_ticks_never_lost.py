"""Ticks are never lost in the browser: what the released script stored is read by this one;
two tabs on the same guide end up with each other's ticks; a box ticked before the script
arrives is kept; and when the browser will not store ticks, the page says so.

Controls are found by their data-act attributes and words compared with the page's own
(macros/site/ui_strings.py), never with English written here.
"""

from __future__ import annotations

import json

from conftest import ROOT

from macros.site.render import item_revision
from macros.site.ui_strings import SCRIPT_STRINGS

from .conftest import CATALOGUE, KEYS, Checklist

FIRST = KEYS[0]
#: A sampled guide with a permanent step and three precautions, for the tests that need them.
WITH_PERMANENT = next((k for k in KEYS if any(s.irreversible for s in CATALOGUE.entries[k].procedure.steps)
                       and len(CATALOGUE.entries[k].procedure.precautions) >= 3), None)
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "stored-state" / "ticks-2026-12.json").read_text())
NOTICE = '[data-act="storage-notice"][role="status"]'
SHOWN = "([id, state]) => { const box = document.querySelector(`.sc-check[data-item='${id}']`); " \
        "return (box.checked ? 'done' : box.closest('li').classList.contains('sc-na') ? 'na' : '') === state; }"


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


def test_ticks_stored_by_the_released_script_show_on_this_build(checklist):
    c = checklist(FIRST).open()
    c.page.evaluate("values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))", released())
    for key in FIXTURE["scopes"]["/"]["shown"]:
        c = Checklist(c.page, c.site, CATALOGUE.entries[key]).open()
        assert c.states() == c.expect(_still_there(key)), key
        before, changed = c.stored()["items"], c.plain_item("steps", 1)
        c.tick(changed)  # a new save keeps the released format, and every other tick
        after = c.stored()
        assert set(after) == {"v", "items"} and after["v"] == 1
        assert {i: v for i, v in after["items"].items() if i != changed} == \
            {i: v for i, v in before.items() if i in _still_there(key) and i != changed}


def test_ticks_stored_for_the_site_at_another_path_are_not_this_sites(checklist):
    """Negative control for the test above: the key's scope is the site's path, so the values
    the released script wrote for a copy served under /seller-checklists/ are not read here."""
    c = checklist(FIRST).open()
    other = released("/seller-checklists/")
    assert other and all(key.startswith("seller-checklists:v1:/seller-checklists/:") for key in other)
    c.page.evaluate("values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))", other)
    c.reload()
    assert c.states() == c.expect()


# --------------------------------------------------------------------------- two tabs


def test_two_tabs_on_the_same_guide_end_up_with_both_tabs_ticks(context, site):
    entry = CATALOGUE.entries[FIRST]
    a, b = Checklist(context.new_page(), site, entry), Checklist(context.new_page(), site, entry)
    errors = {"a": errors_of(a.page), "b": errors_of(b.page)}
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
    for tab in (a, b):
        tab.reload()
        assert tab.states() == tab.expect()
    assert errors == {"a": [], "b": []}


def test_a_tab_that_missed_the_others_save_does_not_erase_its_ticks(context, site):
    """Each save changes one item on top of what is stored, not the whole checklist from the
    tab's own view: here tab B never hears of A's tick (its storage events are held back), yet
    its own save keeps it. This is what the released script lost."""
    entry = CATALOGUE.entries[FIRST]
    deaf = context.new_page()
    deaf.add_init_script("""{ const add = window.addEventListener;
        window.addEventListener = function (type, ...rest) { if (type !== 'storage') return add.call(this, type, ...rest); }; }""")
    a, b = Checklist(context.new_page(), site, entry), Checklist(deaf, site, entry)
    errors = {"a": errors_of(a.page), "b": errors_of(b.page)}
    a.open()
    b.open()
    x, y = a.plain_item("precautions"), a.plain_item("steps")
    a.tick(x)
    b.page.wait_for_function("k => localStorage.getItem(k) !== null", arg=b.key)  # A's save reached B's storage
    assert b.states() == b.expect()  # B's view is old: it did not follow
    b.tick(y)
    assert {i: v["s"] for i, v in b.stored()["items"].items()} == {x: "done", y: "done"}
    b.reload()
    assert b.states() == b.expect({x: "done", y: "done"})
    assert errors == {"a": [], "b": []}


# --------------------------------------------------------------------------- ticked before the script


def test_a_box_ticked_before_the_script_arrives_is_kept_and_saved(page, context, site):
    """On a slow connection the boxes are on screen (and work) before the script runs: a box
    the seller ticked then is kept, counted and saved, like any tick. The permanent step
    ticked that way still asks first."""
    assert WITH_PERMANENT, f"no sampled guide has a permanent step and three precautions: {KEYS}"
    c = Checklist(page, site, CATALOGUE.entries[WITH_PERMANENT])
    early, permanent = c.plain_item("precautions", 2), c.permanent()[0]
    held = []
    page.route("**/assets/checklists.js", lambda route: held.append(route))
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
    page.unroute("**/assets/checklists.js")
    c.reload()
    assert c.states() == c.expect({early: "done"})


def test_on_a_reload_what_is_stored_wins_over_boxes_ticked_before_the_script(page, context, site):
    """Negative control for the test above, and its one exception: on a reload (or back and
    forward) the browser may tick boxes again as the page was left, so a box ticked before
    the script is not taken for a fresh tick there; what is stored is shown."""
    c = Checklist(page, site, CATALOGUE.entries[FIRST]).open()
    item = c.plain_item("precautions")
    held = []
    page.route("**/assets/checklists.js", lambda route: held.append(route))
    page.reload(wait_until="commit")
    page.wait_for_selector(f'.sc-check[data-item="{item}"]', state="attached")
    page.evaluate("id => { document.querySelector(`.sc-check[data-item='${id}']`).checked = true; }", item)
    for route in held:
        route.continue_()
    page.wait_for_selector(".sc-tools")
    assert c.states() == c.expect() and c.stored() is None


# --------------------------------------------------------------------------- storage refused


FULL = """{ const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (...args) {
        if (window.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.apply(this, args); }; }"""


def test_when_storage_is_full_the_page_says_once_that_ticks_are_not_saved(page, context, site, material_may_throw):
    context.add_init_script(FULL)
    c = Checklist(page, site, CATALOGUE.entries[FIRST]).open()
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


def test_when_storage_is_refused_the_page_says_so_from_the_start(page, context, site, material_may_throw):
    context.add_init_script("Object.defineProperty(window, 'localStorage', "
                            "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    c = Checklist(page, site, CATALOGUE.entries[FIRST]).open()
    notice = page.locator(NOTICE)
    assert notice.is_visible() and notice.text_content() == SCRIPT_STRINGS["notice.notSaved"]
    c.tick(c.plain_item("precautions"))
    assert page.locator(NOTICE).count() == 1


# --------------------------------------------------------------------------- the page's words


def test_the_script_writes_the_words_the_page_gives_it(page, context, site):
    """A translated edition swaps the page's sc-strings JSON: every word the script writes
    follows, and none is left in English."""
    c = Checklist(page, site, CATALOGUE.entries[FIRST])
    swapped = {name: f"«{text}»" for name, text in SCRIPT_STRINGS.items()}
    swapped["date.locale"] = "fr-FR"
    words = json.dumps(swapped, ensure_ascii=False).replace("<", "\\u003c")

    def translated(route):
        html = route.fetch().text()
        start = html.index('<script type="application/json" id="sc-strings">')
        start = html.index(">", start) + 1
        end = html.index("</script>", start)
        route.fulfill(body=html[:start] + words + html[end:], content_type="text/html; charset=utf-8")

    page.route(c.url, translated)
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
