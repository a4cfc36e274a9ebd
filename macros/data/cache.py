"""Remember each data file's check result, so `make check` only re-reads what changed.

A result is reused only when everything it depends on is the same: the file's bytes (their
sha256, read again unless the file's lstat is as it was and the file had settled then) and
path, the code that checks it (macros/*.py, verbs.txt, the pydantic version), and for a
procedure the platforms and today's date. The cache lives in the user's cache folder,
never in the project: a pull request cannot plant a result that hides a problem. It is
plain JSON, written atomically; a missing or broken cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import time
from pathlib import Path

from .files import read_bytes, stamp
from .problems import CODES, Problem
from .results import FileResult

_FORMAT = 4  # 2: a platform's result keeps its domains; 3: files' digests kept by their lstat;
# 4: the glossary's result is kept too, with its undefined terms
#: A digest is reused from a file's lstat only when the file was last changed this long (ns)
#: before the check that read it: a file written again within the same clock tick would have
#: the same size and time (git's "racy" files), so such a file is always read.
_SETTLED = 2_000_000_000


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "seller-checklists"


def code_version() -> str:
    """A fingerprint of the code that produces a result: any edit invalidates the cache, and so
    does another pydantic (its version.py, read without importing pydantic: a check answered from
    the cache loads no model; importlib.metadata would cost 40 ms)."""
    digest = hashlib.sha256(f"{_FORMAT} pydantic ".encode() + _pydantic_version_file())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), here / "verbs.txt"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _pydantic_version_file() -> bytes:
    spec = importlib.util.find_spec("pydantic")
    return (Path(spec.origin).parent / "version.py").read_bytes() if spec and spec.origin else b"none"


class ResultStore:
    """What check_all asks of a store of results: `lookup` and `keep` (each store's own), and `result`."""

    def result(self, path: Path, display: str, context, compute):
        """The file's result: from the store when nothing it depends on changed, else `compute()`."""
        key, reused = self.lookup(path, display, context)
        if reused is not None:
            return reused
        found = compute()
        self.keep(key, found)
        return found


class CheckCache(ResultStore):
    """Check results by file, for one project folder."""

    def __init__(self, root: Path, folder: Path | None = None):
        root_id = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
        self.path = (folder or cache_folder()) / f"check-{root_id}.json"
        self.code = code_version()
        self.hits = self.misses = 0
        self._old, self._old_digests = self._load()
        self._new: dict[str, dict] = {}
        self._digests: dict[str, list] = {}  # path -> [files.stamp, checked at (ns), sha256]

    def _load(self) -> tuple[dict, dict]:
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            if saved.get("code") != self.code:
                return {}, {}
            results, digests = saved["results"], saved.get("digests", {})
            return (results if isinstance(results, dict) else {}), (digests if isinstance(digests, dict) else {})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}, {}

    def has_results(self) -> bool:
        """Whether the last check left results this code can reuse."""
        return bool(self._old)

    def digest(self, path: Path, display: str) -> str | None:
        """The sha256 of a data file's bytes (None: it cannot be read safely, see files.read_bytes).
        Taken from the last check when the file's lstat is the same and the file had settled
        then; otherwise the file is read."""
        name = os.path.abspath(path)
        if name in self._digests:  # asked again in this run (a translation's English file)
            return self._digests[name][2]
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        now = list(stamp(info)) if info is not None and stat.S_ISREG(info.st_mode) else None  # JSON gives lists
        saved = self._old_digests.get(name)
        if (now is not None and isinstance(saved, list) and len(saved) == 3 and saved[0] == now
                and isinstance(saved[1], int) and now[3] + _SETTLED < saved[1] and isinstance(saved[2], str)):
            self._digests[name] = saved
            return saved[2]
        raw, _refused = read_bytes(path, display)
        if raw is None:
            return None
        found = hashlib.sha256(raw).hexdigest()
        if now is not None:
            self._digests[name] = [now, time.time_ns(), found]
        return found

    def lookup(self, path: Path, display: str, context):
        """(key, the saved result or None). A result is saved under `key` with `keep`. A file that
        cannot be read safely has no key: it is read (and its problem reported) every time."""
        digest = self.digest(path, display)
        if digest is None:
            self.misses += 1
            return None, None
        key = hashlib.sha256(json.dumps([display, context, digest]).encode()).hexdigest()
        saved = self._old.get(key)
        try:
            reused = FileResult(display, None, [Problem(*p) for p in saved["problems"]], saved["id"],
                                tuple(saved["id_at"]), saved["valid"], tuple(saved["domains"]),
                                tuple(saved["terms"]))
            if any(p.code not in CODES for p in reused.problems):
                raise ValueError("a code this version does not know")
        except (TypeError, KeyError, ValueError):
            reused = None  # nothing saved, or not in the shape this code writes
        if reused is None:
            self.misses += 1
        else:
            self.hits += 1
            self._new[key] = saved
        return key, reused

    def keep(self, key: str | None, found) -> None:
        """Save `found` (errors and warnings alike) under `key`; nothing for a file with no key."""
        if key is None:
            return
        self._new[key] = {"problems": [list(p.__dict__.values()) for p in found.problems], "id": found.id,
                          "id_at": list(found.id_at), "valid": found.valid, "domains": list(found.domains),
                          "terms": list(found.terms)}

    def save(self) -> None:
        """Write this run's results (and only them: deleted files drop out). Never fails the check."""
        if not self.misses and len(self._new) == len(self._old) and self._digests == self._old_digests:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"code": self.code, "results": self._new, "digests": self._digests}),
                                 encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass
