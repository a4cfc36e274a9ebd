"""The bridge between the data and a site build: one cached catalogue, the generated pages.

Nothing here imports MkDocs: an engine's hook (macros/engine/) or the command line hands in
plain paths and settings and gets back finished pages, so any engine can publish them.
"""

from __future__ import annotations

import functools
import html
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.load import Catalogue, Entry, load_catalogue
from . import forked, previews, render
from .editions import Edition, edition
from .language import ENGLISH, Language
from .tools import TOOLBOX_FILE
from .ui_strings import strings_for, tool_strings_for

_cache: dict[Path, tuple[tuple, Catalogue]] = {}


#: Every page carries the navigation, and 500 guide links in it made a 334 KB page. So past
#: NAV_GROUP_AFTER guides, a platform's section groups them by kind (closing the account,
#: appealing a suspension ...): a page then carries its platform's kinds and the guides of its own
#: kind only. A kind with more than NAV_GUIDES_LIMIT guides is left out of the navigation; the
#: platform page lists them (page by page). (A rule for any engine's navigation: nav_groups;
#: the MkDocs hook applies it.)
NAV_GROUP_AFTER = 12
NAV_GUIDES_LIMIT = 60


def nav_groups(catalogue: Catalogue, platform_id: str, language: str = "en") -> list[tuple[str, list[str]]] | None:
    """How a platform's guides stand in the navigation: None when each is listed (up to
    NAV_GROUP_AFTER guides); else (the kind's title in `language`, its guides' keys) for each
    kind in model order, without the kinds of more than NAV_GUIDES_LIMIT guides."""
    entries = catalogue.for_platform(platform_id)
    if len(entries) <= NAV_GROUP_AFTER:
        return None
    words = strings_for(language)[1]
    groups = []
    for kind, label in render.KIND_LABELS.items():
        keys = [e.key for e in entries if e.procedure.kind == kind]
        if 0 < len(keys) <= NAV_GUIDES_LIMIT:
            title = words.get(label, label)
            groups.append((title[:1].upper() + title[1:], keys))
    return groups


def _fingerprint(root: Path) -> tuple:
    """Name, kind, mtime and size of every entry under data/ (not only .yml files: any other
    file there is an error the next load must report) and the names at the top of docs/ (a
    page there can take a platform's address). Runs on every call (once per page in a build),
    so it walks with os.scandir: about 5x cheaper than Path.glob("**") at 1,000 files. Links
    are recorded, never followed, so a link loop ends the walk like any other entry."""
    found: list[tuple] = []
    folders = [str(root / "data")]
    try:
        if not stat.S_ISDIR(os.lstat(folders[0]).st_mode):  # a data/ that is a link or a file
            folders = []
            found.append((str(root / "data"), "not a folder"))
    except OSError:
        folders = []
    while folders:
        folder = folders.pop()
        try:
            entries = os.scandir(folder)
        except OSError:  # gone or unreadable: the load reports it
            found.append((folder, "unreadable"))
            continue
        with entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    found.append((entry.path, "gone"))
                    continue
                if stat.S_ISDIR(info.st_mode):
                    folders.append(entry.path)
                found.append((entry.path, info.st_mode, info.st_mtime_ns, info.st_size))
    try:
        with os.scandir(root / "docs") as docs:
            found += [("docs", entry.name) for entry in docs]
    except OSError:
        pass
    return tuple(sorted(found, key=repr))


def get_catalogue(root: Path | str, workers: int = 1) -> Catalogue:
    """The validated catalogue, read once per change of the data (serve rebuilds re-read it);
    in `workers` processes when this one may fork (macros/site/forked.py)."""
    root = Path(root).resolve()
    fingerprint = _fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == fingerprint:
        return cached[1]
    catalogue = load_catalogue(root, workers=workers if forked.can_fork() else 1, kept=previews.kept_results(root))
    _cache[root] = (fingerprint, catalogue)
    return catalogue


