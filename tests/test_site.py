"""The built site: every item of every procedure reaches its page, in its section, as a
checkbox carrying its id; every procedure is reachable; the build is strict."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Site, build_site
from pagecheck import checkbox_problems, links, missing_on_page, unreachable, unreported_removals

from macros.data.load import load_catalogue
from macros.data.translation_paths import is_translation
from macros.site import render
from macros.site.pages import get_catalogue
from macros.site.ui_strings import strings_for

KEYS = list(get_catalogue(ROOT).entries)


@pytest.mark.parametrize("key", KEYS)
def test_every_item_appears_on_its_page_in_its_section(site, catalogue, key):
    procedure = catalogue.entries[key].procedure
    assert missing_on_page(site.soup(key + "/"), procedure) == []


@pytest.mark.parametrize("key", KEYS)
def test_every_checkbox_carries_a_unique_id_and_is_labelled_by_its_text(site, catalogue, key):
    procedure = catalogue.entries[key].procedure
    assert checkbox_problems(site.soup(key + "/"), procedure) == []


def test_the_page_check_reports_an_item_removed_from_the_page(site, catalogue):
    """Negative control: the checks above can fail (pagecheck.unreported_removals, which the
    smallest guide's page gets too: tests/test_scaffold.py)."""
    key = KEYS[0]
    assert unreported_removals(lambda: site.fresh_soup(key + "/"), catalogue.entries[key].procedure,
                               shared=site.soup(key + "/")) == []

    # A source's editor_note never reaches readers, its note does (issue 11, point 8).
    key, source = next((k, s) for k, e in catalogue.entries.items() for s in e.procedure.sources if s.editor_note)
    soup = site.fresh_soup(key + "/")
    assert missing_on_page(soup, catalogue.entries[key].procedure) == []
    soup.select_one(f"li#source-{source.id}").append(source.editor_note)
    assert f"sources: editor note of {source.id} shown" in missing_on_page(soup, catalogue.entries[key].procedure)
    key, source = next((k, s) for k, e in catalogue.entries.items() for s in e.procedure.sources if s.note)
    soup = site.fresh_soup(key + "/")
    soup.select_one(f"li#source-{source.id} .sc-source-note").decompose()
    assert f"sources: note of {source.id}" in missing_on_page(soup, catalogue.entries[key].procedure)


@pytest.mark.parametrize("key", KEYS)
def test_every_procedure_is_reachable_from_home_and_from_its_platform_page(site, catalogue, key):
    assert unreachable(site, key, catalogue.entries[key].platform.id) == []


def test_every_platform_page_lists_exactly_its_procedures(site, catalogue):
    for platform in catalogue.platforms_in_use():
        listed = {link for link in links(site, platform.id + "/") if link.startswith(site.url + platform.id + "/")}
        want = {site.url + e.key + "/" for e in catalogue.for_platform(platform.id)}
        assert want <= listed


def test_no_page_contains_a_macro_error(site):
    for page in site.pages():
        html = site.html(page)
        assert "Macro Rendering Error" not in html and "Macro Syntax Error" not in html, page


def test_navigation_names_platforms_by_their_display_name(site, catalogue):
    nav = site.soup("").select_one("nav.md-nav--primary")
    titles = [t.get_text(" ", strip=True) for t in nav.select(".md-nav__item--section > label, .md-nav__link")]
    for platform in catalogue.platforms_in_use():
        assert any(platform.name == t for t in titles), (platform.name, titles)


def _copy_project(tmp_path: Path, data: bool = True) -> Path:
    """What a build reads, and nothing else of the checkout (not node_modules/ or .venv/)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides", "macros", "schema") if data else ("docs", "overrides", "macros", "schema"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_the_build_fails_on_an_undefined_macro_variable(tmp_path):
    project = _copy_project(tmp_path)
    (project / "docs" / "broken.md").write_text("# Broken\n\n{{ no_such_variable }}\n")
    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "out", "http://127.0.0.1:1/", project / "mkdocs.yml")
    assert stopped.value.code != 0


def test_the_build_stops_on_bad_data_before_writing_pages(tmp_path):
    project = _copy_project(tmp_path)
    some_file = next(p for p in (project / "data" / "procedures").glob("*/*.yml") if not is_translation(p))
    some_file.write_text(some_file.read_text().replace("kind:", "knd:", 1))
    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "out", "http://127.0.0.1:1/", project / "mkdocs.yml")
    assert stopped.value.code != 0
    assert not list((tmp_path / "out").glob("**/*.html"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The catalogue of 60 generated procedures, three on each of 20 platforms (benchmarks/synthetic.py),
    loaded once for the two tests below, which only read it."""
    return _generated(tmp_path_factory.mktemp("generated"), 60)


def test_a_large_catalogue_is_counted_per_platform_on_the_home_page(catalogue, generated, monkeypatch):
    """Past FULL_INDEX_LIMIT guides the home page names each platform with its number of
    guides and links to the platform page (which lists them), instead of every guide. The limit
    is lowered for the generated catalogue (60 in real use), so the 60 guides the sample test
    reads are past it; the real catalogue is read at the real limit."""
    small = catalogue
    assert render.FULL_INDEX_LIMIT == 60
    assert len(BeautifulSoup(render.render_index(small), "lxml").select(".sc-procedure-list li")) == len(small.entries)

    monkeypatch.setattr(render, "FULL_INDEX_LIMIT", 40)
    catalogue = generated
    assert len(catalogue.entries) > render.FULL_INDEX_LIMIT
    html = render.render_index(catalogue)
    soup = BeautifulSoup(html, "lxml")
    platforms = catalogue.platforms_in_use()
    assert len(html) < 500 * len(platforms), "more than 0.5 KB per platform"
    for platform in platforms:
        section = soup.select_one(f"#platform-{platform.id}")
        count = len(catalogue.for_platform(platform.id))
        assert section is not None and section.select_one("h3 a")["href"] == f"{platform.id}/"
        assert f"{count} guide" in section.get_text()
    assert not soup.select(".sc-procedure-list"), "guides listed one by one"


def test_the_browser_sample_has_every_kind_of_element_of_every_procedure_page(catalogue, generated):
    from sampling import procedure_elements, representative

    for source in (catalogue, generated):
        pages = procedure_elements(source)
        sample = representative(source)
        assert set().union(*(pages[k] for k in sample)) == set().union(*pages.values())
        length = {k: len(e.procedure.checkable_items()) for k, e in source.entries.items()}
        assert max(length[k] for k in sample) == max(length.values()), "a longest checklist is printed"
    assert len(generated.entries) == 60 and len(sample) < 10, "60 generated procedures need only a few"


def test_the_sample_is_the_smallest_cover_not_the_greedy_one():
    """Greedy takes the page with the most kinds first and then needs two more; the smallest
    cover is two pages. `one_of` forces a page in; `weight` chooses among covers equally small."""
    from sampling import cover

    pages = {"a": {1, 2, 4, 5}, "b": {1, 2, 3}, "c": {4, 5, 6}, "d": {1, 2, 3, 4}, "e": {5, 6}}
    assert cover(pages) == ["b", "c"]
    assert cover(pages, one_of={"a"}) == ["a", "b", "c"]  # a, then the 3 and the 6: the earliest such
    assert cover(pages, weight={"b": 5, "c": 5}) == ["d", "e"]
    assert cover({}) == []


def test_the_likely_lowest_checklists_are_those_with_the_most_lines_above_them(monkeypatch):
    """A Han character counts as two letters, hidden text and scripts not at all; every page
    under SELLER_CHECKLISTS_BROWSER_ALL=1."""
    from sampling import lowest_checklists

    page = '<article><h1>{}</h1><script>{}</script><p hidden>{}</p><ul><li>{}</li></ul><div class="sc-checklist">'
    pages = {"short": page.format("Close", "", "", "one line"),
             "hidden": page.format("Close", "x" * 900, "y" * 900, "one line"),
             "latin": page.format("Close", "", "", "a " * 60),  # three lines of letters
             "han": page.format("关闭", "", "", "关" * 40)}  # two lines: one, if a Han character were one letter
    monkeypatch.delenv("SELLER_CHECKLISTS_BROWSER_ALL", raising=False)
    assert lowest_checklists(pages, 2) == ["latin", "han"]
    assert lowest_checklists(pages, 3)[2] in {"short", "hidden"}
    monkeypatch.setenv("SELLER_CHECKLISTS_BROWSER_ALL", "1")
    assert lowest_checklists(pages, 1) == list(pages)


def _generated(tmp_path: Path, count: int, platforms: int | None = None):
    """The catalogue of `count` generated procedures (benchmarks/synthetic.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    synthetic.write_data(tmp_path, count, platforms=platforms or synthetic.PLATFORMS)
    return load_catalogue(tmp_path)


def test_many_guides_on_one_platform_are_listed_page_by_page_and_grouped_by_kind_in_the_navigation(tmp_path, monkeypatch):
    """With more guides on a platform than a page or the navigation should carry, the platform
    page is split (every guide linked once, a pager on each page) and the navigation groups the
    platform's guides by kind: a guide's page carries its platform's kinds and the guides of its
    own kind, not every guide. The limits are lowered for the test (60 guides a page, grouping
    past 12, in real use), so the build stays small."""
    from macros.site import pages

    assert (render.PLATFORM_PAGE_SIZE, pages.NAV_GROUP_AFTER, pages.NAV_GUIDES_LIMIT) == (60, 12, 60)
    monkeypatch.setattr(render, "PLATFORM_PAGE_SIZE", 8)
    monkeypatch.setattr(pages, "NAV_GROUP_AFTER", 6)
    count = render.PLATFORM_PAGE_SIZE + 4
    project = _copy_project(tmp_path, data=False)
    catalogue = _generated(project, count, platforms=1)
    build_site(tmp_path / "site", "http://127.0.0.1:1/", project / "mkdocs.yml")
    [platform] = catalogue.platforms_in_use()
    listed: list[str] = []
    for page in (f"{platform.id}/", f"{platform.id}/page-2/"):
        soup = BeautifulSoup((tmp_path / "site" / page / "index.html").read_text(encoding="utf-8"), "lxml")
        assert soup.select_one("nav.sc-pager") is not None, page
        listed += [urljoin(f"/{page}", a["href"]) for a in soup.select("article .sc-procedure-list a")]
    assert sorted(listed) == sorted(f"/{key}/" for key in catalogue.entries)
    assert not (tmp_path / "site" / platform.id / "page-3").exists()

    kinds = {e.procedure.kind for e in catalogue.entries.values()}
    for key, entry in list(catalogue.entries.items())[:2]:
        soup = BeautifulSoup((tmp_path / "site" / key / "index.html").read_text(encoding="utf-8"), "lxml")
        nav = soup.select_one("nav.md-nav--primary")
        linked = {urljoin(f"/{key}/", a["href"]).rstrip("/") for a in nav.select("a[href]") if "#" not in a["href"]}
        guides = {f"/{k}" for k in catalogue.entries} & linked
        same_kind = {f"/{k}" for k, e in catalogue.entries.items() if e.procedure.kind == entry.procedure.kind}
        # every guide of its kind; of each other kind only the link its section opens with
        assert same_kind <= guides and len(guides - same_kind) <= len(kinds) - 1, sorted(guides)
        label = render.KIND_LABELS[entry.procedure.kind]
        assert label[:1].upper() + label[1:] in nav.get_text(" "), "the kind's section is named"


def test_a_kind_with_too_many_guides_is_left_to_the_platform_page(catalogue, generated, monkeypatch):
    """nav_groups, the rule any engine's navigation follows: every guide listed up to
    NAV_GROUP_AFTER; past it, by kind, in Chinese on the Chinese edition; a kind of more than
    NAV_GUIDES_LIMIT guides is left out (the platform page lists it)."""
    from macros.site import pages

    platform = generated.platforms_in_use()[0].id
    entries = generated.for_platform(platform)
    assert pages.nav_groups(generated, platform) is None  # 3 guides
    monkeypatch.setattr(pages, "NAV_GROUP_AFTER", 2)
    groups = pages.nav_groups(generated, platform)
    assert sorted(k for _title, keys in groups for k in keys) == sorted(e.key for e in entries)
    assert all(title[0].isupper() for title, _keys in groups)
    chinese = strings_for("zh")[1]
    assert [title for title, _keys in pages.nav_groups(generated, platform, "zh")] == [
        chinese[render.KIND_LABELS[kind]] for kind in render.KIND_LABELS if any(e.procedure.kind == kind for e in entries)]
    monkeypatch.setattr(pages, "NAV_GUIDES_LIMIT", 0)
    assert pages.nav_groups(generated, platform) == []


@pytest.mark.parametrize("key", KEYS)
def test_every_guide_cites_an_official_page_or_says_why_it_cannot(catalogue, key):
    procedure = catalogue.entries[key].procedure
    assert any(s.official for s in procedure.sources) or procedure.no_official_source, key


@pytest.mark.parametrize("key", KEYS)
def test_every_step_choice_and_precaution_cites_a_source_or_is_marked_advice(catalogue, key):
    procedure = catalogue.entries[key].procedure
    items = [*procedure.precautions, *procedure.steps, *(c for s in procedure.steps for c in s.choices)]
    unsourced = [item.id for item in items if not item.sources and not item.advice]
    assert unsourced == [], f"{catalogue.entries[key].source_file}: {unsourced}"


def test_a_test_that_changes_a_shared_parsed_page_is_caught(site):
    """The parsed pages are shared (conftest.Site.soup): the session fails if a test changes one."""
    pages = Site(site.root, site.url)  # not the session's: this test changes its page
    assert pages.soup("") is pages.soup("") and pages.changed_pages() == []
    pages.soup("").select_one("article h1").decompose()
    assert pages.changed_pages() == [""]
    assert pages.fresh_soup("").select_one("article h1") is not None


def test_search_indexes_each_guide_but_not_the_page_machinery(site, catalogue):
    """What only repeats the page or runs it (the box at a glance, review dates, print header,
    the no-script note, the "Sources 1, 4" buttons) is kept out of the index, so searching
    "sources" or "printed" does not list every guide; the guide's own words stay in, and
    Material drops the attribute from the published page."""
    import json

    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    assert {entry.key + "/" for entry in catalogue.entries.values()} <= pages
    keys = tuple(entry.key + "/" for entry in catalogue.entries.values())
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs if doc["location"].startswith(keys))
    for machinery in ("Printed from", "Last reviewed:", "JavaScript is off", "At a glance", "Sources 1"):
        assert machinery not in text, machinery
    entry = catalogue.entries["amazon/close-account"]
    assert entry.procedure.steps[0].title.split()[0] in text
    assert "data-search-exclude" not in (site.root / entry.key / "index.html").read_text(encoding="utf-8")
