"""Named checks that need more than the model: ids, cross-references, places, content rules.

The checks read the document as typed (plain dicts, lists and text), not the validated
model, so they also run on a file the model rejected: a contributor sees a type error and a
future date in the same round. Each check returns problems phrased item → problem → fix.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import urls
from .content_rules import check_content
from .model import ID_PATTERN, Glossary, Platform, Procedure
from .placeholders import check_placeholders
from .problems import Problem
from .terms import check_terms
from .tool_checks import check_tool_data
from .walk import entries_of, is_date_field, is_title_field, is_url_field, problem_at, walk_leaves
from .yamlread import Document, _dotted

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<\?")
_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<(?:https?|ftp|mailto|javascript|data):[^>\s]*>",
                            re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE = TypeAdapter(dt.date)

#: The editor line every data file opens with (relative to the file, as editors resolve it).
SCHEMA_LINES = {
    Platform: "# yaml-language-server: $schema=../../schema/platform.schema.json",
    Procedure: "# yaml-language-server: $schema=../../../schema/procedure.schema.json",
    Glossary: "# yaml-language-server: $schema=../schema/glossary.schema.json",
}


# --------------------------------------------------------------------------- rules for any file


def check_schema_line(model: type[BaseModel], doc: Document, display: str) -> list[Problem]:
    """Editors only autocomplete and underline mistakes when the file names its schema."""
    want = SCHEMA_LINES[model]
    if want in doc.header:
        return []
    found = next((line for line in doc.header if "yaml-language-server" in line), None)
    message = (f"the schema line is '{found}'" if found
               else "the file does not start with the editor's schema line")
    return [Problem(display, 1, 1, "SC027", message, f"make the first line exactly: {want}")]


def check_text(leaves: list, doc: Document, display: str) -> list[Problem]:
    """Text is shown as text: tags, Markdown links and line breaks in titles would confuse readers;
    addresses go where they say (macros/data/urls.py)."""
    found = []
    for loc, value, owner, name in leaves:
        if not isinstance(value, str):
            continue
        if is_url_field(owner, name):  # addresses follow the model's https:// pattern (SC012), and:
            if refused := urls.url_problem(value, _dotted(loc)):  # SC042, SC043
                found.append(problem_at(doc, display, loc, *refused))
            continue
        if "<" in value and (tag := _HTML_TAG.search(value)):
            found.append(problem_at(doc, display, loc, "SC016", f"{_dotted(loc)}: contains the HTML '{tag.group(0)}'",
                             "write plain text; links belong in 'sources' or 'where.url'"))
        if ("[" in value or "<" in value) and (link := _MARKDOWN_LINK.search(value)):
            found.append(problem_at(doc, display, loc, "SC029",
                             f"{_dotted(loc)}: contains the Markdown link '{link.group(0)}'",
                             "write plain text; put the address in 'sources' (or 'where.url') and "
                             "cite the source instead"))
        if "\n" in value and is_title_field(owner, name):
            found.append(problem_at(doc, display, loc, "SC028", f"{_dotted(loc)}: the title is split over several lines",
                             "write it on one line; use '>-' if it is long, or move detail into 'details'"))
    return found


def check_dates(leaves: list, doc: Document, display: str, today: dt.date) -> list[Problem]:
    """Dates are YYYY-MM-DD and not in the future (the model alone also accepts 0 or a timestamp)."""
    problems = []
    for loc, value, owner, name in leaves:
        if not is_date_field(owner, name):
            continue
        try:
            day = _DATE.validate_python(value)
        except ValidationError:
            continue  # not a date at all: the model reports it (SC010)
        if not (isinstance(value, str) and _ISO_DATE.match(value)):
            problems.append(problem_at(doc, display, loc, "SC010", f"{_dotted(loc)}: '{value}' is not written YYYY-MM-DD",
                                f"write the date as YYYY-MM-DD, e.g. {today.isoformat()}"))
        elif day > today:
            what = {"last_reviewed": "the date you checked the sources",
                    "date": "the date the change was made"}.get(name, "the date you read the page")
            problems.append(problem_at(doc, display, loc, "SC011", f"{_dotted(loc)}: {day} is in the future",
                                f"use {what}, at most {today}"))
    return problems


# --------------------------------------------------------------------------- platform files


def check_platform(platform: Platform | None, path: Path, doc: Document, display: str) -> list[Problem]:
    """All rules for a platform file. `platform` may be None when the model rejected the file."""
    leaves = walk_leaves(doc.value, Platform)
    problems = check_schema_line(Platform, doc, display) + check_text(leaves, doc, display)
    problems += check_placeholders(leaves, doc, display)
    domains = doc.value.get("domains")
    problems += urls.check_official_hosts(doc, display, "platform", path.stem,
                                          domains if isinstance(domains, list) else [])
    pid = doc.value.get("id")
    if isinstance(pid, str) and pid != path.stem:
        problems.append(problem_at(doc, display, ("id",), "SC023",
                            f"id: '{pid}' does not match the file name '{path.name}'",
                            f"rename the file to {pid}.yml or set id: {path.stem}"))
    return problems


# --------------------------------------------------------------------------- procedure files


def check_procedure(procedure: Procedure | None, path: Path, root: Path, doc: Document, display: str,
                    platforms, today: dt.date, undefined_terms: frozenset[str] = frozenset()) -> list[Problem]:
    """All rules for one procedure file. `procedure` may be None when the model rejected the file;
    `platforms` maps the id of each valid platform to its domains; `undefined_terms`, the
    glossary's must_define terms that have no entry (macros/data/terms.py)."""
    leaves = walk_leaves(doc.value, Procedure)
    problems = check_schema_line(Procedure, doc, display) + check_text(leaves, doc, display)
    platform = doc.value.get("platform")
    if isinstance(platform, str) and isinstance(platforms, dict) and platform in platforms:
        problems += urls.check_official_hosts(doc, display, "procedure", platform, platforms[platform])
    problems += check_dates(leaves, doc, display, today)
    problems += _check_place(path, root, doc, display, platforms)
    problems += _check_ids(leaves, doc, display)
    problems += _check_source_refs(leaves, doc, display)
    problems += check_content(doc, display)
    problems += check_placeholders(leaves, doc, display)
    problems += check_terms(leaves, doc, display, undefined_terms)
    problems += check_tool_data(doc, display)
    return problems


