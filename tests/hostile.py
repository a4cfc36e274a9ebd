"""The hostile corpus (tests/fixtures/hostile/data/) and a site built from it.

Each fixture is a data file whose text an attacker wrote: markup that would end the element
or attribute it lands in, Markdown (code fences with attribute lists, headings, lists,
reference links), a summary that would be a redirect, a title whose anchor equals an
element id. The first comment line of each says what it tries.

The data check is told to let these files through (`check_lets_hostile_files_through`): what
the suites prove is the renderer alone, the second lock, whatever the check refuses today or
tomorrow. The model still has to accept each file (a fixture it refuses fails loudly).
The detectors below read a built page; tests/test_hostile_inert.py shows that each can fail.
Used by tests/test_hostile_inert.py (the HTML) and tests/browser/test_hostile_pages.py.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from sampling import cover
from test_build_speedups import PLAIN
from test_scaffold import copy_project

from macros.data import load
from macros.site.render import KIND_LABELS

SITE_NAME = "Seller Checklists"
URL = "http://127.0.0.1:1/"  # the address the hostile sites are built for (nothing is served there)
HOSTILE_DATA = ROOT / "tests" / "fixtures" / "hostile" / "data"
#: Each hostile file as the check names it ('data/procedures/hostile-note/title-breakout.yml').
HOSTILE_FILES = frozenset(f"data/{p.relative_to(HOSTILE_DATA).as_posix()}"
                          for p in HOSTILE_DATA.rglob("*.yml"))


def hostile_project(tmp_path: Path) -> Path:
    """A copy of the project (docs, data, templates, code) with the hostile data added."""
    project = copy_project(tmp_path)
    shutil.copytree(HOSTILE_DATA, project / "data", dirs_exist_ok=True)
    return project


@contextlib.contextmanager
def check_lets_hostile_files_through():
    """While inside: the data check reports nothing about the hostile files (every other file is
    checked as usual). The renderer then meets their text whatever the check would say."""
    real = load.check_all

    def lenient(*args, **kwargs):
        platforms, procedures, problems, glossary = real(*args, **kwargs)
        refused = [r.display for r in platforms + procedures if r.display in HOSTILE_FILES and not r.valid]
        assert not refused, f"the model refuses hostile fixture(s) {refused}: make them model-valid"
        return platforms, procedures, [p for p in problems if p.file not in HOSTILE_FILES], glossary

    load.check_all = lenient
    try:
        yield
    finally:
        load.check_all = real


@contextlib.contextmanager
def speedups_off():
    """Every build speed-up hook switched off (SELLER_CHECKLISTS_PLAIN_*), as test_build_speedups does."""
    saved = {name: os.environ.get(name) for name in PLAIN}
    os.environ.update(PLAIN)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_hostile_site(project: Path, site_dir: Path, site_url: str, plain: bool = False) -> None:
    """The strict build of `project` with the check letting the hostile files through."""
    with check_lets_hostile_files_through(), (speedups_off() if plain else contextlib.nullcontext()):
        build_site(site_dir, site_url, project / "mkdocs.yml")


def hostile_catalogue(project: Path) -> load.Catalogue:
    with check_lets_hostile_files_through():
        return load.load_catalogue(project)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ----------------------------------------------------------------------------- what is looked for

#: Attributes that hold an address a browser may follow or load.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")
#: Character references that must never reach a reader as text (double escaping).
#: (A typed '&amp;' shows as typed; a '&' escaped twice is caught where each text must show.)
REFERENCES_AS_TEXT = re.compile(r"&(#\d+|#x[0-9a-f]+|lt|gt|quot|apos);", re.IGNORECASE)
#: What Material's search keeps of a page's markup in its index (material/plugins/search).
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


#: Attributes whose address the browser loads by itself, with no click: an image, a poster, ...
LOADED_ATTRIBUTES = ("src", "srcset", "imagesrcset", "poster", "data", "background")
#: The <link> relations the browser loads (or connects to) by itself.
LOADED_LINKS = frozenset({"stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                          "prerender", "preconnect", "dns-prefetch", "manifest"})


def script_key(tag) -> tuple:
    """A script with the page's place in the site taken out ('../../assets/x.js' -> 'assets/x.js').
    `tag` is a BeautifulSoup tag or an lxml element (real_scripts reads the real site with lxml)."""
    strip = lambda text: re.sub(r'(["\'])(?:\.\.?/)*(?:\.\.?)?/?', r"\1", text)
    text = tag.get_text() if hasattr(tag, "get_text") else tag.text_content()
    return (strip(f'"{tag.get("src", "")}"'), tag.get("type"), tag.get("id"), strip(text))


def _elsewhere(address: str) -> bool:
    """An address with a scheme or a host of its own ('https:', '//host'): the site loads its own
    assets by addresses relative to the page or the site, so that is another host (or data:)."""
    address = re.sub(r"[\s\x00-\x1f]", "", address).lower()
    return address.startswith(("//", "\\", "/\\")) or re.match(r"[a-z][a-z0-9+.-]*:", address) is not None


def _loaded_addresses(el) -> list[str]:
    """The addresses an element makes the browser load by itself (srcset: each candidate)."""
    found = []
    for name in LOADED_ATTRIBUTES:
        value = el.get(name)
        if value is not None:
            value = " ".join(value) if isinstance(value, list) else value
            found += [c.split()[0] for c in value.split(",") if c.split()] if "srcset" in name else [value]
    rel = el.get("rel")
    if el.name == "link" and set((" ".join(rel) if isinstance(rel, list) else rel or "").lower().split()) & LOADED_LINKS:
        found.append(el.get("href", ""))
    found += re.findall(r"url\(\s*[\"']?([^\"')]*)", el.get("style") or "", re.IGNORECASE)
    return found


def _dangerous_attribute(name: str, value) -> bool:
    """An event handler, a refresh, a focus grab, or an address that runs script or holds a page."""
    name = name.lower()
    if name.startswith("on") or name in ("http-equiv", "autofocus", "srcdoc"):
        return True
    address = re.sub(r"[\s\x00-\x1f]", "", " ".join(value) if isinstance(value, list) else str(value)).lower()
    return name in URL_ATTRIBUTES and address.startswith(("javascript:", "data:", "vbscript:"))


def dangers(soup: BeautifulSoup, real_scripts: set[tuple] = frozenset()) -> list[str]:
    """Everything in a page that could run script, leave the page or load from another host on
    its own, and every <script> that is not one of `real_scripts` (script_key of each script of
    the real site)."""
    found = []
    for el in soup.find_all(True):
        found += [f"<{el.name} {name}={value!r}>" for name, value in el.attrs.items() if _dangerous_attribute(name, value)]
        found += [f"<{el.name}> loads {a!r}" for a in _loaded_addresses(el) if _elsewhere(a)]
    found += [f"<style> loads {a!r}" for s in soup.find_all("style")  # (its text, however it was made)
              for a in re.findall(r"(?:url\(|@import)\s*[\"']?([^\"')\s;]*)", "".join(map(str, s.contents)),
                                  re.IGNORECASE) if _elsewhere(a)]
    found += [f"<{el.name}>" for el in soup.find_all(["iframe", "object", "embed", "base", "frame"])]
    found += [f"<script {script_key(s)!r:.120}>" for s in soup.find_all("script")
              if script_key(s) not in real_scripts]
    return found


def references_as_text(soup: BeautifulSoup) -> list[str]:
    """Text or attribute values that show a character reference (escaped twice), e.g. 'seller&#39;s'."""
    found = [str(t).strip() for t in soup.find_all(string=REFERENCES_AS_TEXT)
             if t.parent.name not in ("script", "style")]
    for el in soup.find_all(True):
        found += [f"{el.name}[{name}]={value!r}" for name, value in el.attrs.items()
                  if isinstance(value, str) and REFERENCES_AS_TEXT.search(value)]
    return found


def id_problems(soup: BeautifulSoup) -> list[str]:
    """Ids used twice, and links inside the page to no id (or a citation to anything but its source)."""
    elements = soup.find_all(id=True)
    ids = [el["id"] for el in elements]
    by_id = {el["id"]: el for el in reversed(elements)}  # the first element with each id
    problems = [f"id {i!r} {n} times" for i, n in sorted(Counter(ids).items()) if n > 1]
    for link in soup.select('a[href^="#"]:not([href="#"])'):
        target = link["href"][1:]
        if target not in by_id:
            problems.append(f"link to #{target}: no such id")
        elif target.startswith("source-") and by_id[target].find_parent("ol", class_="sc-sources") is None:
            problems.append(f"citation #{target} does not reach the list of sources")
    return problems


def shown_text(node) -> str:
    """A node's text as a reader sees it, on one line, without the headings' permalink (¶)."""
    if node is None:
        return "<missing>"
    node = copy.copy(node)
    for link in node.select("a.headerlink"):
        link.decompose()
    return one_line(node.get_text(" "))


def _content(soup: BeautifulSoup, selector: str) -> str:
    tag = soup.select_one(selector)
    return "<missing>" if tag is None else tag.get("content", "<missing>")


def shown_as_typed(soup: BeautifulSoup, address: str, title: str, description: str) -> list[str]:
    """Where a page's title and description must show, literally (the text on one line)."""
    title, description = one_line(title), one_line(description)
    want = {
        "h1": (shown_text(soup.select_one("article h1")), title),
        "<title>": (shown_text(soup.title), f"{title} - {SITE_NAME}"),
        "meta description": (_content(soup, 'meta[name="description"]'), description),
        "og:title": (_content(soup, 'meta[property="og:title"]'), title),
        "og:description": (_content(soup, 'meta[property="og:description"]'), description),
        "header": (shown_text(soup.select_one('[data-md-component="header-topic"]')), title),
        "nav link": (shown_text(soup.select_one("nav.md-nav--primary a.md-nav__link--active")), title),
    }
    toc = soup.select_one('label.md-nav__link--active[for="__toc"]')
    if toc is not None:  # the page's entry in the navigation that opens its table of contents
        want["toc label"] = (shown_text(toc), title)
    return [f"{address} {where}: {got!r} != {expected!r}"
            for where, (got, expected) in want.items() if got != expected]


