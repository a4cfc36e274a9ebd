"""The seller tools in Chromium (issue 13): the rules (dates, the link, the calendar file) in one
page load, checked against macros/site/timing.py; then what a seller does: open the toolbox
(the script arrives only then, and nothing leaves the site), enter dates, fill and copy a
message, log a case, save a file and load it in a fresh browser, share a link, forget.

Controls are found by their data-tool names; words are the page's own (TOOL_STRINGS)."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from macros.data.model import Duration
from macros.site.timing import add_duration
from macros.site.ui_strings import TOOL_STRINGS

from .conftest import CATALOGUE, Checklist, built_page

GUIDE = "wish/close-account"  # permanent step, waits in hours and days, from events and a step, a message
TOOLS = "assets/checklists-tools.js"
CONTROLS = GUIDE + "/toolbox.html"  # the toolbox's controls, fetched by the tools script
OURS = "Object.keys(localStorage).filter(key => key.startsWith('seller-checklists:'))"
OPEN = "() => document.querySelector('.sc-toolbox__body:not([hidden]) [data-tool=status]') !== null"


def _python_end(start: str, amount: int, unit: str) -> str | None:
    moment = dt.datetime.fromisoformat(start) if "T" in start else dt.date.fromisoformat(start)
    end = add_duration(moment, Duration(amount=amount, unit=unit))
    return None if end is None else (end.strftime("%Y-%m-%dT%H:%M") if isinstance(end, dt.datetime) else end.isoformat())


def test_dates_links_and_calendar_text_follow_the_rules_in_one_page_load(page, site):
    starts = ["2026-01-31", "2026-12-04", "2026-12-05", "2027-12-31", "2028-02-29", "2026-03-31T23:30",
              "2026-12-01T20:00", "2026-10-24"]
    units = [(1, "days"), (90, "days"), (2, "weeks"), (1, "business-days"), (5, "business-days"),
             (10, "business-days"), (1, "months"), (13, "months"), (8, "hours"), (48, "hours")]
    cases = [(s, a, u) for s in starts for a, u in units]
    rng = random.Random(13)
    states = [[rng.choice(["", "done", "na"]) for _ in range(n)] for n in (1, 3, 4, 5, 8, 9, 34, 61)]
    page.goto(site.url + GUIDE + "/", wait_until="commit")
    got = page.evaluate("""async ([url, cases, states]) => {
        const t = await import(url);
        const ends = cases.map(([s, a, u]) => { const e = t.addDuration(t.parseMoment(s), a, u); return e && t.momentText(e); });
        const boxes = n => Array.from({length: n}, (_, i) => ({id: 'item-' + i, rev: 'r' + i}));
        const links = states.map(list => {
            const made = list.map((state, i) => ({...boxes(list.length)[i], state}));
            const fragment = t.linkFragment('guide', made);
            const changed = made.map((b, i) => i ? b : {...b, rev: 'reworded'});
            return {fragment, back: t.readFragment(fragment, 'guide', made).states,
                    reworded: t.readFragment(fragment, 'guide', changed).error,
                    other: t.readFragment(fragment, 'another-guide', made).error,
                    cut: t.readFragment(fragment.slice(0, -1), 'guide', made).error};
        });
        const w = (start, amount, unit) => ({start, amount, unit});
        const latest = t.earliest([w('a', 1, 'days'), w('b', 8, 'hours'), w('c', 0)], {a: '2026-12-01', b: '2026-12-01T20:00'});
        const missing = t.earliest([w('a', 1, 'days'), w('b', 8, 'hours')], {a: '2026-12-01', b: '2026-12-01'});
        return {ends, links, latest: t.momentText(latest.latest), complete: latest.complete,
                missing: [missing.complete, missing.ends[1].missing],
                invalid: ['2026-02-30', '2026-13-01', '2026-12-01T24:00', 'x', ''].map(t.parseMoment),
                ics: t.icsText('Line\\ntwo; a, b \\\\ c\\r\\n'), fold: t.icsFold('é'.repeat(80)).split('\\r\\n'),
                date: t.dateText(t.parseMoment('2027-03-01'), 'en-GB'),
                time: t.dateText(t.parseMoment('2026-12-02T04:00'), 'en-GB')};
    }""", [site.url + TOOLS, cases, states])
    assert got["ends"] == [_python_end(*case) for case in cases], "the browser counts like timing.py"
    for list_, link in zip(states, got["links"]):
        assert link["back"] == list_
        assert (link["reworded"], link["other"], link["cut"]) == ("other-version", "other-version", "corrupt")
        assert len(link["fragment"]) <= 5 + 8 + 1 + -(-len(list_) // 3) * 2  # about 2 bits per box
    # A bare date is the whole day, so it ends after 04:00 that day; a wait of no set length does
    # not keep the answer back (as in timing.earliest).
    assert got["latest"] == "2026-12-02" and got["complete"] is True
    assert got["missing"] == [False, "needs-time"]
    assert got["invalid"] == [None] * 5
    assert got["ics"] == "Line\\ntwo\\; a\\, b \\\\ c\\n"
    assert all(len(line.encode()) <= 75 for line in got["fold"]) and "".join(
        line[1:] if n else line for n, line in enumerate(got["fold"])) == "é" * 80
    assert (got["date"], got["time"]) == ("1 March 2027", "2 December 2026 at 04:00")


def _unfold_ics(text: str) -> list[tuple[str, str]]:
    """An iCalendar file's content lines as (name with parameters, value); raises on a bad line."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    out = []
    for line in lines:
        name, sep, value = line.partition(":")
        assert sep and name and name.split(";")[0].isupper(), line
        out.append((name, value))
    return out


