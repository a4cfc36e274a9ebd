"""Translations of the data: sibling files keyed by the English ids, holding text only.

`data/procedures/<platform>/<slug>.zh.yml` translates `<slug>.yml` (and likewise
`data/platforms/<id>.zh.yml` and `data/glossary.zh.yml`). Structure, ids, sources and dates
stay in the English file. The text is cut into *units*: the file's own text (`procedure`,
`platform`) or one item with an id, with its id-less parts (a step's `where.path` and `wait`, a
problem's `causes`, a conflict's `positions` by source id). Each translated unit records
`from`, the fingerprint of the English text it was made from: when that English text changes,
exactly that unit is stale and is shown in English (the reviewed truth) until it is updated.

Which fields are text is read from the English model (macros/data/model.py), never listed by
hand, so a new text field is translatable at once. Everything here works on plain data (the
document as parsed, or a model's dump), so old git revisions can be fingerprinted too.
"""

from __future__ import annotations

import hashlib
import json
import re
import typing
from functools import cache
from typing import NamedTuple

from pydantic import BaseModel, StringConstraints

from .model import Glossary, Platform, Procedure, Source

#: The unit that holds a file's own text (title, summary, regions; a platform's name ...).
OWN_UNIT = {Procedure: "procedure", Platform: "platform", Glossary: "glossary"}
#: Fields that are text but never shown to readers, or shown as published: not translated.
#: `changes` (the English history) and `messages` (written in the language the platform's
#: channel reads, usually English) are not translated yet.
_NOT_TRANSLATED = {Glossary: {"must_define"}, Source: {"title", "publisher", "editor_note"},
                   Procedure: {"changes", "messages"}}
#: Lists of id-less entries that are units of their own, named by position (1, 2 ...): the
#: fingerprint guards them, so an inserted entry makes the shifted ones stale, never wrong.
BY_POSITION = {"support_channels": "support-channel"}
#: Text lists whose length may differ from the English (a language has its own word forms).
FREE_LENGTH = {"aliases"}

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: Characters that show a text is written in the language (an untranslated copy has none).
SCRIPT = {"zh": HAN}


# --------------------------------------------------------------------------- which fields are text

TEXT, TEXTS, PART, KEYED, UNITS, POSITIONAL = "text", "texts", "part", "keyed", "units", "positional"


def _without_none(annotation):
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    is_optional = type(None) in typing.get_args(annotation) and len(args) == 1
    return args[0] if is_optional else annotation


def string_rules(annotation, metadata=()) -> StringConstraints | None:
    """The length/pattern rules of a text annotation (None: not text)."""
    found = [m for m in metadata if isinstance(m, StringConstraints)]
    annotation = _without_none(annotation)
    if not found and typing.get_origin(annotation) is typing.Annotated:
        found = [m for m in annotation.__metadata__ if isinstance(m, StringConstraints)]
    return found[0] if found else None


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@cache
def plan(model: type[BaseModel]) -> tuple[tuple[str, str, object], ...]:
    """(field, how it is translated, its inner model or text rules) for each translatable field.

    Text is a constrained string without a pattern (ids, addresses and host names have one).
    A nested model is a part of this unit; a list of models with an `id` holds units of their
    own; a list of models citing a `source` is keyed by that source id (conflict positions).
    """
    steps = []
    for name, field in model.model_fields.items():
        if name in _NOT_TRANSLATED.get(model, ()) or (model is Source and name != "note"):
            continue
        annotation = _without_none(field.annotation)
        inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None
        if inner is None:
            rules = string_rules(field.annotation, field.metadata)
            if _is_model(annotation):
                if plan(annotation):  # a part with no text (a duration) is not translated
                    steps.append((name, PART, annotation))
            elif rules is not None and rules.pattern is None:
                steps.append((name, TEXT, rules))
        elif _is_model(inner) and "id" in inner.model_fields:
            steps.append((name, UNITS, inner))
        elif _is_model(inner) and "source" in inner.model_fields:
            steps.append((name, KEYED, inner))
        elif _is_model(inner) and name in BY_POSITION:
            steps.append((name, POSITIONAL, inner))
        elif _is_model(inner):
            raise TypeError(f"{model.__name__}.{name}: a list of entries without ids cannot be translated")
        elif (rules := string_rules(inner)) is not None and rules.pattern is None:
            steps.append((name, TEXTS, rules))
    return tuple(steps)


# --------------------------------------------------------------------------- units of a document


def _own_text(value: dict, model: type[BaseModel]) -> dict:
    """The text of `value` itself and of its id-less parts, as a plain dict (empty fields left out)."""
    text: dict = {}
    for name, how, inner in plan(model):
        child = value.get(name)
        if how == TEXT and isinstance(child, str):
            text[name] = child
        elif how == TEXTS and isinstance(child, list) and child and all(isinstance(c, str) for c in child):
            text[name] = list(child)
        elif how == PART and isinstance(child, dict) and (part := _own_text(child, inner)):
            text[name] = part
        elif how == KEYED and isinstance(child, list) and (keyed := _keyed(child, inner)):
            text[name] = keyed
    return text


def _keyed(entries: list, model: type[BaseModel]) -> dict:
    """{source id: its text}; a source cited twice gets a list of its texts, in order."""
    keyed: dict = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            continue
        text = next(iter(_own_text(entry, model).values()), None)
        if text is None:
            continue
        source = entry["source"]
        if source not in keyed:
            keyed[source] = text
        else:
            keyed[source] = [*(keyed[source] if isinstance(keyed[source], list) else [keyed[source]]), text]
    return keyed


