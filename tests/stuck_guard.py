"""A stuck test stops its worker, printing every thread's stack, instead of the run waiting for ever.

A pytest plugin (tests/conftest.py takes its hooks), so tests/test_stuck_guard.py can run it on
a test made to hang.
"""

from __future__ import annotations

import faulthandler
import os

import pytest

#: No test of the suite takes a minute (the longest, the accessibility walk's setup, about 13 s).
#: One that runs this long is stuck: its worker prints every thread's stack and stops, and the
#: run fails naming the test, instead of waiting for ever (runs have, in browser tests).
STUCK_AFTER = float(os.environ.get("SC_STUCK_AFTER", "240"))

#: Where the stacks go: the run's own stderr, not the test's captured output, which is lost
#: when the worker stops.
_stderr: int | None = None


def pytest_configure(config):
    """Output is not captured while pytest configures: file descriptor 2 is the run's stderr."""
    global _stderr
    _stderr = os.dup(2)


def _start_clock() -> None:
    faulthandler.dump_traceback_later(STUCK_AFTER, exit=True, file=_stderr if _stderr is not None else 2)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _start_clock()
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node, call, report):
    """pytest's own faulthandler plugin stops the clock when a test fails (so that a debugger
    is not cut short). The failed test's teardown still runs, and is where a browser test hung
    once (2026-12-08: a fresh machine's run waited 15 minutes): it gets the clock back."""
    if isinstance(node, pytest.Item):
        _start_clock()
