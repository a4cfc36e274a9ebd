"""Load and validate every data file: data/platforms/*.yml and data/procedures/<platform>/*.yml.

All problems in all files are collected before anything is reported, so a
contributor fixes everything in one round. Nothing is returned unless every
file is valid: bad data never reaches a build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import addresses, checks, files, gitbase, translation_checks
from .errors import problems_from_validation
from .model import Glossary, Platform, Procedure
from .problems import DataError, Problem
from .terms import undefined_terms
from .translations import english_file
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
    glossary: Glossary | None = None  # data/glossary.yml, when there is one

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


@dataclass
class FileResult:
    """What one data file gave: its model (None when rejected, or when the result came from
    the cache), its problems, and the file's own `id` with where it stands."""

    display: str
    model: BaseModel | None
    problems: list[Problem]
    id: str | None = None
    id_at: tuple[int, int] = (1, 1)
    valid: bool = False  # the model accepted the file (its named checks may still complain)
    domains: tuple[str, ...] = ()  # a platform's official host names (the procedures' SC044 needs them)


def _file_id(doc: Document) -> tuple[str | None, tuple[int, int]]:
    pid = doc.value.get("id")
    return (pid, doc.where(("id",))) if isinstance(pid, str) else (None, (1, 1))


def read_platform(path: Path, display: str) -> FileResult:
    """Parse, validate and check one platform file."""
    doc, problems = read_yaml(path, display)
    if doc is None:
        return FileResult(display, None, problems)
    platform, found = _validate(Platform, doc, display)
    problems += found + checks.check_platform(platform, path, doc, display)  # also when rejected
    return FileResult(display, platform, _unique(problems), *_file_id(doc), valid=platform is not None,
                      domains=tuple(platform.domains) if platform else ())


GLOSSARY = Path("data") / "glossary.yml"


def read_glossary(root: Path, path: Path | None) -> FileResult | None:
    """Parse, validate and check data/glossary.yml (`path`, found by files.survey); None when the
    project has no glossary."""
    if path is None:
        return None
    display = GLOSSARY.as_posix()
    doc, problems = read_yaml(path, display)
    if doc is None:
        return FileResult(display, None, problems)
    glossary, found = _validate(Glossary, doc, display)
    problems += found + checks.check_glossary(glossary, path, doc, display)
    return FileResult(display, glossary, _unique(problems), valid=glossary is not None)


def read_procedure(path: Path, root: Path, display: str, platforms: dict, today: dt.date,
                   undefined_terms: frozenset[str] = frozenset()) -> FileResult:
    """Parse, validate and check one procedure file. `platforms`: each valid platform's domains, by id;
    `undefined_terms`: the glossary's must_define terms without an entry (SC070)."""
    doc, problems = read_yaml(path, display)
    if doc is None:
        return FileResult(display, None, problems)
    procedure, found = _validate(Procedure, doc, display)
    problems += found + checks.check_procedure(procedure, path, root, doc, display, platforms, today,
                                               undefined_terms)
    return FileResult(display, procedure, _unique(problems), *_file_id(doc), valid=procedure is not None)


