"""Named checks that need more than the model: ids, cross-references, places, content rules.

Each check returns problems phrased item → problem → fix; all of them run, all of them report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel

from .model import Platform, Procedure
from .problems import Problem
from .verbs import starts_with_verb
from .yamlread import Document, _dotted

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<\?")


def _walk(value, loc: tuple = ()):
    """Every (location, value) pair in a model tree."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), loc + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, loc + (i,))
    else:
        yield loc, value


def _at(doc: Document, display: str, loc: tuple, code: str, message: str, fix: str, key=False) -> Problem:
    line, col = doc.where(loc, key=key)
    return Problem(display, line, col, code, message, fix)


def check_text(model: BaseModel, doc: Document, display: str) -> list[Problem]:
    """No raw HTML in any text field: text is shown as text, so tags would only confuse readers."""
    found = []
    for loc, value in _walk(model):
        if isinstance(value, str) and loc[-1] != "url" and _HTML_TAG.search(value):
            tag = _HTML_TAG.search(value).group(0)
            found.append(_at(doc, display, loc, "SC016", f"{_dotted(loc)}: contains the HTML '{tag}'",
                             "write plain text; links belong in 'sources' or 'where.url'"))
    return found


def check_platform(platform: Platform, path: Path, doc: Document, display: str) -> list[Problem]:
    problems = check_text(platform, doc, display)
    if platform.id != path.stem:
        problems.append(_at(doc, display, ("id",), "SC023",
                            f"id: '{platform.id}' does not match the file name '{path.name}'",
                            f"rename the file to {platform.id}.yml or set id: {path.stem}"))
    return problems


def check_procedure(procedure: Procedure, path: Path, root: Path, doc: Document, display: str,
                    platforms: dict[str, Platform], today: dt.date) -> list[Problem]:
    problems = check_text(procedure, doc, display)
    problems += _check_place(procedure, path, root, doc, display, platforms)
    problems += _check_ids(procedure, doc, display)
    problems += _check_source_refs(procedure, doc, display)
    problems += _check_dates(procedure, doc, display, today)
    problems += _check_content(procedure, doc, display)
    return problems


def _check_place(procedure, path, root, doc, display, platforms) -> list[Problem]:
    problems = []
    folder = path.parent.relative_to(root / "data" / "procedures").as_posix()
    if procedure.platform not in platforms:
        known = ", ".join(sorted(platforms)) or "none yet"
        problems.append(_at(doc, display, ("platform",), "SC009",
                            f"platform: no platform file data/platforms/{procedure.platform}.yml",
                            f"use one of: {known}; or add the platform file (make new PLATFORM=… SLUG=…)"))
    if folder != procedure.platform:
        problems.append(_at(doc, display, ("platform",), "SC023",
                            f"platform: '{procedure.platform}' but the file is in data/procedures/{folder}/",
                            f"move the file to data/procedures/{procedure.platform}/ or fix 'platform'"))
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem):
        problems.append(_at(doc, display, (), "SC023", f"file name '{path.name}' is not a valid slug",
                            "name the file with lower-case words joined by hyphens, e.g. close-account.yml"))
    return problems


def _check_ids(procedure: Procedure, doc, display) -> list[Problem]:
    seen: dict[str, tuple] = {}
    problems = []
    for loc, value in _walk(procedure):
        if loc and loc[-1] == "id" and len(loc) > 1:
            if value in seen:
                first_line = doc.where(seen[value])[0]
                problems.append(_at(doc, display, loc, "SC007",
                                    f"{_dotted(loc)}: id '{value}' is already used on line {first_line}",
                                    "give this item its own id (never reuse or renumber existing ids)"))
            else:
                seen[value] = loc
    return problems


def _check_source_refs(procedure: Procedure, doc, display) -> list[Problem]:
    known = {s.id for s in procedure.sources}
    problems = []
    for loc, value in _walk(procedure):
        is_ref = (len(loc) >= 2 and loc[-2] == "sources" and isinstance(loc[-1], int) and loc[0] != "sources") \
            or (loc and loc[-1] == "source")
        if is_ref and value not in known:
            problems.append(_at(doc, display, loc, "SC024", f"{_dotted(loc)}: no source with id '{value}'",
                                "use one of: " + ", ".join(sorted(known))))
    return problems


def _check_dates(procedure: Procedure, doc, display, today: dt.date) -> list[Problem]:
    problems = []
    if procedure.last_reviewed > today:
        problems.append(_at(doc, display, ("last_reviewed",), "SC011",
                            f"last_reviewed: {procedure.last_reviewed} is in the future",
                            f"use the date you checked the sources, at most {today}"))
    for i, source in enumerate(procedure.sources):
        if source.accessed and source.accessed > today:
            problems.append(_at(doc, display, ("sources", i, "accessed"), "SC011",
                                f"sources[{i}].accessed: {source.accessed} is in the future",
                                f"use the date you read the page, at most {today}"))
    return problems


def _check_content(procedure: Procedure, doc, display) -> list[Problem]:
    problems = []
    if not procedure.sources:  # the model already requires one; kept for a clear code
        problems.append(_at(doc, display, ("sources",), "SC020", "sources: no source is cited",
                            "add the platform help page (or article) the steps come from"))
    if procedure.irreversible and not any(s.irreversible for s in procedure.steps):
        problems.append(_at(doc, display, ("irreversible",), "SC021",
                            "irreversible: true, but no step is marked 'irreversible: true'",
                            "add 'irreversible: true' to the step that cannot be undone"))
    for section in ("precautions", "steps"):
        for i, item in enumerate(getattr(procedure, section)):
            if not starts_with_verb(item.title):
                problems.append(_at(doc, display, (section, i, "title"), "SC022",
                                    f"{section}[{i}].title: '{item.title}' does not start with a verb",
                                    "start with what to do, e.g. 'Download …', 'Check …', 'Wait …' "
                                    "(if your verb is missing, add it to macros/verbs.txt)"))
    return problems


def check_across_files(loaded: list[tuple[Procedure, Document, str]]) -> list[Problem]:
    """Procedure ids are unique across the whole site: saved progress is keyed by them."""
    first: dict[str, str] = {}
    problems = []
    for procedure, doc, display in loaded:
        if procedure.id in first:
            problems.append(_at(doc, display, ("id",), "SC008",
                                f"id: '{procedure.id}' is already the id of {first[procedure.id]}",
                                "give this procedure its own id, e.g. <platform>-<what-it-does>"))
        else:
            first[procedure.id] = display
    return problems
