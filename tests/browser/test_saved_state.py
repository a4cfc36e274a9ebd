"""Ticks and "not applicable" marks are kept in the browser: across reloads and visits, per
procedure, and stored values that are foreign, stale or broken never break the page."""

from __future__ import annotations

import json

from .conftest import KEYS

FIRST = KEYS[0]


def test_ticks_and_not_applicable_marks_survive_reload_and_leaving_the_page(checklist):
    c = checklist(FIRST).open()
    done, na = c.plain_item("precautions"), c.plain_item("steps")
    c.tick(done)
    c.toggle_na(na)
    want = c.expect({done: "done", na: "na"})
    assert c.states() == want

    c.reload()
    assert c.states() == want

    c.page.locator(".sc-meta__platform a").click()  # to the platform page, then back by its link
    c.page.wait_for_url(c.site.url + c.entry.platform.id + "/")
    c.page.locator(f'article a[href$="{c.entry.slug}/"]').first.click()
    c.page.wait_for_selector(".sc-tools")
    assert c.states() == want

    c.page.go_back()
    c.page.go_forward()
    c.page.wait_for_selector(".sc-tools")
    assert c.states() == want

    # Negative control: the state comes from storage, not from the browser's form memory.
    c.page.evaluate("k => localStorage.removeItem(k)", c.key)
    c.reload()
    assert c.states() == c.expect()


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
    c = checklist(FIRST).open()
    kept, reworded, new = c.plain_item("precautions"), c.plain_item("precautions", 1), c.plain_item("steps")
    c.store(json.dumps({"v": 1, "padding": "x" * 60_000, "items": {
        "removed-item": {"s": "done", "r": "0badc0de"},
        reworded: {"s": "done", "r": "00000000"},
        kept: {"s": "na", "r": c.rev(kept)}}}))
    assert c.states() == c.expect({kept: "na"})
    assert "removed-item" in c.stored()["items"]  # nothing is written until the seller changes something
    c.tick(new)
    assert set(c.stored()["items"]) == {kept, new}


CORRUPT = {
    "not JSON": lambda good: "{not json",
    "another version": lambda good: json.dumps({"v": 2, "items": good}),
    "items as a list": lambda good: json.dumps({"v": 1, "items": [good]}),
    "an item as a string": lambda good: json.dumps({"v": 1, "items": {k: "done" for k in good}}),
    "an unknown state": lambda good: json.dumps({"v": 1, "items": {k: {**v, "s": "maybe"} for k, v in good.items()}}),
    "prototype keys": lambda good: '{"v":1,"items":{"__proto__":{"s":"done","r":"x"},"constructor":{"s":"done"}}}',
    "over 64 KB": lambda good: json.dumps({"v": 1, "items": good, "padding": "x" * 70_000}),
}


def test_corrupt_or_foreign_stored_values_leave_a_working_empty_checklist(checklist):
    c = checklist(FIRST).open()
    item = c.plain_item("precautions")
    good = {item: {"s": "done", "r": c.rev(item)}}
    for case, value in CORRUPT.items():
        c.store(value(good))
        assert c.states() == c.expect(), case
        c.tick(item)
        assert c.states() == c.expect({item: "done"}), case
        assert c.stored() == {"v": 1, "items": good}, case


def test_without_storage_the_checklist_still_works_for_the_visit(context, checklist, material_may_throw):
    context.add_init_script("Object.defineProperty(window, 'localStorage', "
                            "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    c = checklist(FIRST).open()
    item = c.plain_item("precautions")
    c.tick(item)
    c.toggle_na(c.plain_item("steps"))
    assert c.states()[item] == "done"
    assert c.progress()["precautions"][0] == 1


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


def test_state_is_restored_after_instant_navigation(browser, instant_site):
    """With Material's instant navigation on, pages are swapped by script: the checklist
    must still be set up, once, and restored on every swap (Material's document$)."""
    platform, slug = FIRST.split("/")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(instant_site.url + platform + "/")
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
                page.wait_for_url(instant_site.url + platform + "/")
        assert first.locator(".sc-check").is_checked()
        assert page.locator(".sc-check:checked").count() == 1
    finally:
        ctx.close()
