r"""Pure rendering: validated data in, Markdown (with HTML blocks) out.

No MkDocs or macros-plugin objects here, so the same functions serve any engine.
Markup lives in macros/site/templates/.

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

import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..data.chars import whole_words
from ..data.load import Catalogue, Entry
from ..data.model import Duration, Glossary, Kind, Procedure, Wait
from .timing import minimum_wait, point_of_no_return
from .tools import page_tools
from .ui_strings import PAGE_STRINGS, SCRIPT_STRINGS, TOOL_STRINGS, json_for_script

TEMPLATES = Path(__file__).parent / "templates"

#: Characters Markdown (or an extension the site enables) reads anywhere in a line.
_MARKDOWN_ANYWHERE = "`~{}[]*_#|\\^"
#: What they and the HTML-special characters are written as: one pass, so nothing is escaped twice.
_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                             **{c: f"&#{ord(c)};" for c in _MARKDOWN_ANYWHERE}})
#: What Markdown reads only at the start of a line: a numbered list's '1.' or '1)', list marks,
#: admonitions (!!!), collapsible blocks (???), setext underlines, definitions.
_LINE_START = re.compile(r"^( ?\d+)([.)])|^( ?)([-+!?:=])")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def _reference_at_line_start(match: re.Match) -> str:
    digits, after_digits, space, mark = match.groups()
    return f"{digits}&#{ord(after_digits)};" if after_digits else f"{space}&#{ord(mark)};"


def inert_text(value):
    """How a template prints a value: text becomes HTML that shows exactly that text and that no
    Markdown engine can read as anything else (see the module docstring). Markup (our own
    markup) and numbers pass as they are."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    one_line = _WHITESPACE.sub(" ", value)  # a space at either end stays: " sc-fix" is a class to add
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
    return Markup("<br><br>").join(inert_text(part) for part in _BLANK_LINE.split(str(value).strip()))


_SAFE_URL = re.compile(r"^https://[^\s<>\"'`]+$", re.IGNORECASE)


def safe_url(url: str | None) -> Markup:
    """Only https links reach the page (the model already enforces it; this is the second lock),
    and only on one line with no quote, bracket or backtick: an address is an attribute value,
    HTML-escaped and otherwise as it is, that no Markdown can read anything into."""
    if url and _SAFE_URL.match(url):
        return escape(url)
    return Markup("")


def item_revision(title: str) -> str:
    """A short fingerprint of an item's wording. Saved ticks carry it: when the wording of an
    item changes (beyond case and punctuation), an old tick is not applied to the new text."""
    normal = re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:8]


def describe_wait(wait: Wait) -> str:
    """'90 days after your last sale', or just 'until your balance is zero' when no figure is known."""
    if wait.duration is None:
        return wait.starts[:1].upper() + wait.starts[1:]
    return f"{format_duration(wait.duration)} {wait.starts}"


def format_duration(duration: Duration) -> str:
    unit = duration.unit.replace("-", " ")
    if duration.amount == 1:
        unit = unit[:-1]
    return f"{duration.amount} {unit}"


def long_date(day, language: str = "en") -> str:
    """22 November 2026 (2026年11月22日 in Chinese): unambiguous for readers of any locale."""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%B %Y}"


class Language:
    """What a page needs to know about its language: its words (ui), which units show in
    English (`en(uid)` writes ` lang="en"` on them), and its dates. English by default."""

    def __init__(self, code: str = "en", words: dict[str, str] = PAGE_STRINGS,
                 english: frozenset[str] = frozenset(), translation=None, english_url: str | None = None,
                 original=None):
        self.code, self.words, self.english = code, words, english
        self.translation, self.english_url = translation, english_url
        #: item id -> the revision of its English title: saved ticks are shared by both languages.
        self.revisions = _revisions(original.model_dump()) if original is not None else {}

    def revision(self, item) -> str:
        """The item's revision, always from its English title (item_revision keeps [a-z0-9] only)."""
        return self.revisions.get(item.id) or item_revision(item.title)

    def ui(self, wording: str) -> str:
        return self.words.get(wording, wording)

    def en(self, uid: str) -> Markup:
        return Markup(' lang="en"') if self.code != "en" and uid in self.english else Markup("")

    def published(self) -> Markup:
        """` lang="en"` on a translated page for text shown as it was published, never translated
        (a source's title and publisher: macros/data/translations.py), empty on an English page."""
        return Markup(' lang="en"') if self.code != "en" else Markup("")

    def date(self, day) -> str:
        return long_date(day, self.code)

    def wait(self, wait: Wait) -> str:
        """describe_wait in the page's language (Chinese: the starting event, then the length)."""
        if self.code != "zh":
            return describe_wait(wait)
        if wait.duration is None:
            return wait.starts
        return f"{wait.starts}，{self.duration(wait.duration)}"

    def duration(self, duration: Duration) -> str:
        """format_duration in the page's language: 90 days, 90 天."""
        if self.code != "zh":
            return format_duration(duration)
        return f"{duration.amount} {_ZH_UNITS[duration.unit]}"


