"""Hostile data puts no script, no redirect and no structure of its own on the site (issue 9).

A copy of the project with the hostile corpus added (tests/hostile.py says what it holds and
how the check is told to let it through) is built twice: with the build's speed-up hooks, and
with every one of them off. EVERY page of each build, 404 included, is parsed (once per text:
the builds write the same bytes, and a page the other build wrote too shares its tree and what
each check found in it: `Build.once`) and:
- carries no event-handler attribute, http-equiv, autofocus, javascript:/data: address,
  <script> that the real site lacks, or anything the browser would load from another host
  (an image, stylesheet, preload or CSS url() with an address of its own): the browser walk
  (tests/browser/test_hostile_pages.py) samples the pages, so this is where every page is held to it;
- shows each text as the literal text typed, where it belongs: the H1, <title>, the meta
  description, og:title and og:description, the header, the navigation, the table of
  contents, the search index, and every item of every procedure as its checkbox
  (tests/pagecheck.py); no character reference shows as text (an apostrophe once, never &#39;);
- has unique ids, and every link inside the page reaches its target (a citation its source);
- each guide's toolbox.html (the controls its tools script fetches) is held to the same, alone
  and put in its page: every item to log, message and step title shows as typed.
The real site's pages are still at their addresses. The Markdown `macros.cli pages` writes is
read by Python-Markdown (the site's extensions, then every common one) and checked the same way.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hostile import (
    HOSTILE_DATA,
    REFERENCES_AS_TEXT,
    SEARCH_TAGS,
    check_lets_hostile_files_through,
    dangers,
    hostile_catalogue,
    id_problems,
    nav_titles,
    one_line,
    page_titles,
    references_as_text,
    script_key,
    shown_as_typed,
    shown_text,
)
from mkdocs.config import load_config
from pagecheck import missing_on_page

from macros import cli
from macros.site.messages import BLANK
from macros.site.pages import engine_text
from macros.site.tools import with_controls

# ----------------------------------------------------------------------------- the builds


class Trees:
    """What the builds share: each page text's tree, and what each check found in each tree."""

    def __init__(self):
        self.parsed: dict[str, BeautifulSoup] = {}
        self.found: dict[tuple, object] = {}


