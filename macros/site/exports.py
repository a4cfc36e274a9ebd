"""The guides as files, beside the pages: the JSON API, each guide's checklist as Markdown and
as CSV, and the change feeds (feeds.py). Pure: data in, text out; the MkDocs hook
(macros/engine/site_exports.py) and `macros.cli pages --with-docs` write what `export_files`
returns.

Every file is a new place contributor text reaches, so each one escapes for its own reader:
JSON through a serializer, Markdown with its punctuation escaped, CSV with formula cells
neutralised, Atom through an XML writer.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..data.api import ApiIndex, ApiIndexEntry
from ..data.load import Catalogue, Entry
from . import feeds

#: Every name these exports write, at the top of the site or inside a guide's folder. A platform
#: id or a guide's file name must never be one of them (the reserved-names registry).
OUTPUT_NAMES = ("api", "changes.atom", "checklist.md", "checklist.csv")
API_INDEX = "api/v1/procedures.json"


def api_path(entry: Entry) -> str:
    return f"api/v1/procedures/{entry.key}.json"


def base_url(site_url: str | None) -> str:
    """The site's address ending in '/', or '/' when the build has none."""
    return site_url.rstrip("/") + "/" if site_url else "/"


def schema_url(site_url: str | None, name: str) -> str:
    return f"{base_url(site_url)}schema/{name}.schema.json"


def page_links(entry: Entry) -> dict[str, str]:
    """The exports of a guide, as links relative to its page (/<platform>/<slug>/), for the page."""
    return {"checklist_md": "checklist.md", "checklist_csv": "checklist.csv", "feed": "changes.atom",
            "json": f"../../{api_path(entry)}"}


# --------------------------------------------------------------------------- JSON


def _json(data: dict) -> str:
    """Compact JSON (the C encoder: indenting would take the pure-Python one, 10x slower)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def procedure_data(entry: Entry, site_url: str | None) -> dict:
    """The procedure as validated (editors' notes left out: they are never shown), where it lives,
    and its schema (tests validate every published file against it)."""
    data = entry.procedure.model_dump(mode="json", exclude_none=True,
                                      exclude={"sources": {"__all__": {"editor_note"}}})
    data = {"$schema": schema_url(site_url, "api-procedure"), **data,
            "url": f"{base_url(site_url)}{entry.key}/", "key": entry.key}
    return data


def index_data(catalogue: Catalogue, site_url: str | None) -> dict:
    base = base_url(site_url)
    rows = [ApiIndexEntry(id=e.procedure.id, platform=e.platform.id, key=e.key, title=e.procedure.title,
                          kind=e.procedure.kind, last_reviewed=e.procedure.last_reviewed,
                          url=f"{base}{e.key}/", api=f"{base}{api_path(e)}")
            for e in catalogue.entries.values()]
    index = ApiIndex(schema_=schema_url(site_url, "api-index"), procedures=rows)
    return index.model_dump(mode="json", by_alias=True)


# --------------------------------------------------------------------------- checklists


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def one_line(text: str) -> str:
    """Text on one line, without control characters (a title never has them; this is the second lock)."""
    return _CONTROL.sub("", " ".join(str(text).split()))


#: Markdown punctuation escaped with a backslash (CommonMark escapes any ASCII punctuation):
#: emphasis, code, links and images, attribute lists ({...}), tables, strikethrough, marks (==),
#: autolinks (':' and '@' and '.' break 'https://', 'a@b.com' and 'www.').
_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#.!|~:@$^=])")


def md_text(text: str) -> str:
    """Contributor text as inert Markdown: no link, image, HTML or emphasis in any Markdown
    reader. '<', '>' and '&' become character references (a backslash before '<' is not an
    escape in every Markdown, a reference is)."""
    plain = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_PUNCTUATION.sub(r"\\\1", plain)


def _notes(item) -> str:
    """' (if it applies to you, cannot be undone)' for a step that is optional or permanent."""
    notes = [word for flag, word in ((getattr(item, "optional", False), "if it applies to you"),
                                     (getattr(item, "irreversible", False), "cannot be undone")) if flag]
    return f" ({', '.join(notes)})" if notes else ""


def checklist_md(entry: Entry, site_url: str | None) -> str:
    """The guide's checklist as a Markdown task list, to paste into notes or an issue."""
    p = entry.procedure
    source = f"Checklist from <{base_url(site_url)}{entry.key}/>, last reviewed {p.last_reviewed.isoformat()}."
    lines = [f"# {md_text(p.title)}", "", source, "", "## Before you start", ""]
    lines += [f"- [ ] {md_text(item.title)}" for item in p.precautions]
    lines += ["", "## Steps", ""]
    for step in p.steps:
        if step.choices:
            lines.append(f"- {md_text(step.title)}{_notes(step)}, one of these:")
            lines += [f"  - [ ] {md_text(choice.title)}" for choice in step.choices]
        else:
            lines.append(f"- [ ] {md_text(step.title)}{_notes(step)}")
        lines += [f"  - [ ] {md_text(sub.title)}" for sub in step.substeps]
    for problem in p.troubleshooting:
        fixes = [fix for fix in problem.fixes if fix.action]
        if fixes:
            lines += ["", f"## If: {md_text(problem.problem)}", ""]
            lines += [f"- [ ] {md_text(fix.title)}" for fix in fixes]
    return "\n".join(lines) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SECTION_NAMES = {"precautions": "Before you start", "steps": "Steps", "troubleshooting": "Troubleshooting"}


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading apostrophe."""
    value = one_line(text)
    return "'" + value if str(text).startswith(_FORMULA_START) or value.startswith(_FORMULA_START) else value


def checklist_csv(entry: Entry) -> str:
    """The checklist as CSV (UTF-8 with a BOM, so spreadsheets read the encoding; CRLF rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "id", "title", "note", "done"])
    for section, item in entry.procedure.checkable_items():
        note = _notes(item).strip(" ()") if section == "steps" else ""
        writer.writerow([csv_cell(SECTION_NAMES[section]), csv_cell(item.id), csv_cell(item.title),
                         csv_cell(note), ""])
    return "\ufeff" + out.getvalue()


# --------------------------------------------------------------------------- all files


def export_files(catalogue: Catalogue, site_url: str | None, only: set[str] | None = None) -> dict[str, str]:
    """Path under the site -> content, for every export of every guide and of the site.
    `only`: the guides' exports of those entry keys alone (a preview's rebuild), and the site's."""
    files = {API_INDEX: _json(index_data(catalogue, site_url)),
             "changes.atom": feeds.site_feed(catalogue, site_url)}
    for entry in catalogue.entries.values():
        if only is not None and entry.key not in only:
            continue
        files[api_path(entry)] = _json(procedure_data(entry, site_url))
        files[f"{entry.key}/checklist.md"] = checklist_md(entry, site_url)
        files[f"{entry.key}/checklist.csv"] = checklist_csv(entry)
        files[f"{entry.key}/changes.atom"] = feeds.guide_feed(entry, site_url)
    return files
