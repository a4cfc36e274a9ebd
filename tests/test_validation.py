"""Bad data is stopped with a message naming file, line, field, the rule's code and the fix.

Each file in fixtures/invalid/ is a copy of fixtures/valid/procedure.yml with one mistake;
its first lines say what must be reported (`# expect: CODE line N field: F`, `# hint: …`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main as cli_main
from macros.data import checks, gitbase
from macros.data.load import PARALLEL_FROM, check_all, data_files, load_catalogue
from macros.data.problems import CODES, DataError, Problem
from macros.data.yamlread import read_yaml

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


def run_macros_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m macros.cli ARGS`, run by the command's own main() in this process (a fresh
    interpreter costs ~0.5 CPU-s): its exit status (argparse's 2 for a wrong command included),
    what it prints and where. An exception would fail the test, so no run here ends in a
    traceback. test_the_real_data_is_valid runs the real command line, as `make check` does.
    Each run starts as a new process would: without what this one remembers of a repository's
    base branch (gitbase.published_paths, kept for a build). Data large enough for the check
    to fork readers (load.PARALLEL_FROM) is checked by the real command line instead: no fork
    from a test process, which may also drive a browser."""
    root = Path(args[args.index("--root") + 1]) if "--root" in args else ROOT
    if len(data_files(root)[1]) >= PARALLEL_FROM:
        return subprocess.run([sys.executable, "-m", "macros.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, check=False)
    gitbase.published_paths.cache_clear()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(list(args))
        except SystemExit as exited:  # argparse, as the real command exits
            code = exited.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


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
    problems = sorted(check_all(root, dt.date.today())[2])
    errors = [p for p in problems if p.is_error]
    if errors:
        with pytest.raises(DataError) as caught:
            load_catalogue(root)
        assert caught.value.problems == errors  # the build stops on the errors (and names only them)
    else:
        load_catalogue(root)  # warnings never stop a build
    return rel, problems


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
    warning = "warning: " if problem.severity == "warning" else ""
    assert re.match(rf"^{re.escape(rel)}:\d+:\d+: {warning}SC\d{{3}} .+ \(.+\)$", str(problem))


def test_every_code_has_a_failing_fixture():
    from test_hostile_refused import FILE_LEVEL_CODES  # files that cannot be committed
    from test_translations import TESTED_CODES  # translation files: tested there

    covered = {f.stem[:5] for f in INVALID} | {"SC008", "SC023", "SC055", "SC070"} | TESTED_CODES  # other files: tested below
    covered |= {"SC091"}  # needs git history: tests/test_history.py
    assert set(CODES) <= covered | FILE_LEVEL_CODES, sorted(set(CODES) - covered - FILE_LEVEL_CODES)


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
    assert [p.code for p in problems] == ["SC020"]  # an empty list, like a missing key (fixture SC020)
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
             for f in INVALID if b"platform: shopmart" in f.read_bytes() and "SC007" not in f.name
             and CODES[f.stem[:5]].severity == "error"}
    root = make_project(tmp_path, files)
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    reported_files = {p.file for p in caught.value.problems}
    assert len(reported_files) == len(files)


def test_check_command_exits_1_with_messages_and_no_traceback(tmp_path):
    bad = (FIXTURES / "invalid" / "SC004-unknown-key.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": bad})
    run = run_macros_cli("--root", str(root), "check")
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "data/procedures/shopmart/close-account.yml:8:1: SC004 sumary: unknown key 'sumary'" in run.stdout


def test_check_command_can_print_github_annotations(tmp_path):
    bad = (FIXTURES / "invalid" / "SC004-unknown-key.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": bad})
    run = run_macros_cli("--root", str(root), "check", "--format", "github")
    assert run.returncode == 1
    assert run.stdout.startswith("::error file=data/procedures/shopmart/close-account.yml,line=8,col=1,title=SC004::")


