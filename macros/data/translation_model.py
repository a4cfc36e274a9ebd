"""The model of a translation file, derived from the English model, and reading one.

Every text field a unit can have (macros/data/translations.py says which fields are text)
becomes an optional field of `UnitText`, with the English field's length rules; nothing
else is accepted, so a typo in a key is an error, as in the English files. Which fields a
given unit must have is decided against its English unit (a warning, never an error: an edit
of the English must never make a translation file fail the check).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictStr, ValidationError, create_model

from .errors import problems_from_validation
from .files import stamp
from .model import ID_PATTERN, Glossary, Platform, Procedure, SourceRef, Strict, Title, _text
from .problems import Problem
from .translation_paths import LANGUAGES
from .translations import (
    BY_POSITION,
    KEYED,
    OWN_UNIT,
    PART,
    POSITIONAL,
    TEXT,
    TEXTS,
    UNITS,
    localize,
    plan,
    units,
)
from .yamlread import Document, read_yaml

FINGERPRINT_PATTERN = r"^[0-9a-f]{8}$"


#: Fields whose translation follows its own rule, said where the translator sees it.
_SPECIAL = {
    "positions": "What each source says, translated, by the source's `id`; a list of texts, in order, "
                 "when the English cites the same source twice.",
    "aliases": "The forms of the term in the file's language, as the pages write them (as many as "
               "there are): marks of a term's first use find it by its `term` and these.",
    "path": "The menu labels in order. Write `Chinese label (English label)` only where the "
            "platform's own Chinese pages show that label; otherwise keep the English label.",
}


def _describe(name: str, english: str | None) -> str:
    """What an editor shows on hover: the English field's own description when only one kind
    of unit has the field (a `title` means something else on a step and on a note)."""
    said = f" In English: {english}" if english else ""
    return _SPECIAL.get(name) or f"The English `{name}`, translated.{said}"


def _readable(model: type[BaseModel]) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in model.__name__).strip()


def _field_type(how: str, inner, name: str):
    if how == TEXT:
        return _text(inner.max_length)
    if how == TEXTS:
        return list[_text(inner.max_length)]
    if how == PART:
        return _part_model(inner)
    if how == KEYED:
        says = _text(next(rules for _n, h, rules in plan(inner) if h == TEXT).max_length)
        return dict[SourceRef, says | list[says]]
    raise TypeError(f"{name}: {how}")


_parts: dict[type, type] = {}


def _part_model(model: type[BaseModel]) -> type[BaseModel]:
    """`WhereText`, `WaitText` ...: the text fields of an id-less part of a unit."""
    if model not in _parts:
        fields = {name: (_field_type(how, inner, name) | None,
                         Field(None, description=_describe(name, model.model_fields[name].description)))
                  for name, how, inner in plan(model) if how in (TEXT, TEXTS, PART, KEYED)}
        _parts[model] = create_model(f"{model.__name__}Text", __base__=Strict,
                                     __doc__=f"The translated text of a {_readable(model)}.", **fields)
    return _parts[model]


def _unit_fields(roots: tuple[type[BaseModel], ...]) -> dict:
    """Every text field of every kind of unit under `roots`; one name, one type."""
    fields: dict = {}
    seen, todo = set(), list(roots)
    while todo:
        model = todo.pop(0)
        if model in seen:
            continue
        seen.add(model)
        for name, how, inner in plan(model):
            if how in (UNITS, "positional"):
                todo.append(inner)
                continue
            kind = _field_type(how, inner, name)
            if name in fields and fields[name][0] != kind:
                raise TypeError(f"{model.__name__}.{name}: another unit has a field of that name and another type")
            english = model.model_fields[name].description
            if name in fields:
                english = None if fields[name][1] != english else english
            fields[name] = (kind, english)
    return fields


def _unit_model() -> type[BaseModel]:
    fields = {name: (kind | None, Field(None, description=_describe(name, english)))
              for name, (kind, english) in _unit_fields((Procedure, Platform, Glossary)).items()}
    fields["from_"] = (StrictStr | None, Field(
        None, alias="from", description="The fingerprint of the English text this unit translates. "
        "Never type it: `make translate` writes it. When the English changes, the unit is stale.",
        json_schema_extra={"pattern": FINGERPRINT_PATTERN}))
    return create_model("UnitText", __base__=Strict, __doc__="One unit: the English item with this id, "
                        "translated; only the text fields the English item has.", **fields)


UnitText = _unit_model()
UnitText.model_config["json_schema_extra"] = {"required": ["from"]}
UnitText.model_rebuild(force=True)
UnitId = Field(pattern=ID_PATTERN)


class Signed(Strict):
    """Who did it, and when."""

    by: Title = Field(description="A name or GitHub handle.")
    date: dt.date = Field(description="When (YYYY-MM-DD).")


class Translated(Signed):
    """Who translated the file."""

    machine_assisted: StrictBool = Field(
        description="true when a machine translation was the starting point (then a `reviewed` by "
        "another person is expected before the translation is trusted).")


class Translation(Strict):
    """A translation of one data file: data/procedures/<platform>/<slug>.<language>.yml,
    data/platforms/<id>.<language>.yml or data/glossary.<language>.yml. Text only, keyed by the
    English ids: structure, ids, sources and dates stay in the English file."""

    language: Literal[tuple(LANGUAGES)] = Field(  # type: ignore[valid-type]
        description="The language, as in the file name: " + ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items()))
    translated: Translated = Field(description="Who translated it, when, and whether a machine helped.")
    reviewed: Signed | None = Field(None, description="Who checked the translation against the English, and when.")
    units: dict[str, UnitText] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": ID_PATTERN}},
        description="The translated units by English id: `procedure` (or `platform`) for the file's own "
        "text, then one entry per item id. `make translate` writes them with `from`.")


#: path -> (what its lstat said, display, result): a build checks each translation and then
#: shows it, and reads it once (a file changed since, as in `make serve`, is read again).
_read: dict[str, tuple[tuple, str, tuple]] = {}


def _key(path: Path) -> str:
    """The same file under one name, however it was reached: the build's pages name it from the
    project folder as the engine gives it (often relative), the check from the resolved one."""
    return os.path.abspath(path)


def _stamp(path: Path) -> tuple | None:
    try:
        return stamp(os.lstat(path))
    except OSError:
        return None


def read_translation(path: Path, display: str, keep: bool = True
                     ) -> tuple[Document | None, Translation | None, list[Problem]]:
    """Parse and validate one translation file (its problems are errors: the file is the
    translator's own). The document is None when the file is not readable YAML. `keep`: remember
    it for a build's pages (`make check` has no use for it: kept, a thousand documents made
    each pass of the garbage collector slower)."""
    stamp = _stamp(path)
    known = _read.get(_key(path))
    if stamp is not None and known is not None and known[:2] == (stamp, display):
        doc, translation, problems = known[2]
        return doc, translation, list(problems)  # a copy: callers add to it
    doc, translation, problems = _read_translation(path, display)
    if stamp is not None and keep:
        _read[_key(path)] = (stamp, display, (doc, translation, list(problems)))
    return doc, translation, problems


def as_read(path: Path) -> tuple[tuple, dict | None] | None:
    """What this process read of a translation file: (its lstat, its value when it is a valid
    translation without problems, else None); None when it has not read it. A worker process of
    the build sends it back (macros/data/load.py), so the build never reads the file again."""
    known = _read.get(_key(path))
    if known is None:
        return None
    doc, translation, problems = known[2]
    return known[0], (doc.value if translation is not None and not problems else None)


#: path -> (lstat, the valid translation's value or None), as a worker process read it
#: (as_read); made a model when a page first shows it (the English build never does).
_sent: dict[str, tuple[tuple, dict | Translation | None]] = {}


def remember(path: Path, read: tuple[tuple, dict | None]) -> None:
    _sent[_key(path)] = tuple(read)


def _read_translation(path: Path, display: str) -> tuple[Document | None, Translation | None, list[Problem]]:
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, None, problems
    try:
        return doc, Translation.model_validate(doc.value), problems
    except ValidationError as err:
        return doc, None, problems + problems_from_validation(err, Translation, doc, display)


def load_translation(path: Path) -> Translation | None:
    """The valid translation at `path`, or None (absent or invalid: `make check` says why)."""
    stamp = _stamp(path)
    sent, known = _sent.get(_key(path)), _read.get(_key(path))
    if sent is not None and sent[0] == stamp:
        if isinstance(sent[1], dict):
            sent = _sent[_key(path)] = (stamp, Translation.model_validate(sent[1]))
        return sent[1]
    if known is not None and known[0] == stamp:  # checked already, under its name in messages
        _doc, translation, problems = known[2]
        return translation if not problems else None
    if not path.is_file():
        return None
    _doc, translation, problems = read_translation(path, path.name)
    return translation if not problems else None


def localized(item: BaseModel, translation: Translation | None) -> tuple[BaseModel, frozenset[str]]:
    """A copy of `item` (a Procedure, Platform or Glossary) with the translation's text where it
    is current, and the ids of the units left in English. Ids, sources, links and order are the
    English item's: only text changes, so the page keeps its anchors and saved ticks."""
    model = type(item)
    value = item.model_dump()
    shown = localize(units(value, model).texts, translation)
    _apply(value, model, OWN_UNIT.get(model), shown.texts)
    return model.model_validate(value), shown.english


def _apply(value: dict, model: type[BaseModel], uid: str | None, texts: dict[str, dict]) -> None:
    if uid in texts:
        _set_text(value, model, texts[uid])
    for name, how, inner in plan(model):
        entries = value.get(name)
        if how not in (UNITS, POSITIONAL) or not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            _apply(entry, inner, f"{BY_POSITION[name]}-{i + 1}" if how == POSITIONAL else entry.get("id"), texts)


def _set_text(value: dict, model: type[BaseModel], text: dict) -> None:
    for name, how, inner in plan(model):
        if name not in text:
            continue
        if how in (TEXT, TEXTS):
            value[name] = text[name]
        elif how == PART:
            _set_text(value[name], inner, text[name])
        elif how == KEYED:  # positions: each source's texts, in the English order
            says = next(n for n, h, _rules in plan(inner) if h == TEXT)
            queues = {source: list(t) if isinstance(t, list) else [t] for source, t in text[name].items()}
            for entry in value[name]:
                entry[says] = queues[entry["source"]].pop(0)
