"""When can the permanent step come, at the earliest? One pure function, `earliest`.

The waits that count are those before the point of no return: the procedure's own waits, and
each step's wait up to the irreversible step (its own wait comes after it), or up to and
including a wait with `reversible_until_end` (the end of that wait is the point of no return).
From them: the longest wait ("at least 90 days after your last sale"), and, given the dates the
seller knows (per event or step), each wait's end and the latest of those ends.

Units: business days count Monday to Friday (public holidays are not known here), months end on
the same day of the month or the month's last day (31 January + 1 month = 28 or 29 February),
and a wait in hours needs a date and time. The page's at-a-glance box uses this module; the
browser's date tool gets the same inputs as data (`tool_inputs`) and computes the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..data.model import Duration, Procedure, Step, Wait, WaitStart

Moment = dt.date | dt.datetime  # a datetime is a date too: check for datetime first

#: Rough length of one unit in days, only to say which wait is the longest.
_UNIT_DAYS = {"hours": 1 / 24, "days": 1, "business-days": 7 / 5, "weeks": 7, "months": 30.44}


def start_key(start: WaitStart | None) -> str | None:
    """How `dates` names a start: 'event:last-sale' or 'step:<step id>'."""
    if start is None:
        return None
    return f"event:{start.event}" if start.event else f"step:{start.step}"


def add_business_days(start: Moment, days: int) -> Moment:
    """`days` working days (Monday to Friday) after `start`; the count starts the next day."""
    moment = start
    while days > 0:
        moment += dt.timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def add_months(start: Moment, months: int) -> Moment:
    """The same day `months` later, or that month's last day when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def add_duration(start: Moment, duration: Duration) -> Moment | None:
    """When a wait of `duration` that starts at `start` ends; None for hours from a bare date."""
    amount, unit = duration.amount, duration.unit
    if unit == "hours":
        return start + dt.timedelta(hours=amount) if isinstance(start, dt.datetime) else None
    if unit == "business-days":
        return add_business_days(start, amount)
    if unit == "months":
        return add_months(start, amount)
    return start + dt.timedelta(days=amount * (7 if unit == "weeks" else 1))


def approximate_days(duration: Duration) -> float:
    return duration.amount * _UNIT_DAYS[duration.unit]


@dataclass(frozen=True)
class WaitEnd:
    """One wait before the point of no return, and when it ends (when that can be known)."""

    wait: Wait
    step_id: str | None  # the step it belongs to; None for a wait of the whole procedure
    start: str | None  # start_key of its start
    end: Moment | None
    missing: str | None  # why `end` is None: no-duration, no-start, no-date, needs-time, out-of-range


@dataclass(frozen=True)
class Earliest:
    """What `earliest` found. `point` is None when nothing in the procedure is permanent."""

    point: Step | None
    point_is_wait_end: bool  # the point is the end of `point`'s wait, not the step itself
    waits: tuple[WaitEnd, ...]
    minimum: WaitEnd | None  # the longest wait with a duration: "at least ..."
    earliest: Moment | None  # the latest known end: the permanent step's earliest date
    complete: bool  # every wait with a duration has an end, so `earliest` is the answer

    @property
    def untimed(self) -> tuple[WaitEnd, ...]:
        """Waits with no figure ("until your balance is zero"): they can make it later still."""
        return tuple(w for w in self.waits if w.wait.duration is None)


def waits_before_point(procedure: Procedure) -> tuple[Step | None, bool, list[tuple[str | None, Wait]]]:
    """(the point-of-no-return step, whether its wait's end is the point, the waits before it).
    With nothing permanent (an appeal) every wait counts: they are how long it takes. The one
    rule for the at-a-glance box and the date tools."""
    waits: list[tuple[str | None, Wait]] = [(None, wait) for wait in procedure.waits]
    for step in procedure.steps:
        if step.wait is not None and step.wait.reversible_until_end:
            return step, True, waits + [(step.id, step.wait)]
        if step.irreversible:
            return step, False, waits
        if step.wait is not None and not step.optional:  # a step not every seller takes adds no wait
            waits.append((step.id, step.wait))
    return None, False, waits


