"""Checks for the data the seller tools read: `changes`, the machine-readable start of each
wait, and the fill-in `messages`.

Like the other named checks they read the document as typed (plain dicts and lists), so they
also run on a file the model rejected, and they depend on the file alone: their results are
safe in `make check`'s per-file cache. (The one rule that needs git, SC091, is history.py.)
"""

from __future__ import annotations

import re

from .problems import Problem
from .yamlread import Document, _dotted

#: A blank in a message: `{store-id}`. Anything between braces counts as one, so a misspelt
#: `{Store ID}` is reported (SC094) instead of reaching a seller's message unfilled.
PLACEHOLDER = re.compile(r"\{([^{}\n]{0,80})\}")


def placeholders(text: str) -> list[str]:
    """The names between braces in `text`, in order (repeats kept)."""
    return PLACEHOLDER.findall(text) if isinstance(text, str) else []


def _at(doc: Document, display: str, loc: tuple, code: str, message: str, fix: str) -> Problem:
    line, col = doc.where(loc)
    return Problem(display, line, col, code, message, fix)


def _entries(value, key: str) -> list[tuple[int, dict]]:
    """(index, mapping) for the mappings in the list `value[key]`, skipping anything else."""
    items = value.get(key) if isinstance(value, dict) else None
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def check_tool_data(doc: Document, display: str) -> list[Problem]:
    """Every rule of this module for one procedure document."""
    return _check_changes(doc, display) + _check_wait_starts(doc, display) + _check_messages(doc, display)


# --------------------------------------------------------------------------- changes


def item_ids(value) -> set[str]:
    """Every id the file gives to something (steps, sources, waits, messages, ...), except the
    procedure's own and the blanks of a message, which are not items."""
    found: set[str] = set()
    _collect_ids(value, 0, found)
    return found


def _collect_ids(node, depth: int, found: set[str]) -> None:
    """item_ids' walk (a function of its own: a nested one calling itself is a reference cycle)."""
    if isinstance(node, dict):
        if depth > 0 and isinstance(node.get("id"), str):
            found.add(node["id"])
        for child_key, child in node.items():
            if child_key != "fields":
                _collect_ids(child, depth + 1, found)
    elif isinstance(node, list):
        for child in node:
            _collect_ids(child, depth + 1, found)


def _check_changes(doc: Document, display: str) -> list[Problem]:
    """A change names the items it is about by id: each must exist, or the link is lost."""
    known = None  # walking the whole file for its ids only when a change names an item
    problems = []
    for i, change in _entries(doc.value, "changes"):
        items = change.get("items")
        for j, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, str) and known is None:
                known = item_ids(doc.value)
            if isinstance(item, str) and item not in known:
                loc = ("changes", i, "items", j)
                problems.append(_at(doc, display, loc, "SC090", f"{_dotted(loc)}: no item with id '{item}'",
                                    "use the id of a step, precaution or other item of this file "
                                    "(its current id, if it was renamed), or remove it"))
    return problems


# --------------------------------------------------------------------------- wait starts


def _waits(value) -> list[tuple[tuple, dict]]:
    """(location, wait) for the procedure's waits and each step's wait."""
    found = [(("waits", i), wait) for i, wait in _entries(value, "waits")]
    for i, step in _entries(value, "steps"):
        if isinstance(step.get("wait"), dict):
            found.append((("steps", i, "wait"), step["wait"]))
    return found


def step_ids(value) -> set[str]:
    """The ids a wait can start from: what the seller does (precautions, steps, substeps, choices)."""
    ids = {p.get("id") for _i, p in _entries(value, "precautions")}
    for _i, step in _entries(value, "steps"):
        ids.add(step.get("id"))
        ids |= {s.get("id") for _j, s in _entries(step, "substeps") + _entries(step, "choices")}
    return {i for i in ids if isinstance(i, str)}


def _check_wait_starts(doc: Document, display: str) -> list[Problem]:
    """A start is an event or a step (exactly one), and a step it names exists."""
    known = step_ids(doc.value)
    problems = []
    for loc, wait in _waits(doc.value):
        start = wait.get("start")
        if not isinstance(start, dict):
            continue  # absent, or the model reports the wrong type
        where = (*loc, "start")
        given = [key for key in ("event", "step") if start.get(key) is not None]
        if len(given) != 1:
            what = "both 'event' and 'step'" if given else "neither 'event' nor 'step'"
            problems.append(_at(doc, display, where, "SC093", f"{_dotted(where)}: has {what}",
                                "give exactly one: 'start: {event: last-sale}' or 'start: {step: <step id>}'"))
        step = start.get("step")
        if isinstance(step, str) and step not in known:
            problems.append(_at(doc, display, (*where, "step"), "SC092",
                                f"{_dotted((*where, 'step'))}: no step or precaution with id '{step}'",
                                "use the id of the step whose doing starts the clock, e.g. "
                                + ", ".join(sorted(known)[:5])))
    return problems


# --------------------------------------------------------------------------- messages


def _check_messages(doc: Document, display: str) -> list[Problem]:
    """Every {placeholder} has a field, every field is used, and no field is declared twice."""
    problems = []
    for i, message in _entries(doc.value, "messages"):
        fields = _entries(message, "fields")
        declared: dict[str, int] = {}
        for j, field in fields:
            fid = field.get("id")
            if not isinstance(fid, str):
                continue
            if fid in declared:
                loc = ("messages", i, "fields", j, "id")
                problems.append(_at(doc, display, loc, "SC096",
                                    f"{_dotted(loc)}: the field '{fid}' is already declared in this message",
                                    "declare each field once; use {" + fid + "} as often as needed"))
            else:
                declared[fid] = j
        used: set[str] = set()
        for part in ("title", "body"):
            for name in placeholders(message.get(part)):
                used.add(name)
                if name not in declared:
                    loc = ("messages", i, part)
                    listed = ", ".join(declared) or "none yet"
                    problems.append(_at(doc, display, loc, "SC094",
                                        f"{_dotted(loc)}: the placeholder '{{{name}}}' names no field",
                                        f"add a field with id '{name}' under 'fields', or use one that is "
                                        f"declared ({listed}); write ids in lower case with hyphens"))
        for fid, j in declared.items():
            if fid not in used:
                loc = ("messages", i, "fields", j, "id")
                problems.append(_at(doc, display, loc, "SC095",
                                    f"{_dotted(loc)}: the field '{fid}' is never used",
                                    f"write {{{fid}}} where the value belongs in the title or body, or "
                                    "remove the field"))
    return problems