def test_the_real_data_is_valid():
    """The real command line, as `make check` runs it (the other tests call its main())."""
    run = subprocess.run([sys.executable, "-m", "macros.cli", "check"], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_command_line_ends_without_clean_up_yet_prints_everything_and_its_status(tmp_path):
    """A check in its own process ends with os._exit (macros/cli.py): what it printed still
    reaches a pipe, every problem and the count, and the status is the check's."""
    bad = (FIXTURES / "invalid" / "SC004-unknown-key.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": bad})
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as make's
    run = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(root), "check", "--no-cache"],
                         capture_output=True, text=True, cwd=ROOT, check=False, env=buffered)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.startswith("data/procedures/shopmart/close-account.yml:8:1: SC004"), run.stdout
    assert "1 error(s) in 1 file(s)" in run.stderr, run.stderr


def test_every_problem_in_one_file_is_reported_at_once(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    raw = raw.replace("summary: A small", "sumary: A small")                      # SC004 and SC006
    raw = raw.replace("irreversible: true\nlast", "irreversible: yes\nlast")      # SC005
    raw = raw.replace("official: true", "official: true\n    official: false")   # SC003
    raw = raw.replace("url: https://help", "url: javascript://help")              # SC012
    raw = raw.replace("  - id: request-closure", "  - id: export-orders")          # SC007
    _rel, problems = problems_for(tmp_path, raw.encode())
    assert sorted(p.code for p in problems) == ["SC003", "SC004", "SC005", "SC006", "SC007", "SC012"], \
        "\n".join(map(str, problems))


def test_model_errors_and_content_rules_come_in_the_same_round(tmp_path):
    """`make check` reports a wrong type, a future date and a step without a verb together:
    a contributor never fixes one file twice."""
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    raw = raw.replace("irreversible: true\nlast", "irreversible: yes\nlast")      # SC005 (model)
    raw = raw.replace("last_reviewed: 2026-01-15", "last_reviewed: 2999-01-01")   # SC011
    raw = raw.replace("title: Send the closure request", "title: The closure request")  # SC022
    _rel, problems = problems_for(tmp_path, raw.encode())
    assert sorted(p.code for p in problems) == ["SC005", "SC011", "SC022"], "\n".join(map(str, problems))


def test_a_mistake_both_the_model_and_a_check_see_is_reported_once(tmp_path):
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    raw = raw.replace("last_reviewed: 2026-01-15", "last_reviewed: 2026-13-45")   # SC010
    _rel, problems = problems_for(tmp_path, raw.encode())
    assert [p.code for p in problems] == ["SC010"], "\n".join(map(str, problems))


def test_content_rules_also_run_on_a_file_the_model_rejected(tmp_path):
    """The checks read the document, not the validated model: nothing waits for a second round."""
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    raw = raw.replace("kind: close-account", "kind: [close-account]")             # SC005 (model)
    raw = raw.replace("last_reviewed: 2026-01-15", "last_reviewed: 2999-01-01")   # SC011
    raw = raw.replace("title: Send the closure request", "title: The closure request")  # SC022
    raw = raw.replace("details: Closed accounts", "details: <b>Closed</b> accounts")    # SC016
    raw = raw.replace("  - id: request-closure", "  - id: export-orders")          # SC007
    raw = raw.replace("    sources: [shopmart-help]", "    sources: [nowhere]")    # SC024
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw.encode()})
    path = root / "data/procedures/shopmart/close-account.yml"
    doc, found = read_yaml(path, "x.yml")
    assert found == []
    problems = checks.check_procedure(None, path, root, doc, "x.yml", {}, dt.date(2026, 11, 22))
    assert sorted(p.code for p in problems) == ["SC007", "SC011", "SC016", "SC022", "SC024", "SC024"], \
        "\n".join(map(str, problems))


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    """A 'billion laughs' file: expanding it would take 10**12 copies. It is refused before any
    alias is followed (if it were expanded, this test would never finish)."""
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 13)]
    bomb = tmp_path / "bomb.yml"
    bomb.write_text("\n".join(lines) + "\n")
    doc, problems = read_yaml(bomb, "bomb.yml")
    assert doc is None
    assert [(p.code, p.line) for p in problems] == [("SC018", 1)]


def test_check_command_exits_2_for_a_wrong_command():
    run = run_macros_cli("check", "--format", "xml")
    assert run.returncode == 2
    assert "invalid choice" in run.stderr


