"""minimum_wait: only the waits before the point of no return count, the procedure's own
included, never one after it; the longest of them is the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.data.model import Procedure
from macros.site.timing import counted_waits, minimum_wait, point_of_no_return

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "valid" / "procedure.yml").read_text())


def wait(amount=None, unit="days", starts="after your last sale", **extra) -> dict:
    found = {"starts": starts, **extra}
    if amount is not None:
        found["duration"] = {"amount": amount, "unit": unit}
    return found


def procedure(steps: list[dict], waits: list[dict] = (), irreversible: bool = True) -> Procedure:
    data = {**BASE, "irreversible": irreversible, "waits": list(waits),
            "steps": [{"title": f"Do step {n}", "id": f"step-{n}", "advice": True, **s} for n, s in enumerate(steps)]}
    return Procedure.model_validate(data)


def days(found) -> tuple:
    return (found.longest.duration.amount, found.longest.duration.unit) if found and found.longest else None


def test_the_procedure_wait_and_the_waits_of_steps_before_the_permanent_one_count():
    p = procedure([{"wait": wait(30)}, {"wait": wait(90)}, {"irreversible": True}], waits=[wait(60)])
    assert days(minimum_wait(p)) == (90, "days")


def test_a_wait_after_the_point_of_no_return_never_counts():
    p = procedure([{"wait": wait(10)}, {"irreversible": True, "wait": wait(200)}, {"wait": wait(300)}])
    assert days(minimum_wait(p)) == (10, "days")
    # Negative control: the same waits before the permanent step do count.
    p = procedure([{"wait": wait(10)}, {"wait": wait(200)}, {"wait": wait(300)}, {"irreversible": True}])
    assert days(minimum_wait(p)) == (300, "days")


def test_a_reopen_window_is_the_point_of_no_return_and_its_own_wait_counts():
    p = procedure([{"wait": wait(60, reversible_until_end=True)}, {"wait": wait(400)}], irreversible=True)
    step, at_end = point_of_no_return(p)
    assert step.id == "step-0" and at_end
    assert days(minimum_wait(p)) == (60, "days")


def test_the_longest_wait_is_compared_across_units():
    p = procedure([{"wait": wait(2, "months")}, {"wait": wait(8, "weeks")}, {"irreversible": True}],
                  waits=[wait(36, "hours"), wait(40, "business-days")])
    assert days(minimum_wait(p)) == (2, "months")  # 61 days > 56 days (8 weeks) = 56 (40 business days)


def test_an_optional_step_adds_no_wait_and_untimed_waits_are_kept_apart():
    p = procedure([{"wait": wait(500), "optional": True}, {"wait": wait(starts="until your balance is zero")},
                   {"irreversible": True}])
    found = minimum_wait(p)
    assert found.longest is None and [w.starts for w in found.untimed] == ["until your balance is zero"]


def test_with_nothing_permanent_every_wait_counts_and_with_no_wait_there_is_no_answer():
    p = procedure([{"wait": wait(2)}, {"wait": wait(5)}], irreversible=False)
    assert point_of_no_return(p) == (None, False) and days(minimum_wait(p)) == (5, "days")
    assert minimum_wait(procedure([{}, {"irreversible": True}])) is None
    assert counted_waits(procedure([{"irreversible": True, "wait": wait(3)}])) == []


@pytest.mark.parametrize(("key", "expected"), [
    ("amazon/close-account", (90, "days")),
    ("wish/close-account", (90, "days")),
    ("ebay/close-account", (60, "days")),
    ("tiktok-shop/close-shop", (90, "days")),
])
def test_the_real_guides(catalogue, key, expected):
    assert days(minimum_wait(catalogue.entries[key].procedure)) == expected
