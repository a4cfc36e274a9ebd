"""MkDocs hook: publish the site's own JavaScript and CSS minified (macros.site.assets).

docs/assets/ keeps the readable sources; after the build, the copies in the built site that
mkdocs.yml lists under extra_javascript and extra_css are minified in place. Set
SELLER_CHECKLISTS_PLAIN_ASSETS=1 to publish them as written (to debug the script in a browser).
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.site.assets import ON_DEMAND, minify


def _enabled() -> bool:
    return os.environ.get("SELLER_CHECKLISTS_PLAIN_ASSETS") != "1"


def on_post_build(config):
    if not _enabled():
        return
    listed = [str(getattr(entry, "path", entry)) for entry in config.extra_javascript + config.extra_css]
    listed += [name for name in ON_DEMAND if (Path(config.site_dir) / name).exists()]  # fetched by the pages' script
    for name in listed:
        path = Path(config.site_dir) / name
        path.write_text(minify(name, path.read_text(encoding="utf-8")), encoding="utf-8")