def test_annotations_stay_on_one_line_whatever_the_text():
    problem = Problem("data/a,b:c.yml", 3, 5, "SC016", "details: contains the HTML '<b\nclass=x>' (100%)", "fix")
    line = problem.github_annotation()
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=data/a%2Cb%3Ac.yml,line=3,col=5,title=SC016::SC016 details:")
    assert "100%25" in line
    assert "\n" not in str(problem)


def _documented_codes() -> dict[str, tuple[str, str, str]]:
    """code -> (name, severity, meaning) from the table in CONTRIBUTING.md."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (SC\d{3}) \| `([a-z0-9-]+)` \| (error|warning|[^|]*?) \| ([^|]+?) \|", text,
                      re.MULTILINE)
    return {code: (name, severity, meaning.strip()) for code, name, severity, meaning in rows}


def test_every_code_is_documented_in_contributing_exactly_as_in_the_code():
    assert _documented_codes() == {code: tuple(row) for code, row in CODES.items()}
    assert {row.severity for row in CODES.values()} == {"error", "warning"}


def test_the_documented_table_is_read_from_the_file():
    """Negative control: a table row whose meaning or severity differs from the code is noticed."""
    documented = _documented_codes()
    assert documented["SC041"][1] == "warning" and documented["SC001"][1] == "error"
    for changed in (("yaml-syntax", "error", "Something else."),
                    ("yaml-syntax", "warning", CODES["SC001"].meaning)):
        documented["SC001"] = changed
        assert documented != {code: tuple(row) for code, row in CODES.items()}


def test_the_complete_example_in_contributing_is_valid(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# yaml-language-server: \$schema=[^\n]+\n.*?)```", text, re.DOTALL)
    platform = next(b for b in blocks if "platform.schema.json" in b.splitlines()[0])
    procedure = next(b for b in blocks if "procedure.schema.json" in b.splitlines()[0] and "steps:" in b)
    (tmp_path / "data/platforms").mkdir(parents=True)
    (tmp_path / "data/platforms/shopmart.yml").write_text(platform, encoding="utf-8")
    (tmp_path / "data/procedures/shopmart").mkdir(parents=True)
    (tmp_path / "data/procedures/shopmart/close-account.yml").write_text(procedure, encoding="utf-8")
    procedure = load_catalogue(tmp_path, today=dt.date(2026, 11, 22)).entries["shopmart/close-account"].procedure
    assert procedure.conflicts and procedure.troubleshooting and procedure.money  # the example shows them


def test_every_field_of_the_model_is_named_in_contributing():
    from pydantic import BaseModel

    from macros.data.errors import _inner_model
    from macros.data.model import Platform, Procedure

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    seen, todo, missing = set(), [Procedure, Platform], []
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            if f"`{name}`" not in text:
                missing.append(f"{model.__name__}.{name}")
            inner = _inner_model(field.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    assert missing == []


@pytest.mark.parametrize("text, code, says", [
    ("id: x\n---\nid: y\n", "SC001", "second document"),
    ("id: " + "[" * 50_000 + "]" * 50_000 + "\n", "SC001", "nested too deeply"),
    ("- id: x\n", "SC026", "not a mapping"),
    ("---\n", "SC026", "empty"),
])
def test_files_yaml_allows_but_a_procedure_cannot_be_are_refused_clearly(tmp_path, text, code, says):
    path = tmp_path / "odd.yml"
    path.write_text(text)
    doc, problems = read_yaml(path, "odd.yml")
    assert doc is None
    assert [p.code for p in problems] == [code] and says in problems[0].message


GLOSSARY = """# yaml-language-server: $schema=../schema/glossary.schema.json
terms:
  - id: chargeback
    term: Chargeback
    definition: A payment a bank takes back from you after a buyer disputes it.
  - id: chargeback-2
    term: Refund
    aliases: [chargeback]
    definition: Money you return to a buyer.
