"""The contributor tooling agrees with the project: yamllint with the loader, pre-commit and CI
with the pinned versions and commands, the forms and templates with CONTRIBUTING.md."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
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
    """`yamllint -f parsable -c .yamllint.yml PATHS`, by the function its command runs
    (yamllint.cli.run, the `yamllint` entry point pre-commit calls), in this process: the same
    exit status and output without a fresh interpreter (~0.2 CPU-s) for each run."""
    from yamllint.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
        run(["-f", "parsable", "-c", str(ROOT / ".yamllint.yml"), *map(str, paths)])
    return subprocess.CompletedProcess(paths, exited.value.code, out.getvalue(), err.getvalue())


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


WORKFLOWS = sorted(p.name for p in (GITHUB / "workflows").glob("*.yml"))
FULL_COMMIT = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}")
IMAGE_DIGEST = re.compile(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}")


def unpinned_actions(workflow: dict) -> list[str]:
    """Each `uses:` (step or reusable workflow) that is not pinned to a full commit hash."""
    uses = [step["uses"] for step in _steps(workflow) if "uses" in step]
    uses += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return [use for use in uses if not FULL_COMMIT.fullmatch(use)]


def jobs_without_timeout(workflow: dict) -> list[str]:
    return [name for name, job in workflow["jobs"].items()
            if not (isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60)]


def containers(workflow: dict) -> list[str]:
    images = [job.get("container") for job in workflow["jobs"].values() if job.get("container")]
    return [image["image"] if isinstance(image, dict) else image for image in images]


def test_there_are_workflows_to_check():
    assert {"ci.yml", "pages.yml", "audit.yml"} <= set(WORKFLOWS)


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflows_pin_every_action_to_a_full_commit(name):
    workflow = _workflow(name)
    assert any("uses" in step for step in _steps(workflow))
    assert unpinned_actions(workflow) == []


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_job_has_a_timeout(name):
    assert jobs_without_timeout(_workflow(name)) == []


@pytest.mark.parametrize("name", WORKFLOWS)
def test_job_containers_are_pinned_by_digest(name):
    images = containers(_workflow(name))
    assert all(IMAGE_DIGEST.fullmatch(image) for image in images), images


def test_the_test_jobs_share_one_debian_python_image():
    images = {image for name in WORKFLOWS for image in containers(_workflow(name))}
    assert len(images) == 1 and next(iter(images)).startswith("python:3.11-bookworm@sha256:"), images


def test_the_workflow_checks_catch_what_they_look_for():
    """Negative controls: a tag, a short hash, a missing or silly timeout, images without a tag
    or a digest."""
    bad = {"jobs": {
        "a": {"timeout-minutes": 10, "container": "python:3.11-bookworm",
              "steps": [{"uses": "actions/checkout@v7"}, {"uses": "actions/setup-python@5fda3b9"}]},
        "b": {"steps": [{"run": "true"}]},
        "c": {"timeout-minutes": 0, "uses": "org/repo/.github/workflows/x.yml@main"},
        "d": {"timeout-minutes": 10, "container": {"image": "python@sha256:" + "0" * 64}},
    }}
    assert unpinned_actions(bad) == ["actions/checkout@v7", "actions/setup-python@5fda3b9",
                                     "org/repo/.github/workflows/x.yml@main"]
    assert jobs_without_timeout(bad) == ["b", "c"]
    assert [bool(IMAGE_DIGEST.fullmatch(image)) for image in containers(bad)] == [False, False]


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
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    runs = " ".join(step.get("run", "") for step in _steps(workflow))
    assert "make check" in runs and "mkdocs build --strict" in runs


def writing_jobs(workflow: dict) -> dict[str, set[str]]:
    """Per job, the token scopes it may write (id-token included), from its own permissions
    or else the workflow's."""
    granted = {}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", workflow.get("permissions"))
        assert isinstance(permissions, dict), f"{name}: no explicit permissions (the default may write)"
        granted[name] = {scope for scope, level in permissions.items() if level == "write"}
    return granted


