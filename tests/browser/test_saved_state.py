"""Ticks and "not applicable" marks are kept in the browser: across reloads and visits, per
procedure, and stored values that are foreign, stale or broken never break the page. (A
browser that refuses storage: tests/browser/test_ticks_never_lost.py.)

A guide's load is what these tests cost (about 0.6 CPU-seconds each), so they load as few as
the promise allows: a value meant to be there before a guide's first load is put in storage
from the site's robots.txt, not from a guide loaded only for that.
"""

from __future__ import annotations

import json
import re

from .conftest import KEYS, Checklist, built_page

FIRST = KEYS[0]


def on_the_site(c: Checklist) -> None:
    """The tab on the site's robots.txt, where storage can be set before the guide's first
    load (a load a fifth of a guide's)."""
    c.page.goto(c.site.url + "robots.txt")


def put(c: Checklist, value: str) -> None:
    """`value` in the guide's storage slot, as it is (no load)."""
    c.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [c.key, value])


def test_ticks_and_not_applicable_marks_survive_reload_and_leaving_the_page(checklist):
    c = checklist(FIRST).open()
    done, forgotten, na = c.plain_item("precautions"), c.plain_item("precautions", 1), c.plain_item("steps")
    c.tick(done)
    c.tick(forgotten)
    c.toggle_na(na)
    assert c.states() == c.expect({done: "done", forgotten: "done", na: "na"})

    # Negative control, in the same reload: the state comes from storage, not from the
    # browser's form memory. A tick taken out of storage (its box still ticked) is gone after it.
    c.page.evaluate("""([k, id]) => { const value = JSON.parse(localStorage.getItem(k));
        delete value.items[id]; localStorage.setItem(k, JSON.stringify(value)); }""", [c.key, forgotten])
    c.reload()
    want = c.expect({done: "done", na: "na"})
    assert c.states() == want

    c.page.locator(".sc-meta__platform a").click()  # to the platform page, then back by its link
    c.page.wait_for_url(c.site.url + c.entry.platform.id + "/")
    c.page.locator(f'article a[href$="{c.entry.slug}/"]').first.click()
    c.page.wait_for_selector(".sc-tools")
    assert c.states() == want

    on_the_site(c)  # away from the guide (to the cheapest page there is), then back
    c.page.go_back()
    c.page.wait_for_selector(".sc-tools")
    assert c.states() == want


def test_state_is_stored_under_the_sites_key_as_item_id_state_and_wording_revision(checklist):
    c = checklist(FIRST).open()
    assert c.stored() is None
    done, na = c.plain_item("precautions"), c.plain_item("precautions", 1)
    c.tick(done)
    c.toggle_na(na)
    assert c.stored() == {"v": 1, "items": {done: {"s": "done", "r": c.rev(done)},
                                            na: {"s": "na", "r": c.rev(na)}}}
    c.tick(done)  # untick
    assert c.stored() == {"v": 1, "items": {na: {"s": "na", "r": c.rev(na)}}}


def test_stored_ticks_apply_only_to_items_on_the_page_with_the_same_wording(checklist):
    """A tick for a removed item is ignored, then dropped at the next save; a tick whose
    wording revision differs is not applied; a matching one is, even in a 60 KB value."""
    c = checklist(FIRST)
    kept, reworded, new = c.plain_item("precautions"), c.plain_item("precautions", 1), c.plain_item("steps")
    on_the_site(c)
    put(c, json.dumps({"v": 1, "padding": "x" * 60_000, "items": {
        "removed-item": {"s": "done", "r": "0badc0de"},
        reworded: {"s": "done", "r": "00000000"},
        kept: {"s": "na", "r": c.rev(kept)}}}))
    c.open()
    assert c.states() == c.expect({kept: "na"})
    assert "removed-item" in c.stored()["items"]  # nothing is written until the seller changes something
    c.tick(new)
    assert set(c.stored()["items"]) == {kept, new}


#: Values that are not this format as a whole, each read on a load of its own.
CORRUPT = {
    "not JSON": lambda good: "{not json",
    "another version": lambda good: json.dumps({"v": 2, "items": good}),
    "items as a list": lambda good: json.dumps({"v": 1, "items": [good]}),
    "over 64 KB": lambda good: json.dumps({"v": 1, "items": good, "padding": "x" * 70_000}),
}


