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
         "data.load", "site.reserved", "site.ui_strings",
         "site.render", "site.pages"]


def _reload_code() -> None:
    """`mkdocs serve` keeps modules cached between rebuilds; reload ours so edits to macros/ show.
    Only while serving (the page hook sets the flag): reloading in tests would split class identities."""
    if os.environ.get("SELLER_CHECKLISTS_SERVING") != "1":
        return
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
