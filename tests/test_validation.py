"""Bad data is stopped with a message naming file, line, field, the rule's code and the fix.

Each file in fixtures/invalid/ is a copy of fixtures/valid/procedure.yml with one mistake;
its first lines say what must be reported (`# expect: CODE line N field: F`, `# hint: …`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.load import load_catalogue
from macros.problems import CODES, DataError

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))
ROOT = Path(__file__).resolve().parent.parent


def make_project(tmp_path: Path, procedures: dict[str, bytes]) -> Path:
    """A throw-away project: the valid platform plus the given procedure files (path -> bytes)."""
    (tmp_path / "data" / "platforms").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "platform.yml", tmp_path / "data" / "platforms" / "shopmart.yml")
    for rel, content in procedures.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return tmp_path


def expectation(raw: bytes) -> dict:
    header = raw.decode("utf-8", errors="replace")
    match = re.search(r"# expect: (SC\d{3}) line (\d+)(?: field: (\S+))?", header)
    hint = re.search(r"# hint: (.+)", header)
    return {"code": match.group(1), "line": int(match.group(2)), "field": match.group(3),
            "hint": hint.group(1).strip() if hint else None}


def problems_for(tmp_path: Path, raw: bytes):
    platform = re.search(rb"^platform: (\S+)", raw, re.MULTILINE)
    folder = platform.group(1).decode() if platform else "shopmart"
    rel = f"data/procedures/{folder}/close-account.yml"
    root = make_project(tmp_path, {rel: raw})
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    return rel, caught.value.problems


def test_the_valid_fixture_is_valid(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw})
    catalogue = load_catalogue(root)
    assert list(catalogue.entries) == ["shopmart/close-account"]


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_each_mistake_is_reported_with_its_code_file_line_field_and_fix(fixture, tmp_path):
    raw = fixture.read_bytes()
    want = expectation(raw)
    rel, problems = problems_for(tmp_path, raw)
    assert {p.code for p in problems} == {want["code"]}, "\n".join(map(str, problems))
    problem = problems[0]
    assert problem.file == rel
    assert problem.line == want["line"], str(problem)
    if want["field"]:
        assert str(problem).split(f" {want['code']} ", 1)[1].startswith(want["field"] + ":"), str(problem)
    assert problem.fix and not problem.fix.startswith("see the field"), str(problem)
    if want["hint"]:
        assert want["hint"] in problem.fix, str(problem)
    assert re.match(rf"^{re.escape(rel)}:\d+:\d+: SC\d{{3}} .+ \(.+\)$", str(problem))


def test_every_code_has_a_failing_fixture():
    covered = {f.stem[:5] for f in INVALID} | {"SC008", "SC020", "SC023"}  # tested below
    assert set(CODES) <= covered, sorted(set(CODES) - covered)


def test_a_procedure_id_used_by_two_files_is_reported(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw,
                                   "data/procedures/shopmart/close-again.yml": raw})
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.line) == ("SC008", "data/procedures/shopmart/close-again.yml", 2)
    assert "close-account.yml" in problem.message


def test_a_procedure_without_sources_is_reported(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    start, end = raw.index("sources:\n  - id"), raw.index("precautions:")
    raw = raw[:start] + "sources: []\n" + raw[end:]
    raw = raw.replace("    sources: [shopmart-help]\n", "")
    _rel, problems = problems_for(tmp_path, raw.encode())
    assert [p.code for p in problems] == ["SC013"]  # the empty list; SC020 guards a missing key
    assert "sources" in problems[0].message


def test_a_file_in_the_wrong_folder_is_reported(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_bytes()
    (tmp_path / "data" / "platforms").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "platform.yml", tmp_path / "data" / "platforms" / "shopmart.yml")
    shutil.copy(FIXTURES / "valid" / "platform.yml", tmp_path / "data" / "platforms" / "other.yml")
    (tmp_path / "data" / "platforms" / "other.yml").write_text(
        (FIXTURES / "valid" / "platform.yml").read_text().replace("id: shopmart", "id: other"))
    target = tmp_path / "data" / "procedures" / "other" / "close-account.yml"
    target.parent.mkdir(parents=True)
    target.write_bytes(raw)
    with pytest.raises(DataError) as caught:
        load_catalogue(tmp_path)
    assert [(p.code, p.line) for p in caught.value.problems] == [("SC023", 3)]


def test_yaml_1_1_words_and_times_stay_text(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    raw = raw.replace("title: Send the closure request", "title: Wait 1:30 then say yes")
    raw = raw.replace("details: Closed accounts lose access to their reports.", "details: no")
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw.encode()})
    procedure = load_catalogue(root).entries["shopmart/close-account"].procedure
    assert procedure.steps[0].title == "Wait 1:30 then say yes"
    assert procedure.precautions[0].details == "no"


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    files = {f"data/procedures/shopmart/{f.stem.lower()}.yml": f.read_bytes()
             for f in INVALID if b"platform: shopmart" in f.read_bytes() and "SC007" not in f.name}
    root = make_project(tmp_path, files)
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    reported_files = {p.file for p in caught.value.problems}
    assert len(reported_files) == len(files)


def test_check_command_exits_1_with_messages_and_no_traceback(tmp_path):
    bad = (FIXTURES / "invalid" / "SC004-unknown-key.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": bad})
    run = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(root), "check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "data/procedures/shopmart/close-account.yml:8:1: SC004 sumary: unknown key 'sumary'" in run.stdout


def test_check_command_can_print_github_annotations(tmp_path):
    bad = (FIXTURES / "invalid" / "SC004-unknown-key.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": bad})
    run = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(root), "check", "--format", "github"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert run.stdout.startswith("::error file=data/procedures/shopmart/close-account.yml,line=8,col=1,title=SC004::")


def test_the_real_data_is_valid():
    run = subprocess.run([sys.executable, "-m", "macros.cli", "check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