def front_matter(meta: dict) -> str:
    """A page's front matter, written only through a serializer: each value JSON-quoted (JSON is
    YAML), so no text from the data can end the block or add a key. Never hand-built text."""
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def engine_text(text: str) -> str:
    """Contributor text as the engine's templates take it: on one line and HTML-escaped exactly
    once, because Material writes page titles, meta values and navigation titles without
    escaping them (the rule in inert.py's docstring)."""
    return html.escape(" ".join(text.split()))


def _page(title: str, description: str, body: str) -> str:
    """Finished Markdown with its title and description as data (engine_text).
    `render_macros: false`: the macros plugin leaves it alone (contributor text is never a template)."""
    meta = {"title": engine_text(title), "description": engine_text(description), "render_macros": False}
    return front_matter(meta) + body


@dataclass(frozen=True)
class Settings:
    """What the pages need from the site's configuration, from any engine."""

    site_url: str | None = None
    report_url: str | None = None
    #: The build's language: "en", or a translation's code (its pages read data/**/*.<code>.yml).
    language: str = "en"
    #: The project root (where data/ is): a translated build reads its translation files there.
    root: str | None = None
    #: The English site's address as seen from a translated build's root (e.g. "../"): the
    #: notice on a partly English page links the English page there.
    english_base: str = "../"


def _language(settings: Settings, ed: Edition, page: str, english_url: str | None = None,
              original=None) -> Language:
    if settings.language == "en":
        return ENGLISH
    _script, words = strings_for(settings.language)
    return Language(settings.language, words, ed.english.get(page, frozenset()),
                           ed.translations.get(page), english_url, original)


def settings_from_config(config_file: Path | str) -> Settings:
    """The settings as an engine reads them from mkdocs.yml (for `macros.cli pages`)."""
    config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
    extra = config.get("extra") or {}
    return Settings(site_url=config.get("site_url"), report_url=extra.get("report_url"),
                    language=extra.get("sc_language", "en"), root=str(Path(config_file).resolve().parent))


def page_paths(catalogue: Catalogue) -> list[str]:
    """The path under docs/ of every page that comes from data (platform pages, then guides)."""
    return [path for path, _render in _page_makers(catalogue)]


def _guide_language(settings: Settings, ed: Edition, originals: Catalogue, entry: Entry) -> Language:
    english_url = "../../" + settings.english_base + entry.key + "/"  # from <platform>/<slug>/
    return _language(settings, ed, entry.key, english_url, originals.entries[entry.key].procedure)


def _page_makers(catalogue: Catalogue, settings: Settings = Settings()):
    """(path, a function that renders the page) for every generated page, in the settings'
    language: the same paths in every language (a guide with no translation shows English,
    marked, with the notice), so each page's counterpart is the same path in the other build."""
    ed = edition(catalogue, settings.root, settings.language)
    originals, catalogue = catalogue, ed.catalogue
    for platform in catalogue.platforms_in_use():
        guides = len(catalogue.for_platform(platform.id))
        for number in range(1, render.platform_page_count(guides) + 1):
            yield (render.platform_page_path(platform.id, number),
                   functools.partial(_platform_page, catalogue, platform, number,
                                     _language(settings, ed, platform.id)))
    for entry in catalogue.entries.values():
        yield entry.page_path, functools.partial(_procedure_page, entry, settings, catalogue.glossary,
                                                 _guide_language(settings, ed, originals, entry))
    if catalogue.glossary is not None:
        yield GLOSSARY_PAGE, functools.partial(_glossary_page, catalogue.glossary,
                                               _language(settings, ed, "glossary"))


def render_index(catalogue: Catalogue, root, language: str = "en") -> str:
    """The home page's list of guides, in the build's language."""
    ed = edition(catalogue, root, language)
    shown = _language(Settings(language=language, root=str(root)), ed, "index")
    shown.english = frozenset(key for key, units in ed.english.items() if "procedure" in units)
    return render.render_index(ed.catalogue, shown)