_ZH_UNITS = {"hours": "小时", "days": "天", "business-days": "个工作日", "weeks": "周", "months": "个月"}


ENGLISH = Language()


def _revisions(value, found=None) -> dict[str, str]:
    found = {} if found is None else found
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and isinstance(value.get("title"), str):
            found.setdefault(value["id"], item_revision(value["title"]))
        for child in value.values():
            _revisions(child, found)
    elif isinstance(value, list):
        for child in value:
            _revisions(child, found)
    return found


class TermMarks:
    """Marks the first use of each glossary term on one page (make one per page): the term, or
    one of its aliases, in any case, as a whole word. The page's script turns each mark into a
    button that opens the definition; without the script it is plain text, and the page lists
    its words with their definitions (`used`) near the end."""

    def __init__(self, glossary: Glossary | None):
        terms = glossary.terms if glossary else []
        self._by_name = {name.lower(): term for term in terms for name in (term.term, *term.aliases)}
        # The longest form wins where two start; Chinese terms are found between Han characters.
        self._pattern = re.compile(whole_words(self._by_name), re.IGNORECASE) if self._by_name else None
        self.used: list = []  # the terms marked so far, in page order

    def mark(self, text) -> Markup:
        """`text` as HTML: every piece of it made inert here (inert_text, as the template's own
        printing does), a term's first use on this page wrapped in <span class="sc-term">. The
        one place contributor text is joined with markup outside the template's own printing."""
        text = str(text)
        pieces, done = [], 0
        for match in self._pattern.finditer(text) if self._pattern else ():
            term = self._by_name[match.group(1).lower()]
            if any(term.id == seen.id for seen in self.used):
                continue
            self.used.append(term)
            pieces += [inert_text(text[done:match.start()]), Markup('<span class="sc-term" data-term="'),
                       escape(term.id), Markup('">'), inert_text(match.group(1)), Markup("</span>")]
            done = match.end()
        pieces.append(inert_text(text[done:]))
        return Markup("").join(pieces)


@pass_context
def _terms(context, text) -> Markup:
    """The `terms` filter: text with its glossary terms marked (see TermMarks)."""
    marks = context.get("terms")
    parts = _BLANK_LINE.split(str(text).strip())  # paragraphs, as `paragraphs` makes them
    return Markup("<br><br>").join(marks.mark(part) if marks is not None else inert_text(part) for part in parts)


#: Item details longer than this (characters, about two lines on a phone) fold behind a
#: toggle when the page's script runs; the permanent step's never do.
FOLD_AFTER = 90

def at_a_glance(procedure: Procedure) -> dict:
    """What the box under the title says, all of it counted or taken from the data."""
    point, at_wait_end = point_of_no_return(procedure)
    kinds = [m.kind for m in procedure.money]
    items = procedure.checkable_items()
    return {
        "time": minimum_wait(procedure),
        "point": point, "point_number": procedure.steps.index(point) + 1 if point else None,
        "undo_window": at_wait_end,
        "money": [(kinds.count(kind), kind) for kind in dict.fromkeys(kinds)],  # (2, "fee"): "2 fees"
        "counted": sum(1 for section, _item in items if section != "troubleshooting"),
        "fixes": sum(1 for section, _item in items if section == "troubleshooting"),
    }


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=inert_text,
    )
    env.filters.update(paragraphs=paragraphs, safe_url=safe_url, revision=item_revision,
                       duration=format_duration, wait_text=describe_wait, longdate=long_date,
                       script_json=json_for_script, terms=_terms, fill=fill)
    return env


_ENV = _environment()


def _render(template: str, **context) -> str:
    html = _ENV.get_template(template).render(**context)
    # A blank line would end a raw HTML block early; keep them only around Markdown headings.
    html = re.sub(r"(?<=>)\n[ \t]*(\n[ \t]*)+(?=<)", "\n", html)
    return re.sub(r"\n{3,}", "\n\n", html).strip() + "\n"


def source_numbers(procedure: Procedure) -> dict[str, int]:
    return {source.id: number for number, source in enumerate(procedure.sources, 1)}


def _tools_for(entry: Entry, today, language: Language) -> dict:
    """The page's tools; on a translated page the guide's files link beside the English page,
    the only place they are published."""
    tools = page_tools(entry, today, language)
    if language.english_url:
        tools = {**tools, "links": {name: language.english_url + link for name, link in tools["links"].items()}}
    return tools


