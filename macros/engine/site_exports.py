"""MkDocs hook: after the build, write the guides as files (the JSON API, the checklists as
Markdown and CSV, the change feeds) with macros.site.exports, at the English root only; and in
every edition (mkdocs.zh.yml lists this hook too) each guide's toolbox controls,
`<guide>/toolbox.html` in the edition's language (macros.site.pages.toolbox_files).
`python -m macros.cli pages --with-docs` writes the same files, so every engine publishes them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from macros.engine.mkdocs_pages import settings
from macros.site import exports, previews
from macros.site import pages as site


@event_priority(110)  # before search_worker's (100), which waits for the second process: it
def on_post_build(config):  # finishes the last pages' search entries while these files are made
    catalogue = site.get_catalogue(Path(config.config_file_path).parent)
    out_dir = Path(config.site_dir)
    built = settings(config)
    only = previews.changed_guides(catalogue, built.root, built.language)  # None: every guide's
    if built.language == "en":
        site.write_pages(exports.export_files(catalogue, config.site_url, only), out_dir)
    site.write_pages(site.toolbox_files(catalogue, built, only), out_dir)
