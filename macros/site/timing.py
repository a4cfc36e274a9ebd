"""How long a procedure takes at the least: `minimum_wait`, one pure function of the data.

A seller's question at the top of a guide is "how long until it is over?". What the data can
answer is the longest wait that must pass before the point of no return:

- the point of no return is the irreversible step, or the first step whose wait has
  `reversible_until_end` (then the end of that wait is the point, so that wait counts);
- the procedure's own waits count, and each step's wait before that point; a wait after it
  (the permanent step's own, or a later step's) never does;
- an optional step's wait does not count: a seller who skips the step skips its wait;
- with no point of no return (nothing is permanent), every wait of the procedure counts.

Waits run side by side as far as the data says, so "at least" is the longest one, not their sum.
Waits with no figure ("until your balance is zero") are returned apart: they can only make it
longer. The seller tools' earliest-date function (branch tools-data) builds on the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.model import Duration, Procedure, Step, Wait

#: Rough length of one unit in days, only to say which wait is the longest.
_UNIT_DAYS = {"hours": 1 / 24, "days": 1, "business-days": 7 / 5, "weeks": 7, "months": 30.44}


def approximate_days(duration: Duration) -> float:
    return duration.amount * _UNIT_DAYS[duration.unit]


def point_of_no_return(procedure: Procedure) -> tuple[Step | None, bool]:
    """(the step after which nothing can be undone, whether the end of its wait is the point);
    (None, False) when nothing in the procedure is permanent."""
    for step in procedure.steps:
        if step.wait is not None and step.wait.reversible_until_end:
            return step, True
        if step.irreversible:
            return step, False
    return None, False


def counted_waits(procedure: Procedure) -> list[Wait]:
    """The waits that stand between the seller and the point of no return, in page order."""
    point, at_wait_end = point_of_no_return(procedure)
    waits = list(procedure.waits)
    for step in procedure.steps:
        if step is point:
            if at_wait_end:
                waits.append(step.wait)
            break
        if step.wait is not None and not step.optional:
            waits.append(step.wait)
    return waits


@dataclass(frozen=True)
class MinimumWait:
    """What `minimum_wait` found: the longest timed wait (None when no counted wait has a
    figure) and the counted waits that have none."""

    longest: Wait | None
    untimed: tuple[Wait, ...]


def minimum_wait(procedure: Procedure) -> MinimumWait | None:
    """The longest wait before the point of no return (see the module's rules); None when no
    wait counts at all."""
    waits = counted_waits(procedure)
    if not waits:
        return None
    timed = [w for w in waits if w.duration is not None]
    longest = max(timed, key=lambda w: approximate_days(w.duration), default=None)
    return MinimumWait(longest, tuple(w for w in waits if w.duration is None))
