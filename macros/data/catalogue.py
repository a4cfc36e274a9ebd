"""What a build gets from the data: the validated procedures (Entry) and the whole catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing load.py (and this) loads no model
    from .model import Glossary, Platform, Procedure


@dataclass(frozen=True)
class Entry:
    """A validated procedure and where it lives."""

    procedure: Procedure
    platform: Platform
    slug: str
    source_file: str  # as shown in messages, relative to the project root

    @property
    def key(self) -> str:
        """`<platform>/<slug>`: the page's address and how templates name the procedure."""
        return f"{self.platform.id}/{self.slug}"

    @property
    def page_path(self) -> str:
        return f"{self.key}.md"


@dataclass(frozen=True)
class Catalogue:
    platforms: dict[str, Platform]
    entries: dict[str, Entry]  # by key, sorted by platform then title
    glossary: Glossary | None = None  # data/glossary.yml, when there is one

    def for_platform(self, platform_id: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.platform.id == platform_id]

    def platforms_in_use(self) -> list[Platform]:
        used = {e.platform.id for e in self.entries.values()}
        return sorted((p for p in self.platforms.values() if p.id in used), key=lambda p: p.name.lower())
