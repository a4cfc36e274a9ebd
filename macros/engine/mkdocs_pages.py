"""MkDocs hook: validate the data, hand MkDocs the finished page of each platform and
procedure (made by macros.site.pages, the same text `macros.cli pages` writes for any
engine), and name the navigation sections after the platforms.

Adding a procedure is adding one YAML file: no stub page, no nav edit.

One build per language (mkdocs.yml: English at the root; mkdocs.zh.yml: `extra.sc_language: zh`,
built into site/zh/). Both builds generate the same page paths from the same data, each in its
own language. The hand-written pages of a language live in docs/<lang>/ (docs/zh/index.md …):
the English build leaves that folder out; the Chinese build publishes them at its root in place
of the English page of the same path, and keeps the other English pages (Performance, the style
guide), marked lang="en".
"""

from __future__ import annotations

import html
import logging
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section

from macros.data import problems
from macros.data.cores import usable_cores
from macros.site import pages as site

log = logging.getLogger("mkdocs.hooks.pages")


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def language(config) -> str:
    """The build's language: extra.sc_language (English when unset)."""
    return (config.get("extra") or {}).get("sc_language") or "en"


#: The languages other than English that have hand-written pages in docs/<code>/.
TRANSLATED_LANGUAGES = ("zh",)


_command: dict = {}


def on_startup(command, dirty):
    _command["name"] = command
    if command == "serve":  # lets macros/__init__.py reload edited code on every rebuild
        os.environ["SELLER_CHECKLISTS_SERVING"] = "1"
        if dirty:  # the rebuilds redo only what an edit changed (macros/site/previews.py)
            os.environ["SELLER_CHECKLISTS_PREVIEWS"] = "1"
    try:  # Material segments Chinese with jieba when it is installed: keep its start-up log quiet
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass


def on_config(config):
    try:
        site.get_catalogue(_root(config), workers=_workers())
    except problems.DataError as err:  # looked up at call time: serve reloads macros.problems
        raise Abort(f"The data has {len(err.problems)} problem(s):\n{err}\n"
                    "Fix them (run `make check` to see them again) and build again.")
    except BrokenProcessPool:
        raise Abort(_WORKER_DIED)
    return config


def settings(config) -> site.Settings:
    return site.Settings(site_url=config.get("site_url"), report_url=(config.get("extra") or {}).get("report_url"),
                         language=language(config), root=str(_root(config).resolve()))  # as the check names it


def _language_pages(files, config) -> None:
    """English build: drop docs/<lang>/. A translated build: its docs/<lang>/ pages replace the
    English ones at the same path; other languages' folders are dropped."""
    lang = language(config)
    prefix = f"{lang}/"
    for file in list(files):
        top = file.src_uri.split("/", 1)[0]
        if top in TRANSLATED_LANGUAGES and file.src_uri.startswith(top + "/"):
            files.remove(file)
            if top == lang:
                target = file.src_uri[len(prefix):]
                english = files.get_file_from_path(target)
                if english is not None:
                    files.remove(english)
                files.append(File.generated(config, target, abs_src_path=file.abs_src_path))


_WORKER_DIED = ("A second process of the build stopped (killed, most often for want of memory). Build again, "
                "or in one process: SELLER_CHECKLISTS_PLAIN_RENDER=1 mkdocs build")


def _workers() -> int:
    """Two processes read the data and render the pages in `mkdocs build` (never beside
    threads, so never in `mkdocs serve`), unless SELLER_CHECKLISTS_PLAIN_RENDER=1."""
    if _command.get("name") != "build" or os.environ.get("SELLER_CHECKLISTS_PLAIN_RENDER") == "1":
        return 1
    return min(2, usable_cores())


def on_files(files, config):
    _language_pages(files, config)
    try:
        generated = site.generated_pages(site.get_catalogue(_root(config)), settings(config), workers=_workers())
    except ValueError as err:
        raise Abort(f"{err}: rename the guide (its file name is its address)")
    except BrokenProcessPool:
        raise Abort(_WORKER_DIED)
    log.debug("pages: %d generated pages rendered in %d process(es)", len(generated), generated.processes)
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise Abort(f"docs/{path} would hide the page generated from data/: delete docs/{path}")
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav, config, files):
    """Platform sections get the platform's name; home first, platforms next, the rest after.
    A platform with many guides has them grouped by kind (site.nav_groups)."""
    catalogue = site.get_catalogue(_root(config))
    platforms = catalogue.platforms
    first, middle, last = [], [], []
    for item in nav.items:
        if isinstance(item, Section):
            index = next((c for c in item.children if getattr(c, "file", None)
                          and c.file.src_uri.endswith("/index.md")), None)
            platform_id = index.file.src_uri.split("/")[0] if index else None
            if platform_id in platforms:
                item.title = site.engine_text(platforms[platform_id].name)  # Material writes it unescaped
                _group_guides(item, index, catalogue, platform_id, language(config))
                middle.append(item)
                continue
        (first if getattr(item, "is_homepage", False) else last).append(item)
    middle.sort(key=lambda s: html.unescape(s.title).lower())
    nav.items[:] = first + middle + last
    return nav


def _group_guides(section, index, catalogue, platform_id: str, lang: str) -> None:
    """The platform page first, then a section per kind holding its guides (site.nav_groups);
    a guide of no group is reached from the platform page."""
    groups = site.nav_groups(catalogue, platform_id, lang)
    if groups is None:
        return
    by_key = {c.file.src_uri.removesuffix(".md"): c for c in section.children if getattr(c, "file", None)}
    children = [index]
    for title, keys in groups:
        guides = [by_key[key] for key in keys if key in by_key]
        if guides:
            kind = Section(site.engine_text(title), guides)
            kind.parent = section
            for guide in guides:
                guide.parent = kind
            children.append(kind)
    section.children[:] = children


def on_page_content(html_text, page, config, files):
    """On a translated build, a page that is only in English says so (lang="en", WCAG 3.1.2)."""
    if language(config) == "en" or page.file.abs_src_path is None:  # data pages are in the language
        return html_text
    if f"{os.sep}{language(config)}{os.sep}" in page.file.abs_src_path:
        return html_text
    return f'<div lang="en">{html_text}</div>'