"""


def test_a_glossary_term_defined_twice_is_reported_at_the_second(tmp_path):
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml":
                                   (FIXTURES / "valid" / "procedure.yml").read_bytes(),
                                   "data/glossary.yml": GLOSSARY.encode()})
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.code) == ("data/glossary.yml", 8, "SC055"), str(problem)


def test_a_valid_glossary_reaches_the_catalogue(tmp_path):
    text = GLOSSARY.replace("    aliases: [chargeback]\n", "")
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml":
                                   (FIXTURES / "valid" / "procedure.yml").read_bytes(),
                                   "data/glossary.yml": text.encode()})
    assert [t.term for t in load_catalogue(root).glossary.terms] == ["Chargeback", "Refund"]


def test_a_guide_using_a_must_define_term_without_an_entry_is_told_which_file_and_field(tmp_path):
    """SC070 names the guide's file, line and field; the glossary's must_define alone (no guide
    using the word) and a defined term are fine."""
    raw = (FIXTURES / "valid" / "procedure.yml").read_text()
    glossary = GLOSSARY.replace("    aliases: [chargeback]\n", "") + "must_define: [chargeback, KYC]\n"
    project = {"data/procedures/shopmart/close-account.yml": raw.encode(), "data/glossary.yml": glossary.encode()}
    assert load_catalogue(make_project(tmp_path / "unused", project))  # KYC undefined but not used: no problem

    used = raw.replace("details: Closed accounts lose access to their reports.",
                       "details: Closed accounts lose access to their reports. Finish kyc and chargebacks first.")
    project["data/procedures/shopmart/close-account.yml"] = used.encode()
    root = make_project(tmp_path / "used", project)
    assert load_catalogue(root)  # a warning: it never blocks the build
    [problem] = check_all(root, dt.date(2026, 11, 22))[2]  # 'chargebacks' is not 'chargeback', defined anyway
    assert problem.severity == "warning"
    line = used.splitlines().index("    details: Closed accounts lose access to their reports. Finish kyc and "
                                   "chargebacks first.") + 1
    assert (problem.code, problem.file, problem.line) == ("SC070", "data/procedures/shopmart/close-account.yml", line)
    assert str(problem).split(" SC070 ", 1)[1].startswith("precautions[0].details: uses 'kyc'"), str(problem)
    assert "data/glossary.yml" in problem.fix

    # Negative control: with an entry for it (an alias here), the same guide passes.
    defined = glossary.replace("    definition: Money you return", "    aliases: [KYC]\n    definition: Money you return")
    project["data/glossary.yml"] = defined.encode()
    assert check_all(make_project(tmp_path / "defined", project), dt.date(2026, 11, 22))[2] == []


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)


def test_a_new_file_reusing_a_published_id_is_the_one_blamed(tmp_path, monkeypatch):
    """The published file sorts after the new one, so only the base branch can tell them apart;
    a pull request's merge commit (one commit deep) would see both as present."""
    raw = (FIXTURES / "valid" / "procedure.yml").read_bytes()
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw})
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "published")
    _git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    (root / "data/procedures/shopmart/a-copy.yml").write_bytes(raw)
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    run = run_macros_cli("--root", str(root), "check", "--no-cache")
    lines = [line for line in run.stdout.splitlines() if " SC008 " in line]
    assert len(lines) == 1 and lines[0].startswith("data/procedures/shopmart/a-copy.yml:"), run.stdout
    assert "this file is new" in lines[0] and "published data/procedures/shopmart/close-account.yml" in lines[0]

    _git(root, "update-ref", "-d", "refs/remotes/origin/main")  # no base: both files are named
    run = run_macros_cli("--root", str(root), "check", "--no-cache")
    [line] = [line for line in run.stdout.splitlines() if " SC008 " in line]
    assert "a-copy.yml and data/procedures/shopmart/close-account.yml" in line, line


