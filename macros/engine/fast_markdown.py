"""MkDocs hook: Markdown skips the HTML that the macros wrote (see macros.site.set_aside_html).

A procedure page is mostly raw HTML blocks between Markdown headings. Python-Markdown would
parse every tag of them only to copy them through; setting them aside after the macros have
run and putting them back after Markdown makes the build about 1.4x faster with
byte-identical pages (tests/test_budgets.py builds both ways and compares).
Set SELLER_CHECKLISTS_PLAIN_MARKDOWN=1 to turn it off.
"""

from __future__ import annotations

import os
import secrets

from mkdocs.plugins import event_priority

from macros.site.fastmd import put_back_html, set_aside_html

_MARKER = secrets.token_hex(4)  # placeholders cannot collide with a page's own text


def _enabled() -> bool:
    return os.environ.get("SELLER_CHECKLISTS_PLAIN_MARKDOWN") != "1"


@event_priority(-100)  # after every other on_page_markdown, the macros plugin's included
def on_page_markdown(markdown, page, config, files):
    if not _enabled():
        return markdown
    markdown, page.sc_html_blocks = set_aside_html(markdown, _MARKER)
    return markdown


@event_priority(100)  # before every other on_page_content: they all see the whole page
def on_page_content(html, page, config, files):
    blocks = getattr(page, "sc_html_blocks", None)
    if not blocks:
        return html
    page.sc_html_blocks = None
    return put_back_html(html, _MARKER, blocks)
