"""Read a YAML data file strictly, remembering where every value stands.

Why not `yaml.safe_load`: PyYAML follows YAML 1.1, where `yes` is true, `1:30` is 90
and `010` is 8, and where a repeated key silently wins. Here a plain scalar only
becomes a boolean for true/false, a number for decimal digits, and null for
null/~/nothing; everything else stays the text the contributor typed. Anchors,
aliases and tags are refused (which also stops "billion laughs" alias bombs).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from . import chars
from .document import Document
from .files import read_bytes
from .problems import Problem
from .quickread import NeedsStrictRead, has_hints, quick_value
from .syntax_hints import key_hint, syntax_hint
from .typed_characters import character_problem, scan_characters

_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
#: Plain scalars that are not text: one look-up for the three sets above.
_PLAIN = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False), **dict.fromkeys(_NULL, None)}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_NUMBER_START = frozenset("+-0123456789")

Path_ = tuple  # a location inside the document: ("steps", 2, "title")


class _Refused(Exception):
    def __init__(self, code: str, mark, message: str, fix: str):
        self.code, self.mark, self.message, self.fix = code, mark, message, fix


# libyaml (C) scans and parses about 20 times faster than PyYAML's Python code; the values
# are built here, from its events, so nothing of YAML's own object model is ever used.
_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _mark(event_or_mark) -> tuple[int, int]:
    mark = getattr(event_or_mark, "start_mark", event_or_mark)
    return mark.line + 1, mark.column + 1


def _scalar(event: ScalarEvent):
    text = event.value
    if event.style:  # quoted or block text: always text (plain is None, or "" from libyaml)
        return text
    if text in _PLAIN:
        return _PLAIN[text]
    if text[:1] in _NUMBER_START and _INT.match(text):
        return int(text)
    return text


class _Builder:
    """Plain values from a stream of parser events, refusing anchors, aliases and tags
    (which also stops "billion laughs" alias bombs: nothing is ever expanded)."""

    def __init__(self, get_event, doc: Document, problems: list[Problem], file: str, text: str, plain: bool = False,
                 typed_hidden: bool = False):
        self.get_event, self.doc, self.problems, self.file, self.text = get_event, doc, problems, file, text
        self.marks, self.key_marks = doc._marks, doc._key_marks
        self.comments, self.screen = _text_checks(text, typed_hidden)
        self.checking = self.screen or self.comments
        if plain:  # no '&', '*' or '!' in the file: no anchor, alias or tag to look for
            self._next = get_event

    def _next(self):
        event = self.get_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("SC018", event.start_mark, "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the text out in full where it is needed")
        tag = getattr(event, "tag", None)
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)) and tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused("SC017", event.start_mark, f"the YAML tag '{shown}' is not allowed",
                           "remove the tag; put text in quotes if it needs them")
        return event

    def document(self):
        """The one document's value; None for an empty file."""
        self._next()  # StreamStart
        if isinstance(self._next(), StreamEndEvent):  # else DocumentStart
            return None
        value = self.value(self._next(), ())
        self._next()  # DocumentEnd
        event = self._next()
        if isinstance(event, DocumentStartEvent):
            raise _Refused("SC001", event.start_mark, "YAML syntax: a second document ('---') in the file",
                           "keep one document per file: remove the '---' line and what follows it")
        return value

    def value(self, event, loc: tuple):
        mark = event.start_mark
        self.marks[loc] = (mark.line + 1, mark.column + 1)
        if isinstance(event, ScalarEvent):
            value = _scalar(event)
            if self.checking and isinstance(value, str):
                self._check_text(event, value, loc)
            return value
        if isinstance(event, SequenceStartEvent):
            items = []
            while not isinstance(event := self._next(), SequenceEndEvent):
                items.append(self.value(event, loc + (len(items),)))
            return items
        return self.mapping(loc)

    def _check_text(self, event: ScalarEvent, value: str, loc: tuple) -> None:
        """Characters the raw scan cannot see (a "\\u202e" escape, a tab inside text), and
        plain text that a ' #' cut short."""
        if self.screen and chars.IN_VALUE.search(value):
            typed = self.text[event.start_mark.index:event.end_mark.index]
            for char in dict.fromkeys(chars.IN_VALUE.findall(value)):
                if char not in typed or char == "\t":  # typed ones are reported where they stand
                    self.problems.append(character_problem(self.file, _mark(event), char, _dotted(loc)))
        if self.comments and not event.style and (cut := _CUT.match(self.text, event.end_mark.index)):
            rest = self.text[cut.end() - 1:].split("\n", 1)[0][:40]
            line, col = _mark(event.end_mark)
            col += cut.end() - 1 - event.end_mark.index  # at the '#'

            self.problems.append(Problem(
                self.file, line, col, "SC041",
                f"{_dotted(loc)}: the text ends '{value if len(value) <= 30 else '…' + value[-30:]}': YAML reads "
                f"'{rest}' as a comment",
                "put the whole text in double quotes if the '#' belongs to it; if it is a comment, "
                "move it to a line of its own"))

    def mapping(self, loc: tuple) -> dict:
        result: dict = {}
        while not isinstance(key_event := self._next(), MappingEndEvent):
            if not isinstance(key_event, ScalarEvent):
                line, col = _mark(key_event)
                self.problems.append(Problem(self.file, line, col, "SC001", "a key must be plain text",
                                             "write the key as a single word followed by a colon"))
                self.value(key_event, loc + ("(key)",))
                self.value(self._next(), loc + ("(key)",))
                continue
            key = key_event.value
            if hint := key_hint(key):
                self.problems.append(Problem(self.file, *_mark(key_event), "SC001", f"YAML syntax: {hint[0]}", hint[1]))
            if key in result:
                line, col = _mark(key_event)
                first = self.key_marks[loc + (key,)][0]
                self.problems.append(Problem(
                    self.file, line, col, "SC003",
                    f"{_dotted(loc + (key,))}: key '{key}' appears twice (first on line {first})",
                    "keep one of them and delete the other"))
                self.value(self._next(), loc + ("(duplicate)",))
                continue
            mark = key_event.start_mark
            self.key_marks[loc + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.value(self._next(), loc + (key,))
        return result


_CUT = re.compile(r"[ \t]+#")


def _text_checks(text: str, typed_hidden: bool) -> tuple[bool, bool]:
    """(comments, screen): whether plain text may be cut short by a ' #' comment, and whether a
    value may hide a control or bidi character, typed into the file (the raw scan finds those;
    a tab it leaves to this check) or written as an escape ("\\u202e")."""
    return " #" in text or "\t#" in text, typed_hidden or "\\" in text or "\t" in text


def _read_value(text: str, doc: Document, problems: list[Problem], display: str, typed_hidden: bool):
    """The document's value: the quick way when the file needs none of the strict checks."""
    plain = not ("&" in text or "*" in text or "!" in text)  # no anchor, alias or tag to look for
    if plain and not any(_text_checks(text, typed_hidden)):
        loader = _LOADER(text)
        try:
            value = quick_value(loader.get_event, _scalar, doc._marks, doc._key_marks, has_hints(text))
            doc._refill = lambda: _all_marks(text, display, typed_hidden)
            return value
        except NeedsStrictRead:
            doc._marks.clear()
            doc._key_marks.clear()
        finally:
            loader.dispose()
    loader = _LOADER(text)
    try:
        return _Builder(loader.get_event, doc, problems, display, text, plain, typed_hidden).document()
    finally:
        loader.dispose()


def _all_marks(text: str, display: str, typed_hidden: bool):
    """Every mark of a file read the quick way, read again strictly (it read cleanly once)."""
    doc, loader = Document(), _LOADER(text)
    try:
        _Builder(loader.get_event, doc, [], display, text, False, typed_hidden).document()
    finally:
        loader.dispose()
    return doc._marks, doc._key_marks


def _dotted(loc: tuple) -> str:
    """('steps', 2, 'title') -> 'steps[2].title' (0-based, like the file's own order)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _opening_comments(text: str) -> tuple[str, ...]:
    """The comment lines before the first field, stripped (blank lines skipped)."""
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if line.strip():
            found.append(line.strip())
    return tuple(found)


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file. Returns (document, problems); document is None when unreadable."""
    raw, refused = read_bytes(path, display)
    if refused is not None:
        return None, [refused]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, "SC019", f"byte 0x{raw[err.start]:02x} is not UTF-8 text",
                              "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)")]
    text = text.removeprefix("\ufeff")
    problems: list[Problem] = []
    for number, line_text in enumerate(text.splitlines() if "\t" in text else (), 1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(display, number, indent.index("\t") + 1, "SC002",
                                    "the line is indented with a tab",
                                    "indent with spaces only (two per level)"))
    if problems:
        return None, problems
    typed_hidden = chars.typed_hidden(text)
    if typed_hidden:
        problems, stop = scan_characters(text, display)
        if stop:
            return None, problems
    doc = Document(None, header=_opening_comments(text))
    try:
        doc.value = _read_value(text, doc, problems, display, typed_hidden)
    except _Refused as err:
        line, col = _mark(err.mark)
        return None, [Problem(display, line, col, err.code, err.message, err.fix)]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, col = _mark(mark) if mark else (1, 1)
        what = getattr(err, "problem", None) or str(err)
        if hint := syntax_hint(text, line):
            return None, [Problem(display, hint.line, hint.col, "SC001", f"YAML syntax: {hint.message}", hint.fix)]
        return None, [Problem(display, line, col, "SC001", f"YAML syntax: {what}",
                              "check the indentation and quoting on this line and the one before; "
                              "text containing ': ' or starting with a special character needs quotes")]
    except RecursionError:
        return None, [Problem(display, 1, 1, "SC001", "YAML syntax: the file is nested too deeply",
                              "a procedure needs only a few levels of indentation; check the brackets")]
    if doc.value is None:
        return None, [Problem(display, 1, 1, "SC026", "the file is empty",
                              "start from a copy of an existing file or run `make new`")]
    if not isinstance(doc.value, dict):
        return None, problems + [Problem(display, 1, 1, "SC026", "the file is not a mapping of fields",
                                         "the file must be a list of `field: value` lines")]
    return doc, problems
