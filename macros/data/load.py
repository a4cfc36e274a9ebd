"""Load and validate every data file: data/platforms/*.yml and data/procedures/<platform>/*.yml.

All problems in all files are collected before anything is reported, so a
contributor fixes everything in one round. Nothing is returned unless every
file is valid: bad data never reaches a build.

The model (and pydantic) is imported only when a file must be read (readers.py): `make check`
with every file unchanged answers from its cache without it.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path

from . import addresses, files, gitbase
from .catalogue import Catalogue, Entry
from .problems import DataError, Problem
from .results import FileResult, check_across_files
from .translation_paths import english_file

__all__ = ["Catalogue", "Entry", "FileResult", "check_all", "data_files", "load_catalogue"]
_READERS = ("GLOSSARY", "read_glossary", "read_platform", "read_procedure")


def __getattr__(name: str):
    """load.read_procedure and the other readers, imported when first asked (they import the model)."""
    if name in _READERS:
        from . import readers

        return getattr(readers, name)
    raise AttributeError(name)


def data_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The platform files and the procedure files, in a stable order (files.survey says why
    anything else under data/ is not read)."""
    found = files.survey(root)
    return found.platforms, found.procedures


#: Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_FROM = 100


def check_all(root: Path, today: dt.date, cache=None, workers: int | None = 1, git_base: bool = False,
              models: bool = False, helper=None
              ) -> tuple[list[FileResult], list[FileResult], list[Problem], FileResult | None]:
    """Every file's result, every problem (in files and across them, translations' included),
    and the glossary's result.

    For `make check`: `cache` (macros/cache.py) skips files unchanged since the last run, and
    `workers` > 1 reads the others in that many processes (None: two where this process may run
    on two cores, counted only when there are enough files to share). Results from either carry no
    model, unless `models` (load_catalogue, the build: no cache): a worker then sends a valid
    file's value back, and the model is made from it here. `git_base`: compare with the base
    branch (macros/data/gitbase.py) to blame the new file of two that share an id. `helper`:
    make check's second process (helper.py), which reads files in place of a forked worker.
    """
    with collector_paused():  # an absolute root: os.path.abspath of each file asks for no working folder
        return _check_all(Path(os.path.abspath(root)), today, cache, workers, git_base, models, helper)