def nav_titles(soup: BeautifulSoup, address: str, titles: dict[str, str]) -> list[str]:
    """Every navigation link to a generated page shows that page's title (a platform's: its name)."""
    wrong = []
    for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
        if link["href"].startswith("#"):
            continue  # the table of contents: fixed section headings
        target = urlsplit(urljoin(URL + address, link["href"])).path.removeprefix("/")
        shown = shown_text(link.select_one(".md-ellipsis"))
        if link.select_one(".md-nav__icon") and shown in KIND_TITLES:
            continue  # a folded section of a platform's guides of one kind, opening on its first
        if target in titles and shown != titles[target]:
            wrong.append(f"{address}: link to {target} shows {shown_text(link)!r}, not {titles[target]!r}")
    return wrong


#: The sections a platform's guides are grouped in past pages.NAV_GROUP_AFTER (our own words).
KIND_TITLES = {label[:1].upper() + label[1:] for label in KIND_LABELS.values()}


def page_titles(corpus) -> dict[str, str]:
    """Address -> title of every generated page."""
    titles = {f"{p.id}/": one_line(p.name) for p in corpus.platforms_in_use()}
    titles.update({f"{key}/": one_line(e.procedure.title) for key, e in corpus.entries.items()})
    return titles


# ----------------------------------------------------------------------------- which pages a browser walks

