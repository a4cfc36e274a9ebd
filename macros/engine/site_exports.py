"""MkDocs hook: after the build, write the guides as files (the JSON API, the checklists as
Markdown and CSV, the change feeds) with macros.site.exports. `python -m macros.cli pages
--with-docs` writes the same files, so every engine publishes them.
"""

from __future__ import annotations

from pathlib import Path

from macros.site import exports
from macros.site import pages as site


def on_post_build(config):
    catalogue = site.get_catalogue(Path(config.config_file_path).parent)
    site.write_pages(exports.export_files(catalogue, config.site_url), Path(config.site_dir))
