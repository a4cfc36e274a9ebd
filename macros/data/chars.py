"""Characters that make text show something other than what it says.

Bidirectional controls reorder how a line is drawn (a reviewer reads one thing, a seller
another: "Trojan Source"); control characters move the cursor, ring bells or end lines in
a terminal; spaces, fillers and format characters look like nothing at all. The reader
refuses the first two wherever they stand (SC038, SC039) and the model refuses text made
only of the last (SC040). Messages never print such a character as it is: `shown` spells it.
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional controls: embeddings, overrides and isolates, and the three invisible marks.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: C0 controls except the line break, DEL, C1 controls (NEL among them), and the Unicode line
#: and paragraph separators, which YAML and terminals also treat as line ends.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: Either kind, in text typed into the file: the tab (a YAML separator) and a CR that ends a
#: line with LF (Windows line endings, read by YAML as one line break) are left to YAML.
RAW = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f"
                 "\u2028\u2029]|\r(?!\n)")
#: RAW without the carriage return: one character class, which a regex scans many times faster.
RAW_CLASS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f"
                       "\u2028\u2029]")


def typed_hidden(text: str) -> bool:
    """True when `text` holds a character RAW matches (fast for the usual text that holds none)."""
    return RAW_CLASS.search(text) is not None or ("\r" in text and RAW.search(text) is not None)
#: What a value may not hold: BIDI or CONTROL.
IN_VALUE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: Anything `shown` spells out.
HIDDEN = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x1f\x7f-\x9f\u2028\u2029]")

_NAMES = {"\t": "a tab", "\r": "a carriage return (\\r)", "\x1b": "an escape character (\\x1b)",
          "\x85": "a next-line character (NEL, \\x85)", "\x00": "a NUL character (\\x00)",
          "\u2028": "a line separator (U+2028)", "\u2029": "a paragraph separator (U+2029)"}
#: Letters of Hangul and Braille that draw nothing (category Lo/So, so named one by one).
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def describe(char: str) -> str:
    """'the right-to-left override U+202E', 'a carriage return (\\r)': what a contributor can search for."""
    if char in _NAMES:
        return _NAMES[char]
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"the invisible {name.lower()} {code}" if name else f"the control character {code}"


def _spelled(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def shown(text: str, keep: str = "") -> str:
    """`text` with every control and bidirectional character written as an escape (\\n, \\u202e),
    except those in `keep` (for a format that escapes them its own way)."""
    if not HIDDEN.search(text):
        return text
    return HIDDEN.sub(lambda m: m.group(0) if m.group(0) in keep else _spelled(m.group(0)), text)


def has_visible(text: str) -> bool:
    """True when at least one character draws something: not a space, a filler, a format or
    control character, or a combining mark with nothing to combine with."""
    if text and ("!" <= text[0] <= "~" or (text[0].isalpha() and text[0] not in FILLERS)):
        return True  # nearly all text starts with a visible ASCII character, or a letter (Han ...)
    return any(not char.isspace() and char not in FILLERS
               and unicodedata.category(char) not in _INVISIBLE_CATEGORIES for char in text)


#: Han characters (CJK ideographs and their extensions).
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def whole_words(names) -> str:
    """A regular expression matching any of `names` as a whole word: not inside a longer word
    of letters or digits. Han characters do not count as letters here, since Chinese writes no
    spaces between words: 放款 is found in 退款和放款, and 'fee' is still not found in 'feedback'."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))  # the longest form first
    return rf"(?<![^\W{HAN_CHARS}])({alternatives})(?![^\W{HAN_CHARS}])"