@contextmanager
def collector_paused():
    """The garbage collector off while the files are read and checked (and in the workers forked
    meanwhile). Reading them makes no reference cycles (tests/test_check_speed.py), so the
    collector finds nothing, yet its passes over every object alive cost a tenth of the check."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check_all(root: Path, today: dt.date, cache, workers: int | None, git_base: bool, models: bool, helper):
    survey = files.survey(root)
    platform_files, procedure_files = survey.platforms, survey.procedures

    def platform(path: Path) -> FileResult:
        display = path.relative_to(root).as_posix()
        read = lambda: _readers().read_platform(path, display)
        return cache.result(path, display, (), read) if cache else read()

    platforms = [platform(path) for path in platform_files]
    platform_domains = {r.id: r.domains for r in platforms if r.valid}
    glossary = _glossary(root, survey.glossary, cache)
    undefined = frozenset(glossary.terms) if glossary else frozenset()
    # what a procedure's result depends on besides its own bytes (SC009, SC011, SC044, SC070), as
    # its sha256: it goes into every procedure's cache key, and the platforms' domains are long
    context = hashlib.sha256(json.dumps([sorted(platform_domains.items()), sorted(p.stem for p in platform_files),
                                         today.isoformat(), sorted(undefined)]).encode()).hexdigest()

    # A procedure's translations are checked against its document where it is read (in a worker,
    # once: reading the English file again for each translation doubled the time of a check).
    siblings: dict[Path, list[Path]] = {}
    for path in survey.translations:
        siblings.setdefault(english_file(path), []).append(path)
    found_translations: dict[Path, FileResult] = {}
    procedures: list[FileResult | None] = []
    to_read: list[tuple[int, str | None, list]] = []  # (position, cache key, its translations' (path, key))
    jobs: list[tuple[Path, str, list[tuple[Path, str]]]] = []
    for path in procedure_files:
        display = path.relative_to(root).as_posix()
        key, saved = cache.lookup(path, display, context) if cache else (None, None)
        stale = []
        for translation in siblings.pop(path, ()):
            t_key, t_saved = _translation_lookup(translation, root, today, cache)
            if t_saved is None:
                stale.append((translation, translation.relative_to(root).as_posix(), t_key))
            else:
                found_translations[translation] = t_saved
        if saved is None or stale:
            to_read.append((len(procedures), key if saved is None else None, stale))
            jobs.append((path, display, [(t, t_display) for t, t_display, _key in stale]))
        procedures.append(saved)
    for (position, key, stale), (found, checked) in zip(
            to_read, _read_procedures(jobs, root, platform_domains, today, workers, undefined, models, helper)):
        if procedures[position] is None:
            procedures[position] = found
            if cache:
                cache.keep(key, found)
        for (translation, _display, t_key), result in zip(stale, checked):
            found_translations[translation] = result
            if cache:
                cache.keep(t_key, result)
    for left in siblings.values():  # platforms' and the glossary's, and those with no English file
        for path in left:
            found_translations[path] = _translation_result(path, root, today, cache)
    translations = [found_translations[path] for path in survey.translations]
    problems = survey.problems + [p for r in platforms + procedures + ([glossary] if glossary else [])
                                  + translations for p in r.problems]
    published = gitbase.published_paths(root.resolve()) if git_base else None
    problems += check_across_files([(r.id, r.id_at, r.display) for r in procedures], published)
    problems += addresses.check_addresses(
        root, [(path.stem, r.id_at, r.display) for path, r in zip(platform_files, platforms)],
        [(f"{path.parent.name}/{path.stem}", r.display) for path, r in zip(procedure_files, procedures)])
    return platforms, procedures, problems, glossary


def _readers():
    """readers.py, imported when a file must be read: it imports the model, and pydantic."""
    from . import readers

    return readers


def _check_translation(*args, **kwargs):
    from .translation_checks import check_translation  # imports the model

    return check_translation(*args, **kwargs)


def _glossary(root: Path, path: Path | None, cache) -> FileResult | None:
    """data/glossary.yml's result (None: the project has none), from the cache when unchanged:
    it depends on the file alone, and keeps the undefined terms the procedures' SC070 needs."""
    if path is None:
        return None
    read = lambda: _readers().read_glossary(root, path)
    return cache.result(path, path.relative_to(root).as_posix(), (), read) if cache else read()


def _translation_result(path: Path, root: Path, today: dt.date, cache, english=None) -> FileResult:
    """A translation file's problems (warnings for what the English changed). `english`: its
    English file as already read (else it is read here)."""
    display = path.relative_to(root).as_posix()
    read = lambda: FileResult(display, None, _check_translation(path, root, today, english))
    if not cache:
        return read()
    return cache.result(path, display, _translation_context(path, today, cache), read)


def _translation_lookup(path: Path, root: Path, today: dt.date, cache):
    """(cache key, saved result or None) of a translation file."""
    if not cache:
        return None, None
    return cache.lookup(path, path.relative_to(root).as_posix(), _translation_context(path, today, cache))


def _translation_context(path: Path, today: dt.date, cache):
    """A translation's result also depends on the English file beside it."""
    english = english_file(path)
    return cache.digest(english, english.name), today.isoformat()  # None: no readable English file


def _read_procedures(jobs: list[tuple[Path, str, list]], root: Path, platform_domains, today: dt.date,
                     workers: int | None, undefined: frozenset[str] = frozenset(), models: bool = False,
                     helper=None) -> list[tuple[FileResult, list]]:
    """For every (path, display, translations): the procedure's result and its translations'
    results, in order. With enough files, `workers` processes share them: this one and
    workers - 1 forked ones (then no result carries its model, only what a check needs;
    with `models`, each valid file's model is made here again from the value a worker sent:
    a model takes 0.35 ms to pickle and unpickle, its plain value 0.1 ms, validating it 0.15)."""
    _job_context.update(root=root, platform_domains=platform_domains, today=today, undefined=undefined,
                        models=models)  # for the fork
    if helper is not None and jobs:
        return _read_with_helper(jobs, helper)
    if (workers is not None and workers < 2) or len(jobs) < PARALLEL_FROM:
        return [_read_job(job)[:2] for job in jobs]
    import multiprocessing  # here: 20 ms of imports that a check of a few changed files never needs
    from concurrent.futures import ProcessPoolExecutor

    if workers is None:  # make check's: two where this process may run on two cores
        from .cores import usable_cores

        workers = min(2, usable_cores())
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_job(job)[:2] for job in jobs]
    share = len(jobs) // workers  # this process reads a share too, while the others read the rest
    others = [jobs[share:][i::workers - 1] for i in range(workers - 1)]
    # An executor, not a Pool: a child that dies fails the check (BrokenProcessPool), never hangs it.
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = [pool.submit(_read_chunk, chunk) for chunk in others]
        mine = [_read_job(job)[:2] for job in jobs[:share]] if models else _read_chunk(jobs[:share])
        done = [mine, *(future.result() for future in pending)]
    by_display = {found.display: (found, checked) for chunk in done for found, checked in chunk}
    if models:
        from .model import Procedure
        from .translation_model import remember

        for _path, display, translations in jobs:
            found, checked = by_display[display]
            if found.value is not None:
                found.model, found.value = Procedure.model_validate(found.value), None
            for (translation, _display), result in zip(translations, checked):
                if result.value is not None:
                    remember(translation, result.value)
                    result.value = None
    return [by_display[display] for _path, display, _translations in jobs]


