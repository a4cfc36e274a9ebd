"""`make translate LANG=zh FILE=…`: write or refresh a translation's skeleton.

New units get the English text and their `from`, for the translator to overwrite; units
already there are kept as written, comments and all (a stale or orphaned one gets a
`# make translate:` line that says what to do, and the new fingerprint to copy). Nobody
computes a fingerprint by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .translation_checks import schema_line
from .translation_paths import LANGUAGES, kind_of, translation_file
from .translations import (
    MISMATCHED,
    MISSING,
    ORPHANED,
    STALE,
    TRANSLATED,
    fingerprint,
    statuses,
    units,
)
from .yamlread import Document, read_yaml

MARKER = "# make translate:"
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_SPECIAL = re.compile(r"^(true|false|null|yes|no|on|off|y|n|~|[-+]?[\d._]+([eE][-+]?\d+)?|\d{4}-\d\d-\d\d.*)$",
                      re.IGNORECASE)


class Refused(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


@dataclass
class Written:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)


def scalar(text: str) -> str:
    """`text` as a YAML scalar the strict reader reads back unchanged: plain where that is
    safe, else double-quoted (JSON's escapes are YAML's)."""
    plain = (_PLAIN_START.match(text) and text == text.strip() and "\n" not in text and "\t" not in text
             and ": " not in text and " #" not in text and not text.endswith(":") and not _SPECIAL.match(text))
    return text if plain else json.dumps(text, ensure_ascii=False)


def _emit(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{key}:"] + [line for k, v in value.items() for line in _emit(k, v, indent + 2)]
    if isinstance(value, list):
        return [f"{pad}{key}:"] + [f"{pad}  - {scalar(item)}" for item in value]
    return [f"{pad}{key}: {scalar(value)}"]


def emit_unit(uid: str, text: dict, from_: str | None = None) -> list[str]:
    """A unit's lines: its key, `from` (quoted: 12345678 would be read as a number), then its
    text fields. `from_` defaults to the fingerprint of `text` (a new unit holds the English)."""
    lines = [f"  {uid}:", f'    from: "{from_ or fingerprint(text)}"']
    return lines + [line for key, value in text.items() for line in _emit(key, value, 4)]


def _header(english: Path, language: str, root: Path, today: dt.date) -> list[str]:
    return [schema_line(translation_file(english, language), root),
            f"# {LANGUAGES[language]} translation of {english.name}: text only, keyed by the English ids.",
            "# Translate each unit's text; keep its `from:` as `make translate` wrote it (CONTRIBUTING.md,",
            "# 'Translating'). Write each text on one line: a folded '>-' puts spaces between characters.",
            f"language: {language}", "translated:", '  by: ""  # your name or GitHub handle',
            f"  date: {today.isoformat()}", "  machine_assisted: false"]


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


@dataclass
class _Layout:
    """An existing file cut around its units: the lines before `units:`, the comments that open
    the block, each unit's own lines (its comments included) and the lines after the block."""

    head: list[str]
    opening: list[str] = field(default_factory=list)
    chunks: dict[str, list[str]] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)


def _layout(text: str, doc: Document) -> _Layout | None:
    """None when the units are not written as an indented block under a `units:` line."""
    lines = text.rstrip("\n").split("\n")
    found = doc.value.get("units")
    if ("units",) not in doc.key_marks:
        return _Layout(lines)
    at = doc.key_marks[("units",)][0] - 1
    if lines[at].split("#", 1)[0].strip() != "units:":
        return None if found else _Layout(lines[:at] + lines[at + 1:])
    end = next((i for i in range(at + 1, len(lines))
                if lines[i].strip() and not _is_comment(lines[i]) and not lines[i].startswith(" ")), len(lines))
    begins = []
    for line, uid in sorted((doc.key_marks[("units", uid)][0] - 1, uid) for uid in (found or {})):
        while line - 1 > at and _is_comment(lines[line - 1]):
            line -= 1
        begins.append((line, uid))
    layout = _Layout(lines[:at], lines[at + 1:begins[0][0] if begins else end], {}, lines[end:])
    for i, (line, uid) in enumerate(begins):
        own = [t for t in lines[line:begins[i + 1][0] if i + 1 < len(begins) else end] if not t.strip().startswith(MARKER)]
        while own and not own[-1].strip():
            own.pop()
        layout.chunks[uid] = own
    return layout


def _english_units(english: Path, root: Path):
    model = kind_of(english, root)
    if model is None or not english.is_file():
        raise Refused(f"{english}: not an English data file (data/procedures/<platform>/<slug>.yml, "
                      "data/platforms/<id>.yml or data/glossary.yml)")
    doc, problems = read_yaml(english, english.name)
    try:
        if doc is None or problems:
            raise ValueError
        model.model_validate(doc.value)
    except (ValueError, ValidationError):
        raise Refused(f"{english.name} has problems: fix them first (`make check` lists them)") from None
    return units(doc.value, model).texts


def refresh(english: Path, root: Path, language: str, today: dt.date) -> Written:
    """Write (or refresh) the translation of `english` into `language`; return what was done."""
    if language not in LANGUAGES:
        raise Refused(f"LANG={language}: the site has no such edition (languages: {', '.join(LANGUAGES)})")
    english_texts = _english_units(english, root)
    target = translation_file(english, language)
    layout, translated = _Layout(_header(english, language, root, today)), {}
    if target.is_file():
        doc, problems = read_yaml(target, target.name)
        if doc is None:
            raise Refused(f"{target.name} is not readable YAML: fix it first ({problems[0]})")
        layout = _layout(target.read_text(encoding="utf-8"), doc)
        if layout is None:
            raise Refused(f"{target.name}: write `units:` on a line of its own, each unit indented under it")
        found = doc.value.get("units")
        translated = {uid: unit for uid, unit in (found.items() if isinstance(found, dict) else ())
                      if isinstance(unit, dict)}
    lines, counts = [*layout.head, "units:", *layout.opening], {}
    for uid, status in statuses(english_texts, translated, language).items():
        counts[status] = counts.get(status, 0) + 1
        if status == MISSING:
            lines += emit_unit(uid, english_texts[uid])
        elif status == TRANSLATED:
            lines += layout.chunks[uid]
        else:
            lines += [f"  {MARKER} {_advice(status, english_texts.get(uid), translated.get(uid))}", *layout.chunks.get(uid, [])]
    target.write_text("\n".join(lines + layout.tail).rstrip("\n") + "\n", encoding="utf-8")
    return Written(target, counts)


def _advice(status: str, english: dict | None, unit: dict | None) -> str:
    if status == STALE and "from" not in (unit or {}):
        return (f"no from: compare the text with the English item, correct it, then set "
                f'from: "{fingerprint(english)}"')
    if status == STALE:
        return (f"the English changed (`make translations` shows how): update the text, then set "
                f'from: "{fingerprint(english)}"')
    if status == MISMATCHED:
        return "the fields differ from the English item's: give it the same ones (the page shows the English)"
    assert status == ORPHANED
    return "no English item has this id any more: move the text to the new id, or delete this unit"