def _check_place(path, root, doc, display, platforms) -> list[Problem]:
    problems = []
    platform = doc.value.get("platform")
    folder = path.parent.relative_to(root / "data" / "procedures").as_posix()
    if isinstance(platform, str):
        has_file = platform in platforms or (root / "data" / "platforms" / f"{platform}.yml").is_file()
        if not has_file:
            known = ", ".join(sorted(platforms)) or "none yet"
            problems.append(problem_at(doc, display, ("platform",), "SC009",
                                f"platform: no platform file data/platforms/{platform}.yml",
                                f"use one of: {known}; or add the platform file (make new PLATFORM=… SLUG=…)"))
        if folder != platform:
            problems.append(problem_at(doc, display, ("platform",), "SC023",
                                f"platform: '{platform}' but the file is in data/procedures/{folder}/",
                                f"move the file to data/procedures/{platform}/ or fix 'platform'"))
    if not re.fullmatch(ID_PATTERN, path.stem):
        problems.append(problem_at(doc, display, (), "SC023", f"file name '{path.name}' is not a valid slug",
                            "name the file with lower-case words joined by hyphens, e.g. close-account.yml"))
    return problems


def _check_ids(leaves: list, doc: Document, display: str) -> list[Problem]:
    seen: dict[str, tuple] = {}
    problems = []
    for loc, value, _owner, name in leaves:
        if name != "id" or len(loc) < 2 or not isinstance(value, str):
            continue
        if len(loc) >= 3 and loc[-3] == "fields":
            continue  # a message's blanks are named per message (tool_checks, SC096), not items
        if value in seen:
            first_line = doc.where(seen[value])[0]
            problems.append(problem_at(doc, display, loc, "SC007",
                                f"{_dotted(loc)}: id '{value}' is already used on line {first_line}",
                                "give this item its own id (never reuse or renumber existing ids)"))
        else:
            seen[value] = loc
    return problems


def _check_source_refs(leaves: list, doc: Document, display: str) -> list[Problem]:
    sources = entries_of(doc.value, "sources")
    if not sources:
        return []  # no sources at all is SC020; every reference would repeat it
    known = {s.get("id") for s in sources}
    problems = []
    for loc, value, _owner, name in leaves:
        is_ref = (name == "sources" and loc[0] != "sources") or name == "source"
        if is_ref and isinstance(value, str) and value not in known:
            problems.append(problem_at(doc, display, loc, "SC024", f"{_dotted(loc)}: no source with id '{value}'",
                                "use one of: " + ", ".join(sorted(k for k in known if isinstance(k, str)))))
    return problems



def check_glossary(glossary, path: Path, doc: Document, display: str) -> list[Problem]:
    """The glossary file: schema line, plain text, unique ids and terms, known source ids."""
    leaves = walk_leaves(doc.value, Glossary)
    problems = check_schema_line(Glossary, doc, display) + check_text(leaves, doc, display)
    problems += _check_ids(leaves, doc, display) + _check_source_refs(leaves, doc, display)
    seen: dict[str, int] = {}
    for i, term in enumerate(entries_of(doc.value, "terms")):
        for j, name in enumerate([term.get("term"), *(term.get("aliases") or [])]):
            if not isinstance(name, str):
                continue
            loc = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
            if name.lower() in seen:
                problems.append(problem_at(doc, display, loc, "SC055",
                                    f"{_dotted(loc)}: '{name}' is already a term or alias on line {seen[name.lower()]}",
                                    "keep one entry per term; merge the two definitions"))
            else:
                seen[name.lower()] = doc.where(loc)[0]
    return problems
