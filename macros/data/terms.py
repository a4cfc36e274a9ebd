"""SC070: a guide uses a word the glossary must explain (`must_define`) but has no entry for.

The site marks and explains each glossary term at its first use on a page; a term listed in
`must_define` with no entry would reach the page unexplained. The check needs the glossary,
so the loader hands each procedure file the glossary's missing terms (usually none: then it
costs nothing, and the cache of results keys on them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .chars import whole_words
from .problems import Problem
from .yamlread import Document, _dotted

if TYPE_CHECKING:  # the check answered from its cache loads no model
    from .model import Glossary

#: Fields that hold no prose: ids, addresses, choices from a list, dates.
_NOT_PROSE = {"id", "url", "platform", "kind", "language", "unit", "interface", "source", "sources",
              "last_reviewed", "accessed", "editor_note"}


def undefined_terms(glossary: Glossary | None) -> frozenset[str]:
    """The `must_define` terms that are neither a term nor an alias of any entry."""
    if glossary is None:
        return frozenset()
    defined = {name.lower() for term in glossary.terms for name in (term.term, *term.aliases)}
    return frozenset(name for name in glossary.must_define if name.lower() not in defined)


def check_terms(leaves: list, doc: Document, display: str, undefined: frozenset[str]) -> list[Problem]:
    """Each text field that uses an undefined must_define term (whole words, any case), once per term."""
    if not undefined:
        return []
    pattern = re.compile(whole_words(undefined), re.IGNORECASE)
    problems = []
    for loc, value, _owner, name in leaves:
        if not isinstance(value, str) or name in _NOT_PROSE:
            continue
        for used in dict.fromkeys(m.group(1) for m in pattern.finditer(value)):
            line, col = doc.where(loc)
            problems.append(Problem(display, line, col, "SC070",
                                    f"{_dotted(loc)}: uses '{used}', a term data/glossary.yml must define "
                                    "(must_define), and the glossary has no entry for it",
                                    f"add an entry for '{used}' to the terms of data/glossary.yml (id, term, "
                                    "definition), or name it as an alias of an entry"))
    return problems
