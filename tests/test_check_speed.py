"""What `make check`'s speed rests on, kept true (the times themselves are measured by
`make bench`, never here)."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
import subprocess
import sys

from test_validation import INVALID, ROOT, make_project

from macros.data import load, readers

TODAY = dt.date(2026, 11, 22)


def test_reading_and_checking_files_leaves_no_reference_cycles(tmp_path):
    """check_all turns the garbage collector off while it reads (load.collector_paused): safe only
    while reading and checking a file, clean or not, leaves nothing that only the collector frees
    (a nested function that calls itself did: each file's parser and text stayed until it ran)."""
    broken = make_project(tmp_path, {f"data/procedures/shopmart/{f.stem.lower()}.yml": f.read_bytes()
                                     for f in INVALID})
    for root in (ROOT, broken):  # first uses (the libraries' caches) are not the files' doing
        load.check_all(root, TODAY)
    gc.collect()
    was_on = gc.isenabled()
    gc.disable()
    try:
        for root in (ROOT, broken):  # the real guides and translations, and a file per mistake
            load.check_all(root, TODAY)
        left = gc.collect()
    finally:
        if was_on:
            gc.enable()
    assert left == 0


def test_the_collector_is_off_while_files_are_read_and_as_it_was_after(tmp_path, monkeypatch):
    seen = []
    real = readers.read_procedure_with_english
    monkeypatch.setattr(readers, "read_procedure_with_english",
                        lambda *args: seen.append(gc.isenabled()) or real(*args))
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": INVALID[0].read_bytes()})
    assert gc.isenabled()
    load.check_all(root, TODAY)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        load.check_all(root, TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


_RUN = ("import sys; from macros.cli import main; code = main(['--root', sys.argv[1], 'check']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'macros.data.model')); "
        "sys.exit(code)")


def test_a_check_with_every_file_unchanged_loads_no_model(tmp_path):
    """Every result from the cache, glossary's included: no model is built and pydantic is not
    even imported (a fifth of a second a run); the report is the one the first run printed."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", _RUN, str(ROOT)], capture_output=True, text=True, cwd=ROOT,
                           env=env, check=False) for _ in range(2)]
    (first, first_modules), (again, again_modules) = [(run.stdout.rsplit("\n", 2)[0], run.stdout.rsplit("\n", 2)[1])
                                                      for run in runs]
    assert runs[0].returncode == runs[1].returncode == 0, runs[0].stderr
    assert "'macros.data.model'" in first_modules and "'pydantic'" in first_modules  # the first run read them
    assert again_modules == "[]"
    assert re.sub(r" checked in .*", "", again) == re.sub(r" checked in .*", "", first)
    assert "unchanged file(s) not re-read" in runs[1].stdout


_EDITED = ("import sys; from macros.cli import main; code = main(['--root', sys.argv[1], 'check'], own_process=True); "
           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')); sys.exit(code)")


def test_after_an_edit_the_helper_reads_the_file_and_the_command_line_never_loads_the_model(tmp_path):
    """`python -m macros.cli check` forks its helper first (macros/data/helper.py): the files to
    read go to it, and the report is the one a check in a single process gives."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = lambda script: subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True,
                                        text=True, cwd=ROOT, env=env, check=False)
    assert run(_EDITED).returncode == 0  # every file read, the cache written
    guide = project / "data/procedures/amazon/close-account.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("\nsummary: ", "\nsumary: ", 1), encoding="utf-8")
    edited = run(_EDITED)
    assert edited.returncode == 1 and edited.stdout.rsplit("\n", 2)[1] == "[]"  # no pydantic in this process
    problems = edited.stdout.rsplit("\n", 2)[0]
    assert "SC004" in problems and "SC006" in problems
    alone = load.check_all(project, dt.date.today())[2]
    assert problems.splitlines() == [str(p) for p in sorted(alone)]


_HELPER = """
import os, signal
from concurrent.futures.process import BrokenProcessPool
from macros.data.helper import Helper

helper = Helper()
assert helper.call(sorted, [3, 1, 2]) == [1, 2, 3]
try:
    helper.call(int, "not a number")
except ValueError:
    print("raised here")
os.kill(helper.pid, signal.SIGKILL)
try:
    helper.call(sorted, [2, 1])
except BrokenProcessPool:
    print("stopped")
helper.stop()
"""


def test_the_helper_gives_back_what_a_call_returns_or_raises_and_a_dead_one_fails_the_check():
    """In a process of its own: a test's process has other threads, and forking beside them is
    unsafe (helper.can_start refuses; the child may wait for ever on a lock held at the fork)."""
    run = subprocess.run([sys.executable, "-c", _HELPER], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["raised", "here", "stopped"]
