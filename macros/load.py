"""Load and validate every data file: data/platforms/*.yml and data/procedures/<platform>/*.yml.

All problems in all files are collected before anything is reported, so a
contributor fixes everything in one round. Nothing is returned unless every
file is valid: bad data never reaches a build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import checks
from .errors import problems_from_validation
from .model import Platform, Procedure
from .problems import DataError, Problem
from .yamlread import Document, read_yaml


@dataclass(frozen=True)
class Entry:
    """A validated procedure and where it lives."""

    procedure: Procedure
    platform: Platform
    slug: str
    source_file: str  # as shown in messages, relative to the project root

    @property
    def key(self) -> str:
        """`<platform>/<slug>`: the page's address and how templates name the procedure."""
        return f"{self.platform.id}/{self.slug}"

    @property
    def page_path(self) -> str:
        return f"{self.key}.md"


@dataclass(frozen=True)
class Catalogue:
    platforms: dict[str, Platform]
    entries: dict[str, Entry]  # by key, sorted by platform then title

    def for_platform(self, platform_id: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.platform.id == platform_id]

    def platforms_in_use(self) -> list[Platform]:
        used = {e.platform.id for e in self.entries.values()}
        return sorted((p for p in self.platforms.values() if p.id in used), key=lambda p: p.name.lower())


def _validate(model: type[BaseModel], doc: Document, display: str) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.value), []
    except ValidationError as err:
        return None, problems_from_validation(err, model, doc, display)


def _unique(problems: list[Problem]) -> list[Problem]:
    """The model and a named check may both see the same mistake: report it once."""
    seen, unique = set(), []
    for p in problems:
        key = (p.file, p.line, p.col, p.code)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def load_catalogue(root: Path, today: dt.date | None = None) -> Catalogue:
    """Read, validate and cross-check all data under `root/data`. Raises DataError with every problem."""
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []

    platforms: dict[str, Platform] = {}
    for path in sorted((root / "data" / "platforms").glob("*.y*ml")):
        display = path.relative_to(root).as_posix()
        doc, found = read_yaml(path, display)
        problems += found
        if doc is None:
            continue
        platform, found = _validate(Platform, doc, display)
        problems += found
        if isinstance(doc.value, dict):  # the named checks also run on a file the model rejected
            problems += checks.check_platform(platform, path, doc, display)
        if platform is not None:
            platforms[platform.id] = platform

    loaded: list[tuple[Procedure, Document, Path, str]] = []
    readable: list[tuple[Procedure | None, Document, str]] = []
    for path in sorted((root / "data" / "procedures").glob("**/*.y*ml")):
        display = path.relative_to(root).as_posix()
        doc, found = read_yaml(path, display)
        problems += found
        if doc is None:
            continue
        procedure, found = _validate(Procedure, doc, display)
        problems += found
        if isinstance(doc.value, dict):  # the named checks also run on a file the model rejected
            problems += checks.check_procedure(procedure, path, root, doc, display, platforms, today)
            readable.append((procedure, doc, display))
        if procedure is not None:
            loaded.append((procedure, doc, path, display))

    problems += checks.check_across_files(readable)
    if problems:
        raise DataError(_unique(problems))

    entries = {}
    for procedure, _doc, path, display in sorted(
        loaded, key=lambda t: (platforms[t[0].platform].name.lower(), t[0].title.lower())
    ):
        entry = Entry(procedure, platforms[procedure.platform], path.stem, display)
        entries[entry.key] = entry
    return Catalogue(platforms=platforms, entries=entries)
