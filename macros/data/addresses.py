"""One page, one source.

A platform file gives the page /<id>/ and a procedure file the page /<platform>/<slug>/.
Neither may take a name the build writes itself (SC031, macros/site/reserved.py), nor an
address a hand-written page of docs/ or another data file already has (SC032).

(Element ids on a page cannot clash: every heading has a fixed id and every id made from
data has a prefix, see macros/site/inert.py. SC033, which refused titles whose heading
anchor was taken, was retired for that reason before any release.)
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem


def docs_names(root: Path) -> dict[str, str]:
    """Each top-level name in docs/ (and its name without '.md', or README -> index) -> the
    path shown in messages. Links are listed, never followed."""
    names: dict[str, str] = {}
    try:
        with os.scandir(Path(root) / "docs") as found:
            for entry in found:
                shown = f"docs/{entry.name}" + ("/" if entry.is_dir(follow_symlinks=False) else "")
                stem = entry.name.split(".", 1)[0]
                for name in (entry.name, stem, "index" if stem.lower() == "readme" else stem):
                    names.setdefault(name.lower(), shown)
    except OSError:
        pass
    return names


def check_addresses(root: Path, platforms: list[tuple[str, tuple[int, int], str]],
                    procedures: list[tuple[str, str]]) -> list[Problem]:
    """SC031 and SC032 across the data. `platforms`: (id from the file name, where its `id:`
    stands, file shown); `procedures`: (the page address '<platform>/<slug>', file shown)."""
    from ..site.reserved import is_reserved  # what the build writes: the site side knows it

    docs = docs_names(root)
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for name, (line, col), display in platforms:
        if is_reserved(name):
            problems.append(Problem(display, line, col, "SC031",
                                    f"id: '{name}' is a name the site's build writes itself (/{name}/)",
                                    "choose another platform id, e.g. the platform's own name; rename the file"))
        elif name.lower() in docs:
            problems.append(Problem(display, line, col, "SC032",
                                    f"id: the address /{name}/ is already {docs[name.lower()]} (a hand-written page)",
                                    "choose another platform id and file name, or rename the page in docs/"))
        elif (other := first.setdefault(name.lower(), display)) != display:
            problems.append(Problem(display, line, col, "SC032", f"id: the address /{name.lower()}/ is also {other}",
                                    "keep one file per platform; names differing only in capitals are one address"))
    for address, display in procedures:
        slug = address.rsplit("/", 1)[-1]
        if is_reserved(slug):
            problems.append(Problem(display, 1, 1, "SC031",
                                    f"the file name '{slug}.yml' is a name the site's build writes itself "
                                    f"(/{address}/)" + (": it would replace the platform's page" if slug == "index" else ""),
                                    "rename the file after what the procedure does, e.g. close-account.yml"))
        elif (other := first.setdefault(address.lower(), display)) != display:
            problems.append(Problem(display, 1, 1, "SC032", f"the address /{address.lower()}/ is also {other}",
                                    "keep one file per procedure; names differing only in capitals are one address"))
    return problems