class Build:
    """One built site: every HTML page, parsed once. A page whose text another build has
    already (the two builds write the same bytes: test_the_speedups_change_nothing_on_hostile_data)
    shares that parse: the same text parses to the same tree, and the tests only read it. A check
    of a shared tree is run once (`once`): the same bytes give the same result, so the plain
    build's run of a test reads, for each page it shares, what the speed-ups' run found there."""

    def __init__(self, root: Path, trees: Trees):
        self.root, self.trees = root, trees
        self.soups = {}
        for path in sorted(root.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            if text not in trees.parsed:
                trees.parsed[text] = BeautifulSoup(text, "lxml")
            self.soups[path.relative_to(root).as_posix()] = trees.parsed[text]

    def page(self, address: str) -> BeautifulSoup:
        return self.soups[address + "index.html"]

    def once(self, key: tuple, check):
        """check(), once per key (a key names the tree or text it reads: id(soup) or the text)."""
        if key not in self.trees.found:
            self.trees.found[key] = check()
        return self.trees.found[key]


pytestmark = pytest.mark.xdist_group("hostile")  # shares the hostile build (tests/conftest.py)


@pytest.fixture(scope="module")
def project(hostile_sites) -> Path:
    return hostile_sites.project


@pytest.fixture(scope="module")
def corpus(project):
    return hostile_catalogue(project)


@pytest.fixture(scope="module")
def builds(hostile_sites) -> dict[str, Build]:
    trees = Trees()  # for both builds
    return {"speed-ups": Build(hostile_sites.root, trees), "plain": Build(hostile_sites.plain, trees)}


@pytest.fixture(params=["speed-ups", "plain"])
def built(request, builds) -> Build:
    return builds[request.param]


@pytest.fixture(scope="module")
def real_scripts(site) -> set[tuple]:
    """Every <script> of the real site (tests/conftest.py builds it), as `script_key` sees it.
    Read with lxml's own tree (a query only: a tenth of BeautifulSoup's parse)."""
    return {script_key(s) for page in site.root.rglob("*.html")  # as UTF-8: a toolbox.html names no charset
            for s in lxml.html.fromstring(page.read_text(encoding="utf-8")).iter("script")}


# ----------------------------------------------------------------------------- the tests


def test_the_corpus_holds_every_class_of_attack(corpus):
    """A guard for the suite itself: the fixtures are there and hostile."""
    hostile = [e for key, e in corpus.entries.items() if key.startswith("hostile-")]
    assert len(hostile) >= 12 and len([p for p in corpus.platforms if p.startswith("hostile-")]) == 2
    texts = "\n".join(p.read_text(encoding="utf-8") for p in HOSTILE_DATA.rglob("*.yml"))
    for attack in ("onload=", "http-equiv", "```", "~~~", "{ .text autofocus", "</title", "'s", "[ref]:"):
        assert attack in texts, attack
    assert not REFERENCES_AS_TEXT.search(texts), "a fixture holds a reference: the check below would be blind"


def test_no_page_carries_script_a_handler_or_a_redirect(built, real_scripts):
    found = {page: d for page, soup in built.soups.items()
             if (d := built.once(("dangers", id(soup)), lambda soup=soup: dangers(soup, real_scripts)))}
    assert len(built.soups) > 25 and "404.html" in built.soups
    assert found == {}


def _missing_texts(soup: BeautifulSoup, where: str, texts, node=False) -> list[str]:
    """The texts (on one line) that the element at `where` (or `node`, when found already) does not show."""
    shown = shown_text(soup.select_one(where) if node is False else node)
    return [f"{where}: {text!r}" for text in texts if text and one_line(text) not in shown]


def _first_by_id(soup: BeautifulSoup) -> dict:
    """Each id of the page and the first element with it (what select_one('#id') finds), in one pass."""
    return {el["id"]: el for el in reversed(soup.find_all(id=True))}


def _platform_description(platform) -> str:
    """What pages.py writes as a platform page's description."""
    return f"{platform.name}: seller account procedures, step by step."


def _platform_texts(soup: BeautifulSoup, platform) -> list[str]:
    return _missing_texts(soup, ".sc-platform-status", [platform.status_note]) if platform.status_note else []


def _guide_texts_wrong(soup: BeautifulSoup, key: str, entry) -> list[str]:
    procedure = entry.procedure
    wrong = shown_as_typed(soup, key + "/", procedure.title, procedure.summary)
    if key.startswith("hostile-"):  # (tests/test_site.py checks the real guides on the real site)
        wrong += [f"{key}: {m}" for m in missing_on_page(soup, procedure)]
    missing = _platform_texts(soup, entry.platform)
    missing += _missing_texts(soup, ".sc-glance__regions", procedure.regions)
    by_id = _first_by_id(soup) if procedure.sources else {}
    for source in procedure.sources:
        missing += _missing_texts(soup, f"#source-{source.id}", [source.publisher, source.note],
                                  node=by_id.get(f"source-{source.id}"))
    return wrong + [f"{key} {m}" for m in missing]


def _platform_texts_wrong(soup: BeautifulSoup, platform) -> list[str]:
    address = f"{platform.id}/"
    wrong = shown_as_typed(soup, address, platform.name, _platform_description(platform))
    missing = _platform_texts(soup, platform) + _missing_texts(soup, ".sc-summary", [platform.description])
    return wrong + [f"{address} {m}" for m in missing]


def test_every_title_and_summary_shows_as_typed_in_every_context(built, corpus):
    wrong = []
    for key, entry in corpus.entries.items():
        soup = built.page(key + "/")
        wrong += built.once(("guide texts", key, id(soup)), lambda s=soup, k=key, e=entry: _guide_texts_wrong(s, k, e))
    for platform in corpus.platforms_in_use():
        soup = built.page(f"{platform.id}/")
        wrong += built.once(("platform texts", platform.id, id(soup)), lambda s=soup, p=platform: _platform_texts_wrong(s, p))
    assert wrong == []


def test_every_navigation_link_shows_its_page_title_as_typed(built, corpus):
    titles = page_titles(corpus)
    wrong = []
    for page, soup in built.soups.items():
        address = page.removesuffix("index.html").removesuffix("404.html")
        wrong += built.once(("nav", address, id(soup)), lambda s=soup, a=address: nav_titles(s, a, titles))
    for key, entry in corpus.entries.items():  # a section's title over its pages' links
        label = built.page(key + "/").select_one('nav[aria-labelledby] > label.md-nav__title[for]')
        if shown_text(label) != one_line(entry.platform.name):
            wrong.append(f"{key}: section title {shown_text(label)!r}")
    assert wrong == []


def test_the_table_of_contents_holds_only_the_section_headings(built, corpus):
    wrong = []
    for key in corpus.entries:
        soup = built.page(key + "/")
        wrong += built.once(("toc", key, id(soup)), lambda s=soup, k=key: _toc_wrong(s, k))
    assert wrong == []


def _toc_wrong(soup: BeautifulSoup, key: str) -> list[str]:
    wrong = []
    headings = [(f"#{h['id']}", shown_text(h)) for h in soup.select("article h2")]
    tocs = soup.select("nav.md-nav--secondary")  # in the navigation (narrow screens) and beside the page
    for toc in [[(a["href"], shown_text(a)) for a in nav.select("a.md-nav__link")] for nav in tocs]:
        if toc != headings or not toc:
            wrong.append(f"{key}: {toc} != {headings}")
    if len(tocs) != 2:
        wrong.append(f"{key}: {len(tocs)} tables of contents")
    return wrong


def test_no_page_shows_a_character_reference_as_text(built):
    found = {page: r for page, soup in built.soups.items()
             if (r := built.once(("references", id(soup)), lambda soup=soup: references_as_text(soup)))}
    assert found == {}


def test_ids_are_unique_and_every_link_inside_a_page_reaches_its_target(built):
    found = {page: p for page, soup in built.soups.items()
             if (p := built.once(("ids", id(soup)), lambda soup=soup: id_problems(soup)))}
    assert found == {}


def _blanks_shown(text: str, fields) -> str:
    """A message's text as the toolbox shows it before the seller types: each {field} is [its label]."""
    labels = {f.id: f.label for f in fields}
    return one_line(BLANK.sub(lambda m: f"[{labels[m.group(1)]}]" if m.group(1) in labels else m.group(0), text))


def _toolbox_wrong(page: str, fragment: str, entry) -> list[str]:
    """A guide's toolbox.html put in its page where the tools script puts it: every item to log,
    each message's subject and body and the permanent step's title show as typed, and the ids
    of both stay unique (its scripts and handlers: test_no_page_carries_script_a_handler_or_a_redirect,
    which reads every .html file, this one too)."""
    try:
        soup = BeautifulSoup(with_controls(page, fragment), "lxml")
    except ValueError as err:
        return [str(err)]
    wrong = id_problems(soup)
    options = [shown_text(o) for o in soup.select("form[data-tool=log] option")]
    if options != [one_line(item.title) for _section, item in entry.procedure.checkable_items()]:
        wrong.append(f"items to log: {options!r:.200}")
    for m in entry.procedure.messages:
        message = soup.select_one(f'[data-tool=message][data-message="{m.id}"]')
        for part, text in (("subject", m.title), ("body", m.body)):
            if shown_text(message.select_one(f"[data-part={part}]")) != _blanks_shown(text, m.fields):
                wrong.append(f"message {m.id} {part}")
    point = soup.select_one("[data-point-title]")  # (printed as every value is: its line breaks joined)
    if point is not None and point["data-point-title"] not in {re.sub(r"\s+", " ", s.title) for s in entry.procedure.steps}:
        wrong.append(f"data-point-title={point['data-point-title']!r:.80}")
    return wrong


def test_every_guides_toolbox_controls_show_its_texts_as_typed(built, corpus):
    hostile = {k: e for k, e in corpus.entries.items() if k.startswith("hostile-")}
    wrong = {}
    for key, entry in hostile.items():
        page = (built.root / key / "index.html").read_text(encoding="utf-8")
        fragment = (built.root / key / "toolbox.html").read_text(encoding="utf-8")
        if found := built.once(("toolbox", key, page, fragment), lambda p=page, f=fragment, e=entry: _toolbox_wrong(p, f, e)):
            wrong[key] = found
    assert wrong == {}
    assert any("<" in item.title for e in hostile.values() for _s, item in e.procedure.checkable_items())
    # negative control: a title escaped twice in the controls is caught
    key, entry = next((k, e) for k, e in hostile.items()
                      if "&lt;" in (built.root / k / "toolbox.html").read_text(encoding="utf-8"))
    fragment = (built.root / key / "toolbox.html").read_text(encoding="utf-8").replace("&lt;", "&amp;lt;")
    assert _toolbox_wrong((built.root / key / "index.html").read_text(encoding="utf-8"), fragment, entry)


def test_the_search_index_holds_the_titles_as_typed_and_no_markup_but_materials(built, corpus):
    text = (built.root / "search" / "search_index.json").read_text(encoding="utf-8")
    assert built.once(("search index", text), lambda: _search_index_wrong(text, corpus)) == []


def _search_index_wrong(text: str, corpus) -> list[str]:
    docs = json.loads(text)["docs"]
    wrong = []
    for doc in docs:
        for field in ("title", "text"):
            fragment = BeautifulSoup(f"<div>{doc[field]}</div>", "lxml").div
            wrong += [f"{doc['location']} {field}: <{el.name} {el.attrs}>" for el in fragment.find_all(True)
                      if el.name not in SEARCH_TAGS or el.attrs]
            wrong += [f"{doc['location']} {field}: {t!r}" for t in fragment.find_all(string=REFERENCES_AS_TEXT)]
    first = {doc["location"]: doc["title"] for doc in reversed(docs) if "#" not in doc["location"]}
    for address, title in page_titles(corpus).items():
        if one_line(BeautifulSoup(first.get(address, ""), "lxml").get_text()) != title:
            wrong.append(f"{address}: search title {first.get(address)!r} != {title!r}")
    return wrong


def test_the_real_pages_are_still_at_their_addresses(built, site):
    """Every page of the real site is there (what each guide holds is checked above: the corpus
    holds the real guides too)."""
    assert set(site.pages()) <= {p.removesuffix("index.html") for p in built.soups}


def test_the_speedups_change_nothing_on_hostile_data(builds):
    fast, plain = builds["speed-ups"].root, builds["plain"].root
    files = sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    assert [f for f in files if (fast / f).read_bytes() != (plain / f).read_bytes()] == []


def test_the_detectors_see_what_they_look_for(builds, real_scripts):
    """Negative controls: a real hostile page, mutated the way an attack would have left it."""
    soup = builds["speed-ups"].page("hostile-note/summary-refresh/")
    assert dangers(soup, real_scripts) == [] and references_as_text(soup) == [] and id_problems(soup) == []

    def mutated(change) -> BeautifulSoup:
        page = copy.copy(soup)
        change(page)
        return page

    assert dangers(mutated(lambda s: s.body.attrs.update(onload="alert(1)")), real_scripts)
    assert dangers(mutated(lambda s: s.select_one(".sc-summary").attrs.update(ONFOCUS="x")), real_scripts)
    refresh = {"http-equiv": "refresh", "content": "0;url=https://evil.example/"}
    assert dangers(mutated(lambda s: s.head.append(s.new_tag("meta", attrs=refresh))), real_scripts)
    link = " java\tscript:alert(1)"
    assert dangers(mutated(lambda s: s.select_one("article a").attrs.update(href=link)), real_scripts)
    assert dangers(mutated(lambda s: s.body.append(s.new_tag("script", string="alert(1)"))), real_scripts)
    for tag, attrs in (("img", {"src": "https://evil.example/x.png"}), ("img", {"srcset": "a.png 1x, //evil.example/x.png 2x"}),
                       ("link", {"rel": "stylesheet", "href": "https://evil.example/x.css"}),
                       ("span", {"style": "background: url( 'https://evil.example/x.png')"})):
        added = lambda s, tag=tag, attrs=attrs: s.select_one("article").append(s.new_tag(tag, attrs=attrs))
        assert dangers(mutated(added), real_scripts), tag
    assert dangers(mutated(lambda s: s.head.append(s.new_tag("style", string="@import '//evil.example/x.css';"))),
                   real_scripts)
    assert references_as_text(mutated(lambda s: s.select_one("article h1").append("seller&#39;s")))
    assert id_problems(mutated(lambda s: s.select_one("article h1").attrs.update(id="source-note-help")))
    page = mutated(lambda s: s.select_one("article h1").insert(0, "x"))
    wrong = shown_as_typed(page, "p/", "Close a store whose summary redirects",
                           '0;url=https://evil.example/" http-equiv="refresh')
    assert [w.split(":")[0] for w in wrong] == ["p/ h1"]


# ----------------------------------------------------------------------------- for any engine

_SITE_MARKDOWN = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
#: The site's extensions and what another engine may well turn on besides: Python-Markdown's
#: 'extra' (fenced code, tables, footnotes, definitions, abbreviations) and pymdown's common set.
_ANY_MARKDOWN = [*_SITE_MARKDOWN.markdown_extensions, "extra", "sane_lists", "pymdownx.superfences",
                 "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.betterem"]


def _front_matter(text: str) -> tuple[dict, str]:
    block, body = text.removeprefix("---\n").split("\n---\n", 1)
    return yaml.safe_load(block), body


def test_the_pages_macros_cli_writes_are_inert_for_any_markdown_engine(project, corpus, tmp_path,
                                                                        real_scripts):
    """The hostile pages as `macros.cli pages --with-docs` writes them for an engine that runs
    none of our hooks: front matter escaped exactly once, a body no Markdown reads into markup."""
    out = tmp_path / "out"
    with check_lets_hostile_files_through():
        assert cli.main(["--root", str(project), "pages", str(out), "--with-docs"]) == 0
    pages = {f"{p.id}/index.md": (p.name, _platform_description(p), None)
             for p in corpus.platforms_in_use() if p.id.startswith("hostile-")}
    pages.update({e.page_path: (e.procedure.title, e.procedure.summary, e.procedure)
                  for key, e in corpus.entries.items() if key.startswith("hostile-")})
    wrong = []
    for path, (title, description, procedure) in pages.items():
        meta, body = _front_matter((out / path).read_text(encoding="utf-8"))
        for field, typed in (("title", title), ("description", description)):
            if meta[field] != engine_text(typed) or html.unescape(meta[field]) != one_line(typed):
                wrong.append(f"{path} {field}: {meta[field]!r}")
        converted = markdown.markdown(body, extensions=_ANY_MARKDOWN,
                                      extension_configs=_SITE_MARKDOWN.mdx_configs)
        soup = BeautifulSoup(f"<article>{converted}</article>", "lxml")
        found = dangers(soup, real_scripts) + references_as_text(soup) + id_problems(soup)
        wrong += [f"{path}: {d}" for d in found]
        if shown_text(soup.h1) != one_line(title):
            wrong.append(f"{path}: h1 {shown_text(soup.h1)!r}")
        if procedure is not None:
            wrong += [f"{path}: {m}" for m in missing_on_page(soup, procedure)]
    assert len(pages) > 12 and wrong == []
