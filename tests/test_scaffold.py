"""`make new PLATFORM=… SLUG=…` writes a file whose examples `make check` names until they are
replaced (SC056); filled in, it builds into a page with its checkboxes linked from the home
page, and cut down to the smallest procedure allowed it still passes every page check the real
guides get. It never overwrites anything."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pytest
import yaml
from annotated_types import MinLen
from conftest import ROOT, Site, build_site
from pagecheck import checkbox_problems, missing_on_page, unreachable, unreported_removals
from pydantic import BaseModel
from test_validation import run_macros_cli

from macros.data.checks import SCHEMA_LINES
from macros.data.load import Catalogue, load_catalogue
from macros.data.model import CheckItem, Procedure
from macros.data.translation_paths import is_translation


def copy_project(tmp_path: Path) -> Path:
    """The project's site sources in a temporary folder (macros/ too: mkdocs.yml watches it)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides", "macros", "schema"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def command(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m macros.cli --root <project> …`, run as a contributor's shell runs it."""
    return subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The same command's `main()` in this process (test_validation.run_macros_cli)."""
    return run_macros_cli("--root", str(project), *args)


def fill_in(project: Path) -> None:
    """What a contributor does next: replace every example the scaffold wrote."""
    for path in (project / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"Replace (this|with)[^\n]*", "Sellers confirm the request in the settings page.", text)
        text = text.replace("https://example.com/", "https://sellers.shopmart.example/")
        text = text.replace("domains: [example.com]", "domains: [shopmart.example]")
        path.write_text(text, encoding="utf-8")


def test_an_unedited_scaffold_fails_the_check_naming_each_example_left(tmp_path):
    project = copy_project(tmp_path)
    assert cli(project, "new", "shopmart", "close-account").returncode == 0
    checked = cli(project, "check")
    assert checked.returncode == 1
    flagged = re.findall(r"^(data/\S+):\d+:\d+: SC056 (\S+): still the example", checked.stdout, re.MULTILINE)
    assert ("data/procedures/shopmart/close-account.yml", "summary") in flagged, checked.stdout
    assert ("data/platforms/shopmart.yml", "seller_portal_url") in flagged, checked.stdout
    assert ("data/platforms/shopmart.yml", "domains[0]") in flagged, checked.stdout  # SC044 needs the real ones
    assert {code for code in re.findall(r": (SC\d{3}) ", checked.stdout)} == {"SC056"}, checked.stdout
    fill_in(project)  # negative control: without the examples the same files pass
    assert cli(project, "check").returncode == 0


def smallest(model: type[BaseModel], data: dict) -> dict:
    """`data` cut down to what the model requires, each required list to the fewest entries it
    allows (its min_length), plus what `make check` demands beyond the model: each precaution
    and step cites a source (SC050; its other way out, advice: true, is a mark on the page)."""
    kept = {}
    for name, field in model.model_fields.items():
        demanded = name == "sources" and issubclass(model, CheckItem)
        if name not in data or not (field.is_required() or demanded):
            continue
        value = data[name]
        if isinstance(value, list) and not demanded:
            fewest = next(m.min_length for m in field.metadata if isinstance(m, MinLen))
            (entry,) = get_args(field.annotation)
            value = [smallest(entry, v) if isinstance(entry, type) and issubclass(entry, BaseModel) else v
                     for v in value[:fewest]]
        kept[name] = value
    return kept


SMALLEST = "shopmart/pause-selling"  # its kind (from the slug) is reversible: no irreversible step needed