@pytest.mark.parametrize("text, line, col, says, fix", [
    ("id: x\ntitle: y\n  summary: z\nkind: a\n", 3, 3, "'summary' is indented deeper than 'title' on line 2",
     "outdent it to line up with 'title' (0 spaces)"),
    ("steps:\n  - id: a\n    title: b\n      details: c\n", 4, 7, "'details' is indented deeper than 'title'",
     "(4 spaces)"),
    ("steps:\n  - id: a\n      title: b\n", 3, 7, "'title' is indented deeper than 'id'", "(4 spaces)"),
    ("id: x\ntitle\uff1a y\nsummary: z\n", 2, 6, "'title' is followed by a full-width colon", "ASCII colon ':'"),
    ("steps:\n  - id\uff1a a\n    title: b\n", 2, 7, "'id' is followed by a full-width colon", "ASCII colon ':'"),
    ("id: x\ntitle:\u3000y\nsummary: z\n", 2, 7, "full-width space", "ASCII spaces"),
    ("steps:\n  - id: a\n\u3000\u3000title: b\n", 3, 1, "full-width space", "ASCII spaces for indentation"),
])
def test_a_key_indented_too_deep_or_typed_with_full_width_marks_gets_the_fix_for_it(tmp_path, text, line, col,
                                                                                  says, fix):
    path = tmp_path / "typo.yml"
    path.write_text(text, encoding="utf-8")
    _doc, problems = read_yaml(path, "typo.yml")
    assert [(p.code, p.line, p.col) for p in problems] == [("SC001", line, col)], problems
    assert says in problems[0].message and fix in problems[0].fix, problems[0]


def test_full_width_colons_and_spaces_inside_text_are_not_flagged(tmp_path):
    """Chinese text uses them: only YAML's own syntax positions are looked at."""
    path = tmp_path / "zh.yml"
    path.write_text("id: x\ntitle: 关闭：店铺\u3000好\ndetails: >-\n  注意：先停售。\n  note：text\n"
                    "list:\n  - 第一步：保存\n", encoding="utf-8")
    doc, problems = read_yaml(path, "zh.yml")
    assert problems == [] and doc.value["title"] == "关闭：店铺\u3000好"
    # Negative control: an unknown syntax error keeps the general advice.
    path.write_text("id: x\ntitle: [a\n", encoding="utf-8")
    _doc, problems = read_yaml(path, "zh.yml")
    assert [p.code for p in problems] == ["SC001"] and "indentation and quoting" in problems[0].fix


def test_a_file_read_the_quick_way_knows_where_every_value_stands_as_the_strict_read_does(tmp_path):
    """A clean file is read without remembering where each value stands (macros/data/quickread.py);
    the first question about a place below the top level reads it again in full. Every answer
    equals the strict reader's, which reads a copy with a comment that sends it that way."""
    from macros.data.yamlread import read_yaml

    text = (FIXTURES / "valid" / "procedure.yml").read_text(encoding="utf-8")
    quick_path, strict_path = tmp_path / "quick.yml", tmp_path / "strict.yml"
    quick_path.write_text(text.replace(" #", "\n#"), encoding="utf-8")
    strict_path.write_text(text.replace(" #", "\n#") + "last: 1  # a comment sends it the strict way\n",
                           encoding="utf-8")
    quick, _ = read_yaml(quick_path, "quick.yml")
    strict, _ = read_yaml(strict_path, "strict.yml")
    deep = [loc for loc in strict.marks if len(loc) > 1]
    assert deep and not any(loc in quick._marks for loc in deep)  # read the quick way: the top level only
    assert quick.where(("id",)) == strict.where(("id",)) and quick._refill is not None  # still nothing re-read
    assert {loc: quick.where(loc) for loc in deep} == {loc: strict.marks[loc] for loc in deep}
    assert quick.key_marks == {loc: m for loc, m in strict.key_marks.items() if loc != ("last",)}
    assert quick.value == {k: v for k, v in strict.value.items() if k != "last"}


def test_a_fault_in_our_code_ends_in_a_message_to_report_not_a_traceback(monkeypatch, capsys):
    """`python -m macros.cli` (what every make target runs) turns a bug of ours into exit 70 and
    two lines; SELLER_CHECKLISTS_DEBUG=1 gives the traceback back to a developer."""
    from macros import cli

    def broken(argv=None, own_process=False):
        raise KeyError("from")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.delenv("SELLER_CHECKLISTS_DEBUG", raising=False)
    assert cli.run_as_command(["check"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("internal error: KeyError: 'from'\n") and "open an issue" in err and "Traceback" not in err
    monkeypatch.setenv("SELLER_CHECKLISTS_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.run_as_command(["check"])
