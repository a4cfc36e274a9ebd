"""What the base branch already has, so a check can tell a new file from a published one.

On a pull request, "new" means "not on the branch it will merge into": GITHUB_BASE_REF names
it in GitHub Actions; elsewhere it is the merge base with origin/main. Pull-request CI checks
out a merge commit one commit deep, so "not in HEAD" would be wrong there (the workflow
fetches the base branch). Without git or a base, nothing is known and callers say so.
Never cached: the answer depends on the repository, not on the file's bytes.
"""

from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def base_commit(root: Path) -> str | None:
    """The commit the change is compared with, or None when there is none to be had."""
    branch = os.environ.get("GITHUB_BASE_REF")
    candidates = [f"origin/{branch}", branch] if branch else ["origin/main"]
    for ref in candidates:
        found = _git(root, "merge-base", "HEAD", ref)
        if found and found.strip():
            return found.strip()
    return None


@cache
def published_paths(root: Path, folder: str = "data/procedures") -> frozenset[str] | None:
    """Paths (relative to root) under `folder` on the base branch; None without a base."""
    commit = base_commit(root)
    if commit is None:
        return None
    listed = _git(root, "ls-tree", "-r", "--name-only", commit, "--", folder)
    return frozenset(listed.splitlines()) if listed is not None else None
