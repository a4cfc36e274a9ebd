"""What changed in a guide, and whether it may be out of date: pure functions for the page
and the feeds. "Today" is always passed in, so a build (and a test) says which day it means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.load import Entry
from ..data.model import Procedure

#: A guide last reviewed more than this many days before today says it may be out of date.
STALE_AFTER_DAYS = 180


def may_be_out_of_date(last_reviewed: dt.date, today: dt.date, days: int = STALE_AFTER_DAYS) -> bool:
    """True when `last_reviewed` is more than `days` days before `today`."""
    return (today - last_reviewed).days > days


def review_notice(entry: Entry, today: dt.date) -> dict | None:
    """The page's "may be out of date" notice, or None while the guide is fresh."""
    reviewed = entry.procedure.last_reviewed
    if not may_be_out_of_date(reviewed, today):
        return None
    return {"last_reviewed": reviewed, "days": (today - reviewed).days, "limit": STALE_AFTER_DAYS}


def item_titles(procedure: Procedure) -> dict[str, str]:
    """id -> what the page calls it, for everything a change can name."""
    titles = {s.id: s.title for s in procedure.sources}
    titles |= {m.id: m.title for m in procedure.money}
    titles |= {item.id: item.title for _section, item in procedure.checkable_items()}
    titles |= {step.id: step.title for step in procedure.steps}
    for problem in procedure.troubleshooting:
        titles[problem.id] = problem.problem
        titles |= {fix.id: fix.title for fix in problem.fixes}
    titles |= {c.id: c.topic for c in procedure.conflicts}
    titles |= {m.id: m.title for m in procedure.messages}
    waits = [*procedure.waits, *(s.wait for s in procedure.steps if s.wait)]
    titles |= {w.id: w.starts for w in waits if w.id}
    return titles


def anchor(procedure: Procedure, item_id: str) -> str | None:
    """The element id the page gives an item (see templates/procedure.md.j2), or None."""
    if any(item.id == item_id for _section, item in procedure.checkable_items()):
        return f"item-{item_id}"
    if any(m.id == item_id for m in procedure.money):
        return f"money-{item_id}"
    return None


@dataclass(frozen=True)
class ChangeShown:
    """One entry of "What changed", ready for the page and the feeds."""

    date: dt.date
    summary: str
    items: tuple[tuple[str, str, str | None], ...]  # (id, title, anchor on the page or None)
    number: int  # its place among the changes of the same day, in file order: a stable feed id


def what_changed(entry: Entry) -> list[ChangeShown]:
    """The guide's `changes`, newest first (file order within one day)."""
    p = entry.procedure
    titles = item_titles(p)
    shown, per_day = [], {}
    for change in p.changes:
        per_day[change.date] = per_day.get(change.date, 0) + 1
        items = tuple((i, titles.get(i, i), anchor(p, i)) for i in change.items)
        shown.append(ChangeShown(change.date, change.summary, items, per_day[change.date]))
    return sorted(shown, key=lambda c: (c.date, -c.number), reverse=True)
