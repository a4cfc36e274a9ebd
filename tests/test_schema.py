"""The JSON Schema editors use is the model's, is up to date, is published on the site, and
agrees with the loader: real data passes it, and model-level mistakes fail it too."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_validation import run_macros_cli

from macros.cli import SCHEMAS
from macros.data.checks import SCHEMA_LINES
from macros.data.model import Glossary, Platform, Procedure
from macros.data.translation_checks import schema_line
from macros.data.translation_paths import is_translation
from macros.data.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DATA_FILES = sorted((ROOT / "data").glob("**/*.yml"))


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    """The committed schema's validator (read and checked once: the validators only read it)."""
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _kind(path: Path) -> str:
    if is_translation(path):  # data/**/<name>.zh.yml
        return "translation"
    if path.name == "glossary.yml":
        return "glossary"
    return "platform" if path.parent.name == "platforms" else "procedure"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, str]:
    """What `make schema` (`python -m macros.cli schema`, its main() run here) writes now: file name
    -> text. Written once for the two tests below."""
    out = tmp_path_factory.mktemp("generated")
    assert run_macros_cli("--root", str(out), "schema").returncode == 0
    fresh = {p.name: p.read_text(encoding="utf-8") for p in (out / "schema").glob("*.json")}
    assert sorted(fresh) == [f"{name}.schema.json" for name in sorted(SCHEMAS)]
    return fresh


def stale_schemas(committed: Path, fresh: dict[str, str]) -> list[str]:
    """Names of the files in `committed` that differ from what `make schema` writes now (`fresh`)."""
    return sorted(name for name, text in fresh.items()
                  if not (committed / name).is_file() or (committed / name).read_text(encoding="utf-8") != text)


def test_the_committed_schema_is_what_the_model_generates(generated):
    assert stale_schemas(ROOT / "schema", generated) == [], "run `make schema` and commit schema/"


def test_a_stale_schema_is_noticed(tmp_path, generated):
    """Negative control: a committed schema that lags behind the model is reported."""
    committed = tmp_path / "committed"
    committed.mkdir()
    for path in (ROOT / "schema").glob("*.json"):
        (committed / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    old = json.loads((committed / "procedure.schema.json").read_text(encoding="utf-8"))
    old["properties"]["title"]["description"] = "An older description."
    (committed / "procedure.schema.json").write_text(json.dumps(old, indent=2) + "\n", encoding="utf-8")
    assert stale_schemas(committed, generated) == ["procedure.schema.json"]


def test_every_field_has_a_description_for_editors_to_show():
    def missing(node, where):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if "description" not in prop:
                    yield f"{where}.{name}"
            for key, child in node.items():
                yield from missing(child, f"{where}/{key}")
        elif isinstance(node, list):
            for child in node:
                yield from missing(child, where)

    for name, model in SCHEMAS.items():
        assert list(missing(model.model_json_schema(), name)) == []


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_every_data_file_validates_against_the_committed_schema(path):
    doc, problems = read_yaml(path, path.name)
    assert problems == [] and doc is not None
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(_kind(path)).iter_errors(doc.value)]
    assert errors == []


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_every_data_file_opens_with_the_line_that_points_editors_at_its_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    if _kind(path) == "translation":
        assert first_line == schema_line(path, ROOT)
    else:
        assert first_line == SCHEMA_LINES[{"platform": Platform, "procedure": Procedure, "glossary": Glossary}[_kind(path)]]
    target = first_line.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == (ROOT / "schema" / f"{_kind(path)}.schema.json")


# Mistakes the model (not only the named checks) rejects: the schema must reject them as well.
MODEL_LEVEL = sorted(p for p in (FIXTURES / "invalid").glob("*.yml")
                     if p.name[:5] in {"SC004", "SC005", "SC006", "SC012", "SC013", "SC015", "SC020", "SC025"}
                     and "http-url" not in p.name)


@pytest.mark.parametrize("fixture", MODEL_LEVEL, ids=[p.stem for p in MODEL_LEVEL])
def test_the_schema_rejects_what_the_model_rejects(fixture):
    doc, problems = read_yaml(fixture, fixture.name)
    assert problems == [] and doc is not None
    assert list(_validator("procedure").iter_errors(doc.value)), "the editor would not underline this"


def test_the_schema_accepts_the_valid_fixtures():
    """Negative control for the test above."""
    for name in ("procedure", "platform"):
        doc, _ = read_yaml(FIXTURES / "valid" / f"{name}.yml", name)
        assert list(_validator(name).iter_errors(doc.value)) == []


def test_the_schemas_are_published_on_the_site(site):
    for name in SCHEMAS:
        published = (site.root / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert published == (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    links = {a["href"] for a in site.soup("contributing/style-guide/").select("article a[href]")}
    assert "../../schema/procedure.schema.json" in links


def test_the_api_schemas_are_derived_from_the_model():
    """The published procedure is the procedure as validated plus `$schema`, `url` and `key`."""
    procedure, api = (json.loads((ROOT / "schema" / f"{n}.schema.json").read_text(encoding="utf-8"))
                      for n in ("procedure", "api-procedure"))
    assert set(api["properties"]) == set(procedure["properties"]) | {"$schema", "url", "key"}
    assert api["required"] == procedure["required"] + ["$schema", "url", "key"]
    assert {k: api["properties"][k] for k in procedure["properties"]} == procedure["properties"]
    assert api["$defs"] == procedure["$defs"]
    assert api["additionalProperties"] is False


def test_every_published_json_file_validates_against_the_schema_it_names(site):
    files = sorted((site.root / "api").rglob("*.json"))
    assert len(files) > 2
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["$schema"].startswith(site.url + "schema/api-"), path
        schema = json.loads((site.root / data["$schema"].removeprefix(site.url)).read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path
