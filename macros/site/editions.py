"""A catalogue in one language: the text of each unit from its translation where that is current.

Every page of a translated build is made from its edition (macros/site/pages.py); English is
the catalogue itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..data.catalogue import Catalogue, Entry
from ..data.translation_model import load_translation, localized
from ..data.translation_paths import translation_file
from . import previews
from .language import forget_revisions


class Edition(NamedTuple):
    """A catalogue in one language: each text translated where the translation is current,
    and per page (entry key, platform id, "glossary") the units shown in English and the
    translation file's record (who, when). English: the catalogue itself, nothing in English."""

    catalogue: Catalogue
    english: dict[str, frozenset]
    translations: dict[str, object]


_editions: dict[tuple, tuple[Catalogue, Edition, dict]] = {}


def edition(catalogue: Catalogue, root: Path | str | None, language: str) -> Edition:
    """`catalogue` in `language` (cached per catalogue: once per change of the data)."""
    if language == "en" or root is None:
        return Edition(catalogue, {}, {})
    key = (str(Path(root).resolve()), language)  # the macros give the project folder in another spelling
    cached = _editions.get(key)
    if cached and cached[0] is catalogue:
        return cached[1]
    forget_revisions()  # the last catalogue's, if any
    data = Path(root) / "data"
    english: dict[str, frozenset] = {}
    found: dict[str, object] = {}
    last, made = (cached[2] if cached else {}), {}

    def translate(name: str, item, translation):
        """localized(item, translation), or the last edition's where both are the same objects
        (make serve's rebuilds: macros/site/previews.py)."""
        found[name] = translation
        before = last.get(name)
        made[name] = (item, translation, before[2] if before and before[0] is item and before[1] is translation
                      else localized(item, translation))
        return made[name][2]

    platforms = {}
    for pid, platform in catalogue.platforms.items():
        platforms[pid], english[pid] = translate(pid, platform, load_translation(
            translation_file(data / "platforms" / f"{pid}.yml", language)))
    entries = {}
    for key_, entry in catalogue.entries.items():
        procedure, english[key_] = translate(key_, entry.procedure, load_translation(
            translation_file(Path(root) / entry.source_file, language)))
        entries[key_] = Entry(procedure, platforms[entry.platform.id], entry.slug, entry.source_file)
    glossary = catalogue.glossary
    if glossary is not None:
        glossary, english["glossary"] = translate("glossary", glossary, load_translation(
            translation_file(data / "glossary.yml", language)))
    result = Edition(Catalogue(platforms, entries, glossary), english, found)
    _editions[key] = (catalogue, result, made if previews.serving() else {})
    return result
