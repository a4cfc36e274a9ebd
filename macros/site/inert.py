r"""How contributor text is printed: as text, in every context it reaches.

Contributor text is text, in every context it reaches. The rule, one per kind of output:

- In the page body, every value a template prints goes through `inert_text` (the Jinja
  environment's `finalize`, so no template can forget it): HTML-escaped once, each character
  Markdown or one of its extensions reads (`` ` ~ { } [ ] * _ # | \ ^ `` and a line-leading
  `- + ! ? : =` or `1.`) written as a numeric character reference, and its line breaks joined
  with a space. The text then holds no Markdown for any parser to find, whether a
  Markdown engine reads the HTML blocks or not (a code fence, an attribute list, a heading,
  a list, emphasis, a link): the guarantee is in the output, not in how it is read.
  Long text shows a blank line as an empty line (`paragraphs`).
  Our own markup (macros, `safe_url`) is `Markup` and passes as it is.
- Headings are Markdown (the table of contents and Material's skip link need them) with a
  fixed id (`{: #title }` on the H1, one per section heading), never one made from the text.
  The H1's text is printed like any other (so Markdown finds nothing in it: no emphasis, no
  attribute list, no closing `#`). Every id made from data has a prefix (item-, source-,
  money-, conflict-, problem-, platform-) that no heading id has, so no two ids on a page can
  be equal and no citation can jump to a heading.
- Every string handed to the engine's templates (page title and description in the front
  matter, navigation titles: see pages.py and macros/engine/mkdocs_pages.py) is on one line
  and HTML-escaped exactly once, because Material writes them without escaping: an
  apostrophe shows once, never as `&#39;`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

#: Characters Markdown (or an extension the site enables) reads anywhere in a line.
_MARKDOWN_ANYWHERE = "`~{}[]*_#|\\^"
#: What they and the HTML-special characters are written as: one pass, so nothing is escaped twice.
_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                             **{c: f"&#{ord(c)};" for c in _MARKDOWN_ANYWHERE}})
#: What Markdown reads only at the start of a line: a numbered list's '1.' or '1)', list marks,
#: admonitions (!!!), collapsible blocks (???), setext underlines, definitions.
_LINE_START = re.compile(r"^( ?\d+)([.)])|^( ?)([-+!?:=])")
_WHITESPACE = re.compile(r"\s+")
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def _reference_at_line_start(match: re.Match) -> str:
    digits, after_digits, space, mark = match.groups()
    return f"{digits}&#{ord(after_digits)};" if after_digits else f"{space}&#{ord(mark)};"


def inert_text(value):
    """How a template prints a value: text becomes HTML that shows exactly that text and that no
    Markdown engine can read as anything else (see the module docstring). Markup (our own
    markup) and numbers pass as they are."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _inert(value)


@lru_cache(maxsize=1 << 16)
def _inert(text: str) -> Markup:
    """inert_text of a string, remembered: of the strings a guide's page prints, nine in ten were
    printed before (ids, class names, the page's own words), on that page or another."""
    one_line = _WHITESPACE.sub(" ", text)  # a space at either end stays: " sc-fix" is a class to add
    return Markup(_LINE_START.sub(_reference_at_line_start, one_line.translate(_REFERENCES), count=1))


#: A `{name}` in a wording, as inert_text writes it.
_PLACEHOLDER = re.compile(r"&#123;(\w+)&#125;")


def fill(wording: str, **values) -> Markup:
    """A page wording (Language.ui) with its `{name}`s filled in: the wording printed as a
    template prints any value (inert_text), then each placeholder replaced by its value, printed
    the same way on its own (our own markup, a link the template made, is Markup and passes as
    it is). No value is read as part of the wording, and none is unescaped; a translation may
    put the values where its language wants them."""
    def value(match: re.Match) -> str:
        return str(inert_text(values[match.group(1)]))

    return Markup(_PLACEHOLDER.sub(value, inert_text(wording)))


def paragraphs(value) -> Markup:
    """Long text (details, notes): its paragraphs, as the contributor separated them with blank
    lines, shown with an empty line between them. Line breaks, not <p>: the text may sit in a
    span or a list item, where a paragraph cannot go."""
    return Markup("<br><br>").join(inert_text(part) for part in BLANK_LINE.split(str(value).strip()))


_SAFE_URL = re.compile(r"^https://[^\s<>\"'`]+$", re.IGNORECASE)


def safe_url(url: str | None) -> Markup:
    """Only https links reach the page (the model already enforces it; this is the second lock),
    and only on one line with no quote, bracket or backtick: an address is an attribute value,
    HTML-escaped and otherwise as it is, that no Markdown can read anything into."""
    if url and _SAFE_URL.match(url):
        return escape(url)
    return Markup("")

