"""The site's own outputs besides pages: robots.txt and the sitemap, made by our code.

Not by an engine's static templates or plugins, so a change of engine keeps them (feeds and
exports join here). Pure functions: addresses and dates in, text out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from ..data.load import Catalogue


def page_address(rel_path: str) -> str:
    """The directory-style address of a Markdown page: 'amazon/close-account.md' -> 'amazon/close-account/'."""
    stem = rel_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def site_addresses(docs_dir: Path, generated: list[str]) -> list[str]:
    """Every page's address: the hand-written pages of docs/ and the generated ones."""
    written = [p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*.md")]
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


def sitemap_xml(site_url: str, addresses: list[str], lastmod: dict[str, dt.date]) -> str:
    """A sitemap (sitemaps.org 0.9) of `addresses` under `site_url`, XML-escaped."""
    base = site_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for address in addresses:
        day = lastmod.get(address)
        when = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
        lines.append(f"<url><loc>{escape(base + address)}</loc>{when}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str, sitemaps: list[str] = ("sitemap.xml",)) -> str:
    """Crawling allowed everywhere; each sitemap named by its full address."""
    base = site_url.rstrip("/") + "/"
    return "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {base}{name}\n" for name in sitemaps)


def write_site_files(out_dir: Path, site_url: str, docs_dir: Path, generated: list[str],
                     catalogue: Catalogue) -> None:
    """robots.txt and sitemap.xml (with its .gz) into `out_dir`, as every engine publishes them."""
    import gzip

    out_dir = Path(out_dir)
    sitemap = sitemap_xml(site_url, site_addresses(docs_dir, generated), last_changes(catalogue))
    (out_dir / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (out_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
    (out_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