@dataclass
class Scaffolded:
    project: Path
    made: subprocess.CompletedProcess  # `new shopmart close-account` as typed, which wrote the platform
    checked: subprocess.CompletedProcess
    catalogue: Catalogue
    site: Site  # on disk only (not served)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Scaffolded:
    """One project, checked and built once for the tests that need a site: shopmart/close-account
    scaffolded and filled in as a contributor would, and SMALLEST scaffolded, filled in and cut
    down to the smallest valid procedure."""
    tmp = tmp_path_factory.mktemp("scaffolded")
    project = copy_project(tmp)
    made = command(project, "new", "shopmart", "close-account")
    assert cli(project, "new", *SMALLEST.split("/")).returncode == 0
    fill_in(project)
    path = project / "data/procedures" / f"{SMALLEST}.yml"
    cut = smallest(Procedure, yaml.safe_load(path.read_text(encoding="utf-8")))
    path.write_text(SCHEMA_LINES[Procedure] + "\n" + yaml.safe_dump(cut, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    checked = cli(project, "check")
    site = Site(tmp / "site", "http://127.0.0.1:1/")
    build_site(site.root, site.url, project / "mkdocs.yml")
    return Scaffolded(project, made, checked, load_catalogue(project), site)


def test_a_scaffolded_procedure_for_a_new_platform_checks_builds_and_is_linked_from_home(scaffolded):
    made = scaffolded.made
    assert made.returncode == 0, made.stderr
    assert "wrote data/platforms/shopmart.yml" in made.stdout
    assert "wrote data/procedures/shopmart/close-account.yml" in made.stdout
    assert scaffolded.checked.returncode == 0, scaffolded.checked.stdout + scaffolded.checked.stderr

    entry = scaffolded.catalogue.entries["shopmart/close-account"]
    assert entry.procedure.irreversible and entry.procedure.steps[-1].irreversible

    page = scaffolded.site.soup("shopmart/close-account/")
    assert checkbox_problems(page, entry.procedure) == []
    assert page.select_one('input[data-irreversible="true"]')["data-item"] == "confirm-request"
    assert page.select_one("article h1").get_text(strip=True).startswith("Close your Shopmart seller account")
    assert "not linked from the home page" not in unreachable(scaffolded.site, entry.key, "shopmart")


def test_the_smallest_valid_procedure_passes_every_page_check(scaffolded):
    """Issue 10: the page checks of tests/test_site.py, which each real guide gets, assume no
    feature only the real guides have. The smallest procedure a contributor can write (what the
    model requires, each list at its minimum, and what `make check` demands) passes them all."""
    assert scaffolded.checked.returncode == 0, scaffolded.checked.stdout + scaffolded.checked.stderr
    entry = scaffolded.catalogue.entries[SMALLEST]
    procedure = entry.procedure
    required = {name for name, field in Procedure.model_fields.items() if field.is_required()}
    assert set(procedure.model_dump(exclude_defaults=True)) == required
    assert [len(procedure.sources), len(procedure.precautions), len(procedure.steps)] == [1, 1, 1]
    assert len(procedure.checkable_items()) == 2 and not procedure.irreversible

    page = scaffolded.site.soup(SMALLEST + "/")
    assert missing_on_page(page, procedure) == []
    assert checkbox_problems(page, procedure) == []
    assert unreachable(scaffolded.site, SMALLEST, entry.platform.id) == []


def test_the_page_checks_report_an_item_removed_from_the_smallest_page(scaffolded):
    """Negative control: on that page the same checks fail, as on a real guide's."""
    procedure = scaffolded.catalogue.entries[SMALLEST].procedure
    assert unreported_removals(lambda: scaffolded.site.fresh_soup(SMALLEST + "/"), procedure) == []
    assert unreachable(scaffolded.site, "shopmart/no-such-guide", "shopmart") == [
        "not linked from the home page", "not linked from shopmart/"]


def test_a_scaffolded_procedure_for_a_known_platform_reuses_it(tmp_path):
    project = copy_project(tmp_path)
    platform_file = next(p for p in (project / "data" / "platforms").glob("*.yml") if not is_translation(p))
    before = platform_file.read_bytes()
    made = cli(project, "new", platform_file.stem, "pause-selling")
    assert made.returncode == 0, made.stderr
    assert "data/platforms" not in made.stdout and platform_file.read_bytes() == before
    fill_in(project)
    assert cli(project, "check").returncode == 0
    procedure = load_catalogue(project).entries[f"{platform_file.stem}/pause-selling"].procedure
    assert procedure.kind.value == "pause-selling" and not procedure.irreversible


def test_the_scaffolded_file_also_passes_yamllint(tmp_path):
    """The files `make new` writes (the rest of data/ is linted by tests/test_repo_config.py)."""
    project = copy_project(tmp_path)
    assert cli(project, "new", "shopmart", "close-account").returncode == 0
    written = [p for p in (project / "data").rglob("*.yml") if not (ROOT / p.relative_to(project)).exists()]
    assert sorted(p.relative_to(project).as_posix() for p in written) == [
        "data/platforms/shopmart.yml", "data/procedures/shopmart/close-account.yml"]
    lint = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint.yml"), *map(str, written)],
                          capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout


def test_scaffolding_refuses_to_overwrite_an_existing_procedure(tmp_path):
    project = copy_project(tmp_path)
    existing = next(p for p in (project / "data" / "procedures").glob("*/*.yml") if not is_translation(p))
    before = existing.read_bytes()
    made = cli(project, "new", existing.parent.name, existing.stem)
    assert made.returncode == 1
    assert "already exists" in made.stderr and "nothing was written" in made.stderr
    assert existing.read_bytes() == before


def test_scaffolding_refuses_an_id_that_another_file_uses(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/procedures/shopmart").mkdir(parents=True)
    copy = project / "data/procedures/shopmart/old-name.yml"
    copy.write_text("id: shopmart-close-account\n")
    made = cli(project, "new", "shopmart", "close-account")
    assert made.returncode == 1 and "old-name.yml" in made.stderr
    assert not (project / "data/procedures/shopmart/close-account.yml").exists()
    assert not (project / "data/platforms/shopmart.yml").exists()


@pytest.mark.parametrize("platform, slug, says", [
    ("eBay", "close-account", "PLATFORM 'eBay' is not a valid id"),
    ("ebay", "close_account", "SLUG 'close_account' is not a valid id"),
    ("ebay", "../../etc", "SLUG '../../etc' is not a valid id"),
    ("", "close-account", "PLATFORM is missing"),
    ("ebay", "x" * 60, "longer than 60"),
])
def test_scaffolding_refuses_a_platform_or_slug_that_cannot_be_an_id(tmp_path, platform, slug, says):
    project = copy_project(tmp_path)
    before = sorted(p.relative_to(project) for p in (project / "data").rglob("*"))
    made = cli(project, "new", platform, slug)
    assert made.returncode == 2
    assert says in made.stderr
    assert sorted(p.relative_to(project) for p in (project / "data").rglob("*")) == before


def test_make_new_runs_this_command():
    dry_run = subprocess.run(["make", "--no-print-directory", "-n", "new", "PLATFORM=ebay", "SLUG=close-account"],
                             capture_output=True, text=True, cwd=ROOT, check=False)
    assert dry_run.returncode == 0, dry_run.stderr
    assert dry_run.stdout.strip().endswith('python -m macros.cli new "ebay" "close-account"')
