"""The checks of a translation file: errors for what its translator wrote wrong, warnings for
what the English did to it.

A malformed file (bad YAML, an unknown key, a wrong type, a bad `from`) is an error: only its
translator can cause that. A stale, missing, orphaned or mismatched unit is a warning and
shows in English: an English-only contributor must never be blocked by a translation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from .checks import check_dates, check_text
from .problems import Problem
from .translation_model import FINGERPRINT_PATTERN, Translation, UnitText, read_translation
from .translation_paths import LANGUAGES, english_file, kind_of, language_of
from .translations import MISMATCHED, MISSING, ORPHANED, STALE, fingerprint, shape, statuses, units
from .walk import walk_leaves
from .yamlread import Document, _dotted, read_yaml

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3001-\u303f\uff01-\uff0f\uff1a-\uff20"
HAN_SPACE = re.compile(f"([{_CJK}])[ \u00a0]+([{_CJK}])")
_HAN_LANGUAGES = {"zh"}
_FOLDING_FIX = ("YAML's '>-' (and plain text continued on the next line) joins lines with a space, which "
                "Chinese does not use: write the text on one line (long lines are fine), or use '|-' and "
                "start a new line only where the text has a line break")


def schema_line(path: Path, root: Path) -> str:
    """The editor line a translation file opens with (relative to the file, as editors resolve it)."""
    target = os.path.relpath(Path(root) / "schema" / "translation.schema.json", Path(path).parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def translate_command(english: str, language: str) -> str:
    return f"make translate LANG={language} FILE={english}"


class English(NamedTuple):
    """An English data file as its reader left it: the document (None: not readable), and
    whether it was read without a problem and the model accepted it (only then are the units
    of a translation compared with it; the English file's own problems are reported with it).
    `model`: the model the English file holds, when its reader knows it (else the translation's
    place says: translation_paths.kind_of, which resolves both paths)."""

    doc: Document | None
    clean: bool
    model: type | None = None


def check_translation(path: Path, root: Path, today: dt.date, english: English | None = None,
                      keep: bool = True) -> list[Problem]:
    """Every problem of one translation file (and, as warnings, of its English file's ids).
    `english`: the English file as already read, when it was (else it is read here); `keep`:
    remember the file as read, for a build's pages (translation_model.read_translation)."""
    root = Path(root)
    display = path.relative_to(root).as_posix()
    doc, translation, problems = read_translation(path, display, keep)
    if doc is None:
        return problems
    problems += _check_name(path, root, doc, display)
    problems += _check_text(doc, display, today)
    problems += _check_fingerprints(doc, display, path, root)
    english_path = english_file(path)
    model = english.model if english is not None and english.model is not None else kind_of(english_path, root)
    english_display = english_path.relative_to(root).as_posix()
    if model is None or (english is None and not english_path.is_file()):
        return problems + [Problem(display, 1, 1, "SC115", f"there is no English file {english_display} to translate",
                                   "if the English file was renamed, rename this file the same way; if it was "
                                   "deleted, delete this translation too")]
    if english is None:
        english_doc, english_problems = read_yaml(english_path, english_display)
        english = English(english_doc, english_doc is not None and not english_problems and _valid(model, english_doc))
    if not english.clean or translation is None:
        return problems  # the English file's own problems are reported with it
    return problems + _check_units(doc, display, translation, english.doc, english_display, model)


def _valid(model, doc: Document) -> bool:
    try:
        model.model_validate(doc.value)
        return True
    except ValidationError:
        return False


def _check_name(path: Path, root: Path, doc: Document, display: str) -> list[Problem]:
    problems = []
    language, written = language_of(path), doc.value.get("language")
    known = ", ".join(LANGUAGES)
    if language not in LANGUAGES:
        problems.append(Problem(display, 1, 1, "SC100", f"'.{language}.yml': the site has no '{language}' edition",
                                f"name a translation <name>.<language>.yml with one of: {known}; delete a copy "
                                "that is not a translation"))
    elif isinstance(written, str) and written in LANGUAGES and written != language:
        line, col = doc.where(("language",))
        problems.append(Problem(display, line, col, "SC100",
                                f"language: '{written}', but the file name says '.{language}.yml'",
                                f"write language: {language}, or rename the file"))
    want = schema_line(path, root)
    if want not in doc.header:
        problems.append(Problem(display, 1, 1, "SC027", "the file does not start with the editor's schema line",
                                f"make the first line exactly: {want}"))
    return problems


def _check_text(doc: Document, display: str, today: dt.date) -> list[Problem]:
    """Plain text (no HTML, no Markdown links, titles on one line), real dates, and no space
    that YAML's folding left between two Chinese characters."""
    outside = {key: value for key, value in doc.value.items() if key != "units"}
    leaves = walk_leaves(outside, Translation)
    unit_map = doc.value.get("units")
    for uid, unit in (unit_map.items() if isinstance(unit_map, dict) else ()):
        leaves += walk_leaves(unit, UnitText, ("units", uid))
    problems = check_text(leaves, doc, display) + check_dates(leaves, doc, display, today)
    if doc.value.get("language") in _HAN_LANGUAGES:
        for loc, value, _owner, _name in leaves:
            if isinstance(value, str) and (" " in value or "\u00a0" in value) and (found := HAN_SPACE.search(value)):
                line, col = doc.where(loc)
                problems.append(Problem(display, line, col, "SC114",
                                        f"{_dotted(loc)}: a space between '{found.group(1)}' and '{found.group(2)}'",
                                        _FOLDING_FIX))
    return problems


def _check_fingerprints(doc: Document, display: str, path: Path, root: Path) -> list[Problem]:
    problems = []
    english = english_file(path).relative_to(root).as_posix()
    unit_map = doc.value.get("units")
    for uid, unit in (unit_map.items() if isinstance(unit_map, dict) else ()):
        if not isinstance(unit, dict):
            continue  # the model reports it (SC005)
        given = unit.get("from")
        if isinstance(given, str) and re.fullmatch(FINGERPRINT_PATTERN, given):
            continue
        line, col = doc.where(("units", uid, "from") if "from" in unit else ("units", uid), key="from" not in unit)
        what = "has no 'from'" if given is None else f"from: '{given}' is not a fingerprint"
        problems.append(Problem(display, line, col, "SC101", f"units.{uid}: {what}",
                                f"never type it: run `{translate_command(english, language_of(path) or 'zh')}`, "
                                "which writes it for every unit"))
    return problems


def _check_units(doc: Document, display: str, translation: Translation, english_doc: Document,
                 english_display: str, model) -> list[Problem]:
    """Warnings: stale, orphaned, mismatched and missing units; English entries without an id."""
    found = units(english_doc.value, model)
    translated = translation.model_dump(by_alias=True, exclude_none=True, include={"units"})["units"]
    language = translation.language
    problems, missing = [], []
    for uid, status in statuses(found.texts, translated, language).items():
        if status in (ORPHANED, MISMATCHED):  # the place of a unit's key, read only when told
            line, col = doc.where(("units", uid), key=True)
        if status == STALE and "from" not in translated[uid]:
            continue  # no fingerprint at all: an error of its own (SC101, _check_fingerprints)
        if status == STALE:
            now = fingerprint(found.texts[uid])
            line, col = doc.where(("units", uid, "from"))
            problems.append(Problem(display, line, col, "SC110",
                                    f"units.{uid}: the English changed since this was translated "
                                    f"(from: {translated[uid]['from']}; the English is now {now})",
                                    f'`make translations` shows what changed; update the text, then set from: "{now}"'))
        elif status == ORPHANED:
            problems.append(Problem(display, line, col, "SC112",
                                    f"units.{uid}: {english_display} has no item with the id '{uid}' any more",
                                    "if the English id was renamed, move this text to the new id; otherwise delete "
                                    "this unit"))
        elif status == MISMATCHED:
            problems.append(Problem(display, line, col, "SC113", f"units.{uid}: {_difference(found.texts[uid], translated[uid])}",
                                    "give the unit the same fields, and as many list entries, as the English item"))
        elif status == MISSING:
            missing.append(uid)
    if missing:
        named = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        line, col = doc.where(("units",), key=True)
        problems.append(Problem(display, line, col, "SC111",
                                f"{len(missing)} of {len(found.texts)} unit(s) not translated yet: {named}",
                                f"run `{translate_command(english_display, language)}` to add them with the "
                                "English text, then translate them (until then the page shows them in English)"))
    for loc in found.without_id:
        line, col = english_doc.where(loc)
        problems.append(Problem(english_display, line, col, "SC116",
                                f"{_dotted(loc)}: this entry has no id, so its translation ({display}) cannot be kept",
                                "give it an id: lower-case words joined by hyphens, e.g. id: pause-sales-instead"))
    return problems


def _difference(english: dict, entry: dict) -> str:
    """What differs between a unit's English text and its translation, in words."""
    text = {key: value for key, value in entry.items() if key != "from"}
    lacking = [key for key in english if key not in text]
    extra = [key for key in text if key not in english]
    said = []
    if lacking:
        said.append("lacks " + ", ".join(lacking))
    if extra:
        said.append("has " + ", ".join(extra) + ", which the English item has not")
    if said:
        return "the translation " + " and ".join(said)
    unequal = [key for key in english if shape(english[key]) != shape(text[key])]
    return f"{', '.join(unequal)}: not as many entries (or parts) as in the English"
