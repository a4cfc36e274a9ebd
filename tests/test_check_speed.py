"""What `make check`'s speed rests on, kept true (the times themselves are measured by
`make bench`, never here)."""

from __future__ import annotations

import datetime as dt
import gc

from test_validation import INVALID, ROOT, make_project

from macros.data import load

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
    real = load.read_procedure_with_english
    monkeypatch.setattr(load, "read_procedure_with_english",
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
