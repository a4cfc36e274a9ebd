"""The quick way through a clean YAML file: its value from libyaml's events, marks only at the top.

A clean file (no comment that could cut text short, no escape or tab that could hide a
character, no anchor, alias or tag) needs none of the strict reader's checks, and most of the
strict reader's time went on remembering where every value stands. Here only the top level is
remembered (the file's `id`, `units` …); a problem deeper down has the file read again in full
when it asks where it stands (yamlread.Document). Anything the strict reader would report
(a repeated key, a key that looks mistyped, a key that is not text, a second document) raises
NeedsStrictRead: the file is then read the strict way from the start.
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

from .syntax_hints import key_hint


class NeedsStrictRead(Exception):
    """The file has something only the strict reader reports."""


def quick_value(get_event, scalar, marks: dict, key_marks: dict):
    """The one document's value (None for an empty file). `scalar`: a scalar event's value
    (yamlread's rules); the root's and the top-level keys' and values' (line, col) go into
    `marks` and `key_marks`, as the strict reader would put them."""

    def value(event, top: bool = False):
        kind = event.__class__
        if kind is ScalarEvent:
            return scalar(event)
        if kind is SequenceStartEvent:
            items = []
            while (event := get_event()).__class__ is not SequenceEndEvent:
                items.append(value(event))
            return items
        result = {}
        while (key := get_event()).__class__ is not MappingEndEvent:
            if key.__class__ is not ScalarEvent or key.value in result or key_hint(key.value):
                raise NeedsStrictRead
            event = get_event()
            if top:  # the top level's marks are kept
                key_marks[(key.value,)], marks[(key.value,)] = _mark(key), _mark(event)
            result[key.value] = value(event)
        return result

    get_event()  # StreamStart
    if get_event().__class__ is StreamEndEvent:  # else DocumentStart
        return None
    root = get_event()
    marks[()] = _mark(root)
    found = value(root, top=root.__class__ is MappingStartEvent)
    get_event()  # DocumentEnd
    if get_event().__class__ is not StreamEndEvent:
        raise NeedsStrictRead  # a second document
    return found


def _mark(event) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
