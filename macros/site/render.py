"""Pure rendering: validated data in, Markdown (with HTML blocks) out.

No MkDocs or macros-plugin objects here, so the same functions serve any engine.
Markup lives in macros/site/templates/. Every value a template prints is made inert first
(macros/site/inert.py: the rule for each context contributor text reaches); the page's
language (its words, dates and English units) is a language.Language.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..data.chars import whole_words
from ..data.load import Catalogue, Entry
from ..data.model import Glossary, Kind, Procedure
from .inert import BLANK_LINE, fill, inert_text, paragraphs, safe_url
from .language import ENGLISH, Language, describe_wait, format_duration, item_revision, long_date
from .timing import minimum_wait, point_of_no_return
from .tools import page_tools
from .ui_strings import SCRIPT_STRINGS, TOOL_STRINGS, json_for_script

TEMPLATES = Path(__file__).parent / "templates"


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
    parts = BLANK_LINE.split(str(text).strip())  # paragraphs, as `paragraphs` makes them
    return Markup("<br><br>").join(marks.mark(part) if marks is not None else inert_text(part) for part in parts)


#: Item details wider than this (see display_width; about two lines on a phone) fold behind a
#: toggle when the page's script runs; the permanent step's never do.
FOLD_AFTER = 90


#: The blocks of wide and full-width characters that running text uses (Hangul Jamo, CJK
#: punctuation, kana, Han, Hangul syllables, compatibility and full-width forms, the
#: supplementary ideographic planes): one regular expression, not a look-up per character
#: (unicodedata per character cost the build 0.6 s at 1,000 guides). Emoji are left out.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def display_width(text) -> int:
    """How wide a text sets, in Latin characters: a Han character (or any in _WIDE) takes the
    room of two. A count of characters let a Chinese warning of 200 characters, five
    lines on a phone, stay open where its English of 300 folds to two."""
    text = str(text)
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


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
                       script_json=json_for_script, terms=_terms, fill=fill,
                       width=display_width)
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


#: A platform page lists at most this many guides (about 0.6 KB each with a two-sentence
#: summary, measured by `make bench`); the rest go on pages 2, 3, … of the platform
#: (`<platform>/page-2/`), so no page passes 64 KB at any spread.
PLATFORM_PAGE_SIZE = 60


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


#: Up to this many guides, the home page lists each one with its summary (about 0.6 KB per
#: guide); beyond it, each platform with its number of guides and what they cover, so the
#: page stays small (under 64 KB at any number of guides) and the platform pages carry the lists.
FULL_INDEX_LIMIT = 60
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
