"""`make translate` (the skeleton) and `make translations` (the status, with the English diff
from git), run as a contributor runs them."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_translations import GUIDE, ROOT, ZH, edit, problems, project

from macros.cli import main
from macros.data.model import Procedure
from macros.data.translation_skeleton import MARKER, refresh, scalar
from macros.data.translations import MISSING, TRANSLATED, fingerprint, units
from macros.data.yamlread import read_yaml

TODAY = dt.date(2026, 12, 1)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m macros.cli --root ROOT ARGS`, in this process (a fresh interpreter costs ~1 s)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   check=True, capture_output=True)


@pytest.mark.parametrize("text", ["plain words", "Note: a colon", "a # not a comment", "yes", "010", "12345678",
                                  "879252e4", "- dash", '"quoted"', "ends with colon:", "两行\n文字", " padded",
                                  "2026-12-01", "[list]", "设置 (Settings)"])
def test_a_written_scalar_reads_back_as_the_same_text(tmp_path, text):
    path = tmp_path / "x.yml"
    path.write_text(f"key: {scalar(text)}\n", encoding="utf-8")
    doc, found = read_yaml(path, "x.yml")
    assert found == [] and doc.value == {"key": text}


def test_a_new_skeleton_holds_every_unit_in_english_with_its_fingerprint(tmp_path):
    root = project(tmp_path)
    (root / ZH).unlink()
    written = refresh(root / GUIDE, root, "zh", TODAY)
    doc, _ = read_yaml(root / GUIDE, GUIDE)
    english = units(doc.value, Procedure).texts
    skeleton, _ = read_yaml(written.path, ZH)
    assert written.counts == {MISSING: len(english)}
    for uid, text in english.items():
        assert skeleton.value["units"][uid] == {"from": fingerprint(text), **text}
    assert (root / ZH).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../../schema/")
    found = problems(root)  # unsigned: an error for the translator; untranslated: a warning
    assert [(p.code, p.severity) for p in found] == [("SC025", "error")]
    edit(root / ZH, '  by: ""', '  by: "someone"')
    assert [p.code for p in problems(root)] == ["SC111"]


def test_refreshing_keeps_every_translated_unit_as_written(tmp_path):
    root = project(tmp_path)
    before = (root / ZH).read_bytes()
    assert refresh(root / GUIDE, root, "zh", TODAY).counts == {TRANSLATED: 94}
    assert (root / ZH).read_bytes() == before


def test_refreshing_adds_new_units_marks_stale_and_orphaned_ones_and_keeps_comments(tmp_path):
    root = project(tmp_path)
    edit(root / ZH, "  enter-store-id:\n", "  # the store ID is on the dashboard's home page\n  enter-store-id:\n")
    edit(root / GUIDE, "mark each order shipped within 5 calendar days", "mark each order shipped within 6 calendar days")
    edit(root / GUIDE, "  - id: answer-buyer-messages\n", "  - id: reply-to-buyers\n")
    kept = (root / ZH).read_text(encoding="utf-8").split("  decide-to-close:\n")[1].split("\n  ")[0]
    written = refresh(root / GUIDE, root, "zh", TODAY)
    assert written.counts == {TRANSLATED: 92, "stale": 1, MISSING: 1, "orphaned": 1}
    text = (root / ZH).read_text(encoding="utf-8")
    assert "  # the store ID is on the dashboard's home page\n  enter-store-id:\n" in text
    assert kept in text
    doc, _ = read_yaml(root / GUIDE, GUIDE)
    now = fingerprint(units(doc.value, Procedure).texts["fulfil-open-orders"])
    assert f'  {MARKER} the English changed' in text and f'set from: "{now}"\n  fulfil-open-orders:' in text
    assert "  reply-to-buyers:\n    from:" in text and "    title: Answer every open buyer message\n" in text
    assert f"  {MARKER} no English item has this id any more" in text and "  answer-buyer-messages:\n" in text
    refresh(root / GUIDE, root, "zh", TODAY)
    assert (root / ZH).read_text(encoding="utf-8") == text  # idempotent: markers are replaced, not added


def test_make_translate_refuses_a_language_or_a_file_it_cannot_translate(tmp_path):
    root = project(tmp_path)
    assert "no such edition" in cli(root, "translate", "fr", GUIDE).stderr
    edit(root / GUIDE, "kind: close-account", "kind: close")
    run = cli(root, "translate", "zh", GUIDE)
    assert run.returncode == 1 and "make check" in run.stderr and "Traceback" not in run.stderr


def test_make_translations_shows_the_english_diff_of_a_stale_unit_from_git(tmp_path):
    root = project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "translated")
    edit(root / GUIDE, "mark each order shipped within 5 calendar days", "mark each order shipped within 6 calendar days")
    git(root, "commit", "-q", "-am", "English edit")
    run = cli(root, "translations")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert f"{ZH}: 93/94 translated, 1 stale, 0 missing, 0 orphaned" in lines
    at = lines.index("  stale: fulfil-open-orders")
    assert lines[at + 1].startswith("    -details: ") and "5 calendar days" in lines[at + 1]
    assert lines[at + 2].startswith("    +details: ") and "6 calendar days" in lines[at + 2]
    assert "data/platforms/wish.zh.yml: 3/3 translated, 0 stale, 0 missing, 0 orphaned" in lines


def test_without_history_a_stale_unit_is_reported_as_stale(tmp_path):
    root = project(tmp_path)
    edit(root / GUIDE, "mark each order shipped within 5 calendar days", "mark each order shipped within 6 calendar days")
    run = cli(root, "translations")
    assert run.returncode == 0, run.stderr
    assert "  stale: fulfil-open-orders (the English it was translated from is not in the git history here)" in \
        run.stdout.splitlines()


def test_make_translations_names_the_guides_with_no_translation(tmp_path):
    root = project(tmp_path)
    shutil.copy(ROOT / "data/procedures/wish/review-failed.yml", root / "data/procedures/wish/review-failed.yml")
    lines = cli(root, "translations").stdout.splitlines()
    assert ("data/procedures/wish/review-failed.yml: no zh translation "
            "(make translate LANG=zh FILE=data/procedures/wish/review-failed.yml)") in lines


def test_the_make_targets_name_zh_unless_lang_is_given_and_run_in_utf8():
    env = {**os.environ, "LANG": "en_US.UTF-8"}  # the shell's locale is not a language of the site
    default = subprocess.run(["make", "-n", "translate", f"FILE={GUIDE}"], capture_output=True, text=True,
                             cwd=ROOT, env=env, check=False).stdout
    assert f'macros.cli translate "zh" "{GUIDE}"' in default and "LANG=C.UTF-8" in default
    given = subprocess.run(["make", "-n", "translations", "LANG=xx"], capture_output=True, text=True, cwd=ROOT,
                           env=env, check=False).stdout
    assert '--lang "xx"' in given
    missing = subprocess.run(["make", "-s", "translate", "LANG=zh"], capture_output=True, text=True, cwd=ROOT,
                             check=False)
    assert missing.returncode != 0 and "say which file" in missing.stdout


def test_make_translations_reports_the_real_translations():
    run = subprocess.run(["make", "-s", "translations"], capture_output=True, text=True, cwd=ROOT, check=False,
                         env={**os.environ, "LANG": "C"})
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    data = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yml"))
    for path in data:
        if path.endswith(".zh.yml"):  # every translation, with its counts
            assert any(re.fullmatch(rf"{re.escape(path)}: \d+/\d+ translated.*", line) for line in lines), path
        elif path.removesuffix(".yml") + ".zh.yml" not in data:  # every English file without one
            assert any(line.startswith(f"{path}: no zh translation") for line in lines), path
    assert f"{ZH}: 94/94 translated, 0 stale, 0 missing, 0 orphaned" in lines


def test_a_unit_without_from_is_one_error_in_check_and_stale_in_both_tools(tmp_path):
    """A translator who deletes `from:` gets SC101 from make check, not a traceback; make
    translations and make translate call the unit stale and say which fingerprint to set."""
    root = project(tmp_path)
    edit(root / ZH, '    from: "3ccb63ae"\n', "")
    assert [(p.code, p.severity) for p in problems(root)] == [("SC101", "error")]
    run = cli(root, "check")
    assert run.returncode == 1 and "SC101" in run.stdout + run.stderr and "Traceback" not in run.stderr
    run = cli(root, "translations")
    assert run.returncode == 0, run.stderr
    assert re.search(r"^  stale: \S+ \(no from: ", run.stdout, re.MULTILINE), run.stdout
    run = cli(root, "translate", "zh", GUIDE)
    assert run.returncode == 0, run.stderr
    assert re.search(r'# make translate: no from: .* set from: "[0-9a-f]{8}"', (root / ZH).read_text(encoding="utf-8"))
