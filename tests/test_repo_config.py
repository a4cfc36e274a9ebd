"""The contributor tooling agrees with the project: yamllint with the loader, pre-commit and CI
with the pinned versions and commands, the forms and templates with CONTRIBUTING.md."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "fixtures" / "invalid"
GITHUB = ROOT / ".github"


def yamllint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "-f", "parsable", "-c", str(ROOT / ".yamllint.yml"),
                           *map(str, paths)], capture_output=True, text=True, cwd=ROOT, check=False)


def test_yamllint_passes_on_the_data_and_the_repository_yaml():
    run = yamllint(ROOT / "data", ROOT / ".github", ROOT / "mkdocs.yml", ROOT / ".pre-commit-config.yaml",
                   ROOT / "tests" / "fixtures" / "valid")
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("fixture, rule", [
    ("SC003-duplicate-key.yml", "key-duplicates"),
    ("SC002-tab-indent.yml", "syntax"),
    ("SC018-yaml-anchor.yml", "anchors"),
    ("SC005-wrong-type-yes.yml", "truthy"),
])
def test_yamllint_refuses_what_the_loader_refuses(fixture, rule):
    run = yamllint(INVALID / fixture)
    assert run.returncode == 1, run.stdout
    assert "[error]" in run.stdout and (f"({rule})" in run.stdout or rule == "syntax"), run.stdout


def test_ruff_finds_nothing_in_the_python():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                          "macros", "tests", "benchmarks", "overrides"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def _pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", d).groups() for d in deps if "==" in d)


def test_pre_commit_runs_yamllint_make_check_and_ruff_at_the_pinned_versions():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) >= {"yamllint", "make-check", "ruff"}
    yl_repo, yl_hook = hooks["yamllint"]
    assert re.fullmatch(r"[0-9a-f]{40}", yl_repo["rev"])
    assert f"v{_pins()['yamllint']}" in (ROOT / ".pre-commit-config.yaml").read_text()
    assert ".yamllint.yml" in yl_hook["args"]
    assert hooks["make-check"][1]["entry"] == "make check"
    assert hooks["ruff"][1]["additional_dependencies"] == [f"ruff=={_pins()['ruff']}"]


def _workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text())


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_workflows_pin_every_action_to_a_full_commit(name):
    uses = [step["uses"] for step in _steps(_workflow(name)) if "uses" in step]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use


def test_ci_checks_the_data_with_annotations_and_runs_the_tests_on_every_pull_request():
    workflow = _workflow("ci.yml")
    triggers = workflow[True] if True in workflow else workflow["on"]  # PyYAML reads `on:` as true
    assert "pull_request" in triggers and "push" in triggers
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert any("macros.cli check --format github" in r for r in runs)
    assert any(r.strip() == "bash .ci/run" for r in runs)
    assert "apt-get install" in (ROOT / ".ci" / "run").read_text() and "chromium" in (ROOT / ".ci" / "run").read_text()


def test_pages_builds_strictly_and_deploys_from_main():
    workflow = _workflow("pages.yml")
    triggers = workflow[True] if True in workflow else workflow["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    runs = " ".join(step.get("run", "") for step in _steps(workflow))
    assert "make check" in runs and "mkdocs build --strict" in runs


FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))


@pytest.mark.parametrize("form", [f for f in FORMS if f.name != "config.yml"], ids=lambda f: f.stem)
def test_issue_forms_are_well_formed(form):
    data = yaml.safe_load(form.read_text())
    assert data["name"] and data["description"] and data["body"]
    ids = [item["id"] for item in data["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    assert any(item.get("validations", {}).get("required") for item in data["body"])
    for item in data["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"].get("label") or item["type"] == "markdown"


def test_there_are_forms_for_the_three_kinds_of_report():
    names = {yaml.safe_load(f.read_text()).get("name", "").lower() for f in FORMS}
    assert any("out of date" in n for n in names)
    assert any("new procedure" in n for n in names)
    assert any("mistake" in n for n in names)


def test_the_pull_request_template_asks_for_sources_date_and_a_local_check():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text()
    boxes = re.findall(r"^- \[ \] (.+(?:\n {6}.+)*)", text, re.MULTILINE)
    joined = " ".join(boxes)
    assert "sources" in joined and "last_reviewed" in joined and "make check" in joined


def test_the_editor_settings_forbid_tabs_in_yaml():
    text = (ROOT / ".editorconfig").read_text()
    assert re.search(r"^\[\*\]\n(?:.+\n)*indent_style = space", text, re.MULTILINE)
    assert re.search(r"^\[\*\.\{yml,yaml\}\]\n(?:#.*\n)*indent_size = 2", text, re.MULTILINE)


def test_make_help_shows_the_real_port_and_a_busy_port_gets_one_line_not_a_traceback():
    import socket

    shown = subprocess.run(["make", "--no-print-directory", "help"], capture_output=True, text=True, cwd=ROOT,
                           check=False)
    assert "$(" not in shown.stdout and "http://127.0.0.1:8000" in shown.stdout, shown.stdout
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run(["make", "--no-print-directory", "serve", f"PORT={port}"], capture_output=True,
                             text=True, cwd=ROOT, check=False, timeout=60)
    assert run.returncode != 0
    assert f"port {port} is in use: make serve PORT={port + 1}" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
