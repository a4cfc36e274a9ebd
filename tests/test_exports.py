"""The guides as files: the JSON API, checklist.md, checklist.csv and the Atom feeds.

Unit tests on the pure functions (with hostile text: each export is a new place contributor
text reaches, so each has a test_hostile_exports_* here), then the built site: every guide has
every export, and each one reads back with a real reader (json, csv, feedparser, Markdown).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import markdown
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from macros.data.load import Entry
from macros.data.model import Platform, Procedure
from macros.site import changes, exports, feeds, messages

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://sellers.example/guides/"

# --------------------------------------------------------------------------- a hostile guide

HOSTILE = {
    "markdown": "*bold* _em_ `code` ~~del~~ ==mark== $x$ [link](https://evil.example) ![i](https://evil.example/i.png)",
    "html": "<img src=x onerror=alert(1)> <b>bold</b> &amp; &lt;script&gt; <!-- c -->",
    "autolink": "https://evil.example www.evil.example a@evil.example <https://evil.example>",
    "attributes": 'Close {: onclick="alert(1)" } {#top} | a | b |',
    "formula": '=HYPERLINK("https://evil.example","click")',
    "plus": "+1+2",
    "minus": "-2+3 cmd",
    "at": "@SUM(A1:A2)",
    "chinese": "下载订单记录 =SUM(A1:A9) 合计",
    "xml": "]]> <![CDATA[x]]> </title><script>alert(1)</script> &entity; \x1b[31m",
    "quotes": 'He said "hi", then left; 1,2',
    "backslashes": "\\*not\\* \\[x\\] \\",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _item(key: str, text: str) -> dict:
    return {"id": key, "title": text, "sources": ["help"]}


def hostile_entry() -> Entry:
    platform = Platform.model_validate({"id": "shopmart", "name": "Shopmart <b>&</b>", "description": "A test shop.",
                                        "seller_portal_url": "https://sellers.shopmart.example/"})
    keys = list(HOSTILE)
    procedure = Procedure.model_validate({
        "id": "shopmart-close-account", "platform": "shopmart", "title": HOSTILE["markdown"],
        "summary": HOSTILE["xml"], "kind": "close-account", "irreversible": True, "last_reviewed": "2026-01-15",
        "sources": [{"id": "help", "title": HOSTILE["html"], "official": True, "editor_note": "private note"}],
        "precautions": [_item(f"precaution-{k}", HOSTILE[k]) for k in keys],
        "steps": [
            {**_item("step-substeps", HOSTILE["attributes"]),
             "substeps": [_item(f"sub-{k}", HOSTILE[k]) for k in ("formula", "chinese")]},
            {"id": "step-choices", "title": HOSTILE["autolink"],
             "choices": [_item("choice-one", HOSTILE["at"]), _item("choice-two", HOSTILE["xml"])]},
            {**_item("step-final", HOSTILE["formula"]), "irreversible": True, "optional": True},
        ],
        "troubleshooting": [{"id": "problem-one", "problem": HOSTILE["html"], "causes": [HOSTILE["xml"]],
                             "fixes": [{**_item("fix-one", HOSTILE["minus"])},
                                       {**_item("fix-info", HOSTILE["plus"]), "action": False}]}],
        "changes": [{"date": "2026-01-10", "summary": HOSTILE["xml"], "items": ["step-final", "help"]},
                    {"date": "2026-01-15", "summary": HOSTILE["chinese"]},
                    {"date": "2026-01-10", "summary": HOSTILE["markdown"]}],
    })
    return Entry(procedure, platform, "close-account", "data/procedures/shopmart/close-account.yml")


def hostile_titles(entry: Entry) -> list[str]:
    return [item.title for _section, item in entry.procedure.checkable_items()]


# --------------------------------------------------------------------------- Markdown


def render_markdown(text: str) -> BeautifulSoup:
    """checklist.md as a Markdown reader with many extensions shows it (autolinks included)."""
    extensions = ["attr_list", "md_in_html", "tables", "pymdownx.tasklist", "pymdownx.magiclink",
                  "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.betterem", "pymdownx.inlinehilite"]
    return BeautifulSoup(markdown.markdown(text, extensions=extensions), "lxml")


def unescaped_active(text: str) -> list[str]:
    """Markdown-active characters left without a backslash in front (CommonMark's escapes)."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in "[]*_`<>!~|{}=$^@:":
            found.append(text[i])
        i += 1
    return found


def commonmark_unescape(text: str) -> str:
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_hostile_exports_markdown_escapes_every_active_character_and_reads_back():
    for text in HOSTILE.values():
        escaped = exports.md_text(text)
        assert unescaped_active(escaped) == [], escaped
        assert commonmark_unescape(escaped) == exports.one_line(text)
        assert "\n" not in escaped and "\x1b" not in escaped


def test_hostile_exports_checklist_md_makes_no_link_image_html_or_emphasis():
    entry = hostile_entry()
    text = exports.checklist_md(entry, SITE_URL)
    soup = render_markdown(text)
    page = f"{SITE_URL}shopmart/close-account/"
    assert [a["href"] for a in soup.select("a")] == [page]  # only the line that says where it came from
    made = {tag.name for tag in soup.find_all(True)}
    assert made <= {"html", "body", "h1", "h2", "p", "ul", "li", "input", "a"}, made
    shown = {" ".join(li.get_text(" ").split()).replace("\\", "") for li in soup.select("li")}
    for title in hostile_titles(entry):
        assert any(exports.one_line(title).replace("\\", "") in line for line in shown), title
    assert text.count("- [ ] ") == len(hostile_titles(entry))


def test_an_unescaped_checklist_would_make_links_and_emphasis():
    """Negative control: the same reader turns the raw titles into markup."""
    soup = render_markdown("\n".join(f"- [ ] {t}" for t in HOSTILE.values()))
    assert soup.select("a") and soup.select("em, strong") and soup.select("img")


def test_the_checklist_md_lists_steps_in_order_with_their_marks(catalogue):
    entry = catalogue.entries["amazon/close-account"]
    text = exports.checklist_md(entry, SITE_URL)
    assert "- [ ] Send the closure request (cannot be undone)" in text
    assert "- [ ] Close each of your other regional accounts the same way (if it applies to you)" in text
    assert text.index("## Before you start") < text.index("## Steps") < text.index("## If: ")


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("start", FORMULA_START)
def test_hostile_exports_csv_cells_that_start_like_a_formula_get_an_apostrophe(start):
    assert exports.csv_cell(f"{start}1+1").startswith("'")
    assert not exports.csv_cell(f"{start}1+1").removeprefix("'").startswith(("\t", "\r"))


def test_hostile_exports_checklist_csv_round_trips_with_chinese_text():
    entry = hostile_entry()
    raw = exports.checklist_csv(entry).encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["section", "id", "title", "note", "done"]
    items = entry.procedure.checkable_items()
    assert [row[1] for row in rows[1:]] == [item.id for _section, item in items]
    for row, title in zip(rows[1:], hostile_titles(entry)):
        plain = exports.one_line(title)
        assert row[2] == ("'" + plain if plain.startswith(FORMULA_START) else plain)
        assert not any(cell.startswith(FORMULA_START) for cell in row), row
    assert any("下载订单记录" in row[2] for row in rows)
    assert rows[-1][0] == "Troubleshooting" and rows[-1][2] == "'-2+3 cmd"  # the info fix has no box
    final = next(row for row in rows if row[1] == "step-final")
    assert final[3] == "if it applies to you, cannot be undone"


def test_plain_text_needs_no_apostrophe():
    """Negative control: ordinary titles (and a minus sign inside one) are left as they are."""
    assert exports.csv_cell("Download your orders - all of them") == "Download your orders - all of them"


# --------------------------------------------------------------------------- Atom


def test_hostile_exports_atom_parses_and_shows_the_text_as_text():
    entry = hostile_entry()
    for document in (feeds.guide_feed(entry, SITE_URL), feeds.site_feed(_one_guide(entry), SITE_URL)):
        ET.fromstring(document.encode("utf-8"))  # well-formed XML, or this raises
        assert "<script" not in document and "\x1b" not in document
        parsed = feedparser.parse(document)
        assert not parsed.bozo, parsed.get("bozo_exception")
        title = exports.one_line(HOSTILE["markdown"])
        summaries = [e.summary for e in parsed.entries]
        assert [e.title_detail.type for e in parsed.entries] == ["text/plain"] * 3
        assert parsed.entries[0].title == f"{title}: {HOSTILE['chinese']}"  # newest first
        assert HOSTILE["xml"].replace("\x1b", "") + " About: " + HOSTILE["formula"] + "; " + HOSTILE["html"] + "." \
            in summaries


def _one_guide(entry: Entry):
    from macros.data.load import Catalogue

    return Catalogue(platforms={"shopmart": entry.platform}, entries={entry.key: entry})


def test_feed_ids_stay_the_same_when_the_site_moves_and_a_change_is_added():
    entry = hostile_entry()
    ids = [e["id"] for e in feeds.guide_entries(entry, SITE_URL)]
    assert ids == [e["id"] for e in feeds.guide_entries(entry, "https://elsewhere.example/")]
    assert len(set(ids)) == 3 and all(i.startswith(feeds.TAG) for i in ids)


def test_a_guide_without_changes_has_its_last_review_as_the_one_entry(catalogue):
    entry = next(e for e in catalogue.entries.values() if not e.procedure.changes)
    parsed = feedparser.parse(feeds.guide_feed(entry, SITE_URL))
    [only] = parsed.entries
    assert only.updated.startswith(entry.procedure.last_reviewed.isoformat())
    assert "reviewed" in only.title


# --------------------------------------------------------------------------- JSON


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_hostile_exports_json_validates_and_keeps_the_text():
    entry = hostile_entry()
    data = json.loads(json.dumps(exports.procedure_data(entry, SITE_URL), ensure_ascii=False))
    assert list(_validator("api-procedure").iter_errors(data)) == []
    assert data["$schema"] == f"{SITE_URL}schema/api-procedure.schema.json"
    assert data["title"] == HOSTILE["markdown"] and data["summary"] == HOSTILE["xml"]
    assert (data["url"], data["key"]) == (f"{SITE_URL}shopmart/close-account/", "shopmart/close-account")
    assert "editor_note" not in json.dumps(data)  # for editors only, never published


def test_a_wrong_document_fails_the_api_schema():
    """Negative control for the validation above."""
    data = exports.procedure_data(hostile_entry(), SITE_URL)
    assert list(_validator("api-procedure").iter_errors({**data, "key": "../../etc"}))
    assert list(_validator("api-procedure").iter_errors({k: v for k, v in data.items() if k != "url"}))


def test_the_index_lists_every_guide_with_its_addresses(catalogue):
    data = exports.index_data(catalogue, SITE_URL)
    assert list(_validator("api-index").iter_errors(data)) == []
    assert [row["key"] for row in data["procedures"]] == list(catalogue.entries)
    first = data["procedures"][0]
    assert first["url"] == f"{SITE_URL}{first['key']}/"
    assert first["api"] == f"{SITE_URL}api/v1/procedures/{first['key']}.json"


# --------------------------------------------------------------------------- registry and links


def test_every_name_the_exports_write_is_registered_and_every_registered_name_is_written(catalogue):
    paths = exports.export_files(catalogue, SITE_URL)
    keys = set(catalogue.entries)
    top = {p.split("/")[0] for p in paths if not any(p.startswith(k + "/") for k in keys)}
    inside = {p.rsplit("/", 1)[1] for p in paths if any(p.startswith(k + "/") for k in keys)}
    assert top | inside == set(exports.OUTPUT_NAMES)


def test_the_export_names_are_in_the_reserved_names_registry():
    from macros.site import reserved

    assert all(reserved.is_reserved(name) for name in exports.OUTPUT_NAMES)
    assert set(exports.OUTPUT_NAMES) <= reserved.GENERATED


def test_the_page_links_point_at_the_files_written(catalogue):
    paths = exports.export_files(catalogue, SITE_URL)
    for entry in catalogue.entries.values():
        page = f"{SITE_URL}{entry.key}/"
        for link in exports.page_links(entry).values():
            assert urljoin(page, link).removeprefix(SITE_URL) in paths, link


# --------------------------------------------------------------------------- what changed, out of date


def test_what_changed_is_newest_first_and_names_the_items():
    shown = changes.what_changed(hostile_entry())
    assert [(c.date.isoformat(), c.number) for c in shown] == [("2026-01-15", 1), ("2026-01-10", 1), ("2026-01-10", 2)]
    assert shown[1].items == (("step-final", HOSTILE["formula"], "item-step-final"), ("help", HOSTILE["html"], None))


@pytest.mark.parametrize("days, stale", [(0, False), (180, False), (181, True), (400, True)])
def test_a_guide_may_be_out_of_date_more_than_180_days_after_its_review(days, stale):
    reviewed = dt.date(2026, 1, 15)
    assert changes.may_be_out_of_date(reviewed, reviewed + dt.timedelta(days=days)) is stale


def test_the_notice_says_how_old_the_review_is(catalogue):
    entry = catalogue.entries["wish/close-account"]
    reviewed = entry.procedure.last_reviewed
    assert changes.review_notice(entry, reviewed + dt.timedelta(days=180)) is None
    notice = changes.review_notice(entry, reviewed + dt.timedelta(days=200))
    assert notice == {"last_reviewed": reviewed, "days": 200, "limit": 180}


# --------------------------------------------------------------------------- messages


def test_a_message_is_filled_by_plain_replacement():
    body = "Store {store-id} of {your-name}; {unknown} stays; {Store ID} stays."
    values = {"store-id": "$& \\1 {your-name}", "your-name": "<b>Li Wei</b>"}
    assert messages.fill(body, values) == ("Store $& \\1 {your-name} of <b>Li Wei</b>; {unknown} stays; "
                                           "{Store ID} stays.")


def test_every_blank_of_the_real_messages_is_filled_and_nothing_else_changes(catalogue):
    seen = 0
    for entry in catalogue.entries.values():
        for message in entry.procedure.messages:
            values = {f.id: f"<{f.id}>" for f in message.fields}
            filled = messages.fill(message.body, values)
            assert "{" not in filled and "}" not in filled
            assert filled.replace("<", "{").replace(">", "}") == message.body
            assert all(len(s.split()) < 25 for s in re.split(r"[.!?:\n]", message.body))
            seen += 1
    assert seen == 3


# --------------------------------------------------------------------------- the built site


def test_every_guide_has_every_export_in_the_built_site(site, catalogue):
    for key in catalogue.entries:
        for name in ("checklist.md", "checklist.csv", "changes.atom"):
            assert (site.root / key / name).is_file(), f"{key}/{name}"
        assert (site.root / "api/v1/procedures" / f"{key}.json").is_file()
    assert (site.root / "changes.atom").is_file() and (site.root / exports.API_INDEX).is_file()


def test_the_published_feeds_parse(site, catalogue):
    for path in [site.root / "changes.atom", *(site.root / key / "changes.atom" for key in catalogue.entries)]:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo and parsed.entries, path
        assert parsed.feed.links[0].href.startswith(site.url)
    wish = feedparser.parse((site.root / "wish/close-account/changes.atom").read_bytes())
    assert wish.entries[0].summary.startswith("Added a message to send to Wish support")


def test_the_published_checklists_round_trip(site, catalogue):
    for key, entry in catalogue.entries.items():
        text = (site.root / key / "checklist.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert [r[1] for r in rows[1:]] == [item.id for _s, item in entry.procedure.checkable_items()], key
        soup = render_markdown((site.root / key / "checklist.md").read_text(encoding="utf-8"))
        assert [a["href"] for a in soup.select("a")] == [f"{site.url}{key}/"], key


def test_the_published_procedure_is_the_api_model(catalogue):
    """The API model (whose schema is published) reads every published guide back."""
    from macros.data.api import ApiProcedure

    for entry in catalogue.entries.values():
        data = exports.procedure_data(entry, SITE_URL)
        again = ApiProcedure.model_validate(data)
        assert again.model_dump(mode="json", by_alias=True, exclude_none=True) == data


def test_each_guides_toolbox_html_is_written_by_the_build_and_by_macros_cli_pages(site, catalogue, tmp_path):
    """The toolbox's controls beside each guide's page: the build writes what pages.toolbox_files
    makes (the pure renderer), `macros.cli pages --with-docs` writes the same files, and the name
    is reserved. (The Chinese edition's: tests/test_zh_site.py.)"""
    from macros import cli
    from macros.site import pages, reserved

    made = pages.toolbox_files(catalogue, pages.settings_from_config(ROOT / "mkdocs.yml"))
    assert set(made) == {f"{key}/toolbox.html" for key in catalogue.entries}
    assert [p for p, text in made.items() if (site.root / p).read_text(encoding="utf-8") != text] == []
    assert reserved.is_reserved(pages.TOOLBOX_FILE)
    assert cli.main(["--root", str(ROOT), "pages", "--with-docs", str(tmp_path)]) == 0
    assert [p for p, text in made.items() if (tmp_path / p).read_text(encoding="utf-8") != text] == []
