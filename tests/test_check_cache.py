"""`make check` re-reads only what changed, and a reused result is always the one a full
check would give (macros/cache.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from test_validation import FIXTURES, INVALID, ROOT, make_project

from macros.data.cache import CheckCache
from macros.data.load import check_all

TODAY = dt.date(2026, 11, 22)
VALID = (FIXTURES / "valid" / "procedure.yml").read_bytes()
PROCEDURE = "data/procedures/shopmart/close-account.yml"


def _check(root: Path, cache_folder: Path | None, today: dt.date = TODAY):
    cache = CheckCache(root, cache_folder) if cache_folder else None
    _platforms, _procedures, problems, _glossary = check_all(root, today, cache)
    if cache:
        cache.save()
    return sorted(problems), cache


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_a_reused_result_reports_exactly_what_a_full_check_reports(tmp_path, fixture):
    root = make_project(tmp_path / "project", {PROCEDURE: fixture.read_bytes()})
    full, _ = _check(root, None)
    first, cache = _check(root, tmp_path / "cache")
    again, cache = _check(root, tmp_path / "cache")
    assert full and first == full and again == full
    assert cache.misses == 0 and cache.hits == 2  # the platform file and the procedure file


def _settled(root: Path, seconds: int = 60) -> None:
    """Every data file last changed `seconds` ago, as files are that nobody is editing."""
    import os
    import time

    for path in (root / "data").rglob("*.yml"):
        os.utime(path, ns=(time.time_ns(), time.time_ns() - seconds * 1_000_000_000))


def test_a_settled_unchanged_file_is_not_even_read_and_a_fresh_one_always_is(tmp_path, monkeypatch):
    """The digest of a file's bytes is taken from its lstat when it is as it was and the file
    had settled when it was read (a file written within the same clock tick is read again)."""
    import macros.data.cache as cache_module

    root = make_project(tmp_path / "project", {PROCEDURE: VALID})
    _settled(root)
    _check(root, tmp_path / "cache")
    reads = []
    real = cache_module.read_bytes
    monkeypatch.setattr(cache_module, "read_bytes", lambda path, display: reads.append(display) or real(path, display))
    _again, cache = _check(root, tmp_path / "cache")
    assert reads == [] and cache.hits == 2
    edited = root / PROCEDURE  # the same size, just written: read again, and found changed
    edited.write_bytes(VALID.replace(b"Close", b"Shut_", 1))
    _problems, cache = _check(root, tmp_path / "cache")
    assert reads == [PROCEDURE] and cache.misses == 1
    _problems, cache = _check(root, tmp_path / "cache")  # still fresh: read again, the result reused
    assert reads == [PROCEDURE, PROCEDURE] and cache.misses == 0
    platform = root / "data" / "platforms" / "shopmart.yml"  # settled, but its change time moves
    platform.chmod(platform.stat().st_mode)  # (a chmod, or a copy that put the old time back)
    _check(root, tmp_path / "cache")
    assert "data/platforms/shopmart.yml" in reads[2:]


def test_an_edited_file_is_read_again(tmp_path):
    root = make_project(tmp_path / "project", {PROCEDURE: VALID})
    assert _check(root, tmp_path / "cache")[0] == []
    (root / PROCEDURE).write_bytes(VALID.replace(b"summary: A small", b"sumary: A small"))
    problems, cache = _check(root, tmp_path / "cache")
    assert sorted(p.code for p in problems) == ["SC004", "SC006"]
    assert cache.misses == 1 and cache.hits == 1


def test_a_deleted_platform_file_is_seen_by_unchanged_procedures(tmp_path):
    root = make_project(tmp_path / "project", {PROCEDURE: VALID})
    assert _check(root, tmp_path / "cache")[0] == []
    (root / "data/platforms/shopmart.yml").unlink()
    problems, _ = _check(root, tmp_path / "cache")
    assert [p.code for p in problems] == ["SC009"]


def test_a_date_that_was_today_is_checked_again_tomorrow(tmp_path):
    root = make_project(tmp_path / "project", {PROCEDURE: VALID.replace(b"2026-01-15", b"2026-11-23")})
    assert [p.code for p in _check(root, tmp_path / "cache")[0]] == ["SC011"]
    assert _check(root, tmp_path / "cache", today=dt.date(2026, 11, 23))[0] == []


def test_a_change_to_the_checking_code_discards_every_result(tmp_path, monkeypatch):
    root = make_project(tmp_path / "project", {PROCEDURE: VALID})
    _check(root, tmp_path / "cache")
    monkeypatch.setattr("macros.data.cache.code_version", lambda: "edited")
    _, cache = _check(root, tmp_path / "cache")
    assert cache.hits == 0 and cache.misses == 2


def test_a_broken_or_foreign_cache_file_is_ignored_and_rewritten(tmp_path):
    root = make_project(tmp_path / "project", {PROCEDURE: VALID.replace(b"summary: A small", b"sumary: A small")})
    _, cache = _check(root, tmp_path / "cache")
    for junk in ("{not json", json.dumps({"code": cache.code, "results": "nonsense"}), "[]"):
        cache.path.write_text(junk)
        problems, again = _check(root, tmp_path / "cache")
        assert sorted(p.code for p in problems) == ["SC004", "SC006"]
        assert again.misses == 2
    assert json.loads(cache.path.read_text())["code"] == cache.code


def test_the_cache_lives_outside_the_project(tmp_path):
    """A pull request cannot add a result that would hide a problem."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    cache = CheckCache(project)
    assert not cache.path.resolve().is_relative_to(project.resolve())
    assert not cache.path.resolve().is_relative_to(ROOT.resolve())


