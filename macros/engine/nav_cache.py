"""MkDocs hook: render each navigation link once per build instead of once per page.

Material renders the whole navigation on every page: at 1,000 procedures that is about a
quarter of the build. Every item except the current page and its ancestors renders the same
markup wherever its (relative) address is the same, so overrides/partials/nav-item.html asks
`sc_nav_memo` first; the cache is keyed by the item, its place and the address written into it,
and lives for one build (a new Jinja environment on every build and serve rebuild).
SELLER_CHECKLISTS_PLAIN_NAV=1 turns it off (tests/test_build_speedups.py compares both).
"""

from __future__ import annotations

import logging
import os

import jinja2
from mkdocs.utils.templates import url_filter

#: features under which an inactive section renders more than a link to its first page
_EXPANDING = {"navigation.tabs", "navigation.sections", "navigation.expand"}
log = logging.getLogger("mkdocs.hooks.nav_cache")
_counts = {"rendered": 0, "reused": 0}


def _first_page(item):
    while item.children:
        item = item.children[0]
    return item


def on_env(env, config, files):
    _counts.update(rendered=0, reused=0)
    if os.environ.get("SELLER_CHECKLISTS_PLAIN_NAV") == "1":
        return env
    features = set(config.theme.get("features") or [])
    pruned = "navigation.prune" in features and not features & _EXPANDING
    cache: dict[tuple, str] = {}

    @jinja2.pass_context
    def sc_nav_memo(context, nav_item, path, level, caller):
        if getattr(nav_item, "active", False) or getattr(nav_item, "pages", None):
            return caller()  # the page itself or one of its sections: rendered as usual
        if nav_item.children:
            if not pruned:
                return caller()
            target = _first_page(nav_item)  # a pruned section is one link to its first page
        else:
            target = nav_item
        key = (id(nav_item), path, level, url_filter(context, target.url))
        html = cache.get(key)
        if html is None:
            html = cache[key] = caller()
            _counts["rendered"] += 1
        else:
            _counts["reused"] += 1
        return html

    env.globals["sc_nav_memo"] = sc_nav_memo
    return env


def on_post_build(config):
    log.debug("nav cache: %d navigation items rendered, %d reused", _counts["rendered"], _counts["reused"])
