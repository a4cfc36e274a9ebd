"""`make translations`: where each translation stands, and what changed in the English.

For a stale unit the English text it was translated from is found in git: the newest
revision of the English file in which that unit's fingerprint equals the unit's `from`. Without
that history (a tarball, a shallow clone) the unit is only reported as stale.
"""

from __future__ import annotations

import difflib
import subprocess
import tempfile
from pathlib import Path

from .load import GLOSSARY, data_files
from .translation_model import read_translation
from .translation_paths import (
    english_file,
    kind_of,
    language_of,
    translation_file,
    translation_files,
)
from .translations import (
    MISMATCHED,
    MISSING,
    ORPHANED,
    STALE,
    TRANSLATED,
    fingerprint,
    statuses,
    units,
)
from .yamlread import read_yaml

#: How many revisions of one English file are searched for the text a unit was made from.
MAX_REVISIONS = 200


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _revisions(root: Path, english: str) -> list[tuple[str, str]]:
    """(commit, the file's path in it) for the English file's history, newest first (renames followed)."""
    run = _git(root, "log", "--follow", f"--max-count={MAX_REVISIONS}", "--format=commit %H", "--name-only",
               "--", english)
    if run is None or run.returncode != 0:
        return []
    found, commit = [], None
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("commit "):
            commit = line.split(" ", 1)[1]
        elif line.strip() and commit:
            found.append((commit, line.strip()))
            commit = None
    return found


class History:
    """The English texts of one file's units in past revisions, read only when needed."""

    def __init__(self, root: Path, english: str, model):
        self.root, self.english, self.model = root, english, model
        self._revisions: list[tuple[str, str]] | None = None
        self._texts: dict[str, dict[str, dict]] = {}

    def _units_at(self, commit: str, path: str) -> dict[str, dict]:
        if commit not in self._texts:
            run = _git(self.root, "show", f"{commit}:{path}")
            texts = {}
            if run is not None and run.returncode == 0:
                with tempfile.NamedTemporaryFile(suffix=".yml") as copy:
                    copy.write(run.stdout)
                    copy.flush()
                    doc, _problems = read_yaml(Path(copy.name), path)
                texts = units(doc.value, self.model).texts if doc is not None else {}
            self._texts[commit] = texts
        return self._texts[commit]

    def text_from(self, uid: str, from_: str) -> dict | None:
        """The English text of `uid` whose fingerprint is `from_`, if the history has it."""
        if self._revisions is None:
            self._revisions = _revisions(self.root, self.english)
        for commit, path in self._revisions:
            text = self._units_at(commit, path).get(uid)
            if text is not None and fingerprint(text) == from_:
                return text
        return None


def _lines(text, prefix: str = "") -> list[str]:
    """A unit's text as `field: value` lines, for a line-by-line diff."""
    if isinstance(text, dict):
        return [line for key, value in text.items() for line in _lines(value, f"{prefix}{key}" if not prefix
                                                                         else f"{prefix}.{key}")]
    if isinstance(text, list):
        return [line for i, value in enumerate(text) for line in _lines(value, f"{prefix}[{i}]")]
    return [f"{prefix}: {text}"]


def english_diff(old: dict, new: dict) -> list[str]:
    diff = difflib.unified_diff(_lines(old), _lines(new), lineterm="", n=0)
    return [line for line in diff if not line.startswith(("---", "+++", "@@"))]


def _file_report(root: Path, path: Path) -> tuple[list[str], list]:
    """(report lines, errors) for one translation file."""
    display = path.relative_to(root).as_posix()
    english = english_file(path)
    model = kind_of(english, root)
    doc, translation, problems = read_translation(path, display)
    errors = [p for p in problems if p.is_error]
    written = doc.value.get("units") if doc is not None else None
    if not isinstance(written, dict):
        return [f"{display}: cannot be read ({len(errors)} problem(s): `make check` lists them)"], errors
    if model is None or not english.is_file():
        return [f"{display}: orphaned: no English file {english.relative_to(root).as_posix()}"], errors
    english_doc, _ = read_yaml(english, english.name)
    texts = units(english_doc.value, model).texts if english_doc is not None else {}
    translated = ({uid: unit.model_dump(by_alias=True, exclude_none=True) for uid, unit in translation.units.items()}
                  if translation else {uid: unit for uid, unit in written.items() if isinstance(unit, dict)})
    found = statuses(texts, translated, language_of(path) or "")
    count = {s: sum(1 for v in found.values() if v == s) for s in (TRANSLATED, STALE, MISSING, ORPHANED, MISMATCHED)}
    lines = [f"{display}: {count[TRANSLATED]}/{len(texts)} translated, {count[STALE]} stale, {count[MISSING]} missing, "
             f"{count[ORPHANED]} orphaned" + (f", {count[MISMATCHED]} not matching the English" if count[MISMATCHED]
                                               else "")
             + (f" ({len(errors)} problem(s) in the file: `make check` lists them)" if errors else "")]
    history = History(root, english.relative_to(root).as_posix(), model)
    for uid, status in found.items():
        if status == STALE:
            given = translated[uid].get("from")
            old = history.text_from(uid, given) if given else None
            if not given:
                lines.append(f"  stale: {uid} (no from: it is not known which English it translates)")
            elif old is None:
                lines.append(f"  stale: {uid} (the English it was translated from is not in the git history here)")
            else:
                lines += [f"  stale: {uid}"] + [f"    {line}" for line in english_diff(old, texts[uid])]
        elif status in (ORPHANED, MISMATCHED):
            lines.append(f"  {'orphaned' if status == ORPHANED else 'not matching the English'}: {uid}")
    return lines, errors


def report(root: Path, language: str) -> tuple[list[str], list]:
    """The status lines of every translation into `language`, then the English files that have
    none; and the errors that kept a file from being read."""
    root = Path(root)
    lines, errors = [], []
    for path in translation_files(root):
        if path.name.endswith(f".{language}.yml"):
            found, problems = _file_report(root, path)
            lines += found
            errors += problems
    platforms, procedures = data_files(root)
    glossary = [root / GLOSSARY] if (root / GLOSSARY).is_file() else []
    untranslated = [p for p in [*procedures, *platforms, *glossary] if not translation_file(p, language).is_file()]
    for english in untranslated:
        rel = english.relative_to(root).as_posix()
        lines.append(f"{rel}: no {language} translation (make translate LANG={language} FILE={rel})")
    return lines, errors
