"""MkDocs hook: write robots.txt and sitemap.xml (and its .gz) with macros.site.outputs.

MkDocs writes a sitemap of its own from the theme; ours replaces it after the build, so every
engine publishes the same files (`python -m macros.cli pages --with-docs` writes them too).
"""

from __future__ import annotations

from pathlib import Path

from macros.site import outputs
from macros.site import pages as site


def on_post_build(config):
    catalogue = site.get_catalogue(Path(config.config_file_path).parent)
    outputs.write_site_files(Path(config.site_dir), config.site_url or "/", Path(config.docs_dir),
                             site.page_paths(catalogue), catalogue,
                               (config.get("extra") or {}).get("sc_language") or "en")