def _end(wait: Wait, dates: Mapping[str, Moment]) -> tuple[Moment | None, str | None]:
    key = start_key(wait.start)
    if wait.duration is None:
        return None, "no-duration"
    if key is None:
        return None, "no-start"
    if key not in dates:
        return None, "no-date"
    try:
        end = add_duration(dates[key], wait.duration)
    except (OverflowError, ValueError):
        return None, "out-of-range"
    return (end, None) if end is not None else (None, "needs-time")


def _latest_key(moment: Moment) -> tuple[dt.date, dt.time]:
    """Order dates and date-times together: a bare date counts as the whole of that day."""
    if isinstance(moment, dt.datetime):
        return moment.date(), moment.time()
    return moment, dt.time.max


def earliest(procedure: Procedure, dates: Mapping[str, Moment] | None = None) -> Earliest:
    """The waits before the point of no return, each one's end given `dates` (start_key ->
    date or datetime), the longest of them, and the earliest moment for the permanent step."""
    dates = dates or {}
    point, at_wait_end, found = waits_before_point(procedure)
    if point is None:
        found = []  # no permanent step, so no date to wait for
    ends = []
    for step_id, wait in found:
        end, missing = _end(wait, dates)
        ends.append(WaitEnd(wait, step_id, start_key(wait.start), end, missing))
    timed = [w for w in ends if w.wait.duration is not None]
    minimum = max(timed, key=lambda w: approximate_days(w.wait.duration), default=None)
    known = [w.end for w in timed if w.end is not None]
    latest = max(known, key=_latest_key, default=None)
    return Earliest(point, at_wait_end, tuple(ends), minimum, latest, all(w.end is not None for w in timed))


# --------------------------------------------------------------------------- words and data for the page


def duration_text(duration: Duration) -> str:
    """'90 days', '1 business day', '8 hours'."""
    unit = duration.unit.replace("-", " ")
    return f"{duration.amount} {unit[:-1] if duration.amount == 1 else unit}"


def minimum_text(found: Earliest) -> str | None:
    """'at least 90 days after your last sale', or None when no wait has a figure."""
    if found.minimum is None:
        return None
    return f"at least {duration_text(found.minimum.wait.duration)} {found.minimum.wait.starts}"


def glance(procedure: Procedure) -> dict | None:
    """What the page's at-a-glance box says about timing; None when nothing is permanent."""
    found = earliest(procedure)
    if found.point is None:
        return None
    return {"minimum": minimum_text(found), "point_step_id": found.point.id, "point_title": found.point.title,
            "point_is_wait_end": found.point_is_wait_end,
            "also_until": [w.wait.starts for w in found.untimed]}


def tool_inputs(procedure: Procedure) -> dict | None:
    """The same inputs for the browser's date tool, as JSON-ready data (plain values only)."""
    point, at_wait_end, found = waits_before_point(procedure)
    if point is None:
        return None
    return {"point": {"step": point.id, "after_wait": at_wait_end},
            "waits": [{"id": wait.id, "step": step_id, "start": start_key(wait.start),
                       "amount": wait.duration.amount if wait.duration else None,
                       "unit": wait.duration.unit if wait.duration else None, "starts": wait.starts}
                      for step_id, wait in found]}


# --------------------------------------------------------------------------- the at-a-glance box


def point_of_no_return(procedure: Procedure) -> tuple[Step | None, bool]:
    """(the step after which nothing can be undone, whether the end of its wait is the point);
    (None, False) when nothing in the procedure is permanent. The same rule as `earliest`."""
    step, at_wait_end, _waits = waits_before_point(procedure)
    return step, at_wait_end


def counted_waits(procedure: Procedure) -> list[Wait]:
    """The waits that stand between the seller and the point of no return, in page order."""
    return [wait for _key, wait in waits_before_point(procedure)[2]]


@dataclass(frozen=True)
class MinimumWait:
    """What `minimum_wait` found: the longest timed wait (None when no counted wait has a
    figure) and the counted waits that have none."""

    longest: Wait | None
    untimed: tuple[Wait, ...]


def minimum_wait(procedure: Procedure) -> MinimumWait | None:
    """The longest wait before the point of no return (the waits `earliest` counts); None when
    no wait counts at all."""
    waits = counted_waits(procedure)
    if not waits:
        return None
    timed = [w for w in waits if w.duration is not None]
    longest = max(timed, key=lambda w: approximate_days(w.duration), default=None)
    return MinimumWait(longest, tuple(w for w in waits if w.duration is None))
