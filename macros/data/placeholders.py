"""Text that `make new` wrote as an example must never be published (rule SC056).

An unedited scaffold is valid YAML with every field filled, so without this rule it passed
`make check` and the home page showed "Replace this with one sentence…".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .problems import Problem
from .yamlread import _dotted

#: How the scaffold's example texts begin (macros/data/scaffold_templates/).
_PLACEHOLDER_TEXT = re.compile(r"^\s*Replace (this|with)\b", re.IGNORECASE)
#: The reserved example hosts (RFC 2606), which the scaffold uses for addresses.
_EXAMPLE_HOST = re.compile(r"(^|\.)example\.(com|net|org)$|^example$", re.IGNORECASE)


def is_placeholder(value) -> bool:
    if not isinstance(value, str):
        return False
    if _PLACEHOLDER_TEXT.match(value):
        return True
    if value[:8].lower() == "https://":
        host = urlsplit(value).hostname or ""
        return bool(_EXAMPLE_HOST.search(host))
    return False


def check_placeholders(leaves: list, doc, display: str) -> list[Problem]:
    """Every field that still holds the scaffold's example text or an example.com address."""
    problems = []
    for loc, value, _owner, name in leaves:
        if is_placeholder(value) or (name == "domains" and isinstance(value, str) and _EXAMPLE_HOST.search(value)):
            line, col = doc.where(loc)
            shown = value if len(value) <= 60 else value[:57] + "…"
            problems.append(Problem(display, line, col, "SC056", f"{_dotted(loc)}: still the example '{shown}'",
                                    "write what the platform's own page says (or delete the field if it is optional)"))
    return problems
