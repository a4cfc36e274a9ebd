"""The seller tools' parts of a procedure page, as built (issue 13): "What changed", the guide's
files, the out-of-date notice (decided for a pinned day), the offer to save progress beside a
long wait, the toolbox and its controls, the messages as inert text, and the weight of the
tools script, which the page fetches only on demand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.site.assets import ON_DEMAND, gzipped_size, minify
from macros.site.pages import get_catalogue
from macros.site.render import render_procedure, render_toolbox
from macros.site.tools import LONG_WAIT_DAYS, message_html
from macros.site.ui_strings import TOOL_STRINGS, json_for_script

CATALOGUE = get_catalogue(ROOT)
KEYS = list(CATALOGUE.entries)
TOOLS_BUDGET = 8 * 1024
CONTROLS = {"save-file", "load-file", "copy-link", "log", "forget", "status"}


def _soup(markdown_html: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_html, "lxml")


@pytest.mark.parametrize("key", KEYS)
def test_every_guide_has_its_toolbox_what_changed_and_its_files(site, key):
    entry = CATALOGUE.entries[key]
    soup = site.soup(key + "/")
    box = soup.select_one("details.sc-toolbox#toolbox")
    assert box is not None and box["data-procedure"] == entry.procedure.id
    assert box.select_one(".sc-toolbox__body").has_attr("hidden"), "shown before the tools script runs"
    assert not box.select("button"), "a button in the page's DOM (it would be dead without JavaScript)"
    # The controls are not in the page: an empty placeholder names the file the tools script
    # fetches (beside the page), whose content it parses and puts in the placeholder's place.
    placeholders = box.select("template[data-tool=controls]")
    assert [t["data-src"] for t in placeholders] == ["toolbox.html"] and not placeholders[0].contents
    assert box.select_one(".sc-toolbox__body [data-tool=unavailable][hidden]").get_text(strip=True)
    assert not CONTROLS & {el["data-tool"] for el in box.select("[data-tool]")}  # negative control
    fragment = (site.root / key / "toolbox.html").read_text(encoding="utf-8")
    assert not re.search(r"<(!doctype|html|head|body|template)\b", fragment, re.IGNORECASE), "a fragment, not a document"
    inside = BeautifulSoup(f"<div>{fragment}</div>", "lxml").div  # as a <template> parses it: in a body
    box = BeautifulSoup(str(box) + str(inside), "lxml")
    assert CONTROLS <= {el["data-tool"] for el in box.select("[data-tool]")}
    assert json.loads(inside.select_one("script#sc-tool-strings").string) == TOOL_STRINGS
    has_point = any(s.irreversible or (s.wait and s.wait.reversible_until_end) for s in entry.procedure.steps)
    assert bool(box.select("[data-tool=start-date]")) == has_point and bool(box.select("[data-tool=earliest-date]")) == has_point
    assert len(box.select("[data-tool=message] pre[id] > code")) == len(entry.procedure.messages)

    heading = soup.select_one("article h2#what-changed")
    assert heading is not None
    listed = [li.time["datetime"] for li in soup.select(".sc-changes > li")]
    assert listed == sorted((c.date.isoformat() for c in entry.procedure.changes), reverse=True)
    links = {a["data-export"]: a["href"] for a in soup.select(".sc-files a[data-export]")}
    assert set(links) == {"checklist-md", "checklist-csv", "feed", "json"}
    for href in links.values():  # each file is where the link says
        path = urlsplit(urljoin(site.url + key + "/", href)).path.lstrip("/")
        assert (site.root / path).is_file(), href


def test_the_out_of_date_notice_is_decided_for_the_day_given():
    entry = CATALOGUE.entries["wish/close-account"]
    reviewed = entry.procedure.last_reviewed
    for today, shown in ((reviewed + dt.timedelta(days=180), False), (reviewed + dt.timedelta(days=181), True)):
        notice = _soup(render_procedure(entry, today=today)).select_one(".sc-stale#review-notice")
        assert notice["data-reviewed"] == reviewed.isoformat() and notice["data-stale-after"] == "180"
        assert notice.has_attr("hidden") != shown, today


def test_a_long_wait_offers_to_save_progress_and_a_short_one_does_not():
    html = render_procedure(CATALOGUE.entries["wish/close-account"], today=dt.date(2026, 12, 2))
    soup = _soup(html)
    offers = soup.select(".sc-save-offer")
    assert offers and all(o.select_one("a[data-act=open-tools][href='#toolbox']") for o in offers)
    waits = [s.wait for s in CATALOGUE.entries["wish/close-account"].procedure.steps if s.wait]
    waits += CATALOGUE.entries["wish/close-account"].procedure.waits
    long_waits = [w for w in waits if w.duration and w.duration.unit in ("days", "weeks", "months")
                  and w.duration.amount * (7 if w.duration.unit == "weeks" else 30 if w.duration.unit == "months" else 1)
                  >= LONG_WAIT_DAYS]
    assert len(offers) == len(long_waits)
    assert not any("8 hours" in o.get_text() for o in offers)


def test_a_message_is_inert_text_that_keeps_its_lines_and_marks_its_blanks():
    body = "Hello <b>{x}</b>,\n\n**Store**: {y}\n- [link](https://e.example) {z}"
    html = message_html(body, {"x": "Your name", "y": "Store <ID>"})
    assert "\n" not in html, "a literal line break would end the page's HTML block"
    pre = _soup(f"<pre><code>{html}</code></pre>").code
    assert pre.get_text() == "Hello <b>[Your name]</b>,\n\n**Store**: [Store <ID>]\n- [link](https://e.example) {z}"
    assert [s["data-field"] for s in pre.select("span.sc-blank")] == ["x", "y"]
    assert pre.select("b, a") == []


def test_a_support_message_offers_mailto_where_the_channel_has_an_email():
    entry = CATALOGUE.entries["wish/close-account"]
    channels = [entry.platform.support_channels[0].model_copy(update={"email": "merchant@wish.example"})]
    platform = entry.platform.model_copy(update={"support_channels": channels})
    html = render_toolbox(dataclasses.replace(entry, platform=platform))
    links = _soup(html).select(".sc-message a[data-tool=mailto]")
    assert [a["href"] for a in links] == ["mailto:merchant@wish.example"]
    plain = _soup(render_toolbox(entry))
    assert plain.select(".sc-message") and not plain.select("a[data-tool=mailto]")  # negative control


def test_the_tools_script_is_published_minified_and_within_8_kb_with_its_words(site, record_property):
    """The tools script is not a <script src> of the page (the page budget does not count it):
    it and the words it writes are weighed here, as they travel."""
    for name in ON_DEMAND:
        published = (site.root / name).read_bytes()
        source = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert published.decode("utf-8") == minify(name, source)
        words = str(json_for_script(TOOL_STRINGS)).encode("utf-8")
        sizes = {"raw": len(source.encode("utf-8")), "minified": len(published), "gzipped": gzipped_size(published),
                 "words gzipped": gzipped_size(words)}
        record_property(f"own code: {name} (on demand)", (sizes["raw"], sizes["minified"], sizes["gzipped"]))
        assert sizes["gzipped"] + sizes["words gzipped"] <= TOOLS_BUDGET, sizes
        # its controls travel on demand too: each guide's toolbox.html (the largest weighed)
        largest = max(KEYS, key=lambda k: (site.root / k / "toolbox.html").stat().st_size)
        fragment = (site.root / largest / "toolbox.html").read_bytes()
        record_property("own code: toolbox.html, largest (on demand)", (len(fragment), len(fragment), gzipped_size(fragment)))
        assert not any(f'src="{name}' in site.html(k + "/") or name in str(site.soup(k + "/").select("script[src]"))
                       for k in KEYS[:1]), "the tools script must not load with the page"


def test_the_test_builds_decide_for_the_newest_review_so_no_guide_shows_as_out_of_date(site):
    """tests/conftest.py pins SELLER_CHECKLISTS_TODAY to the newest last_reviewed: the suite reads
    the same pages next year. Negative control: the notice's test above shows it can be on."""
    import os

    from macros.site.tools import build_today

    newest = max(entry.procedure.last_reviewed for entry in CATALOGUE.entries.values())
    assert os.environ["SELLER_CHECKLISTS_TODAY"] == newest.isoformat() == build_today().isoformat()
    for key in KEYS:
        notice = site.soup(key + "/").select_one(".sc-stale#review-notice")
        assert notice is not None and notice.has_attr("hidden"), key
