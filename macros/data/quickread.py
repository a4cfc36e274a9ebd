"""The quick way through a clean YAML file: its value from libyaml's events, marks only at the top.

A clean file (no comment that could cut text short, no escape or tab that could hide a
character, no anchor, alias or tag) needs none of the strict reader's checks, and most of the
strict reader's time went on remembering where every value stands. Here only the top level is
remembered (the file's `id`, `units` …); a problem deeper down has the file read again in full
when it asks where it stands (yamlread.Document). Anything the strict reader would report
(a repeated key, a key that looks mistyped, a key that is not text, a second document) raises
NeedsStrictRead: the file is then read the strict way from the start.

Module-level functions, not a closure: a nested function that calls itself is a reference
cycle, which kept every file's parser (and its text) alive until the garbage collector ran.
"""

from __future__ import annotations

from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .syntax_hints import FULL_COLON, FULL_SPACE, key_hint


class NeedsStrictRead(Exception):
    """The file has something only the strict reader reports."""


def quick_value(get_event, scalar, marks: dict, key_marks: dict, hints: bool = True):
    """The one document's value (None for an empty file). `scalar`: a scalar event's value
    (yamlread's rules); the root's and the top-level keys' and values' (line, col) go into
    `marks` and `key_marks`, as the strict reader would put them. `hints`: whether a key may
    hold a full-width colon or space (False when the file has none: no key is looked at)."""
    get_event()  # StreamStart
    if get_event().__class__ is StreamEndEvent:  # else DocumentStart
        return None
    root = get_event()
    marks[()] = _mark(root)
    read = _Read(get_event, scalar, hints)
    if root.__class__ is MappingStartEvent:
        found = read.mapping(marks, key_marks)
    else:
        found = read.value(root)
    get_event()  # DocumentEnd
    if get_event().__class__ is not StreamEndEvent:
        raise NeedsStrictRead  # a second document
    return found


class _Read:
    """One file's events into plain values (scalars are taken in the loops: a call per value
    was a fifth of the reading)."""

    def __init__(self, get_event, scalar, hints: bool):
        self.get_event, self.scalar, self.hints = get_event, scalar, hints

    def value(self, event):
        kind = event.__class__
        if kind is ScalarEvent:
            return self.scalar(event)
        if kind is SequenceStartEvent:
            return self.sequence()
        return self.mapping()

    def sequence(self) -> list:
        get_event, scalar = self.get_event, self.scalar
        items = []
        while (event := get_event()).__class__ is not SequenceEndEvent:
            items.append(scalar(event) if event.__class__ is ScalarEvent else self.value(event))
        return items

    def mapping(self, marks: dict | None = None, key_marks: dict | None = None) -> dict:
        """A mapping's value; with `marks`, the top level's: its keys' and values' marks are kept."""
        get_event, scalar = self.get_event, self.scalar
        result: dict = {}
        while (key := get_event()).__class__ is not MappingEndEvent:
            if key.__class__ is not ScalarEvent or key.value in result or (self.hints and _mistyped(key.value)):
                raise NeedsStrictRead
            event = get_event()
            if marks is not None:
                key_marks[(key.value,)], marks[(key.value,)] = _mark(key), _mark(event)
            result[key.value] = scalar(event) if event.__class__ is ScalarEvent else self.value(event)
        return result


def _mistyped(key: str) -> bool:
    return (FULL_COLON in key or FULL_SPACE in key) and key_hint(key) is not None


def has_hints(text: str) -> bool:
    """Whether any key of `text` may hold a full-width colon or space (key_hint)."""
    return FULL_COLON in text or FULL_SPACE in text


def _mark(event) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
