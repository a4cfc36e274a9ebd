"""MkDocs hook: last touches to every page's HTML, after Material has rendered it.

- Drop the indentation Material's templates leave: at 1,000 procedures it is a third of a
  procedure page (87 KB -> 57 KB). Rendering is unchanged: wherever there was whitespace a
  line break stays, and <pre>, <textarea>, <script> and <style> are copied as they are.
- Drop `autocomplete="off"` from Material's two hidden checkbox toggles (drawer, search),
  written outside any template block: HTML allows it on text-like inputs only, and it is the
  only thing the Nu HTML Checker rejects in Material's own markup.
"""

from __future__ import annotations

import re

_PROTECTED = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n\s+")
_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                     r'id="__(?:drawer|search)") autocomplete="off">')


def compact(html: str) -> str:
    """`html` with each run of whitespace that starts a line reduced to the line break."""
    parts, last = [], 0
    for block in _PROTECTED.finditer(html):
        parts += [_INDENT.sub("\n", html[last:block.start()]), block.group(0)]
        last = block.end()
    parts.append(_INDENT.sub("\n", html[last:]))
    return "".join(parts)


def valid_toggles(html: str) -> str:
    return _TOGGLE.sub(r"\1>", html, count=2)


def on_post_page(output, page, config):
    return compact(valid_toggles(output))


def on_post_template(output_content, template_name, config):
    """The same for 404.html (rendered as a static template, not a page)."""
    return compact(valid_toggles(output_content)) if template_name.endswith(".html") else output_content