def render_procedure(entry: Entry, report_url: str | None = None, site_url: str | None = None,
                     script_strings: dict[str, str] = SCRIPT_STRINGS, glossary: Glossary | None = None,
                     today=None, language: Language = ENGLISH) -> str:
    """The whole body of a procedure page. `report_url`: where readers report an outdated page;
    `site_url`: the site's address, so a printed page says where it came from even without JavaScript
    (without it the path alone is printed, and the page's script fills in the full address);
    `script_strings`: the words the page's script writes (macros/site/ui_strings.py);
    `glossary`: the terms whose first use on the page is marked and explained; `today`: the day the "may be out of date" notice is decided by
    (tools.build_today() when not given); `language`: the page's language (its words, the units
    shown in English, the translation). The toolbox's controls are not in it: render_toolbox."""
    procedure = entry.procedure
    page_url = (site_url.rstrip("/") + "/" if site_url else "/") + entry.key + "/"
    return _render("procedure.md.j2", entry=entry, p=procedure, platform=entry.platform,
                   cite=source_numbers(procedure), report_url=report_url, page_url=page_url,
                   script_strings=script_strings, glance=at_a_glance(procedure), terms=TermMarks(glossary),
                   fold_after=FOLD_AFTER, tools=_tools_for(entry, today, language),
                   lang=language, ui=language.ui, en=language.en)


def render_toolbox(entry: Entry, tool_strings: dict[str, str] = TOOL_STRINGS, language: Language = ENGLISH) -> str:
    """The controls of a guide's toolbox, its `toolbox.html` beside the page (the tools script
    fetches it when the toolbox opens): an HTML fragment, printed as the page is (inert_text),
    in the page's `language`, with `tool_strings` (the words the tools script writes) as data."""
    return _render("toolbox.html.j2", entry=entry, p=entry.procedure, tools=_tools_for(entry, None, language),
                   tool_strings=tool_strings, lang=language, ui=language.ui, en=language.en)


def render_glossary(glossary: Glossary, language: Language = ENGLISH) -> str:
    """The Glossary page: every term, A to Z, with its other forms, definition and sources."""
    return _render("glossary.md.j2", terms=sorted(glossary.terms, key=lambda t: t.term.lower()),
                   sources={s.id: s for s in glossary.sources},
                   lang=language, ui=language.ui, en=language.en)


#: A platform page lists at most this many guides (about 0.3 KB each); the rest go on pages
#: 2, 3, … of the platform (`<platform>/page-2/`), so no page passes 64 KB at any spread.
PLATFORM_PAGE_SIZE = 100


def platform_page_count(guides: int) -> int:
    """How many pages a platform with this many guides has (at least one: its index)."""
    return max(1, -(-guides // PLATFORM_PAGE_SIZE))


def platform_page_path(platform_id: str, number: int) -> str:
    """The Markdown path of page `number` (1-based) of a platform's list of guides."""
    return f"{platform_id}/index.md" if number == 1 else f"{platform_id}/page-{number}.md"


def render_platform(catalogue: Catalogue, platform_id: str, number: int = 1, language: Language = ENGLISH) -> str:
    """Page `number` of a platform's page: who it is, how to reach support, its procedures."""
    entries = catalogue.for_platform(platform_id)
    first = (number - 1) * PLATFORM_PAGE_SIZE
    return _render("platform.md.j2", platform=catalogue.platforms[platform_id],
                   entries=entries[first:first + PLATFORM_PAGE_SIZE], total=len(entries), first=first,
                   number=number, pages=platform_page_count(len(entries)),
                   up="" if number == 1 else "../", lang=language, ui=language.ui, en=language.en)


#: Up to this many guides, the home page lists each one with its summary (about 0.3 KB per
#: guide); beyond it, each platform with its number of guides and what they cover, so the
#: page stays small (under 64 KB at 1,000 guides) and the platform pages carry the lists.
FULL_INDEX_LIMIT = 100
#: What each kind of procedure is about, in words; a kind added to model.Kind without a
#: label here fails the build (KeyError in render_index) rather than quietly going missing.
KIND_LABELS = {
    Kind.close_account: "closing the account",
    Kind.deactivate_store: "deactivating the store",
    Kind.pause_selling: "pausing selling",
    Kind.review_recovery: "a failed account review",
    Kind.suspension_appeal: "appealing a suspension",
    Kind.identity_verification: "identity verification",
}


def render_index(catalogue: Catalogue, language: Language = ENGLISH) -> str:
    """The procedures on the home page, grouped by platform (counted, past FULL_INDEX_LIMIT)."""
    groups = [(p, catalogue.for_platform(p.id)) for p in catalogue.platforms_in_use()]
    covers = {p.id: [language.ui(KIND_LABELS[kind]) for kind in Kind if any(e.procedure.kind == kind for e in entries)]
              for p, entries in groups}
    return _render("index.md.j2", groups=groups, covers=covers,
                   full=len(catalogue.entries) <= FULL_INDEX_LIMIT, lang=language, ui=language.ui, en=language.en)
