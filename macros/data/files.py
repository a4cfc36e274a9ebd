"""Which files under data/ are data, and reading one safely.

One file, one address: a data file is a `.yml` regular file where one is expected
(data/platforms/<id>.yml, data/procedures/<platform>/<slug>.yml, data/glossary.yml).
Anything else under data/ is reported (SC030), never silently skipped or merged. Links are
never followed, even to a file inside the repository (SC034), and nothing that is not a
regular file is ever opened (SC035): a FIFO would hang the check, a device would read
forever, a link could print a file from outside the repository in an error message.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .translation_paths import is_translation

#: Largest data file read (bytes). The biggest guide today is under 60 KB.
MAX_BYTES = 1_000_000
GLOSSARY = "glossary.yml"
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


@dataclass
class Survey:
    """The data files to read, and the problems with everything else found under data/."""

    platforms: list[Path] = field(default_factory=list)
    procedures: list[Path] = field(default_factory=list)
    glossary: Path | None = None
    translations: list[Path] = field(default_factory=list)  # <name>.<language>.yml beside its English file
    problems: list[Problem] = field(default_factory=list)


def _problem(root: Path, path: Path, what: tuple[str, str, str]) -> Problem:
    return Problem(path.relative_to(root).as_posix(), 1, 1, *what)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


# (code, message, fix) of each reason a file is not read
LINK = ("SC034", "is a symbolic link; data files and folders are never followed through links",
        "replace the link with the file itself (copy it here), or delete it")


def _not_regular(kind: str) -> tuple[str, str, str]:
    return ("SC035", f"is {kind}, not a regular file",
            "a data file is an ordinary text file: replace this with one, or delete it")


def _too_large(size: int | None) -> tuple[str, str, str]:
    told = f"{size:,} bytes" if size is not None else "larger than that"
    return ("SC036", f"the file is {told}, more than the {MAX_BYTES:,} bytes allowed",
            "split it: one procedure per file, and no list longer than the model allows")


def _cannot_read(err: OSError) -> tuple[str, str, str]:
    why = "permission denied" if err.errno in (errno.EACCES, errno.EPERM) else (err.strerror or "error")
    return ("SC037", f"cannot be read ({why.lower()})",
            "make it readable (chmod u+r), or delete it if it is not meant to be here")


def _entries(root: Path, folder: Path, survey: Survey) -> list[tuple[Path, os.stat_result]]:
    """(path, lstat) of every entry of `folder`, by name; problems for what cannot be read."""
    try:
        with os.scandir(folder) as found:
            names = sorted(entry.name for entry in found)
    except OSError as err:
        survey.problems.append(_problem(root, folder, _cannot_read(err)))
        return []
    listed = []
    for name in names:
        path = folder / name
        try:
            listed.append((path, os.lstat(path)))
        except OSError as err:
            survey.problems.append(_problem(root, path, _cannot_read(err)))
    return listed


def _unexpected(root: Path, path: Path, where: str) -> Problem:
    name = path.name
    stem, dot, extension = name.partition(".")
    if dot and extension.lower() in ("yaml", "yml", "ymml") and stem:
        fix = f"rename it to {stem}.yml (only '.yml' data files are read)"
    elif ".yml" in name.lower() or ".yaml" in name.lower():
        fix = "delete this copy: only the '.yml' file itself is read"
    else:
        fix = f"delete it or move it out of data/: {where}"
    return _problem(root, path, ("SC030", f"'{name}' is not a data file where one is expected", fix))


def _data_file(root: Path, path: Path, info: os.stat_result, survey: Survey) -> bool:
    """True when `path` (named like a data file) can be read; otherwise its problem is recorded."""
    if (kind := _kind(info.st_mode)) is not None:
        survey.problems.append(_problem(root, path, _not_regular(kind)))
        return False
    if info.st_size > MAX_BYTES:
        survey.problems.append(_problem(root, path, _too_large(info.st_size)))
        return False
    return True


def _folder(root: Path, path: Path, info: os.stat_result, survey: Survey, where: str) -> bool:
    """True when `path` is a real folder to look into; otherwise its problem is recorded."""
    if stat.S_ISLNK(info.st_mode):
        survey.problems.append(_problem(root, path, LINK))
        return False
    if not stat.S_ISDIR(info.st_mode):
        survey.problems.append(_unexpected(root, path, where))
        return False
    return True


def _yml_files(root: Path, folder: Path, survey: Survey, where: str) -> list[Path]:
    """The readable `<name>.yml` files directly in `folder`; problems for everything else."""
    readable = []
    for path, info in _entries(root, folder, survey):
        if stat.S_ISLNK(info.st_mode):
            survey.problems.append(_problem(root, path, LINK))
        elif not path.name.endswith(".yml") or path.name == ".yml":
            survey.problems.append(_unexpected(root, path, where))
        elif _data_file(root, path, info, survey):
            (survey.translations if is_translation(path) else readable).append(path)
    return readable


def survey(root: Path) -> Survey:
    """Every data file under root/data, and a problem for every other thing found there."""
    root = Path(root)
    found = Survey()
    data = root / "data"
    try:
        info = os.lstat(data)
    except FileNotFoundError:
        return found
    if not _folder(root, data, info, found, "data/ is a folder"):
        return found
    for path, info in _entries(root, data, found):
        if path.name == "platforms" and _folder(root, path, info, found, "only data/platforms/*.yml are read"):
            found.platforms = _yml_files(root, path, found, "platform files are data/platforms/<id>.yml")
        elif path.name == "procedures" and _folder(root, path, info, found, "procedures are in data/procedures/"):
            for folder, folder_info in _entries(root, path, found):
                if _folder(root, folder, folder_info, found, "procedures are data/procedures/<platform>/<slug>.yml"):
                    found.procedures += _yml_files(root, folder, found,
                                                   "procedures are data/procedures/<platform>/<slug>.yml")
        elif path.name == GLOSSARY:
            if stat.S_ISLNK(info.st_mode):
                found.problems.append(_problem(root, path, LINK))
            elif _data_file(root, path, info, found):
                found.glossary = path
        elif path.name.startswith("glossary.") and is_translation(path) and not stat.S_ISLNK(info.st_mode):
            if _data_file(root, path, info, found):
                found.translations.append(path)
        elif path.name not in ("platforms", "procedures"):
            found.problems.append(_unexpected(root, path, "data/ holds platforms/, procedures/ and glossary.yml"))
    return found


def stamp(info: os.stat_result) -> tuple[int, ...]:
    """What must be the same for a file read before to be taken as unchanged (the check's cache,
    a build's translations): as git compares, the change time too (a chmod, or a copy that put
    the old modification time back, changes it)."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file, or the problem that stops it being read. Never opens a link
    or anything but a regular file (os.lstat first), never blocks on a FIFO, never reads more
    than MAX_BYTES + 1 bytes; the file is checked again once open, in case it was swapped."""
    try:
        info = os.lstat(path)  # never open what is not a regular file, even when asked directly
    except OSError as err:
        return None, Problem(display, 1, 1, *_cannot_read(err))
    if stat.S_ISLNK(info.st_mode) or (kind := _kind(info.st_mode)) is not None:
        return None, Problem(display, 1, 1, *(LINK if stat.S_ISLNK(info.st_mode) else _not_regular(kind)))
    if info.st_size > MAX_BYTES:
        return None, Problem(display, 1, 1, *_too_large(info.st_size))
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        link = err.errno == errno.ELOOP or os.path.islink(path)
        return None, Problem(display, 1, 1, *(LINK if link else _cannot_read(err)))
    try:
        info = os.fstat(descriptor)
        if (kind := _kind(info.st_mode)) is not None:
            return None, Problem(display, 1, 1, *_not_regular(kind))
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(descriptor, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        return None, Problem(display, 1, 1, *_cannot_read(err))
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        return None, Problem(display, 1, 1, *_too_large(None))
    return b"".join(chunks), None