def test_only_the_pages_deploy_job_may_write_and_it_runs_no_project_code():
    workflow = _workflow("pages.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert writing_jobs(workflow) == {"build": set(), "deploy": {"pages", "id-token"}}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    deploy_steps = workflow["jobs"]["deploy"]["steps"]
    assert [step["uses"].split("@")[0] for step in deploy_steps] == ["actions/deploy-pages"]


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_other_workflow_is_read_only(name):
    if name != "pages.yml":
        assert set().union(*writing_jobs(_workflow(name)).values()) == set()


def test_the_permission_check_sees_a_workflow_wide_grant():
    workflow = {"permissions": {"contents": "read", "pages": "write"},
                "jobs": {"build": {}, "deploy": {"permissions": {"id-token": "write"}}}}
    assert writing_jobs(workflow) == {"build": {"pages"}, "deploy": {"id-token"}}
    with pytest.raises(AssertionError):
        writing_jobs({"jobs": {"build": {}}})


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
        # In a session of its own: were the server to start after all, it and make are killed
        # together (subprocess.run's timeout kills make alone, then waits forever on the server
        # holding the output pipes: the suite hung instead of failing).
        serve = subprocess.Popen(["make", "--no-print-directory", "serve", f"PORT={port}"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
        try:
            out, err = serve.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            out, err = serve.communicate()
            pytest.fail(f"make serve on a busy port was still running after 60 s:\n{out[-2000:]}\n{err[-2000:]}")
    assert serve.returncode != 0, out + err
    assert f"port {port} is in use: make serve PORT={port + 1}" in out, out + err
    assert "Traceback" not in out + err


# --- Supply chain: the hashed lock, the install recipes, Dependabot -------------------------

LOCK = ROOT / "requirements.lock"
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)(?:\s*;.+)?")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(text: str) -> list[tuple[str, list[str]]]:
    """Each requirement of a lock as (the requirement, its options), continuation lines joined."""
    entries = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith("#"):
            requirement, _, options = line.partition(" -")
            entries.append((requirement.strip(), ("-" + options).split() if options else []))
    return entries


def lock_problems(text: str, pins: dict[str, str]) -> list[str]:
    """What keeps a lock from being a hash-checked copy of pyproject.toml's pins."""
    problems, locked = [], {}
    if re.search(r"file:|(^|\s)(/|~|[A-Za-z]:\\)", text, re.MULTILINE):
        problems.append("names a local path")
    for requirement, options in lock_entries(text):
        pin = PIN.fullmatch(requirement)
        if not pin:
            problems.append(f"not an exact pin: {requirement}")
            continue
        locked[_normal(pin[1])] = pin[2]
        if not options or not all(HASH.fullmatch(option) for option in options):
            problems.append(f"{requirement}: needs sha256 hashes and nothing else, has {options}")
    for name, version in pins.items():
        if locked.get(_normal(name)) != version:
            problems.append(f"{name}: pyproject.toml pins {version}, the lock has {locked.get(_normal(name))}")
    return problems


def _all_pins() -> dict[str, str]:
    """pyproject.toml's pins, the build backend's included; pip too, which the lock must hold."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert len(build) == 1 and build[0].startswith("setuptools=="), build
    locked_pip = re.search(r"^pip==(\S+)", LOCK.read_text(), re.MULTILINE)
    assert locked_pip, "the lock pins no pip"
    return {**_pins(), "setuptools": build[0].split("==")[1], "pip": locked_pip[1]}


def test_the_lock_hashes_every_requirement_and_pins_what_pyproject_pins():
    text = LOCK.read_text()
    entries = lock_entries(text)
    assert len(entries) > len(_pins()) + 2  # the transitive set, not only the direct pins
    assert lock_problems(text, _all_pins()) == []
    assert sum(len(options) for _, options in entries) > 3 * len(entries)  # every platform's files


def test_the_lock_check_catches_a_missing_hash_a_range_a_path_and_a_stale_pin():
    good = "# made by make lock\nidna==3.20 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via requests\n"
    assert lock_problems(good, {"idna": "3.20"}) == []
    assert lock_problems("idna==3.20\n", {}) == ["idna==3.20: needs sha256 hashes and nothing else, has []"]
    assert lock_problems("idna>=3 --hash=sha256:" + "a" * 64 + "\n", {}) == ["not an exact pin: idna>=3"]
    assert lock_problems(good.replace("# made", "--find-links /opt/wheels\n#"), {}) == [
        "names a local path", "not an exact pin: --find-links /opt/wheels"]
    assert lock_problems(good, {"IDNA": "3.21", "ruff": "1"}) == [
        "IDNA: pyproject.toml pins 3.21, the lock has 3.20", "ruff: pyproject.toml pins 1, the lock has None"]


def _dry_run(*targets: str) -> list[str]:
    """The shell commands `make` would run for the targets (nothing is run), one per `&&` part."""
    run = subprocess.run(["make", "-n", "-B", *targets], capture_output=True, text=True, cwd=ROOT, check=True)
    return [part.strip() for line in run.stdout.splitlines() for part in line.split("&&")]


def test_every_install_of_the_venvs_is_hash_checked_and_builds_with_the_locked_setuptools():
    commands = [c for c in _dry_run(".venv/.installed", ".venv-engines/.installed")
                if " -m pip " in c and " install " in c]
    assert len(commands) == 6, commands
    for command in commands:
        assert "--no-deps" in command, command
        assert "--require-hashes" in command or command.endswith("--no-build-isolation -e ."), command
        assert " -c " not in command and "--upgrade" not in command, command
    assert sum("-r requirements.lock" in c for c in commands) == 2
    assert any("-r requirements-engines.lock" in c for c in commands)


def test_make_lock_writes_hashes_for_every_platform_with_a_pinned_uv():
    commands = " ".join(_dry_run("lock"))
    assert re.search(r"-m pip [\w -]*install --quiet uv==\d+\.\d+\.\d+ ", commands)
    for option in ['uv" pip compile', "--universal", "--generate-hashes", "--output-file requirements.lock"]:
        assert option in commands, option


def test_dependabot_updates_pip_npm_and_actions_weekly_in_groups():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    manifests = {"pip": "pyproject.toml", "npm": "package-lock.json", "github-actions": ".github/workflows"}
    assert set(updates) == set(manifests)
    for ecosystem, manifest in manifests.items():
        update = updates[ecosystem]
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]]
        assert (ROOT / update["directory"].lstrip("/") / manifest).exists()


def test_make_test_runs_each_module_on_one_worker(request):
    """`make test` (`--dist loadgroup`) keeps a module on one worker, so its module fixtures
    (a browser walk, a build) are made once. xdist marks a grouped test by a suffix on its id;
    on pytest 9.2 it silently cannot (pytest-xdist#1386), which made the suite run every
    module fixture on both workers."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the suite as make test does: pytest -n 2 --dist loadgroup", pytrace=False)
        pytest.skip("only under make test's workers (pytest -n 2 --dist loadgroup)")
    assert request.node.nodeid.endswith("@" + __name__), request.node.nodeid