def _read_with_helper(jobs: list[tuple[Path, str, list]], helper) -> list[tuple[FileResult, list]]:
    """make check's jobs: a few all to the helper (this process then never imports the model);
    many shared with it, where this process may run on two cores (else all read here)."""
    if len(jobs) < PARALLEL_FROM:
        return helper.call(_read_chunk_as, dict(_job_context), jobs)
    from .cores import usable_cores

    if usable_cores() < 2:
        return [_read_job(job)[:2] for job in jobs]
    share = len(jobs) // 2  # halves: a check of many files has read the platforms, so imported the model
    helper.send(_read_chunk_as, dict(_job_context), jobs[share:])  # first: the helper starts at once
    mine = _read_chunk(jobs[:share])
    return mine + helper.receive()


_job_context: dict = {}


def _read_chunk_as(context: dict, jobs: list[tuple[Path, str, list]]) -> list[tuple[FileResult, list[FileResult]]]:
    """_read_chunk in the helper process, forked before the context was known."""
    _job_context.update(context)
    with collector_paused():
        return _read_chunk(jobs)


def _read_job(job: tuple[Path, str, list]) -> tuple[FileResult, list[FileResult], object]:
    """A procedure's result, its translations' results, and its document."""
    path, display, translations = job
    c, readers = _job_context, _readers()
    found, english = readers.read_procedure_with_english(path, c["root"], display, c["platform_domains"],
                                                         c["today"], c["undefined"])
    checked = [FileResult(t_display, None, _check_translation(t, c["root"], c["today"], english, keep=c["models"]))
               for t, t_display in translations]
    return found, checked, english.doc


def _read_chunk(jobs: list[tuple[Path, str, list]]) -> list[tuple[FileResult, list[FileResult]]]:
    results = []
    for job in jobs:
        found, checked, doc = _read_job(job)
        if _job_context["models"]:
            if found.model is not None:
                found.value = doc.value
            from .translation_model import as_read

            for (translation, _display), result in zip(job[2], checked):
                result.value = as_read(translation)
        found.model = None  # not sent back: pickling models costs more than reading the files
        results.append((found, checked))
    return results


def load_catalogue(root: Path, today: dt.date | None = None, workers: int = 1, kept=None) -> Catalogue:
    """Read, validate and cross-check all data under `root/data`. Raises DataError with every
    problem. `workers` > 1: in that many processes (check_all), for a process that may fork.
    `kept` (macros/data/kept_results.py): the results of the last load, models included, so
    only the files that changed since are read (make serve)."""
    root = Path(root)
    platforms_read, procedures_read, problems, glossary = check_all(root, today or dt.date.today(), cache=kept,
                                                                    workers=workers, models=True)
    if kept is not None:
        kept.save()
    errors = [p for p in problems if p.is_error]
    if errors:  # warnings are for `make check` to show; they never stop a build
        raise DataError(errors)
    platforms = {r.model.id: r.model for r in platforms_read}
    entries = {}
    for r in sorted(procedures_read, key=lambda r: (platforms[r.model.platform].name.lower(), r.model.title.lower())):
        entry = Entry(r.model, platforms[r.model.platform], Path(r.display).stem, r.display)
        entries[entry.key] = entry
    return Catalogue(platforms=platforms, entries=entries, glossary=glossary.model if glossary else None)
