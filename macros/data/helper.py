"""make check's second process, forked at its start: it imports the model while this process
imports the rest and looks every file up in the cache, then reads the files it is sent.

After an edit, the check reads one or two files, and importing the model to read them
(pydantic: 0.13 s) took longer than everything else; the lookups need no model. Forked before
them, the child spends that time importing, so the two waits overlap, and this process never
imports the model. In a check of many files the child reads half of them, as the forked
worker did, without a fork then (load._read_with_helper).

Plain os.fork and two pipes, no executor: concurrent.futures and multiprocessing cost 20 ms of
imports, which a check of one changed file has no time for. Only for the command line's own
process (cli.main), with no other thread (forking beside threads is unsafe).
"""

from __future__ import annotations

import os
import signal
import threading


def can_start() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Helper:
    """The child process: `call(function, *args)` runs a module-level function there and gives
    back what it returned (or raises what it raised), `send` and `receive` do it in two steps
    (this process works meanwhile); `stop()` ends it, at once."""

    def __init__(self):
        jobs_read, self._jobs = os.pipe()
        self._results, results_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: it never returns
            os.close(self._jobs)
            os.close(self._results)
            _serve(os.fdopen(jobs_read, "rb"), os.fdopen(results_write, "wb"))
        os.close(jobs_read)
        os.close(results_write)
        self._jobs, self._results = os.fdopen(self._jobs, "wb"), os.fdopen(self._results, "rb")

    def call(self, function, *args):
        self.send(function, *args)
        return self.receive()

    def send(self, function, *args) -> None:
        """Start `function(*args)` there; receive() gives its result."""
        import pickle

        try:
            pickle.dump((function, args), self._jobs)
            self._jobs.flush()
        except OSError as err:
            _stopped(err)

    def receive(self):
        import pickle

        try:
            ok, value = pickle.load(self._results)
        except (EOFError, OSError, pickle.UnpicklingError) as err:
            _stopped(err)
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End the child, even in the middle of its imports (a check with nothing to read)."""
        for pipe in (self._jobs, self._results):
            try:
                pipe.close()
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def _stopped(err: Exception):
    """The child died (killed, most often for want of memory): the check fails, never hangs."""
    from concurrent.futures.process import BrokenProcessPool  # cli.py says what to do

    raise BrokenProcessPool("make check's second process stopped") from err


def start() -> Helper | None:
    """make check's helper, where this process may fork."""
    return Helper() if can_start() else None


def _serve(jobs, results) -> None:
    """The child's life: import the model, then run each call sent, until the pipe closes."""
    import pickle

    try:
        from . import readers  # noqa: F401  (the point: imported while the parent looks files up)

        while True:
            try:
                function, args = pickle.load(jobs)
            except EOFError:
                os._exit(0)
            try:
                answer = pickle.dumps((True, function(*args)))
            except Exception as err:  # noqa: BLE001  (any error of a check is the parent's to raise)
                answer = _failure(err)
            results.write(answer)
            results.flush()
    finally:
        os._exit(1)  # the import failed, or the parent went: it sees the pipe close


def _failure(err: Exception) -> bytes:
    """The error as sent back: itself, or its text when it cannot be pickled."""
    import pickle

    try:
        return pickle.dumps((False, err))
    except Exception:  # noqa: BLE001
        return pickle.dumps((False, RuntimeError(f"{type(err).__name__}: {err}")))
