"""Previews at scale: in `make serve`, a rebuild after one edit redoes only what the edit changed.

With 1,000 guides a full rebuild takes about half a minute, for an edit to one file. While
serving, the code is reloaded only when it changed (macros/__init__.py), so what the last
rebuild made is still here:

- the data: each file's result with its model (macros/data/kept_results.py), so only the
  files that changed are read and validated again;
- the pages: each generated page's text with what it was rendered from (`rendered`), so a page
  whose inputs are the same objects, or equal ones, is not rendered again.

The engine's hook then tells the engine which pages changed (macros/engine/mkdocs_pages.py:
`mkdocs serve --dirty` writes only those). A build (`make build`, `macros.cli pages`) uses
none of this: it starts from nothing every time.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..data.kept_results import KeptResults


def serving() -> bool:
    """True in `make serve`, which serves with --dirty (the page hook sets the flag on start-up;
    `make serve FULL=1` rebuilds every page every time, and keeps nothing)."""
    return os.environ.get("SELLER_CHECKLISTS_PREVIEWS") == "1"


_kept: dict[Path, KeptResults] = {}


def kept_results(root: Path) -> KeptResults | None:
    """The last load's results for the project at `root` while serving; None in a build."""
    return _kept.setdefault(Path(root), KeptResults()) if serving() else None


def _same(a, b) -> bool:
    """Would a page made from `a` be the page made from `b`? The same object, or values of one
    type that are equal all the way down (a model is compared by its fields)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, functools.partial):
        return a.func is b.func and _same(a.args, b.args) and _same(a.keywords, b.keywords)
    if hasattr(a, "__dict__"):
        return _same(vars(a), vars(b))
    return a == b


def _title(text: str) -> str:
    """A generated page's title line (pages.front_matter writes the title first)."""
    return text.split("\n", 2)[1]


class RenderedPages:
    """Each generated page's text, with the call that made it, from the last rebuild."""

    def __init__(self):
        self._last: dict[str, tuple[functools.partial, str]] = {}
        self.reused = 0
        #: the pages whose text changed in the last call of `texts`; None: every page counts as
        #: changed (the first rebuild, or the navigation changed: a page added, removed or retitled)
        self.changed: set[str] | None = None

    def paths(self) -> set[str]:
        """The generated pages of the last rebuild."""
        return set(self._last)

    def texts(self, paths: list[str], makers: list, render_all) -> list[str]:
        """The text of every page: kept where its maker is the same as last time, the others
        made by `render_all(makers)`."""
        texts: list[str | None] = []
        todo: list[int] = []
        for number, (path, make) in enumerate(zip(paths, makers)):
            last = self._last.get(path)
            texts.append(last[1] if last is not None and _same(last[0], make) else None)
            if texts[-1] is None:
                todo.append(number)
        for number, text in zip(todo, render_all([makers[n] for n in todo])):
            texts[number] = text
        self.reused = len(paths) - len(todo)
        last, self._last = self._last, {path: (make, text) for path, make, text in zip(paths, makers, texts)}
        changed = {paths[n] for n in todo if paths[n] not in last or last[paths[n]][1] != texts[n]}
        same_pages = last.keys() == self._last.keys()
        self.changed = changed if same_pages and all(_title(last[p][1]) == _title(self._last[p][1])
                                                     for p in changed) else None
        return texts


_rendered: dict[tuple, RenderedPages] = {}


def rendered_pages(root: str | None, language: str) -> RenderedPages | None:
    """The last rebuild's pages of one edition while serving; None in a build."""
    return _rendered.setdefault((root, language), RenderedPages()) if serving() else None


def changed_guides(catalogue, root: str | None, language: str) -> set[str] | None:
    """While serving with only some pages changed: the keys of the guides whose page changed
    (their exports and toolbox are written again, the others' left); None: every guide's."""
    rendered = _rendered.get((root, language)) if serving() else None
    if rendered is None or rendered.changed is None:
        return None
    return {key for key, entry in catalogue.entries.items() if entry.page_path in rendered.changed}



def forget_pages() -> None:
    """After a failed rebuild: what it rendered may not have been written, so the next rebuild
    counts every page as changed (the data's results are kept: they do not depend on it)."""
    _rendered.clear()
