"""Markdown need not parse the raw HTML blocks the renderer wrote: set them aside, put them back.

A procedure page is mostly raw HTML blocks between Markdown headings; Python-Markdown would
parse every tag of them only to copy them through. Used by the optional fast_markdown hook.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"<(div|section|ol|ul|table|aside|details|nav|dl|blockquote|figure|form|p|h[1-6])[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown(\s*=|[\s>/])", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)", re.MULTILINE)


def _element_end(chunk: str, start: int, tag: str) -> int | None:
    """Where the element opened at `start` ends (after its closing tag), or None if it does not."""
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[\s>]", chunk[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return start + found.end()
    return None


def _verbatim_block(chunk: str) -> bool:
    """True for raw HTML that Python-Markdown copies to the page unchanged: one or more elements
    one after another, each starting a line with a block-level tag and ending with its closing
    tag at the end of a line (the renderer writes a guide's parts without blank lines between)."""
    position = 0
    while True:
        start = _BLOCK_START.match(chunk, position)
        if not start:
            return False
        end = _element_end(chunk, position, start.group(1))
        if end is None:
            return False
        rest = chunk[end:]
        if not rest.strip():
            return True
        if not rest.startswith("\n"):
            return False  # text after a closing tag on its line: Markdown reads it
        position = end + 1


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
