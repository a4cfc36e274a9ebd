"""What most likely went wrong when a data file is not valid YAML, in the contributor's terms.

PyYAML names the place where it gave up, which is often the line after the mistake, and says
"mapping values are not allowed here". Two mistakes cause most of these:
- a key indented one level deeper than the key above it ("outdent it");
- a full-width colon `：` or a full-width space `　` (typed with a Chinese input method) where
  YAML expects its ASCII colon or space.
The full-width characters are looked for only where YAML syntax stands (before the key's colon,
right after it, in the indentation), never inside text, which Chinese uses them in.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FULL_COLON, FULL_SPACE = "\uff1a", "\u3000"
#: A line's syntax: its indentation, an optional list dash, a key, and what follows the key.
_KEY_LINE = re.compile(r"^(?P<indent>[ \u3000]*)(?P<dash>-[ \u3000]+)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*)"
                       r"(?P<colon>[ \u3000]*[:\uff1a])(?P<after>[ \u3000]?)")


class Hint(NamedTuple):
    line: int
    col: int
    message: str
    fix: str


def _full_width(number: int, text: str) -> Hint | None:
    match = _KEY_LINE.match(text)
    if not match:
        return None
    key = match["key"]
    if FULL_COLON in match["colon"]:
        return Hint(number, match.start("colon") + match["colon"].index(FULL_COLON) + 1,
                    f"the key '{key}' is followed by a full-width colon '：'",
                    "type an ASCII colon ':' followed by a space (switch the input method to English)")
    if FULL_SPACE in match["indent"] + (match["dash"] or "") + match["after"]:
        where = match["indent"] + (match["dash"] or "")
        col = where.index(FULL_SPACE) + 1 if FULL_SPACE in where else match.end("colon") + 1
        return Hint(number, col, f"a full-width space '　' stands in the YAML syntax of the '{key}' line",
                    "use ASCII spaces for indentation and after the colon (switch the input method to English)")
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _too_deep(lines: list[str], number: int) -> Hint | None:
    """The key on line `number` is indented deeper than the key-and-value line above it."""
    here = lines[number - 1]
    match = _KEY_LINE.match(here)
    if not match or match["dash"]:
        return None
    above = next((n for n in range(number - 1, 0, -1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    if above is None:
        return None
    previous = _KEY_LINE.match(lines[above - 1])
    value_above = lines[above - 1][previous.end():].strip() if previous else ""
    if not previous or not value_above or value_above[0] in "|>" or _indent(here) <= _indent(lines[above - 1]):
        return None
    line_up = _indent(lines[above - 1]) + len(previous["dash"] or "")
    return Hint(number, _indent(here) + 1,
                f"the key '{match['key']}' is indented deeper than '{previous['key']}' on line {above}",
                f"outdent it to line up with '{previous['key']}' ({line_up} spaces), or, if it belongs "
                f"to an item of its own, start that item with '- '")


def syntax_hint(text: str, line: int) -> Hint | None:
    """The likely mistake behind a YAML syntax error reported at `line` (1-based), if known."""
    lines = text.splitlines()
    for number in (line - 1, line):
        if 1 <= number <= len(lines) and (hint := _full_width(number, lines[number - 1])):
            return hint
    if 1 <= line <= len(lines):
        return _too_deep(lines, line)
    return None


def key_hint(key: str) -> tuple[str, str] | None:
    """A key that parsed but holds a full-width colon or space: the same two mistakes, where
    YAML accepted them as part of the key (e.g. '　　title' indented with full-width spaces)."""
    if FULL_COLON in key:
        return (f"the key '{key}' holds a full-width colon '：'",
                "type an ASCII colon ':' followed by a space (switch the input method to English)")
    if FULL_SPACE in key:
        return (f"the key '{key}' holds a full-width space '　'",
                "use ASCII spaces for indentation (switch the input method to English)")
    return None
