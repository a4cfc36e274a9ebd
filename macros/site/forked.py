"""Run many small pure jobs (rendering one page each) in this process and forked ones.

A guide's page takes about 4 ms to render, and at 1,000 guides the build's second core had
nothing to do while they were made. Forked children inherit the jobs (nothing is pickled
but the results, plain text), and each returns its share in order. Only for a process with
no other thread (forking beside threads is unsafe: `mkdocs serve` has some) and where the
platform can fork; otherwise everything runs here, with the same result.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

#: Fewer jobs than this run here: starting and ending a child took 5 ms in a small process (more
#: in a build's, which has more memory to map), and a guide renders in about 4 ms.
FORK_FROM = 16

_jobs: Sequence[Callable[[], object]] = ()


def _run(positions: range) -> list:
    return [_jobs[i]() for i in positions]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_all(jobs: Sequence[Callable[[], object]], workers: int = 1) -> tuple[list, int]:
    """(each job's result, in order; how many processes ran them). With `workers` > 1, enough
    jobs and a process that may fork, this process runs the first share and workers - 1
    children the rest, at the same time."""
    global _jobs
    if workers < 2 or len(jobs) < FORK_FROM or not can_fork():
        return [job() for job in jobs], 1
    share = -(-len(jobs) // workers)  # this process's, rounded up
    rest = [range(start, min(start + share, len(jobs))) for start in range(share, len(jobs), share)]
    _jobs = jobs
    try:
        # An executor, not a Pool: a child that dies (killed for memory) fails the build with
        # BrokenProcessPool, where a Pool would replace it and wait for its share for ever.
        with ProcessPoolExecutor(len(rest), mp_context=multiprocessing.get_context("fork")) as pool:
            pending = [pool.submit(_run, positions) for positions in rest]
            results = _run(range(share))
            for done in pending:
                results += done.result()
    finally:
        _jobs = ()
    return results, 1 + len(rest)