def test_corrupt_or_foreign_stored_values_leave_a_working_empty_checklist(checklist):
    """Each value above reads as nothing stored, and the first tick saves over it. Broken
    items (one as a string, one in a state the script does not know, prototype keys) are read
    in one value, beside a sound item: each is ignored on its own while the sound one shows,
    so a value thrown out whole for one of them cannot hide the others."""
    c = checklist(FIRST)
    item, unknown, sound = c.plain_item("precautions"), c.plain_item("precautions", 1), c.plain_item("steps")
    good = {item: {"s": "done", "r": c.rev(item)}}
    kept = {sound: {"s": "na", "r": c.rev(sound)}}
    broken_items = json.dumps({"v": 1, "items": {
        "__proto__": {"s": "done", "r": "x"}, "constructor": {"s": "done"},
        item: "done", unknown: {"s": "maybe", "r": c.rev(unknown)}, **kept}})
    cases = [(case, value(good), {}) for case, value in CORRUPT.items()]
    cases.append(("broken items beside a sound one", broken_items, kept))
    on_the_site(c)  # the first value is in storage before the guide's first load
    for case, value, shown in cases:
        put(c, value)
        c.open()
        assert c.states() == c.expect({i: v["s"] for i, v in shown.items()}), case
        c.tick(item)
        assert c.states() == c.expect({item: "done", **{i: v["s"] for i, v in shown.items()}}), case
        assert c.stored() == {"v": 1, "items": {**shown, **good}}, case


def test_reset_asks_first_and_clears_only_this_procedure(checklist):
    c = checklist(FIRST).open()
    done, na = c.plain_item("precautions"), c.plain_item("steps")
    c.tick(done)
    c.toggle_na(na)
    before = c.states()
    others = {"seller-checklists:v1:/:some-other-procedure": '{"v":1,"items":{}}', "unrelated": "kept"}
    c.page.evaluate("o => Object.entries(o).forEach(([k, v]) => localStorage.setItem(k, v))", others)

    messages = []
    c.page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    c.page.locator('[data-act="reset"]').click()
    assert messages and "Reset this checklist?" in messages[0]
    assert c.states() == before and c.stored() is not None

    c.page.once("dialog", lambda d: d.accept())
    c.page.locator('[data-act="reset"]').click()
    assert c.states() == c.expect()
    assert c.stored() is None
    assert c.page.evaluate("o => Object.keys(o).every(k => localStorage.getItem(k) === o[k])", others)
    assert c.live().startswith("Checklist reset.")
    assert all(done == 0 for done, _total in c.progress().values())
    c.reload()
    assert c.states() == c.expect()


CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def with_instant_navigation(site, refused: list[str]):
    """A route handler: the page as a build with Material's instant navigation on serves it. The
    feature is named in the page's __config and nowhere else (Material's base.html; a build with
    it on differs from the site in those words only), so this is that build without building it.
    The page is read from the built folder (built_page), and a handler never raises: a request it
    refuses goes on to the server unchanged, and the test fails on `refused`."""
    def instant(found: re.Match) -> str:
        config = json.loads(found[2])
        config["features"] = [*config["features"], "navigation.instant"]
        return found[1] + json.dumps(config) + found[3]

    def handle(route) -> None:
        try:
            html, configs = CONFIG.subn(instant, built_page(site, route.request.url))
        except OSError:
            configs = 0
        if configs != 1:
            refused.append(route.request.url)
            route.continue_()
            return
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    return handle


def test_state_is_restored_after_instant_navigation(page, site, material_may_throw):
    """With Material's instant navigation on, pages are swapped by script: the checklist
    must still be set up, once, and restored on every swap (Material's document$).
    Material's bundle throws on each swap (a SyntaxError from `replaceWith`, with the instant
    build as well), so only the checklist script's errors fail this test."""
    platform, slug = FIRST.split("/")
    pages = re.compile("^" + re.escape(site.url) + r"[^?#]*/$")  # matched by the driver: no other request comes here
    refused: list[str] = []
    with page.route(pages, with_instant_navigation(site, refused)):  # removed after the test: the tab is shared
        page.goto(site.url + platform + "/")
        # Material intercepts clicks only once it has read sitemap.xml (its instant
        # navigation keeps to the pages listed there); on a busy host that comes after "load".
        page.wait_for_load_state("networkidle")
        page.evaluate("window.sameDocument = true")  # survives only instant (script) navigation
        for visit in range(2):
            page.locator(f'article a[href$="{slug}/"]').first.click()
            page.wait_for_selector(".sc-tools")
            assert page.evaluate("window.sameDocument === true"), "instant navigation did not happen"
            assert page.locator(".sc-tools").count() == 1
            first = page.locator(".sc-checklist[data-section=precautions] > ul > li").first
            if visit == 0:
                first.locator(".sc-item__title").click()
                page.locator(".sc-meta__platform a").click()
                page.wait_for_url(site.url + platform + "/")
        assert first.locator(".sc-check").is_checked()
        assert page.locator(".sc-check:checked").count() == 1
    assert refused == [], "pages served without instant navigation"
