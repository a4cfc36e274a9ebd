"""The last load's results, models included, kept in memory for the next load in the same process.

`make serve` loads the data again on every rebuild. With 1,000 guides that is seconds of
reading and validating, for an edit that changed one file. Given to load_catalogue as its
`cache`, this hands back a file's result (its model with it) when the file's bytes and what
its result depends on are the same as last time, so only the edited files are read again.
It has the interface of macros/data/cache.py's CheckCache, which keeps results on disk but
without models. It lives only as long as the code that made its models: a reload of macros/
makes a new one (macros/__init__.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .cache import ResultStore
from .files import read_bytes


class KeptResults(ResultStore):
    """Results by (file, what it depends on, its bytes' digest), from the last load only."""

    def __init__(self):
        self._old: dict[str, object] = {}
        self._new: dict[str, object] = {}
        self.hits = self.misses = 0

    def digest(self, path: Path, display: str) -> str | None:
        """The sha256 of the file's bytes; None when it cannot be read safely (it is then read,
        and its problem reported, every time)."""
        raw, _refused = read_bytes(path, display)
        return None if raw is None else hashlib.sha256(raw).hexdigest()

    def lookup(self, path: Path, display: str, context):
        """(key, the kept result or None); a result is kept under `key` with `keep`."""
        digest = self.digest(path, display)
        if digest is None:
            self.misses += 1
            return None, None
        key = hashlib.sha256(json.dumps([display, context, digest]).encode()).hexdigest()
        kept = self._old.get(key)
        if kept is None:
            self.misses += 1
        else:
            self.hits += 1
            self._new[key] = kept
        return key, kept

    def keep(self, key: str | None, found) -> None:
        if key is not None:
            self._new[key] = found

    def save(self) -> None:
        """End of a load: keep what it used, for the next one (a deleted file's result drops out)."""
        self._old, self._new = self._new, {}
