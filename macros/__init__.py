"""mkdocs-macros entry point: the macros the hand-written pages in docs/ call.

The guide pages do not need it: they arrive finished from macros.site.pages. Nothing here
knows about markup; it hands validated data to macros.site.render.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys

#: Our modules, in import order, for the reload while serving.
_CODE = ["data.chars", "data.problems", "data.files", "data.yamlread", "data.verbs", "data.model", "data.errors",
         "data.urls", "data.addresses", "data.checks", "data.translations", "data.translation_model", "data.translation_checks",
         "data.load", "data.kept_results", "site.reserved", "site.ui_strings",
         "site.render", "site.previews", "site.editions", "site.pages"]


def _code_stamp() -> tuple:
    """Name, size and mtime of every file under macros/ (code, templates, verbs.txt)."""
    found, folders = [], [os.path.dirname(__file__)]
    while folders:
        for entry in os.scandir(folders.pop()):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    folders.append(entry.path)
            elif not entry.name.endswith(".pyc"):
                info = entry.stat(follow_symlinks=False)
                found.append((entry.path, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


_loaded: dict = {}


def _reload_code(force: bool = False) -> None:
    """`mkdocs serve` keeps modules cached between rebuilds; reload ours so edits to macros/ show.
    Only while serving (the page hook sets the flag): reloading in tests would split class identities.
    Only when a file under macros/ changed since the last rebuild (or `force`): the modules keep
    what the last rebuild read and rendered, so a rebuild after a data edit redoes only what the
    edit changed (macros/site/previews.py)."""
    if os.environ.get("SELLER_CHECKLISTS_SERVING") != "1":
        return
    stamp = _code_stamp()
    if not force and _loaded.setdefault("stamp", stamp) == stamp:
        return
    _loaded["stamp"] = stamp
    for name in _CODE:
        module = sys.modules.get(f"{__name__}.{name}")
        if module is not None:
            importlib.reload(module)


def define_env(env):
    _reload_code()
    from .site import pages

    root = env.project_dir

    @functools.cache
    def catalogue_for_this_build():
        """Looked up once per build (define_env runs again on every serve rebuild), not once per page."""
        return pages.get_catalogue(root)

    @env.macro
    def procedure_index() -> str:
        """Every procedure, grouped by platform (the home page)."""
        return pages.render_index(catalogue_for_this_build(), root,
                                  (env.conf.get("extra") or {}).get("sc_language") or "en")
