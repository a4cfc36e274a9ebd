"""Reading one data file: parse, validate and check it (what the check keeps of it: results.py).

load.py runs these on the files that are not answered from the cache (in worker processes
from 100 files); importing this module imports the model, and pydantic with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import checks
from .errors import problems_from_validation
from .model import Glossary, Platform, Procedure
from .problems import Problem
from .results import FileResult
from .terms import undefined_terms
from .translation_checks import English
from .yamlread import Document, read_yaml


def _validate(model: type[BaseModel], doc: Document, display: str) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.value), []
    except ValidationError as err:
        return None, problems_from_validation(err, model, doc, display)


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
    return FileResult(display, glossary, _unique(problems), valid=glossary is not None,
                      terms=tuple(sorted(undefined_terms(glossary))))


def read_procedure(path: Path, root: Path, display: str, platforms: dict, today: dt.date,
                   undefined_terms: frozenset[str] = frozenset()) -> FileResult:
    """Parse, validate and check one procedure file. `platforms`: each valid platform's domains, by id;
    `undefined_terms`: the glossary's must_define terms without an entry (SC070)."""
    return read_procedure_with_english(path, root, display, platforms, today, undefined_terms)[0]


def read_procedure_with_english(path, root, display, platforms, today, undefined_terms) -> tuple[FileResult, English]:
    """read_procedure, and the English document as its translations' checks need it."""
    doc, problems = read_yaml(path, display)
    if doc is None:
        return FileResult(display, None, problems), English(None, False, Procedure)
    clean = not problems  # a translation's units are compared only with a cleanly read English file
    procedure, found = _validate(Procedure, doc, display)
    problems += found + checks.check_procedure(procedure, path, root, doc, display, platforms, today,
                                               undefined_terms)
    result = FileResult(display, procedure, _unique(problems), *_file_id(doc), valid=procedure is not None)
    return result, English(doc, clean and procedure is not None, Procedure)


def _unique(problems: list[Problem]) -> list[Problem]:
    """The model and a named check may both see the same mistake: report it once."""
    seen, unique = set(), []
    for p in problems:
        key = (p.file, p.line, p.col, p.code)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
