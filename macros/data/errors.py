"""Turn pydantic's validation errors into contributor-facing problems with codes and fixes."""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlread import Document, _dotted


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc` (list indexes skipped)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation):
    """Dig a BaseModel out of list[X], X | None, Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):  # pragma: no cover - covered by get_args
        return None
    return None


def _type_hint(value, expected: str) -> str:
    if isinstance(value, bool) and expected == "text":
        return ("YAML read this as yes/no; put the text in quotes, "
                "e.g. title: \"Yes\" — or write true/false if a yes/no is meant")
    if isinstance(value, dict) and expected == "text":
        return ("a colon followed by a space turned this text into a mapping; "
                "put the whole text in double quotes")
    if isinstance(value, (int, float)) and expected == "text":
        return "put the number in quotes so it stays text"
    if isinstance(value, list) and expected == "text":
        return "write one piece of text here, not a list"
    if expected == "true/false":
        return "write true or false (yes, no, on and off are not accepted)"
    if expected == "list":
        return "start each entry on its own line with '- '"
    if expected == "mapping":
        return "write the fields of this entry as `key: value` lines, indented under it"
    if expected == "whole number":
        return "write a whole number without quotes, e.g. 90"
    return "see the field's description in CONTRIBUTING.md"


_EXPECTED = {
    "string_type": "text", "bool_type": "true/false", "list_type": "list", "model_type": "mapping",
    "dict_type": "mapping", "int_type": "whole number", "int_from_float": "whole number",
    "model_attributes_type": "mapping", "int_parsing": "whole number",
}


def problems_from_validation(err: ValidationError, model: type[BaseModel], doc: Document,
                             display: str) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        loc = tuple(e["loc"])
        kind = e["type"]
        ctx = e.get("ctx") or {}
        field = _dotted(loc)
        value = e.get("input")
        if kind == "extra_forbidden":
            line, col = doc.where(loc, key=True)
            owner = _model_at(model, loc[:-1])
            known = sorted(owner.model_fields) if owner else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "remove it; allowed keys: " + ", ".join(known)
            problems.append(Problem(display, line, col, "SC004", f"{field}: unknown key '{loc[-1]}'", fix))
            continue
        if loc == ("sources",) and kind in ("missing", "too_short"):  # only procedures have it
            line, col = doc.where(loc)
            problems.append(Problem(display, line, col, "SC020", "sources: the procedure cites no source",
                                    "add the platform's help page (or the article) the steps come from "
                                    "under 'sources:'"))
            continue
        if kind == "missing":
            line, col = doc.where(loc[:-1])
            problems.append(Problem(display, line, col, "SC006", f"{field}: this field is required",
                                    f"add a line '{loc[-1]}: …' (see CONTRIBUTING.md for what it holds)"))
            continue
        line, col = doc.where(loc)
        if kind in _EXPECTED:
            expected = _EXPECTED[kind]
            problems.append(Problem(display, line, col, "SC005",
                                    f"{field}: expected {expected}, found {_describe(value)}",
                                    _type_hint(value, expected)))
        elif kind.startswith(("date", "datetime")):
            problems.append(Problem(display, line, col, "SC010", f"{field}: '{value}' is not a real date",
                                    "write the date as YYYY-MM-DD, e.g. 2026-11-22"))
        elif kind == "too_short" and isinstance(value, list):
            problems.append(Problem(display, line, col, "SC013", f"{field}: the list is empty",
                                    f"add at least {ctx.get('min_length', 1)} entr"
                                    f"{'y' if ctx.get('min_length', 1) == 1 else 'ies'}, or remove the field if it is optional"))
        elif kind == "too_long" and isinstance(value, list):
            limit = ctx.get("max_length")
            problems.append(Problem(display, line, col, "SC045",
                                    f"{field}: {len(value)} entries, more than the {limit} allowed",
                                    f"keep at most {limit} entries in '{loc[-1]}': merge entries, drop the "
                                    "least useful, or split the procedure into two guides"))
        elif kind == "string_too_long":
            problems.append(Problem(display, line, col, "SC015",
                                    f"{field}: text is {len(value)} characters, more than {ctx.get('max_length')}",
                                    "shorten it, or move the extra explanation into 'details'"))
        elif kind == "string_too_short":
            problems.append(Problem(display, line, col, "SC025", f"{field}: text is empty",
                                    "write the text, or remove the field if it is optional"))
        elif kind == "string_pattern_mismatch" and "http" in str(ctx.get("pattern", "")):
            what = "a secure (https) address" if str(value).lower().startswith("http://") else "a web address"
            problems.append(Problem(display, line, col, "SC012", f"{field}: '{value}' is not {what}",
                                    "use the page's full address starting with https:// (open it in a "
                                    "browser to check); for a source that has none, leave 'url' out and "
                                    "say where to find it in 'note'"))
        elif kind == "string_pattern_mismatch" and "@" in str(ctx.get("pattern", "")):
            problems.append(Problem(display, line, col, "SC025", f"{field}: '{value}' is not an email address",
                                    "write the address as name@host, e.g. seller-support@shopmart.example "
                                    "(ASCII, host name in lower case, no 'mailto:')"))
        elif kind == "string_pattern_mismatch":
            problems.append(Problem(display, line, col, "SC025",
                                    f"{field}: '{value}' is not a valid id",
                                    "use lower-case letters, digits and single hyphens, e.g. back-up-orders"))
        elif kind == "value_error" and "space or a line break" in str(e.get("msg")):
            problems.append(Problem(display, line, col, "SC014",
                                    f"{field}: text starts or ends with a space or a line break",
                                    "remove the spaces or blank lines around the text "
                                    "(in a '|' block, use '|-' to drop the final line break)"))
        elif kind == "value_error" and "no visible character" in str(e.get("msg")):
            problems.append(Problem(display, line, col, "SC040",
                                    f"{field}: the text has no visible character",
                                    "write the text with letters or digits (spaces, fillers and invisible "
                                    "characters alone show nothing), or remove the field if it is optional"))
        elif kind in ("literal_error", "enum"):
            problems.append(Problem(display, line, col, "SC025", f"{field}: '{value}' is not allowed",
                                    f"use one of: {ctx.get('expected', '')}"))
        else:
            problems.append(Problem(display, line, col, "SC025", f"{field}: {e['msg']}",
                                    "see the field's description in CONTRIBUTING.md"))
    return problems


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"
