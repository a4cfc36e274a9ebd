"""Control and bidirectional characters typed into a data file: the problems they make.

A raw scan of the text finds them wherever they stand (a comment, a key, a value), before YAML
reads it: a control character also confuses YAML's line numbers.
"""

from __future__ import annotations

from . import chars
from .problems import Problem


def character_problem(file: str, where: tuple[int, int], char: str, field: str | None = None) -> Problem:
    """SC038 for a bidirectional control, SC039 for any other control character."""
    what = chars.describe(char)
    at = f"{field}: " if field else ""
    if chars.BIDI.match(char):
        return Problem(file, *where, "SC038", f"{at}contains {what}, which can reorder how the text shows",
                       "delete it: it is invisible, so find it with the arrow keys (in quoted text it "
                       f"may be written \\u{ord(char):04x})")
    if char == "\r":
        fix = ("delete it: in a terminal it prints the rest of the line over the start; save the file "
               "with LF line endings (the project's .editorconfig says end_of_line = lf)")
    elif char == "\t":
        fix = "replace the tab with a space"
    else:
        fix = "delete it; only line breaks may stand between words (use '>-' or '|-' for long text)"
    return Problem(file, *where, "SC039", f"{at}contains {what}", fix)


def scan_characters(text: str, file: str) -> tuple[list[Problem], bool]:
    """Control and bidirectional characters typed into the file, wherever they stand (a
    comment, a key, a value): the first of each kind on each line. The second value is True
    when one is a control character, which also confuses YAML's line numbers: reading stops."""
    problems: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    stop = False
    for found in chars.RAW.finditer(text):
        char = found.group(0)
        line = text.count("\n", 0, found.start()) + 1
        code = "SC038" if chars.BIDI.match(char) else "SC039"
        stop = stop or code == "SC039"
        if (line, code) in seen:
            continue
        seen.add((line, code))
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        problems.append(character_problem(file, (line, col), char))
        if len(seen) >= 20:
            break
    return problems, stop
