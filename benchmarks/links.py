"""Every internal link and anchor in the built site resolves, and nothing is loaded from
another origin: read from the HTML files on disk, no server needed.

    .venv/bin/python benchmarks/links.py site/
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

#: (tag, attribute) pairs that point somewhere; `loads` ones are fetched by the browser.
LINKS = [("a", "href"), ("link", "href"), ("area", "href")]
LOADS = [("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"), ("video", "src"),
         ("audio", "src"), ("embed", "src"), ("object", "data"), ("link", "href")]
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)["']?\s*\)""")
_BASE = "http://site.invalid/"  # a placeholder origin to resolve relative addresses against


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    anchors: int = 0
    external_links: int = 0
    broken: list[str] = field(default_factory=list)
    foreign_loads: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.foreign_loads


def _target_file(site: Path, path: str) -> Path | None:
    """The file an address path is served from, or None when there is none."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _parse(file: Path):
    """The page as libxml2's HTML parser reads it (the parser BeautifulSoup's "lxml" uses, without
    BeautifulSoup's tree on top: several times cheaper); None for an empty file."""
    text = file.read_text(encoding="utf-8")
    return lxml.html.document_fromstring(text) if text.strip() else None


def _ids_in(tree) -> set[str]:
    """The fragments a page answers to: every element's id, and each <a name>."""
    return set() if tree is None else {str(v) for v in tree.xpath("//@id | //a/@name")}


def _ids(file: Path, cache: dict[Path, set[str]], ahead: dict) -> set[str]:
    """A target page's ids; a page not read yet is parsed now and kept in `ahead` for its own turn
    (each page is parsed once)."""
    if file not in cache:
        ahead[file] = _parse(file)
        cache[file] = _ids_in(ahead[file])
    return cache[file]


def _page_url(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return _BASE + (rel.removesuffix("index.html"))


def _is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("", "data", "blob") and parts.netloc not in ("", "site.invalid")


def check_site(site: Path) -> Report:
    site = Path(site)
    report = Report()
    ids: dict[Path, set[str]] = {}
    ahead: dict[Path, object] = {}  # pages parsed early, as a link's target
    for file in sorted(site.rglob("*.html")):
        report.pages += 1
        page_url = _page_url(site, file)
        tree = ahead.pop(file) if file in ahead else _parse(file)
        if tree is None:
            ids[file] = set()
            continue
        ids[file] = _ids_in(tree)
        where = file.relative_to(site).as_posix()
        for tag_name, attr in LOADS:
            for tag in tree.xpath(f"//{tag_name}[@{attr}]"):
                if tag_name == "link" and not set((tag.get("rel") or "").split()) & {
                        "stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}:
                    continue
                if _is_foreign(urljoin(page_url, tag.get(attr))):
                    report.foreign_loads.append(f"{where}: <{tag_name} {attr}={tag.get(attr)!r}>")
        for style in tree.iter("style"):
            for match in CSS_URL.finditer("".join(style.itertext())):
                url = match.group(1) or match.group(2)
                if _is_foreign(urljoin(page_url, url)):
                    report.foreign_loads.append(f"{where}: <style> loads {url!r}")
        for tag in tree.xpath("//*[@style]"):
            for match in CSS_URL.finditer(tag.get("style")):
                url = match.group(1) or match.group(2)
                if _is_foreign(urljoin(page_url, url)):
                    report.foreign_loads.append(f"{where}: style attribute loads {url!r}")
        for tag_name, attr in LINKS + [(t, a) for t, a in LOADS if t != "link"]:
            for tag in tree.xpath(f"//{tag_name}[@{attr}]"):
                _check_one(site, file, where, page_url, tag.get(attr), ids, ahead, report)
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        css_url = _BASE + css.relative_to(site).as_posix()
        for match in CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if _is_foreign(urljoin(css_url, url)):
                report.foreign_loads.append(f"{css.relative_to(site).as_posix()}: loads {url!r}")
    return report


def _check_one(site: Path, file: Path, where: str, page_url: str, href: str, ids, ahead, report: Report) -> None:
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return
    url = urljoin(page_url, href)
    parts = urlsplit(url)
    if parts.netloc != "site.invalid":
        report.external_links += 1
        return
    report.links += 1
    target = _target_file(site, parts.path)
    if target is None:
        report.broken.append(f"{where}: {href!r} -> no file for {parts.path}")
        return
    if parts.fragment and target.suffix == ".html":
        report.anchors += 1
        fragment = unquote(parts.fragment)
        if fragment not in _ids(target, ids, ahead):
            report.broken.append(f"{where}: {href!r} -> no id '{fragment}' in {target.relative_to(site)}")


def main(argv: list[str] | None = None) -> int:
    site = Path((argv or sys.argv[1:] or ["site"])[0])
    report = check_site(site)
    print(f"links: {report.pages} pages, {report.links} internal links ({report.anchors} with an anchor) "
          f"resolved, {report.external_links} links to other sites (not followed), "
          f"{len(report.broken)} broken, {len(report.foreign_loads)} resources from other origins")
    for line in report.broken + report.foreign_loads:
        print("  " + line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