def test_reading_in_two_processes_reports_exactly_what_one_process_reports(tmp_path, monkeypatch):
    """`make check` reads many files in two processes (macros.data.load.PARALLEL_FROM)."""
    files = {f"data/procedures/shopmart/{fixture.stem.lower()}.yml": fixture.read_bytes() for fixture in INVALID}
    root = make_project(tmp_path, files)
    one = sorted(check_all(root, TODAY)[2])
    monkeypatch.setattr("macros.data.load.PARALLEL_FROM", 2)
    two = sorted(check_all(root, TODAY, workers=2)[2])
    assert len(one) >= len(INVALID) and two == one


def test_the_build_reading_in_two_processes_gets_the_same_catalogue_as_one_process(monkeypatch):
    """The build (load_catalogue, workers=2): each guide's model is made again from the value a
    worker sent back, equal to the one a single process makes."""
    import multiprocessing

    from macros.data.load import load_catalogue

    today = dt.date.today()  # the real data's dates are checked against it
    one = load_catalogue(ROOT, today)
    monkeypatch.setattr("macros.data.load.PARALLEL_FROM", 2)
    forks = []
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: forks.append(method) or real(method))
    two = load_catalogue(ROOT, today, workers=2)
    assert forks == ["fork"]  # it did read in a second process
    assert list(two.entries) == list(one.entries) and len(one.entries) > 10
    assert all(two.entries[key].procedure == entry.procedure for key, entry in one.entries.items())
    assert two.platforms == one.platforms and two.glossary == one.glossary


def test_the_build_reading_in_two_processes_never_reads_a_translation_again(monkeypatch):
    """The Chinese build shows each translation it checked: a worker sends back what it read,
    so no file is read twice, and the Chinese catalogue is the one a single process makes."""
    from macros.data import translation_model
    from macros.data.load import load_catalogue
    from macros.site.pages import edition

    today = dt.date.today()
    one = edition(load_catalogue(ROOT, today), ROOT, "zh").catalogue
    monkeypatch.setattr("macros.data.load.PARALLEL_FROM", 2)
    monkeypatch.setattr(translation_model, "_read", {})
    monkeypatch.setattr(translation_model, "_sent", {})
    catalogue = load_catalogue(ROOT, today, workers=2)
    assert len(translation_model._sent) > 5  # read in the other process, sent back
    read_again = []
    real = translation_model._read_translation
    monkeypatch.setattr(translation_model, "_read_translation", lambda *a: read_again.append(a[0]) or real(*a))
    monkeypatch.chdir(ROOT)  # the engine names the project folder as it was given: often "."
    two = edition(catalogue, ".", "zh").catalogue
    assert read_again == []
    assert all(two.entries[key].procedure == entry.procedure for key, entry in one.entries.items())
    assert two.platforms == one.platforms and two.glossary == one.glossary


def test_the_glossary_is_kept_too_and_an_edit_of_it_reaches_unchanged_guides(tmp_path):
    """The glossary's result is reused (its undefined must_define terms with it): a term added
    to must_define is reported in a guide that did not change (SC070), and a broken glossary
    is reported again, not forgotten, by the runs after."""
    from test_validation import GLOSSARY as TWO_TERMS

    glossary = TWO_TERMS.replace("    aliases: [chargeback]\n", "")
    used = VALID.replace(b"details: Closed accounts lose access to their reports.",
                         b"details: Closed accounts lose access to their reports. Finish kyc first.")
    root = make_project(tmp_path / "project", {PROCEDURE: used, "data/glossary.yml": glossary.encode()})
    assert _check(root, tmp_path / "cache")[0] == []
    again, cache = _check(root, tmp_path / "cache")
    assert again == [] and cache.misses == 0 and cache.hits == 3  # platform, glossary, procedure
    (root / "data/glossary.yml").write_text(glossary + "must_define: [KYC]\n", encoding="utf-8")
    for _ in range(2):
        problems, cache = _check(root, tmp_path / "cache")
        assert [(p.code, p.file) for p in problems] == [("SC070", PROCEDURE)]
    (root / "data/glossary.yml").write_text(glossary + "must_define: KYC\n", encoding="utf-8")
    reports = [_check(root, tmp_path / "cache")[0] for _ in range(2)]
    assert reports[0] == reports[1] and {p.file for p in reports[0]} == {"data/glossary.yml"}
