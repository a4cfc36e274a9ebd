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

from ..data.load import Catalogue, load_catalogue
from . import render

_cache: dict[Path, tuple[tuple, Catalogue]] = {}


#: Past this many guides, a platform's section in the navigation holds only its platform page,
#: which lists the guides (page by page): every page carries the navigation, and 500 links in
#: it made a 334 KB page. Up to it, the section lists every guide. (A rule for any engine's
#: navigation; the MkDocs hook applies it.)
NAV_GUIDES_LIMIT = 60


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


def get_catalogue(root: Path | str) -> Catalogue:
    """The validated catalogue, read once per change of the data (serve rebuilds re-read it)."""
    root = Path(root).resolve()
    fingerprint = _fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == fingerprint:
        return cached[1]
    catalogue = load_catalogue(root)
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
    escaping them (the rule in render.py's docstring)."""
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


def settings_from_config(config_file: Path | str) -> Settings:
    """The settings as an engine reads them from mkdocs.yml (for `macros.cli pages`)."""
    config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
    return Settings(site_url=config.get("site_url"), report_url=(config.get("extra") or {}).get("report_url"))


def page_paths(catalogue: Catalogue) -> list[str]:
    """The path under docs/ of every page that comes from data (platform pages, then guides)."""
    return [path for path, _render in _page_makers(catalogue)]


def _page_makers(catalogue: Catalogue, settings: Settings = Settings()):
    """(path, a function that renders the page) for every generated page."""
    for platform in catalogue.platforms_in_use():
        guides = len(catalogue.for_platform(platform.id))
        for number in range(1, render.platform_page_count(guides) + 1):
            yield (render.platform_page_path(platform.id, number),
                   functools.partial(_platform_page, catalogue, platform, number))
    for entry in catalogue.entries.values():
        yield entry.page_path, functools.partial(_procedure_page, entry, settings, catalogue.glossary)
    if catalogue.glossary is not None:
        yield GLOSSARY_PAGE, functools.partial(_glossary_page, catalogue.glossary)


#: Where the list of every glossary term is published (procedure pages link to it).
GLOSSARY_PAGE = "glossary.md"


def _glossary_page(glossary) -> str:
    return _page("Glossary", "The words seller guides use, explained in plain words.",
                 render.render_glossary(glossary))


def _platform_page(catalogue: Catalogue, platform, number: int) -> str:
    title = platform.name if number == 1 else f"{platform.name}: guides, page {number}"
    return _page(title, f"{platform.name}: seller account procedures, step by step.",
                 render.render_platform(catalogue, platform.id, number))


def _procedure_page(entry, settings: Settings, glossary) -> str:
    return _page(entry.procedure.title, entry.procedure.summary,
                 render.render_procedure(entry, report_url=settings.report_url, site_url=settings.site_url,
                                         glossary=glossary))


def generated_pages(catalogue: Catalogue, settings: Settings = Settings()) -> dict[str, str]:
    """The finished Markdown of every page that comes from data: path under docs/ -> content.

    Rendered here by the pure renderer, so any engine can publish them as they are
    (`python -m macros.cli pages OUT_DIR` writes the same text to files).
    """
    pages: dict[str, str] = {}
    for path, make in _page_makers(catalogue, settings):
        if path in pages:  # e.g. a guide named page-2 beside a platform's second page of guides
            raise ValueError(f"two generated pages want docs/{path}")
        pages[path] = make()
    return pages


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
