"""MkDocs hook: `make serve` (which runs `mkdocs serve --dirty`) rebuilds only the pages an edit
changed, so at 1,000 guides the edited guide shows about 2 s after its YAML file is saved.

`--dirty` builds a page only when its File.is_modified() is true, and a generated page always
says it is. macros/site/previews.py knows which generated pages' text changed since the last
rebuild; this hook tells MkDocs: the changed guides, and the hand-written pages (a few; the home
page lists the guides), are built; the others are left as the last rebuild wrote them. When the
navigation changes (a guide added, removed or retitled), or the code, the configuration, a
template override or a hand-written page, every page is built.

What MkDocs does not do for a dirty build, this hook does: the pages left alone keep their
titles in the navigation (MkDocs reads a title only from a page it builds), and the search
index keeps their entries (Material's keeps those of one page only). Without --dirty this
hook does nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from material.plugins.search.plugin import SearchPlugin
from mkdocs.plugins import event_priority

from macros.engine.mkdocs_pages import language, settings
from macros.site import previews

_state: dict = {"dirty": False, "titles": {}}


class _AnsweredWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate (with `strict: true`,
    the warning stops the build): this hook is the answer to it, so that one warning goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    _state["dirty"] = command == "serve" and dirty
    if _state["dirty"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_AnsweredWarning())


def _rendered(config):
    return previews.rendered_pages(settings(config).root, language(config)) if _state["dirty"] else None


def _page_sources_stamp(config) -> tuple:
    """Name, size and time of what every page is made with besides the data and macros/: the
    configuration, the template overrides, the hand-written pages (a title there is in every
    page's navigation). Not the CSS and scripts: the pages only link them."""
    found = [(str(path), path.stat().st_mtime_ns)  # mkdocs.zh.yml inherits mkdocs.yml
             for path in sorted(Path(config.config_file_path).parent.glob("mkdocs*.yml"))]
    for folder, suffixes in ((config.docs_dir, (".md",)), (config.theme.custom_dir, None)):
        for path in sorted(Path(folder).rglob("*")) if folder else ():
            if path.is_file() and (suffixes is None or path.suffix in suffixes):
                info = path.stat()
                found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)


@event_priority(-50)  # after the page hook has added the generated pages
def on_files(files, config):
    rendered = _rendered(config)
    if rendered is None:
        return files
    sources, _state["sources"] = _state.get("sources"), _page_sources_stamp(config)
    changed = _state["changed"] = rendered.changed if sources == _state["sources"] else None
    generated = rendered.paths()
    _state["built"] = set()
    for file in files.documentation_pages():
        if changed is None or file.src_uri in changed or (changed and file.src_uri not in generated):
            file.is_modified = lambda: True
        elif file.src_uri in generated:
            file.is_modified = lambda: False
        # else: a hand-written page, when no data changed: MkDocs compares the times
    return files


def on_nav(nav, config, files):
    if _rendered(config) is None:
        return nav
    for page in nav.pages:
        if not page.file.is_modified() and page.file.src_uri in _state["titles"]:
            page.title = _state["titles"][page.file.src_uri]  # MkDocs would call it after its file name
    return nav


def on_page_context(context, page, config, nav):
    _state["titles"][page.file.src_uri] = page.title
    _state.setdefault("built", set()).add(page.url)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config):
    rendered = _rendered(config)
    search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    if rendered is None or search is None or search.search_index_prev is None:
        return
    index, last = search.search_index, search.search_index_prev
    if _state.get("changed") is not None:  # keep the last entries of the pages not built this time
        built = _state.get("built", set()) | {entry["location"].split("#", 1)[0] for entry in index.entries}
        index.entries = [e for e in last.entries if e["location"].split("#", 1)[0] not in built] + index.entries
    search.search_index_prev = None  # Material would keep one page's entries only


def on_build_error(error):
    """A failed rebuild may have rendered pages it never wrote: the next one builds every page."""
    previews.forget_pages()
