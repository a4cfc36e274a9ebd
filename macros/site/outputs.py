"""The site's own outputs besides pages: robots.txt and the sitemap, made by our code.

Not by an engine's static templates or plugins, so a change of engine keeps them (feeds and
exports join here). Pure functions: addresses and dates in, text out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from ..data.load import Catalogue

#: Each edition: its hreflang and its folder under the English site's root. Both editions
#: publish the same addresses (macros/engine/mkdocs_pages.py), so each page's counterpart is
#: the same address in the other edition.
EDITIONS = {"en": ("en", ""), "zh": ("zh-Hans", "zh/")}


def page_address(rel_path: str) -> str:
    """The directory-style address of a Markdown page: 'amazon/close-account.md' -> 'amazon/close-account/'."""
    stem = rel_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def site_addresses(docs_dir: Path, generated: list[str]) -> list[str]:
    """Every page's address, the same in each edition: the hand-written pages of docs/ (but not
    docs/zh/, which publishes at the Chinese root in place of the English page) and the generated ones."""
    written = [p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*.md")]
    written = [rel for rel in written if "/" not in rel or rel.split("/", 1)[0] not in EDITIONS]
    return sorted({page_address(rel) for rel in [*written, *generated]})


def last_changes(catalogue: Catalogue) -> dict[str, dt.date]:
    """Address -> the day its content was last reviewed (procedures and their platform pages)."""
    days: dict[str, dt.date] = {}
    for entry in catalogue.entries.values():
        day = entry.procedure.last_reviewed
        days[page_address(entry.page_path)] = day
        platform = f"{entry.platform.id}/"
        days[platform] = max(days.get(platform, day), day)
    return days


def english_root(site_url: str, language: str = "en") -> str:
    """The English site's address, from the address of the `language` edition."""
    base = site_url.rstrip("/") + "/"
    folder = EDITIONS[language][1]
    return base[:-len(folder)] if folder and base.endswith(folder) else base


def sitemap_xml(site_url: str, addresses: list[str], lastmod: dict[str, dt.date], language: str = "en") -> str:
    """A sitemap (sitemaps.org 0.9) of `addresses` under `site_url`, XML-escaped, each with its
    counterparts in every edition (hreflang en, zh-Hans and x-default: the English page)."""
    base = site_url.rstrip("/") + "/"
    root = english_root(site_url, language)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for address in addresses:
        day = lastmod.get(address)
        when = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(root + folder + address)}"/>'
                        for hreflang, folder in EDITIONS.values())
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(root + address)}"/>'
        lines.append(f"<url><loc>{escape(base + address)}</loc>{when}{links}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


SITEMAPS = tuple(folder + "sitemap.xml" for _hreflang, folder in EDITIONS.values())


def robots_txt(site_url: str, sitemaps: tuple[str, ...] = SITEMAPS) -> str:
    """Crawling allowed everywhere; each sitemap named by its full address."""
    base = site_url.rstrip("/") + "/"
    return "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {base}{name}\n" for name in sitemaps)


def write_site_files(out_dir: Path, site_url: str, docs_dir: Path, generated: list[str],
                     catalogue: Catalogue, language: str = "en") -> None:
    """sitemap.xml (with its .gz) into `out_dir`, as every engine publishes them, and at the
    English root robots.txt, naming every edition's sitemap."""
    import gzip

    out_dir = Path(out_dir)
    sitemap = sitemap_xml(site_url, site_addresses(docs_dir, generated), last_changes(catalogue), language)
    (out_dir / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (out_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
    if language == "en":
        (out_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