def test_open_the_toolbox_dates_calendar_message_log_save_and_load(browser, site, tmp_path):
    c_entry = CATALOGUE.entries[GUIDE]
    ctx = browser.new_context(accept_downloads=True)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())
    c = Checklist(page, site, c_entry).open()
    page.wait_for_load_state("load")
    assert not any(TOOLS in r or CONTROLS in r for r in requests), "the tools came before the toolbox was opened"
    assert page.eval_on_selector_all(".sc-toolbox [data-tool]", "els => els.map(e => e.dataset.tool)") == [
        "controls", "unavailable"]  # the placeholder and the (hidden) failure message only
    page.locator(".sc-toolbox > summary").focus()
    page.keyboard.press("Enter")  # by keyboard
    page.wait_for_function(OPEN)
    assert sum(TOOLS in r for r in requests) == 1 and sum(CONTROLS in r for r in requests) == 1
    assert page.locator(".sc-toolbox template, .sc-toolbox [data-tool=unavailable]:visible").count() == 0
    assert json.loads(page.locator("#sc-tool-strings").text_content()) == TOOL_STRINGS  # read as JSON, in place

    # Dates: one per start, shared by its waits; the earliest is the latest end.
    dates = {"event:pause": "2026-12-04T20:00", "event:last-shipment": "2026-12-01", "step:pause-all-warehouses":
             "2026-12-04T21:00"}
    for start, value in dates.items():
        page.locator(f"[data-tool=start-date][data-start='{start}']").fill(value)
    ends = page.locator(".sc-tool__waits output").all_text_contents()
    assert "ends 5 December 2026 at 04:00" in ends and ends.count("ends 1 March 2027") == 2
    earliest = page.locator("[data-tool=earliest-date]").text_content()
    assert "1 March 2027" in earliest and "if the platform counts the same way" in earliest
    with page.expect_download() as got:
        page.locator("[data-tool=calendar]").click()
    ics = _unfold_ics(Path(got.value.path()).read_bytes().decode("utf-8"))
    props = dict(ics)
    assert [v for n, v in ics if n in ("BEGIN", "END")] == ["VCALENDAR", "VEVENT", "VEVENT", "VCALENDAR"]
    assert props["DTSTART;VALUE=DATE"] == "20270301" and props["VERSION"] == "2.0" and props["UID"]
    point = next(s for s in c_entry.procedure.steps if s.irreversible)
    assert props["SUMMARY"] == TOOL_STRINGS["calendar.summary"].replace("{title}", point.title)

    # A message fills in as the seller types; Material's button copies it as shown.
    page.locator("input[data-field=store-id]").fill("S-$&-42")
    page.locator(".sc-message pre button").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "S-$&-42" in copied and "[" + next(f.label for m in c_entry.procedure.messages for f in m.fields
                                               if f.id == "your-name") + "]" in copied

    # The log and a tick, then the file.
    item = c.plain_item("precautions")
    c.tick(item)
    form = page.locator("form[data-tool=log]")
    form.locator("select").select_option(item)
    form.locator("input[name=case]").fill("CASE-7")
    form.locator("textarea").fill("Called <support>")
    form.locator("button[type=submit]").click()
    assert "CASE-7" in page.locator(f"#item-{item} > .sc-log").text_content()
    with page.expect_download() as got:
        page.locator("[data-tool=save-file]").click()
    saved = Path(got.value.path()).read_text(encoding="utf-8")
    data = json.loads(saved)
    assert (data["format"], data["version"], data["procedure"]) == ("seller-checklists-progress", 1, c_entry.procedure.id)
    assert data["ticks"][item]["s"] == "done" and data["ticks"][item]["r"] == c.rev(item) and data["ticks"][item]["d"]
    assert data["log"][0]["case"] == "CASE-7" and data["starts"] == dates
    assert "S-$&-42" in data["values"].values()
    assert all(r.startswith(site.url) for r in requests), [r for r in requests if not r.startswith(site.url)]
    ctx.close()

    # A fresh browser: refuses bad files (changing nothing), then loads the good one.
    fresh = browser.new_context()
    page = fresh.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())
    c = Checklist(page, site, c_entry).open()
    page.locator(".sc-toolbox > summary").click()
    page.wait_for_function(OPEN)
    bad = {"foreign": {"format": "other"}, "version": {**data, "version": 2},
           "procedure": {**data, "procedure": "amazon-close-account"},
           "corrupt": {**data, "ticks": {item: {"s": "maybe", "r": "x"}}}}
    before = page.evaluate("JSON.stringify(localStorage)")
    for name, content in [*bad.items(), ("notJson", None)]:
        payload = b"{not json" if content is None else json.dumps(content).encode()
        page.locator("[data-tool=load-file]").set_input_files({"name": "p.json", "mimeType": "application/json",
                                                               "buffer": payload})
        page.wait_for_function("s => document.querySelector('[data-tool=status]').textContent.startsWith(s)",
                               arg=TOOL_STRINGS["file." + name].split("{")[0][:30])
        assert c.states() == c.expect() and page.evaluate("JSON.stringify(localStorage)") == before, name
    page.locator("[data-tool=load-file]").set_input_files({"name": "p.json", "mimeType": "application/json",
                                                           "buffer": saved.encode()})
    page.wait_for_function(f"() => document.querySelector('#item-{item} .sc-check').checked")
    assert c.states() == c.expect({item: "done"})
    assert "CASE-7" in page.locator(f"#item-{item} > .sc-log").text_content()
    assert "Called <support>" in page.locator(f"#item-{item} > .sc-log").text_content()
    assert page.locator("[data-tool=start-date][data-start='event:last-shipment']").input_value() == "2026-12-01"

    # Forget this guide: everything stored for it goes, after the question.
    page.locator("[data-tool=forget][data-scope=guide]").click()
    assert c.states() == c.expect()
    left = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in left if c_entry.procedure.id in k]
    assert page.locator(".sc-log").count() == 0
    fresh.close()
    assert errors == []


