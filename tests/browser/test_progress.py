"""Progress per section and per procedure ("N of M done", a bar, a polite announcement),
"not applicable" leaving the count, and the confirmation before the permanent step."""

from __future__ import annotations

import pytest

from .conftest import CATALOGUE, KEYS, LEAD

PERMANENT = [key for key in LEAD if any(s.irreversible for s in CATALOGUE.entries[key].procedure.steps)]


def _counts(c) -> dict[str, int]:
    return {sec: len(c.ids(sec)) for sec in ("precautions", "steps", "troubleshooting")}


@pytest.mark.parametrize("key", LEAD)
def test_progress_counts_ticks_and_leaves_out_items_marked_not_applicable(checklist, key):
    c = checklist(key).open()
    n = _counts(c)
    whole = n["precautions"] + n["steps"]  # troubleshooting fixes are conditional: not in the total
    want = {"procedure": (0, whole), "precautions": (0, n["precautions"]), "steps": (0, n["steps"])}
    if n["troubleshooting"]:
        want["troubleshooting"] = (0, n["troubleshooting"])
    assert c.progress() == want

    first, second = c.plain_item("precautions"), c.plain_item("precautions", 1)
    c.tick(first)
    want.update(procedure=(1, whole), precautions=(1, n["precautions"]))
    assert c.progress() == want
    assert c.live() == (f"{c.title(first)}: done. Before you start: 1 of {n['precautions']} done. "
                        f"Whole procedure: 1 of {whole} done.")

    c.toggle_na(second)
    want.update(procedure=(1, whole - 1), precautions=(1, n["precautions"] - 1))
    assert c.progress() == want
    assert c.live().startswith(f"{c.title(second)}: not applicable. Before you start: 1 of {n['precautions'] - 1}")
    assert c.page.locator(f"#item-{second} > .sc-na-toggle").text_content() == "Applies to me"
    assert c.page.locator(f"#item-{second} > .sc-na-badge").is_visible()

    c.toggle_na(first)  # a ticked item marked not applicable is no longer ticked
    want.update(procedure=(0, whole - 2), precautions=(0, n["precautions"] - 2))
    assert c.progress() == want and c.states()[first] == "na"

    c.tick(c.plain_item("steps"))
    want.update(procedure=(1, whole - 2), steps=(1, n["steps"]))
    assert c.progress() == want
    assert f"Steps: 1 of {n['steps']} done. Whole procedure: 1 of {whole - 2} done." in c.live()

    if n["troubleshooting"]:
        c.tick(c.ids("troubleshooting")[0])
        want.update(troubleshooting=(1, n["troubleshooting"]))
        assert c.progress() == want  # the whole procedure's count did not move

    c.reload()  # the counts come back with the saved state
    assert c.progress() == want

    c.toggle_na(second)  # and "Applies to me" puts an item back in the count
    want.update(procedure=(1, whole - 1), precautions=(0, n["precautions"] - 1))
    assert c.progress() == want
    assert not c.page.locator(f"#item-{second} > .sc-na-badge").is_visible()


def test_an_item_marked_not_applicable_is_shown_with_words_not_colour_alone(checklist):
    c = checklist(KEYS[0]).open()
    item = c.plain_item("precautions")
    title = c.page.locator(f"#item-{item} > label .sc-item__title")
    assert "line-through" not in title.evaluate("e => getComputedStyle(e).textDecorationLine")
    c.toggle_na(item)
    assert "line-through" in title.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert c.page.locator(f"#item-{item} > .sc-na-badge").inner_text() == "Not applicable"
    assert c.page.get_by_role("button", name=f"Applies to me: {c.title(item)}").count() == 1


@pytest.mark.parametrize("key", PERMANENT or ["(none)"])
def test_ticking_the_permanent_step_asks_first_and_names_unfinished_precautions(checklist, key):
    assert key in CATALOGUE.entries, "no procedure has an irreversible step, so this checks nothing"
    c = checklist(key).open()
    step = c.permanent()[0]
    box = c.page.locator(f'.sc-check[data-item="{step}"][data-irreversible="true"]')
    precautions = c.ids("precautions")
    done, na, rest = precautions[0], precautions[-1], precautions[1:-1]
    c.tick(done)
    c.toggle_na(na)

    messages: list[str] = []
    c.page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    c.tick(step)
    assert not box.is_checked()
    assert c.states()[step] == "" and step not in c.stored()["items"]
    named = {line[2:] for line in messages[0].splitlines() if line.startswith("- ")}
    assert named == {c.title(i) for i in rest}  # neither the done one nor the not-applicable one
    assert "cannot be undone" in messages[0]

    c.page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    c.tick(step)
    assert box.is_checked() and c.stored()["items"][step]["s"] == "done"

    c.tick(step)  # unticking needs no confirmation
    assert len(messages) == 2 and not box.is_checked()

    # The other precautions ticked in one round trip (each click on its title, as c.tick
    # clicks, less Playwright's checks before a click): the question after them is the point.
    c.page.evaluate("ids => ids.forEach(id => document.querySelector(`#item-${id} > label .sc-item__title`).click())",
                    rest)
    states = c.states()
    assert all(states[item] == "done" for item in rest)
    c.page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    c.tick(step)
    assert box.is_checked()
    assert "Every item under \"Before you start\" is done or not applicable" in messages[2]
    assert "- " not in messages[2]