class Units(NamedTuple):
    """A document's units, in document order, and the entries that cannot be translated."""

    texts: dict[str, dict]          # unit id -> its English text
    places: dict[str, tuple]        # unit id -> where it is in the document
    without_id: list[tuple]         # places of list entries with no id (they stay in English)


def units(value: dict, model: type[BaseModel]) -> Units:
    """Every unit of a document (a parsed file or a model's dump) of `model`."""
    found = Units({}, {}, [])
    if isinstance(value, dict):
        _collect(value, model, OWN_UNIT.get(model), (), found)
    return found


def _collect(value: dict, model: type[BaseModel], uid: str | None, loc: tuple, found: Units) -> None:
    text = _own_text(value, model)
    if uid is not None and text and uid not in found.texts:
        found.texts[uid], found.places[uid] = text, loc
    for name, how, inner in plan(model):
        entries = value.get(name)
        if how not in (UNITS, POSITIONAL) or not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            if how == POSITIONAL:
                _collect(entry, inner, f"{BY_POSITION[name]}-{i + 1}", loc + (name, i), found)
            elif isinstance(entry.get("id"), str):
                _collect(entry, inner, entry["id"], loc + (name, i), found)
            elif _own_text(entry, inner):
                found.without_id.append(loc + (name, i))


#: One encoder for every fingerprint (json.dumps with options makes a new one each call).
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(text: dict) -> str:
    """First 8 hex digits of SHA-1 over the canonical JSON of a unit's text (sorted keys,
    UTF-8, no spaces): YAML line wrapping or key order never changes it, any word or number does."""
    return hashlib.sha1(_CANONICAL.encode(text).encode("utf-8")).hexdigest()[:8]


# --------------------------------------------------------------------------- status of a translated unit

TRANSLATED, STALE, MISSING, ORPHANED, MISMATCHED = "translated", "stale", "missing", "orphaned", "mismatched"


def shape(text):
    """The structure of a unit's text without the words: which fields, how many list entries.
    A FREE_LENGTH list (a term's other forms) may have any length, or be there in one language only."""
    if isinstance(text, dict):
        return {key: shape(child) for key, child in text.items() if key not in FREE_LENGTH}
    if isinstance(text, list):
        return [shape(child) for child in text]
    return ""


def same_shape(one, other) -> bool:
    """shape(one) == shape(other), without building either."""
    if isinstance(one, dict):
        if not isinstance(other, dict):
            return False
        keys = one.keys() - FREE_LENGTH
        return keys == other.keys() - FREE_LENGTH and all(same_shape(one[key], other[key]) for key in keys)
    if isinstance(one, list):
        return isinstance(other, list) and len(one) == len(other) and all(map(same_shape, one, other))
    return not isinstance(other, (dict, list))


def _strings(text) -> list[str]:
    if isinstance(text, dict):
        return [s for child in text.values() for s in _strings(child)]
    if isinstance(text, list):
        return [s for child in text for s in _strings(child)]
    return [text] if isinstance(text, str) else []


def _in_language(text: dict, language: str) -> bool:
    script = SCRIPT.get(language)
    return script is None or any(script.search(s) for s in _strings(text))


def unit_status(english: dict | None, entry: dict | None, language: str) -> str:
    """translated, stale (English changed since), missing (absent, or still the English
    text), orphaned (no such English unit) or mismatched (fields differ from the English).
    `entry` is the translated unit as plain data, with its `from`."""
    if english is None:
        return ORPHANED
    if entry is None:
        return MISSING
    text = {key: value for key, value in entry.items() if key != "from"}
    if entry.get("from") != fingerprint(english):
        return STALE if _in_language(text, language) else MISSING  # an untranslated copy is missing
    if not same_shape(text, english):
        return MISMATCHED
    return MISSING if text == english else TRANSLATED


def statuses(english: dict[str, dict], translated: dict[str, dict], language: str) -> dict[str, str]:
    """The status of every English unit, in English order, then of every orphaned one."""
    found = {uid: unit_status(text, translated.get(uid), language) for uid, text in english.items()}
    found.update({uid: ORPHANED for uid in translated if uid not in english})
    return found


# --------------------------------------------------------------------------- for the renderer


class Localized(NamedTuple):
    """What a page shows: each unit's text (translated, or English), and the units in English."""

    texts: dict[str, dict]
    english: frozenset[str]


def localize(english: dict[str, dict], translation) -> Localized:
    """The text to show per unit: the translation where it is current, else the English."""
    if translation is None:
        return Localized(dict(english), frozenset(english))
    translated = {uid: unit.model_dump(by_alias=True, exclude_none=True) for uid, unit in translation.units.items()}
    texts, shown_in_english = {}, set()
    for uid, text in english.items():
        entry = translated.get(uid)
        if unit_status(text, entry, translation.language) == TRANSLATED:
            texts[uid] = {key: value for key, value in entry.items() if key != "from"}
        else:
            texts[uid] = text
            shown_in_english.add(uid)
    return Localized(texts, frozenset(shown_in_english))


def translate_procedure(procedure: Procedure, translation) -> Localized:
    """Texts by unit id (the translation where current) and the unit ids shown in English
    because they are stale, missing or do not match. `translation`: a Translation or None."""
    return localize(units(procedure.model_dump(), Procedure).texts, translation)


def translate_platform(platform: Platform, translation) -> Localized:
    return localize(units(platform.model_dump(), Platform).texts, translation)


def translate_glossary(glossary: Glossary, translation) -> Localized:
    """Each term's forms in the language (`term`, `aliases`) let first-use marks find it in
    translated text; `definition` is what the mark explains."""
    return localize(units(glossary.model_dump(), Glossary).texts, translation)
