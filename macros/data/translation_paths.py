"""Where translations are: `<name>.<language>.yml` beside the English file it translates, and
which model an English data file holds (from where it is under data/)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kind_of imports the model when asked: files.py needs only the names
    from pydantic import BaseModel

#: The languages a translation may be in: code -> name (the code is the file's `.<code>.yml`).
LANGUAGES = {"zh": "Simplified Chinese"}
_TRANSLATION_NAME = re.compile(r"^[^.]+\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.yml$")


def is_translation(path: Path | str) -> bool:
    """True for `<name>.<language>.yml`: a translation, never an English data file."""
    return _TRANSLATION_NAME.match(Path(path).name) is not None


def language_of(path: Path | str) -> str | None:
    match = _TRANSLATION_NAME.match(Path(path).name)
    return match.group(1) if match else None


def english_file(path: Path) -> Path:
    """The English file a translation translates: close-account.zh.yml -> close-account.yml."""
    return path.with_name(path.name.split(".", 1)[0] + ".yml")


def translation_file(english: Path, language: str) -> Path:
    return english.with_name(f"{english.stem}.{language}.yml")


def kind_of(english: Path, root: Path) -> type[BaseModel] | None:
    """Which model an English data file holds, from where it is (None: not a data file)."""
    from .model import Glossary, Platform, Procedure

    try:
        parts = Path(english).resolve().relative_to(Path(root).resolve() / "data").parts
    except ValueError:
        return None
    if parts == ("glossary.yml",):
        return Glossary
    if len(parts) == 2 and parts[0] == "platforms":
        return Platform
    if len(parts) == 3 and parts[0] == "procedures":
        return Procedure
    return None


def translation_files(root: Path) -> list[Path]:
    """Every translation file under root/data, in a stable order."""
    data = Path(root) / "data"
    found = [*data.glob("glossary.*.yml"), *(data / "platforms").glob("*.yml"),
             *(data / "procedures").glob("*/*.yml")]
    return sorted(path for path in found if is_translation(path))
