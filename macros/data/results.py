"""What the check keeps of one data file (FileResult), and the rule across files (SC008).

Plain values only, and no import of the model: a check whose every file is unchanged since
the last one answers from the cache (macros/data/cache.py) without loading pydantic at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem


@dataclass
class FileResult:
    """What one data file gave: its model (None when rejected, or when the result came from
    the cache), its problems, and the file's own `id` with where it stands."""

    display: str
    model: object | None  # a pydantic model (this module imports none: a cached result needs none)
    problems: list[Problem]
    id: str | None = None
    id_at: tuple[int, int] = (1, 1)
    valid: bool = False  # the model accepted the file (its named checks may still complain)
    domains: tuple[str, ...] = ()  # a platform's official host names (the procedures' SC044 needs them)
    terms: tuple[str, ...] = ()  # the glossary's must_define terms without an entry (SC070 needs them)
    value: object = None  # sent back by a worker for the build: a valid file's value, for its model;
    # for a translation, what translation_model.as_read gives


def check_across_files(files: list[tuple[str | None, tuple[int, int], str]],
                       published: frozenset[str] | None = None) -> list[Problem]:
    """Procedure ids are unique across the whole site: saved progress is keyed by them.

    `files` holds (the file's id or None, where the id stands, file shown in messages) for
    every readable procedure file; `published`, the procedure files on the base branch (None
    when unknown). The new file is blamed: a published id never changes. Without a base,
    both files are named.
    """
    by_id: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for pid, at, display in files:
        if pid is not None:
            by_id.setdefault(pid, []).append((at, display))
    problems = []
    for pid, places in by_id.items():
        if len(places) < 2:
            continue
        old = [p for p in places if published is not None and p[1] in published]
        new = [p for p in places if p not in old]
        if old and new:
            for (line, col), display in new:
                problems.append(Problem(display, line, col, "SC008",
                                        f"id: '{pid}' is already the id of the published {old[0][1]}",
                                        "this file is new: give it its own id, e.g. <platform>-<what-it-does> "
                                        "(published ids never change: sellers' ticks are keyed by them)"))
            continue
        names = " and ".join(display for _at, display in places)
        for (line, col), display in places[1:]:
            problems.append(Problem(display, line, col, "SC008", f"id: '{pid}' is the id of {names}",
                                    "give the new one of these files its own id, e.g. <platform>-<what-it-does>; "
                                    "keep the id of the one already published"))
    return problems
