"""A heuristic for 'step titles start with a verb': the first word is in macros/verbs.txt."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def known_verbs() -> frozenset[str]:
    text = (Path(__file__).parent / "verbs.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(word.lower() for line in lines for word in line.split())


def starts_with_verb(title: str) -> bool:
    """True when the first word (ignoring a leading 'Do not'/'Don't') is a known imperative verb."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", title)
    if not words:
        return False
    lowered = [w.lower() for w in words]
    if lowered[:2] == ["do", "not"]:
        lowered = lowered[2:]
    elif lowered[0] in {"don't", "never", "always"}:
        lowered = lowered[1:]
    return bool(lowered) and lowered[0] in known_verbs()