def test_the_toolbox_says_so_when_its_controls_cannot_be_fetched(page, site):
    """toolbox.html refused (offline, or gone): the body shows the page's own wording (the
    Chinese one is checked on the built Chinese page, tests/test_zh_site.py); negative control:
    with the file served, nothing is said and the controls are there."""
    from macros.site.ui_strings import PAGE_STRINGS

    wording = PAGE_STRINGS["The tools could not be loaded. Check your connection, then reload the page."]
    refuse = lambda route: route.abort()
    for refused in (True, False):
        if refused:
            page.route("**/toolbox.html", refuse)
        try:
            page.goto(site.url + GUIDE + "/", wait_until="commit")
            page.locator(".sc-toolbox > summary").click()
            page.wait_for_selector(".sc-toolbox__body:not([hidden])")
            failed = page.locator(".sc-toolbox [data-tool=unavailable]")
            assert failed.is_visible() == refused and failed.text_content().strip() == wording, refused
            assert (page.locator(".sc-toolbox [data-tool=save-file]").count() == 0) == refused, refused
        finally:
            page.unroute("**/toolbox.html", refuse)


#: axe's serious and critical findings in the toolbox.
TOOLBOX_AXE = ("axe.run('.sc-toolbox', {resultTypes: ['violations']}).then(r => r.violations"
               ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help))")


