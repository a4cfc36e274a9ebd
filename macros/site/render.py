"""Pure rendering: validated data in, Markdown (with HTML blocks) out.

No MkDocs or macros-plugin objects here, so the same functions serve any engine.
Markup lives in macros/site/templates/; the Jinja environment autoescapes, so contributor
text is always shown as text. Headings are Markdown (the table of contents needs them),
so text placed in a Markdown heading is escaped for Markdown as well.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..data.load import Catalogue, Entry
from ..data.model import Duration, Glossary, Kind, Procedure, Wait
from .timing import minimum_wait, point_of_no_return
from .ui_strings import SCRIPT_STRINGS, json_for_script

TEMPLATES = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_inline(text: str) -> Markup:
    """Text made safe for a Markdown heading: on one line (SC028 refuses line breaks in titles;
    this is the second lock), HTML-escaped, Markdown punctuation backslashed."""
    one_line = " ".join(str(text).split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(one_line))))


def safe_url(url: str | None) -> str:
    """Only https links reach the page (the model already enforces it; this is the second lock)."""
    if url and re.match(r"^https://", url, re.IGNORECASE):
        return url
    return ""


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


def long_date(day) -> str:
    """22 November 2026: unambiguous for readers of any locale (no 11/22 vs 22/11)."""
    return f"{day.day} {day:%B %Y}"


class TermMarks:
    """Marks the first use of each glossary term on one page (make one per page): the term, or
    one of its aliases, in any case, as a whole word. The page's script turns each mark into a
    button that opens the definition; without the script it is plain text, and the page lists
    its words with their definitions (`used`) near the end."""

    def __init__(self, glossary: Glossary | None):
        terms = glossary.terms if glossary else []
        self._by_name = {name.lower(): term for term in terms for name in (term.term, *term.aliases)}
        names = sorted(self._by_name, key=len, reverse=True)  # the longest form wins where two start
        self._pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)",
                                   re.IGNORECASE) if names else None
        self.used: list = []  # the terms marked so far, in page order

    def mark(self, text) -> Markup:
        """`text` as HTML: every piece of it escaped here, a term's first use on this page
        wrapped in <span class="sc-term">. The one place contributor text is joined with markup
        outside the template's own escaping."""
        text = str(text)
        pieces, done = [], 0
        for match in self._pattern.finditer(text) if self._pattern else ():
            term = self._by_name[match.group(1).lower()]
            if any(term.id == seen.id for seen in self.used):
                continue
            self.used.append(term)
            pieces += [escape(text[done:match.start()]), Markup('<span class="sc-term" data-term="'),
                       escape(term.id), Markup('">'), escape(match.group(1)), Markup("</span>")]
            done = match.end()
        pieces.append(escape(text[done:]))
        return Markup("").join(pieces)


@pass_context
def _terms(context, text) -> Markup:
    """The `terms` filter: text with its glossary terms marked (see TermMarks)."""
    marks = context.get("terms")
    return marks.mark(text) if marks is not None else escape(text)


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
    )
    env.filters.update(md=md_inline, safe_url=safe_url, revision=item_revision, duration=format_duration, wait_text=describe_wait,
                       longdate=long_date, script_json=json_for_script, terms=_terms)
    return env


_ENV = _environment()


def _render(template: str, **context) -> str:
    html = _ENV.get_template(template).render(**context)
    # A blank line would end a raw HTML block early; keep them only around Markdown headings.
    html = re.sub(r"(?<=>)\n[ \t]*(\n[ \t]*)+(?=<)", "\n", html)
    return re.sub(r"\n{3,}", "\n\n", html).strip() + "\n"


def source_numbers(procedure: Procedure) -> dict[str, int]:
    return {source.id: number for number, source in enumerate(procedure.sources, 1)}


def render_procedure(entry: Entry, report_url: str | None = None, site_url: str | None = None,
                     script_strings: dict[str, str] = SCRIPT_STRINGS, glossary: Glossary | None = None) -> str:
    """The whole body of a procedure page. `report_url`: where readers report an outdated page;
    `site_url`: the site's address, so a printed page says where it came from even without JavaScript
    (without it the path alone is printed, and the page's script fills in the full address);
    `script_strings`: the words the page's script writes (macros/site/ui_strings.py);
    `glossary`: the terms whose first use on the page is marked and explained."""
    procedure = entry.procedure
    page_url = (site_url.rstrip("/") + "/" if site_url else "/") + entry.key + "/"
    return _render("procedure.md.j2", entry=entry, p=procedure, platform=entry.platform,
                   cite=source_numbers(procedure), report_url=report_url, page_url=page_url,
                   script_strings=script_strings, glance=at_a_glance(procedure), terms=TermMarks(glossary),
                   fold_after=FOLD_AFTER)


def render_glossary(glossary: Glossary) -> str:
    """The Glossary page: every term, A to Z, with its other forms, definition and sources."""
    return _render("glossary.md.j2", terms=sorted(glossary.terms, key=lambda t: t.term.lower()),
                   sources={s.id: s for s in glossary.sources})


#: A platform page lists at most this many guides (about 0.3 KB each); the rest go on pages
#: 2, 3, … of the platform (`<platform>/page-2/`), so no page passes 64 KB at any spread.
PLATFORM_PAGE_SIZE = 100


def platform_page_count(guides: int) -> int:
    """How many pages a platform with this many guides has (at least one: its index)."""
    return max(1, -(-guides // PLATFORM_PAGE_SIZE))


def platform_page_path(platform_id: str, number: int) -> str:
    """The Markdown path of page `number` (1-based) of a platform's list of guides."""
    return f"{platform_id}/index.md" if number == 1 else f"{platform_id}/page-{number}.md"


def render_platform(catalogue: Catalogue, platform_id: str, number: int = 1) -> str:
    """Page `number` of a platform's page: who it is, how to reach support, its procedures."""
    entries = catalogue.for_platform(platform_id)
    first = (number - 1) * PLATFORM_PAGE_SIZE
    return _render("platform.md.j2", platform=catalogue.platforms[platform_id],
                   entries=entries[first:first + PLATFORM_PAGE_SIZE], total=len(entries), first=first,
                   number=number, pages=platform_page_count(len(entries)),
                   up="" if number == 1 else "../")


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


def render_index(catalogue: Catalogue) -> str:
    """The procedures on the home page, grouped by platform (counted, past FULL_INDEX_LIMIT)."""
    groups = [(p, catalogue.for_platform(p.id)) for p in catalogue.platforms_in_use()]
    covers = {p.id: [KIND_LABELS[kind] for kind in Kind if any(e.procedure.kind == kind for e in entries)]
              for p, entries in groups}
    return _render("index.md.j2", groups=groups, covers=covers,
                   full=len(catalogue.entries) <= FULL_INDEX_LIMIT)
