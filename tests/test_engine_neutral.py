"""Ready for the next engine: the guide pages come from one generator that any engine can
consume, our own outputs come from our own code, hooks live outside the theme folder, and
every copied Material template is held against the installed upstream file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import material
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from macros.engine import mkdocs_pages
from macros.site import outputs, pages

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = Path(material.__file__).parent / "templates"


def test_the_pages_the_hook_serves_are_the_files_macros_cli_pages_writes(tmp_path):
    run = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(ROOT), "pages", str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
               for p in (tmp_path / "out").rglob("*.md")}
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "test"  # as MkDocs sets it while a hook runs
    served = {f.src_uri: f.content_string.encode("utf-8") for f in mkdocs_pages.on_files(Files([]), config)}
    assert set(served) == set(written) and len(served) > 2
    assert [path for path in served if served[path] != written[path]] == []


def test_pages_with_docs_writes_the_hand_written_pages_with_their_macros_run(tmp_path):
    """An engine without mkdocs-macros gets the home pages finished: the list of guides in each
    edition's language, no macro call left (macros/site/handwritten.py)."""
    from macros import cli

    assert cli.main(["--root", str(ROOT), "pages", str(tmp_path), "--with-docs"]) == 0
    hand_written = [tmp_path / p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md")]
    assert [p.name for p in hand_written if "{{" in p.read_text(encoding="utf-8")] == []
    catalogue = pages.get_catalogue(ROOT)
    for page, language in (("index.md", "en"), ("zh/index.md", "zh")):
        assert "{{ procedure_index() }}" in (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert pages.render_index(catalogue, ROOT, language) in (tmp_path / page).read_text(encoding="utf-8")


def test_a_generated_page_is_finished_markdown_that_no_template_engine_touches():
    catalogue = pages.get_catalogue(ROOT)
    for path, text in pages.generated_pages(catalogue).items():
        assert "procedure_page(" not in text and "platform_page(" not in text, path
        assert '\n"render_macros": false' in text.split("\n---\n", 1)[0], path


def test_front_matter_is_written_by_a_serializer_and_reads_back_as_the_same_values():
    import yaml

    hostile = {"title": 'A "quoted"\n---\nkey: injected', "description": "0;url=x\" http-equiv=\"refresh",
               "render_macros": False}
    text = pages.front_matter(hostile)
    block = text.removeprefix("---\n").split("\n---\n", 1)[0]
    assert yaml.safe_load(block) == hostile


def test_the_sitemap_and_robots_come_from_our_code_with_review_dates(site):
    assert not (ROOT / "overrides" / "robots.txt").exists()
    catalogue = pages.get_catalogue(ROOT)
    addresses = outputs.site_addresses(ROOT / "docs", pages.page_paths(catalogue))
    want = outputs.sitemap_xml(site.url, addresses, outputs.last_changes(catalogue))
    assert (site.root / "sitemap.xml").read_text(encoding="utf-8") == want
    entry = next(iter(catalogue.entries.values()))
    assert f"<loc>{site.url}{entry.key}/</loc><lastmod>{entry.procedure.last_reviewed}</lastmod>" in want
    assert (site.root / "robots.txt").read_text(encoding="utf-8") == outputs.robots_txt(site.url)


def test_the_site_is_built_by_the_engine_the_run_asks_for(site):
    """`make engines` runs the page tests on a ProperDocs build: prove it is one."""
    from conftest import ENGINE

    generator = site.soup("").select_one('meta[name="generator"]')["content"]
    # MkDocs writes "mkdocs-1.6.1, mkdocs-material-…"; ProperDocs "mkdocs-ProperDocs 1.6.7, …"
    assert ("ProperDocs" in generator) == (ENGINE == "properdocs"), generator


def test_no_build_hook_lives_in_the_theme_folder_an_engine_publishes():
    assert list((ROOT / "overrides").rglob("*.py")) == []
    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = [Path(h).resolve() for h in config["hooks"]]
    assert hooks and all(ROOT / "macros" / "engine" in h.parents for h in hooks)


#: partials/toc.html: an index page's TOC title is a div, not a label for a toggle that is not there.
TOC_INDEX_TITLE = """  {% if toc %}
    {#- A section's index page is shown in the navigation as its section, which has no
        "__toc" toggle: a label for it would point at nothing (Nu HTML Checker error). -#}
    {% if page.is_index and page.parent and "navigation.indexes" in (config.theme.features or []) %}
    <div class="md-nav__title">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </div>
    {% else %}
    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
    {% endif %}
"""
#: Every Material template we copy, with the changes we made to it (upstream text -> ours).
#: A copy not listed here fails the test below: add it only with its changes spelled out.
COPIES = {
    "partials/search.html": [
        ('<div class="md-search" data-md-component="search" role="dialog">',
         "<div class=\"md-search\" data-md-component=\"search\" role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">"),
    ],
    "partials/toc.html": [
        (TOC_INDEX_TITLE.split("    {% if page.is_index")[0].split("    {#-")[0]
         + TOC_INDEX_TITLE.split("    {% else %}\n")[1].split("    {% endif %}")[0], TOC_INDEX_TITLE),
    ],
    "partials/nav-item.html": None,  # held by test_build_speedups (the cache call wraps Material's macro)
}
#: Templates that extend Material's base.html instead of copying it.
EXTENDS = {"main.html", "404.html"}


def test_every_copied_material_template_is_upstream_plus_its_listed_changes():
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    assert ours == set(COPIES) | EXTENDS, "a template copied without a test: list it in COPIES"
    for name, changes in COPIES.items():
        if changes is None:
            continue
        upstream = (UPSTREAM / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
        for theirs, mine in changes:
            assert upstream.count(theirs) == 1, f"{name}: upstream changed; refresh the copy"
            upstream = upstream.replace(theirs, mine)
        copy = (ROOT / "overrides" / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
        assert copy == upstream, f"{name} differs from Material's file beyond its listed changes"
    for name in EXTENDS:
        text = (ROOT / "overrides" / name).read_text(encoding="utf-8")
        assert text.count("{% extends \"base.html\" %}") + text.count("{% extends \"main.html\" %}") == 1


def test_every_pull_request_runs_make_engines_and_the_main_suite_does_not():
    import yaml

    workflows = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github/workflows").glob("*.yml")]
    jobs = [(w, job) for w in workflows for job in w["jobs"].values()
            if any("make engines" in step.get("run", "") for step in job["steps"])]
    assert jobs, "no workflow job runs make engines"
    for workflow, job in jobs:
        triggers = workflow.get(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
        assert "pull_request" in triggers
        assert job.get("if", "github.event_name == 'pull_request'") == "github.event_name == 'pull_request'"
    assert "engines" not in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "engines" not in (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:")[1].split("\n\n")[0]
