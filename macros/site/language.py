"""What a page needs to know about its language: its words, which units show in English, how
it writes dates, durations and waits, and the revision of each item (from its English title,
so saved ticks are shared by both languages)."""

from __future__ import annotations

import hashlib
import re

from markupsafe import Markup

from ..data.model import Duration, Wait
from .ui_strings import PAGE_STRINGS


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
        self.revisions = revisions_of(original) if original is not None else {}

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


#: id(model) -> (the model, its revisions): a guide's page and its toolbox both need them, and
#: each walk of a guide cost about 1 ms (1,000 guides, two languages). Emptied for each new
#: catalogue (editions.edition).
_REVISIONS: dict[int, tuple[object, dict[str, str]]] = {}


def forget_revisions() -> None:
    """A new catalogue (a `make serve` rebuild): the old one's models may go."""
    _REVISIONS.clear()


def revisions_of(original) -> dict[str, str]:
    """Item id -> the revision of its English title, for every item of `original` (a model)."""
    known = _REVISIONS.get(id(original))
    if known is None or known[0] is not original:
        known = _REVISIONS[id(original)] = (original, _revisions(original.model_dump()))
    return known[1]


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

