"""mkdocs-macros entry point: thin wrappers that hand validated data to `render`.

Load → validate → render lives in the sibling modules; nothing here knows about markup.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys

_CODE = ["problems", "yamlread", "verbs", "model", "errors", "checks", "load", "ui_strings", "render", "site"]


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
    from . import render, site

    root = env.project_dir
    report_url = (env.conf.get("extra") or {}).get("report_url")
    site_url = env.conf.get("site_url")

    @functools.cache
    def catalogue_for_this_build():
        """Looked up once per build (define_env runs again on every serve rebuild), not once per page:
        each lookup rescans data/ to fingerprint it."""
        return site.get_catalogue(root)

    @env.macro
    def procedure_page(key: str) -> str:
        """The body of one procedure's page, e.g. procedure_page("amazon/close-account")."""
        catalogue = catalogue_for_this_build()
        if key not in catalogue.entries:
            raise KeyError(f"procedure_page: no procedure '{key}' (known: {', '.join(catalogue.entries)})")
        return render.render_procedure(catalogue.entries[key], report_url=report_url,
                                      site_url=site_url)

    @env.macro
    def platform_page(platform_id: str) -> str:
        """The body of one platform's page."""
        catalogue = catalogue_for_this_build()
        if platform_id not in catalogue.platforms:
            raise KeyError(f"platform_page: no platform '{platform_id}'")
        return render.render_platform(catalogue, platform_id)

    @env.macro
    def procedure_index() -> str:
        """Every procedure, grouped by platform (the home page)."""
        return render.render_index(catalogue_for_this_build())
