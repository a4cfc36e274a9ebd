"""The bridge between the data and a site build: one cached catalogue, the generated pages.

Nothing here imports MkDocs: the hook and the macros hand in plain paths and get back
plain strings, so another engine can call the same functions.
"""

from __future__ import annotations

import json
import os
import re
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


# --------------------------------------------------------------------------- build speed

_BLOCK_START = re.compile(r"<(div|section|ol|ul|table|aside|details|nav|dl|blockquote|figure|form|p|h[1-6])[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown(\s*=|[\s>/])", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)", re.MULTILINE)


def _verbatim_block(chunk: str) -> bool:
    """True for a raw HTML block that Python-Markdown copies to the page unchanged: it starts a
    line with a block-level tag and closes that tag at its end, with as many closing as opening tags."""
    start = _BLOCK_START.match(chunk)
    if not start:
        return False
    tag = start.group(1)
    return (chunk.rstrip().endswith(f"</{tag}>")
            and len(re.findall(rf"<{tag}[\s>]", chunk)) == chunk.count(f"</{tag}>"))


def set_aside_html(markdown: str, marker: str) -> tuple[str, list[str]]:
    """Replace each raw HTML block of a rendered page with a short placeholder, so Markdown does
    not parse the HTML it would only copy (most of the build time of a procedure page); put
    the blocks back with put_back_html. Pages with code fences or `markdown` attributes (whose
    HTML Markdown does read) are returned as they are."""
    if _FENCE.search(markdown) or _MARKDOWN_ATTRIBUTE.search(markdown):
        return markdown, []
    blocks: list[str] = []
    parts = re.split(r"(\n[ \t]*\n)", markdown)  # blocks and the blank lines between them
    for i in range(0, len(parts), 2):
        if _verbatim_block(parts[i]):
            blocks.append(parts[i])
            parts[i] = f'<div data-sc-html="{marker}-{len(blocks) - 1}"></div>'
    return "".join(parts), blocks


def put_back_html(html: str, marker: str, blocks: list[str]) -> str:
    """The page's HTML with each placeholder replaced by its block. A placeholder Markdown did
    not copy through is an error, never a silently missing part of a page."""
    for number, block in enumerate(blocks):
        placeholder = f'<div data-sc-html="{marker}-{number}"></div>'
        if html.count(placeholder) != 1:
            raise ValueError(f"placeholder {number} of {len(blocks)} did not survive Markdown")
        html = html.replace(placeholder, block.strip("\n"), 1)
    return html