def test_a_link_with_ticks_round_trips_and_is_refused_after_an_item_changes(page, site):
    c = Checklist(page, site, CATALOGUE.entries[GUIDE]).open()
    done, na = c.plain_item("precautions"), c.plain_item("steps")
    c.tick(done)
    c.toggle_na(na)
    page.locator(".sc-toolbox > summary").click()
    page.wait_for_function(OPEN)
    page.locator("[data-tool=copy-link]").click()
    page.evaluate(Axe().axe_script)  # the open toolbox, its controls in place, is axe-clean
    for palette in ("opened in", "switched to"):  # in both palettes (the walk's pages keep it shut)
        if palette == "switched to":
            page.locator("[data-md-component=palette] label:visible").click()
            page.mouse.move(0, 400)  # off the switch, and every colour's transition finished
            page.wait_for_function("!document.getAnimations().some(a => a instanceof CSSTransition)")
        found = page.evaluate(TOOLBOX_AXE)
        assert found == [], (palette, page.evaluate("document.body.dataset.mdColorScheme"))
    link = page.locator("[data-tool=link]").input_value()
    fragment = link.split("#", 1)[1]
    assert "CASE" not in link and len(fragment) < 40

    page.evaluate("localStorage.clear()")
    accept = lambda d: d.accept()  # should the page ask before putting the link's ticks in
    page.on("dialog", accept)
    page.goto("about:blank")
    page.goto(c.url + "#" + fragment)  # the page opens the toolbox, which reads the link
    page.wait_for_function(f"() => document.querySelector('#item-{done} .sc-check').checked")
    page.remove_listener("dialog", accept)
    assert c.states() == c.expect({done: "done", na: "na"})
    assert page.evaluate("location.hash") == ""  # read once

    def reworded(route):  # the same guide after one item was reworded
        html = built_page(site, c.url).replace(f'data-item="{done}" data-rev="{c.rev(done)}"', f'data-item="{done}" data-rev="00000000"')
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.evaluate("localStorage.clear()")
    the_guide = re.compile("^" + re.escape(c.url) + "$")  # matched by the driver: no other request comes here
    page.route(the_guide, reworded)
    dialogs = []
    record = lambda d: (dialogs.append(d.message), d.dismiss())
    page.on("dialog", record)
    try:  # in the shared tab: the route and the listener go after the test
        page.goto("about:blank")
        page.goto(c.url + "#" + fragment)
        page.wait_for_function(OPEN)
        assert page.locator("[data-tool=status]").text_content() == TOOL_STRINGS["link.otherVersion"]
        assert dialogs == [] and c.states() == c.expect() and page.evaluate(OURS) == []
    finally:
        page.unroute(the_guide, reworded)
        page.remove_listener("dialog", record)


def test_an_old_build_still_says_it_may_be_out_of_date(context, site):
    """The build hid the notice (the guide was fresh then); 181 days after the review the page
    shows it all the same, and at 180 it does not (the day is pinned in each tab)."""
    reviewed = CATALOGUE.entries[GUIDE].procedure.last_reviewed
    page = context.new_page()  # a context of its own: a clock once set stays with the context
    for days, shown in ((180, False), (181, True)):
        page.clock.set_fixed_time(dt.datetime.combine(reviewed + dt.timedelta(days=days), dt.time(12)))
        page.goto(site.url + GUIDE + "/", wait_until="commit")
        page.wait_for_selector(".sc-tools")
        assert page.locator("#review-notice").is_visible() == shown, days
