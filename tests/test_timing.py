"""timing.earliest: which waits come before the point of no return, how long each lasts, and
the earliest moment for the permanent step (business days, month ends, hours, a wait that
starts from a step)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from macros.data.model import Duration, Procedure
from macros.site import timing

D, T = dt.date, dt.datetime


def wait(amount=None, unit="days", start=None, starts="after your last sale", **extra) -> dict:
    found = {"starts": starts, **extra}
    if amount is not None:
        found["duration"] = {"amount": amount, "unit": unit}
    if start is not None:
        found["start"] = start
    return found


def procedure(steps: list[dict], waits: list[dict] = ()) -> Procedure:
    return Procedure.model_validate({
        "id": "shopmart-close-account", "platform": "shopmart", "title": "Close your shop",
        "summary": "A procedure for the timing tests.", "kind": "close-account", "irreversible": True,
        "last_reviewed": "2026-01-15", "sources": [{"id": "help", "title": "Help", "official": True}],
        "precautions": [{"id": "export-orders", "title": "Download your orders", "sources": ["help"]}],
        "waits": list(waits), "steps": steps})


def step(sid: str, **extra) -> dict:
    return {"id": sid, "title": f"Do {sid}", "sources": ["help"], **extra}


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize("start, days, end", [
    (D(2026, 12, 4), 1, D(2026, 12, 7)),     # Friday + 1 -> Monday
    (D(2026, 12, 4), 5, D(2026, 12, 11)),    # Friday + 5 -> next Friday
    (D(2026, 12, 5), 1, D(2026, 12, 7)),     # Saturday + 1 -> Monday
    (D(2026, 12, 6), 0, D(2026, 12, 6)),     # no days: the same day, even a Sunday
    (D(2026, 12, 1), 10, D(2026, 12, 15)),   # Tuesday + 10 crosses two weekends
    (D(2026, 12, 31), 3, D(2027, 1, 5)),     # across the new year (no public holidays)
])
def test_business_days_count_monday_to_friday(start, days, end):
    assert timing.add_business_days(start, days) == end
    assert timing.add_duration(start, Duration(amount=days, unit="business-days")) == end


@pytest.mark.parametrize("start, months, end", [
    (D(2027, 1, 31), 1, D(2027, 2, 28)),     # clamped to the shorter month
    (D(2028, 1, 31), 1, D(2028, 2, 29)),     # a leap year
    (D(2026, 12, 31), 2, D(2027, 2, 28)),    # over the year end
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 1, 15), 12, D(2027, 1, 15)),
    (D(2026, 2, 28), 1, D(2026, 3, 28)),     # not "the month's end" when the start was not one
])
def test_months_keep_the_day_or_end_on_the_months_last_day(start, months, end):
    assert timing.add_months(start, months) == end


def test_a_month_is_not_thirty_days():
    """Negative control for the table above: the naive sum gives another day."""
    assert timing.add_months(D(2027, 1, 31), 1) != D(2027, 1, 31) + dt.timedelta(days=30)


def test_hours_need_a_time_and_other_units_keep_one():
    eight_hours = Duration(amount=8, unit="hours")
    assert timing.add_duration(D(2026, 12, 1), eight_hours) is None
    assert timing.add_duration(T(2026, 12, 1, 20, 30), eight_hours) == T(2026, 12, 2, 4, 30)
    assert timing.add_duration(T(2027, 1, 31, 9, 0), Duration(amount=1, unit="months")) == T(2027, 2, 28, 9, 0)
    assert timing.add_duration(D(2026, 12, 1), Duration(amount=2, unit="weeks")) == D(2026, 12, 15)


# --------------------------------------------------------------------------- which waits count


def test_waits_before_the_irreversible_step_count_and_its_own_wait_does_not():
    p = procedure([
        step("pause-sales", wait=wait(8, "hours", {"step": "pause-sales"}, "after you pause", id="held-orders")),
        step("request-closure", irreversible=True, wait=wait(5, "days", {"step": "request-closure"}, "after you send")),
        step("watch-email", wait=wait(30, "days", {"event": "submission"}, "after you send")),
    ], waits=[wait(90, "days", {"event": "last-sale"}, id="claims")])
    found = timing.earliest(p)
    assert found.point.id == "request-closure" and not found.point_is_wait_end
    assert [(w.step_id, w.wait.id) for w in found.waits] == [(None, "claims"), ("pause-sales", "held-orders")]
    assert timing.minimum_text(found) == "at least 90 days after your last sale"


def test_a_reopen_window_is_the_point_of_no_return_and_its_wait_counts():
    p = procedure([
        step("remove-listings"),
        step("request-closure", wait=wait(60, "days", {"step": "request-closure"}, "when you send the request",
                                          reversible_until_end=True)),
        step("after", wait=wait(99, "days", {"event": "submission"})),
    ])
    found = timing.earliest(p, {"step:request-closure": D(2026, 12, 1)})
    assert found.point.id == "request-closure" and found.point_is_wait_end
    assert [w.step_id for w in found.waits] == ["request-closure"]
    assert found.earliest == D(2027, 1, 30) and found.complete


def test_nothing_permanent_means_no_point_and_no_waits():
    p = procedure([step("appeal", wait=wait(2, "days", {"step": "appeal"}))])
    found = timing.earliest(p, {"step:appeal": D(2026, 12, 1)})
    assert found.point is None and found.waits == () and found.earliest is None
    assert timing.glance(p) is None and timing.tool_inputs(p) is None


# --------------------------------------------------------------------------- dates


WISH_LIKE = procedure([
    step("pause-sales", wait=wait(8, "hours", {"step": "pause-sales"}, "after you save the setting")),
    step("ask-support", wait=wait(3, "business-days", {"event": "submission"}, "after you write")),
    step("submit-form", irreversible=True),
], waits=[wait(90, "days", {"event": "last-shipment"}, "after your last shipment"),
          wait(None, starts="until your balance is zero")])


def test_each_wait_ends_from_its_own_start_and_the_latest_end_wins():
    dates = {"step:pause-sales": T(2026, 12, 1, 18, 0), "event:last-shipment": D(2026, 12, 2),
             "event:submission": D(2027, 3, 1)}
    found = timing.earliest(WISH_LIKE, dates)
    ends = {w.wait.starts: w.end for w in found.waits}
    assert ends == {"after your last shipment": D(2027, 3, 2), "until your balance is zero": None,
                    "after you save the setting": T(2026, 12, 2, 2, 0), "after you write": D(2027, 3, 4)}
    assert found.earliest == D(2027, 3, 4) and found.complete
    assert [w.wait.starts for w in found.untimed] == ["until your balance is zero"]


def test_a_missing_date_leaves_the_answer_incomplete_and_says_why():
    found = timing.earliest(WISH_LIKE, {"event:last-shipment": D(2026, 12, 2), "step:pause-sales": D(2026, 12, 1)})
    why = {w.wait.starts: w.missing for w in found.waits}
    assert why == {"after your last shipment": None, "until your balance is zero": "no-duration",
                   "after you save the setting": "needs-time", "after you write": "no-date"}
    assert not found.complete and found.earliest == D(2027, 3, 2)  # the best known so far


def test_a_date_counts_as_the_whole_day_against_a_time_on_that_day():
    p = procedure([step("pause-sales", wait=wait(8, "hours", {"event": "pause"})), step("close", irreversible=True)],
                  waits=[wait(1, "days", {"event": "last-sale"})])
    found = timing.earliest(p, {"event:pause": T(2026, 12, 2, 2, 0), "event:last-sale": D(2026, 12, 1)})
    assert found.earliest == D(2026, 12, 2)  # the day wins over 10:00 on the same day
    later = timing.earliest(p, {"event:pause": T(2026, 12, 2, 20, 0), "event:last-sale": D(2026, 12, 1)})
    assert later.earliest == T(2026, 12, 3, 4, 0)


def test_a_wait_without_a_start_or_out_of_range_has_no_end():
    p = procedure([step("close", irreversible=True)], waits=[wait(5, "days"), wait(5, "days", {"event": "pause"})])
    found = timing.earliest(p, {"event:pause": D(9999, 12, 30)})
    assert [w.missing for w in found.waits] == ["no-start", "out-of-range"]


def test_the_longest_wait_is_compared_across_units():
    p = procedure([step("close", irreversible=True)],
                  waits=[wait(90, "days"), wait(3, "months", starts="after the season"), wait(60, "business-days")])
    assert timing.minimum_text(timing.earliest(p)) == "at least 3 months after the season"


# --------------------------------------------------------------------------- the real data


def test_the_wish_guide_says_at_least_ninety_days_and_the_tool_gets_the_same_inputs(catalogue):
    p = catalogue.entries["wish/close-account"].procedure
    glance = timing.glance(p)
    assert glance["minimum"] == "at least 90 days after the carrier confirms fulfilment of your last order"
    assert glance["point_step_id"] == "submit-cancellation-form"
    inputs = json.loads(json.dumps(timing.tool_inputs(p)))  # plain JSON values only
    assert inputs["point"] == {"step": "submit-cancellation-form", "after_wait": False}
    assert {w["start"] for w in inputs["waits"]} == {"event:pause", "event:last-shipment", "step:pause-all-warehouses"}
    pause, shipped = T(2026, 12, 1, 9, 0), D(2026, 12, 3)
    found = timing.earliest(p, {"event:pause": pause, "step:pause-all-warehouses": pause, "event:last-shipment": shipped})
    assert found.complete and found.earliest == D(2027, 3, 3)
