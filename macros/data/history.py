"""The one rule that compares the data with git history (SC091): when a pull request moves a
guide's `last_reviewed`, it also says what changed, in a `changes` entry.

The base is gitbase.base_commit's: the merge base of HEAD with `origin/$GITHUB_BASE_REF` (a
pull request on CI) or with `origin/main`. Without git, outside a repository, or without a base (no remote, a shallow
clone without the base's history), the rule is skipped without an error. Its result depends on
more than a file's bytes, so it never goes into `make check`'s per-file cache: the command line
runs it after the cached checks, every time.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import gitbase
from .problems import Problem

PROCEDURES = "data/procedures"


@dataclass(frozen=True)
class Comparison:
    """What the rule found, and a line saying what it compared with (or why it did not)."""

    problems: list[Problem]
    note: str


def _git(root: Path, *args: str) -> str | None:
    """A git command's output in `root`, or None when git is missing or the command fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def base_ref() -> str:
    """The branch a change is compared with, as gitbase.base_commit picks it (for messages)."""
    branch = os.environ.get("GITHUB_BASE_REF")
    return f"origin/{branch}" if branch else "origin/main"


def base_commit(root: Path) -> str | None:
    """gitbase.base_commit, only when `root` is the top of its own repository: a project folder
    inside another repository (a test's) would otherwise be compared with that one's history."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != Path(root).resolve():
        return None
    return gitbase.base_commit(root)


def changed_procedures(root: Path, base: str) -> list[str]:
    """The procedure files (relative paths) that differ between `base` and the working tree."""
    out = _git(root, "diff", "--name-only", "-z", "--no-renames", base, "--", PROCEDURES)
    return sorted(name for name in (out or "").split("\0") if name.endswith(".yml"))


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None  # not a date: the file's own check reports it (SC010)


def _base_value(root: Path, base: str, rel: str) -> dict | None:
    import yaml  # here, as read_yaml below: a check with no changed guide (no base) never needs them

    raw = _git(root, "show", f"{base}:{rel}")
    try:
        value = yaml.safe_load(raw) if raw else None  # the base branch's copy passed every check
    except yaml.YAMLError:
        return None
    return value if isinstance(value, dict) else None


def check_review_changes(root: Path, rel: str, base_value: dict) -> list[Problem]:
    """SC091 for one file: `base_value` is the file as it is on the base branch."""
    from .yamlread import read_yaml

    doc, _problems = read_yaml(Path(root) / rel, rel)
    if doc is None:
        return []  # unreadable now: its own check says why
    before, now = _day(base_value.get("last_reviewed")), _day(doc.value.get("last_reviewed"))
    if before is None or now is None or before == now:
        return []
    changes = doc.value.get("changes")
    dates = [_day(c.get("date")) for c in changes if isinstance(c, dict)] if isinstance(changes, list) else []
    if any(day and day > before for day in dates):
        return []
    line, col = doc.where(("last_reviewed",))
    return [Problem(rel, line, col, "SC091",
                    f"last_reviewed: moved from {before} to {now}, but no 'changes' entry is dated after {before}",
                    f"add under 'changes:' an entry '- date: {now}' with a one-sentence 'summary:' of what "
                    "you checked or changed; for a review that changed nothing, write 'Checked against the "
                    "sources; nothing changed.'")]


def compare_with_base(root: Path) -> Comparison:
    """SC091 for every procedure file this branch changed."""
    root = Path(root)
    base, ref = base_commit(root), base_ref()
    if base is None:
        return Comparison([], f"last_reviewed not compared: no merge base with {ref}")
    problems = []
    files = changed_procedures(root, base)
    for rel in files:
        before = _base_value(root, base, rel)
        if before is not None:  # None: a new file, which needs no entry yet
            problems += check_review_changes(root, rel, before)
    return Comparison(problems, f"last_reviewed compared with {ref} ({base[:7]}) in {len(files)} changed file(s)")