#: Text that would be markup, Markdown, an address or a calendar line if a script read it as
#: such: what every fixture crafts (a plain word in a hostile guide is left out).
ATTACK_TEXT = re.compile(r"[<>`{}&']|alert\(|javascript:|BEGIN:")


def attack_kinds(page_html: str) -> set[str]:
    """Where a page puts attack text (ATTACK_TEXT): the tag and class names of each element whose
    own text or attribute value holds some, and of every element around it."""
    found: set[str] = set()
    for el in lxml.html.fromstring(page_html).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        own = [el.text or "", *(child.tail or "" for child in el), *el.attrib.values()]
        if any(ATTACK_TEXT.search(text) for text in own):
            for around in (el, *el.iterancestors()):
                found.add(around.tag)
                found.update(around.get("class", "").split())
    return found


def walked_pages(root: Path) -> list[str]:
    """The hostile site's pages the browser walk loads: the fewest (tests/sampling.py's cover) of
    home, 404 and the hostile pages that between them put attack text in every kind of element
    (attack_kinds) any of them puts it in. Home carries every hostile platform name in its
    navigation and on its catalogue, and always joins (404 shows the same navigation and is
    loaded when it adds a kind home lacks). A guide's kinds include its toolbox.html's (the walk
    opens the toolbox). All of them under SELLER_CHECKLISTS_BROWSER_ALL=1."""
    hostile = sorted(p.parent.relative_to(root).as_posix() + "/" for p in root.glob("hostile-*/**/index.html"))
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return ["", "404.html", *hostile]
    files = {"": "index.html", "404.html": "404.html"} | {a: a + "index.html" for a in hostile}
    kinds = {a: attack_kinds((root / f).read_text(encoding="utf-8")) for a, f in files.items()}
    for address in hostile:  # a guide's toolbox controls join its page when the walk opens the toolbox
        if (root / address / "toolbox.html").is_file():
            kinds[address] |= attack_kinds(f"<div>{(root / address / 'toolbox.html').read_text(encoding='utf-8')}</div>")
    home = kinds.pop("")
    return ["", *cover({a: k - home for a, k in kinds.items()})]
