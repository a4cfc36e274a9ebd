"""Walking a data file as read (macros/data/yamlread.py), before or after the model accepts it:
every scalar with the model field it fills, the mappings in a list, and a problem placed at
a value's line. The rules in checks.py, content_rules.py and translation_checks.py use them."""

from __future__ import annotations

import datetime as dt
import typing
from functools import cache

from pydantic import BaseModel, StringConstraints

from .errors import _inner_model
from .fields import MAX_TITLE
from .problems import Problem
from .yamlread import Document


def walk_leaves(value, model: type[BaseModel] | None, loc: tuple = (), owner=None, name=None) -> list:
    """(location, value, owning model, field name) for every scalar in a document, in order.

    The model classes are followed where the document's shape allows, so each value
    knows which field it fills (and so which rules apply) even in a file with type errors.
    A list, built by one recursion: nested generators cost a step per level for every leaf,
    and every check of every file walks its leaves (a third of `make check` went here).
    """
    found: list = []
    _leaves(value, model, loc, owner, name, found)
    return found


def _leaves(value, model, loc: tuple, owner, name, found: list) -> None:
    if isinstance(value, dict):
        inner = _child_models(model)
        for key, child in value.items():
            _leaves(child, inner.get(key), loc + (key,), model, key, found)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _leaves(child, model, loc + (i,), owner, name, found)
    else:
        found.append((loc, value, owner, name))


@cache
def _child_models(model: type[BaseModel] | None) -> dict:
    """child_model for every field of `model` at once: one dict look-up per key while walking."""
    return {key: child_model(model, key) for key in model.model_fields} if model else {}


@cache
def child_model(model: type[BaseModel] | None, key) -> type[BaseModel] | None:
    field = model.model_fields.get(key) if model else None
    return _inner_model(field.annotation) if field else None


@cache
def text_rules(owner: type[BaseModel] | None, name: str | None) -> StringConstraints | None:
    """The text rules (length, pattern) of a field, wherever pydantic keeps them."""
    if owner is None or name not in owner.model_fields:
        return None
    field = owner.model_fields[name]
    found = [m for m in field.metadata if isinstance(m, StringConstraints)]
    stack = [field.annotation]
    while stack and not found:
        annotation = stack.pop()
        args = typing.get_args(annotation)
        found = [a for a in args if isinstance(a, StringConstraints)]
        stack.extend(args)
    return found[0] if found else None


@cache
def is_url_field(owner, name) -> bool:
    rules = text_rules(owner, name)
    return bool(rules and rules.pattern and "http" in rules.pattern)  # the model's address pattern


@cache
def is_title_field(owner, name) -> bool:
    rules = text_rules(owner, name)
    return bool(rules and rules.max_length == MAX_TITLE)


@cache
def is_date_field(owner, name) -> bool:
    if owner is None or name not in owner.model_fields:
        return False
    annotation = owner.model_fields[name].annotation
    return dt.date in (annotation, *typing.get_args(annotation))


def entries_of(value, key: str) -> list[dict]:
    """The mappings in the list `value[key]`, skipping whatever is not a mapping."""
    items = value.get(key) if isinstance(value, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def problem_at(doc: Document, display: str, loc: tuple, code: str, message: str, fix: str, key=False) -> Problem:
    line, col = doc.where(loc, key=key)
    return Problem(display, line, col, code, message, fix)

