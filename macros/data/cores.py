"""How many cores this process may run on: its own module, since make check asks before it
has imported anything else (macros/site/forked.py imports multiprocessing: 35 ms)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
