"""MkDocs hook: publish the committed JSON Schemas at /schema/<name>.schema.json.

Editors can then point at the site's copy. The files are the committed ones in schema/
(a test keeps them equal to the model), copied as they are.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File


def on_files(files, config):
    schema_dir = Path(config.config_file_path).parent / "schema"
    for path in sorted(schema_dir.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{path.name}", abs_src_path=str(path)))
    return files
