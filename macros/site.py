"""The bridge between the data and a site build: one cached catalogue, the generated pages.

Nothing here imports MkDocs: the hook and the macros hand in plain paths and get back
plain strings, so another engine can call the same functions.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .load import Catalogue, load_catalogue

_cache: dict[Path, tuple[tuple, Catalogue]] = {}


def _fingerprint(root: Path) -> tuple:
    """Name, mtime and size of every data file. Runs on every call (once per page in a build),
    so it walks with os.scandir: about 5x cheaper than Path.glob("**") at 1,000 files."""
    found = []
    folders = [str(root / "data")]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except FileNotFoundError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.name.endswith((".yml", ".yaml")):
                    stat = entry.stat()
                    found.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def get_catalogue(root: Path | str) -> Catalogue:
    """The validated catalogue, read once per change of the data (serve rebuilds re-read it)."""
    root = Path(root).resolve()
    fingerprint = _fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == fingerprint:
        return cached[1]
    catalogue = load_catalogue(root)
    _cache[root] = (fingerprint, catalogue)
    return catalogue


def _front_matter(description: str) -> str:
    # JSON is valid YAML, so any text is quoted safely; only data, never a template.
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def generated_pages(catalogue: Catalogue) -> dict[str, str]:
    """Markdown source of every page that comes from data: path under docs/ -> content.

    Pages only call a macro with an id taken from a file path (already validated);
    no contributor text is ever part of a template.
    """
    pages: dict[str, str] = {}
    for platform in catalogue.platforms_in_use():
        pages[f"{platform.id}/index.md"] = (
            _front_matter(f"{platform.name}: seller account procedures, step by step.")
            + f'{{{{ platform_page("{platform.id}") }}}}\n'
        )
    for entry in catalogue.entries.values():
        pages[entry.page_path] = (
            _front_matter(entry.procedure.summary) + f'{{{{ procedure_page("{entry.key}") }}}}\n'
        )
    return pages