def _unique(problems: list[Problem]) -> list[Problem]:
    """The model and a named check may both see the same mistake: report it once."""
    seen, unique = set(), []
    for p in problems:
        key = (p.file, p.line, p.col, p.code)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def data_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The platform files and the procedure files, in a stable order (files.survey says why
    anything else under data/ is not read)."""
    found = files.survey(root)
    return found.platforms, found.procedures


#: Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_FROM = 100


def check_all(root: Path, today: dt.date, cache=None, workers: int = 1, git_base: bool = False
              ) -> tuple[list[FileResult], list[FileResult], list[Problem], FileResult | None]:
    """Every file's result, every problem (in files and across them, translations' included),
    and the glossary's result.

    For `make check`: `cache` (macros/cache.py) skips files unchanged since the last run, and
    `workers` > 1 reads the others in that many processes. Results from either carry no
    model, so load_catalogue (the build) uses neither. `git_base`: compare with the base branch
    (macros/data/gitbase.py) to blame the new file of two that share an id.
    """
    root = Path(root)
    survey = files.survey(root)
    platform_files, procedure_files = survey.platforms, survey.procedures

    def platform(path: Path) -> FileResult:
        display = path.relative_to(root).as_posix()
        read = lambda: read_platform(path, display)
        return cache.result(path, display, (), read) if cache else read()

    platforms = [platform(path) for path in platform_files]
    platform_domains = {r.id: r.domains for r in platforms if r.valid}
    glossary = read_glossary(root, survey.glossary)
    undefined = undefined_terms(glossary.model if glossary else None)
    # what a procedure's result depends on besides its own bytes (SC009, SC011, SC044, SC070)
    context = (sorted(platform_domains.items()), sorted(p.stem for p in platform_files), today.isoformat(),
               sorted(undefined))

    procedures: list[FileResult | None] = []
    to_read: list[tuple[int, Path, str, str | None]] = []  # (position, path, display, cache key)
    for path in procedure_files:
        display = path.relative_to(root).as_posix()
        key, saved = cache.lookup(path, display, context) if cache else (None, None)
        if saved is None:
            to_read.append((len(procedures), path, display, key))
        procedures.append(saved)
    jobs = [(path, display) for _, path, display, _ in to_read]
    for (position, _path, _display, key), found in zip(to_read, _read_procedures(jobs, root, platform_domains, today,
                                                                                 workers, undefined)):
        procedures[position] = found
        if cache:
            cache.keep(key, found)

    translations = [_translation_result(path, root, today, cache) for path in survey.translations]
    problems = survey.problems + [p for r in platforms + procedures + ([glossary] if glossary else [])
                                  + translations for p in r.problems]
    published = gitbase.published_paths(root.resolve()) if git_base else None
    problems += checks.check_across_files([(r.id, r.id_at, r.display) for r in procedures], published)
    problems += addresses.check_addresses(
        root, [(path.stem, r.id_at, r.display) for path, r in zip(platform_files, platforms)],
        [(f"{path.parent.name}/{path.stem}", r.display) for path, r in zip(procedure_files, procedures)])
    return platforms, procedures, problems, glossary


def _translation_result(path: Path, root: Path, today: dt.date, cache) -> FileResult:
    """A translation file's problems (warnings for what the English changed); its result also
    depends on the English file beside it."""
    display = path.relative_to(root).as_posix()
    read = lambda: FileResult(display, None, translation_checks.check_translation(path, root, today))
    if not cache:
        return read()
    english = english_file(path)
    context = (hashlib.sha256(english.read_bytes()).hexdigest() if english.is_file() else None, today.isoformat())
    return cache.result(path, display, context, read)


def _read_procedures(jobs: list[tuple[Path, str]], root: Path, platform_domains, today: dt.date,
                     workers: int, undefined: frozenset[str] = frozenset()) -> list[FileResult]:
    """read_procedure on every (path, display), in order. With enough files, `workers`
    processes share them: this one and workers - 1 forked ones (then no result carries its
    model: only what a check needs)."""
    if workers < 2 or len(jobs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [read_procedure(path, root, display, platform_domains, today, undefined) for path, display in jobs]
    _job_context.update(root=root, platform_domains=platform_domains, today=today, undefined=undefined)  # for the fork
    share = len(jobs) // workers  # this process reads a share too, while the others read the rest
    others = [jobs[share:][i::workers - 1] for i in range(workers - 1)]
    with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
        pending = pool.map_async(_read_chunk, others)
        done = [_read_chunk(jobs[:share]), *pending.get()]
    by_display = {r.display: r for chunk in done for r in chunk}
    return [by_display[display] for _path, display in jobs]


_job_context: dict = {}


def _read_chunk(jobs: list[tuple[Path, str]]) -> list[FileResult]:
    c = _job_context
    results = [read_procedure(path, c["root"], display, c["platform_domains"], c["today"], c["undefined"])
               for path, display in jobs]
    for r in results:
        r.model = None  # not sent back: pickling models costs more than reading the files
    return results


def load_catalogue(root: Path, today: dt.date | None = None) -> Catalogue:
    """Read, validate and cross-check all data under `root/data`. Raises DataError with every problem."""
    root = Path(root)
    platforms_read, procedures_read, problems, glossary = check_all(root, today or dt.date.today())
    errors = [p for p in problems if p.is_error]
    if errors:  # warnings are for `make check` to show; they never stop a build
        raise DataError(errors)
    platforms = {r.model.id: r.model for r in platforms_read}
    entries = {}
    for r in sorted(procedures_read, key=lambda r: (platforms[r.model.platform].name.lower(), r.model.title.lower())):
        entry = Entry(r.model, platforms[r.model.platform], Path(r.display).stem, r.display)
        entries[entry.key] = entry
    return Catalogue(platforms=platforms, entries=entries, glossary=glossary.model if glossary else None)