#: Where the list of every glossary term is published (procedure pages link to it).
GLOSSARY_PAGE = "glossary.md"


def _glossary_page(glossary, language: Language = ENGLISH) -> str:
    if language.code == "zh":
        return _page("术语表", "指南中卖家可能不熟悉的用语，用浅白的话解释。", render.render_glossary(glossary, language))
    return _page("Glossary", "The words seller guides use, explained in plain words.",
                 render.render_glossary(glossary, language))


def _platform_page(catalogue: Catalogue, platform, number: int, language: Language = ENGLISH) -> str:
    if language.code == "zh":
        title = platform.name if number == 1 else f"{platform.name}：指南，第 {number} 页"
        description = f"{platform.name}：卖家账户操作指南，逐步说明。"
    else:
        title = platform.name if number == 1 else f"{platform.name}: guides, page {number}"
        description = f"{platform.name}: seller account procedures, step by step."
    return _page(title, description, render.render_platform(catalogue, platform.id, number, language))


def _procedure_page(entry, settings: Settings, glossary, language: Language = ENGLISH) -> str:
    script, _words = strings_for(language.code)
    return _page(entry.procedure.title, entry.procedure.summary,
                 render.render_procedure(entry, report_url=settings.report_url, site_url=settings.site_url,
                                         glossary=glossary, script_strings=script, language=language))


class Pages(dict):
    """path -> content, and how many processes rendered them (`processes`)."""

    processes = 1


def generated_pages(catalogue: Catalogue, settings: Settings = Settings(), workers: int = 1) -> Pages:
    """The finished Markdown of every page that comes from data: path under docs/ -> content.

    Rendered here by the pure renderer, so any engine can publish them as they are
    (`python -m macros.cli pages OUT_DIR` writes the same text to files). `workers` > 1: in
    that many processes when this one may fork (macros/site/forked.py), with the same result.
    """
    makers = list(_page_makers(catalogue, settings))
    paths = [path for path, _make in makers]
    if len(set(paths)) < len(paths):  # e.g. a guide named page-2 beside a platform's second page of guides
        twice = next(path for path in paths if paths.count(path) > 1)
        raise ValueError(f"two generated pages want docs/{twice}")
    rendered = previews.rendered_pages(settings.root, settings.language)
    if rendered is None:
        texts, processes = forked.run_all([make for _path, make in makers], workers)
    else:  # make serve: only the pages whose data changed (macros/site/previews.py)
        texts, processes = rendered.texts(paths, [make for _path, make in makers],
                                          lambda todo: forked.run_all(todo, workers)[0]), 1
    pages = Pages(zip(paths, texts))
    pages.processes = processes
    return pages


def toolbox_files(catalogue: Catalogue, settings: Settings = Settings(), only: set[str] | None = None) -> dict[str, str]:
    """`<guide>/toolbox.html` for every guide (`only`: of those entry keys), in the settings'
    language, as its page words it: path under the edition's site -> HTML. The page's tools
    script fetches it when the toolbox opens; the pages' hook writes them
    (macros/engine/site_exports.py), in every edition."""
    ed = edition(catalogue, settings.root, settings.language)
    strings = tool_strings_for(settings.language)
    return {f"{entry.key}/{TOOLBOX_FILE}": render.render_toolbox(entry, strings, _guide_language(settings, ed, catalogue, entry))
            for entry in ed.catalogue.entries.values() if only is None or entry.key in only}


def write_pages(pages: dict[str, str], out_dir: Path) -> list[Path]:
    """Write each page under `out_dir`; nothing is written outside it."""
    out_dir = Path(out_dir).resolve()
    written = []
    for rel, content in sorted(pages.items()):
        target = (out_dir / rel).resolve()
        if out_dir not in target.parents:
            raise ValueError(f"page path {rel!r} leaves {out_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="")
        written.append(target)
    return written
