"""SC091: a branch that moves last_reviewed says what changed, compared with the base branch
(merge base with origin/main, or origin/$GITHUB_BASE_REF); skipped without git or a base; never
kept in `make check`'s per-file cache."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from test_validation import FIXTURES, ROOT, make_project, run_macros_cli

from macros.data import history
from macros.data.cache import CheckCache

PROCEDURE = "data/procedures/shopmart/close-account.yml"
VALID = (FIXTURES / "valid" / "procedure.yml").read_text(encoding="utf-8")
MOVED = VALID.replace("last_reviewed: 2026-01-15", "last_reviewed: 2026-03-02")
WITH_CHANGE = MOVED + "changes:\n  - date: 2026-03-02\n    summary: Checked against the sources; nothing changed.\n"
OLD_CHANGE = MOVED + "changes:\n  - date: 2026-01-10\n    summary: An older change.\n"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A project whose main branch (also origin/main) has the valid procedure, on a new branch."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    root = make_project(tmp_path / "project", {PROCEDURE: VALID.encode()})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "switch", "-q", "-c", "review")
    return root


def codes(root: Path) -> list[str]:
    return [p.code for p in history.compare_with_base(root).problems]


def test_moving_last_reviewed_without_a_change_is_reported_at_last_reviewed(repo):
    (repo / PROCEDURE).write_text(MOVED, encoding="utf-8")
    found = history.compare_with_base(repo)
    [problem] = found.problems
    assert (problem.code, problem.file, problem.line) == ("SC091", PROCEDURE, 8)
    assert "2026-01-15 to 2026-03-02" in problem.message and "- date: 2026-03-02" in problem.fix
    assert "origin/main" in found.note


def test_a_change_dated_after_the_previous_review_satisfies_it_committed_or_not(repo):
    (repo / PROCEDURE).write_text(WITH_CHANGE, encoding="utf-8")
    assert codes(repo) == []
    git(repo, "commit", "-q", "-am", "review")
    assert codes(repo) == []


def test_a_change_older_than_the_previous_review_does_not_count(repo):
    (repo / PROCEDURE).write_text(OLD_CHANGE, encoding="utf-8")
    assert codes(repo) == ["SC091"]


def test_other_edits_and_new_files_need_no_change(repo):
    (repo / PROCEDURE).write_text(VALID.replace("Download your order history", "Download your orders"))
    new = repo / "data/procedures/shopmart/pause.yml"
    new.write_text(MOVED.replace("shopmart-close-account", "shopmart-pause"), encoding="utf-8")
    git(repo, "add", "-A")
    assert codes(repo) == []


def test_the_base_is_the_branch_github_names_for_a_pull_request(repo, monkeypatch):
    (repo / PROCEDURE).write_text(MOVED, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "moved")
    git(repo, "update-ref", "refs/remotes/origin/release", "HEAD")  # the release branch has it already
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    assert codes(repo) == []
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    assert codes(repo) == ["SC091"]


def test_without_a_base_or_outside_git_it_is_skipped_without_an_error(repo, tmp_path):
    (repo / PROCEDURE).write_text(MOVED, encoding="utf-8")
    git(repo, "update-ref", "-d", "refs/remotes/origin/main")
    found = history.compare_with_base(repo)
    assert found.problems == [] and "not compared" in found.note
    outside = make_project(tmp_path / "plain", {PROCEDURE: MOVED.encode()})
    assert history.compare_with_base(outside).problems == []
    inner = repo / "nested"  # a project folder inside another repository is not that repository
    make_project(inner, {PROCEDURE: MOVED.encode()})
    assert history.compare_with_base(inner).problems == []


def test_make_check_warns_every_time_and_never_caches_it(repo):
    (repo / PROCEDURE).write_text(MOVED, encoding="utf-8")
    runs = [run_macros_cli("--root", str(repo), "check") for _ in range(2)]  # `make check`'s main()
    for run in runs:  # a warning: printed every time, and the check still passes
        assert run.returncode == 0 and "Traceback" not in run.stderr
        assert f"{PROCEDURE}:8:16: warning: SC091 last_reviewed: moved" in run.stdout
    strict = run_macros_cli("--root", str(repo), "check", "--strict")
    assert strict.returncode == 1 and "SC091" in strict.stdout  # what a maintainer can ask for
    saved = CheckCache(repo).path  # in the tests' own cache folder (conftest)
    results = json.loads(saved.read_text(encoding="utf-8"))["results"]
    assert results and all(p[3] != "SC091" for r in results.values() for p in r["problems"])
    (repo / PROCEDURE).write_text(WITH_CHANGE, encoding="utf-8")
    fixed = history.compare_with_base(repo)
    assert fixed.problems == [] and "compared with origin/main" in fixed.note


def test_ci_fetches_the_history_the_comparison_needs():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    checkout = next(s for s in workflow["jobs"]["test"]["steps"] if "actions/checkout" in s.get("uses", ""))
    assert checkout.get("with", {}).get("fetch-depth") == 0
