"""The site's own JavaScript and CSS as the build publishes them: minified, and measured.

Pure functions, no MkDocs: docs/assets/ keeps the readable sources, the build hook
(macros/engine/minify_assets.py) writes their minified copies into the built site, and
the page budget (tests/test_budgets.py) weighs what is published, gzipped, as it travels.

    .venv/bin/python -m macros.site.assets docs/assets/checklists.js docs/assets/checklists.css

prints each file's size as written, minified, and minified then gzipped.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import rcssmin
import rjsmin


def minify_js(source: str) -> str:
    """JavaScript without comments and needless whitespace (rjsmin: it renames nothing, so
    what the script does cannot change)."""
    return rjsmin.jsmin(source).strip() + "\n"


def minify_css(source: str) -> str:
    """CSS without comments and needless whitespace (rcssmin, rjsmin's sibling). Not
    csscompressor: it dropped the descendant space of a block's first selector,
    "@media screen{.a :is(.b)" -> ".a:is(.b)", so the rule silently selected nothing."""
    return rcssmin.cssmin(source).strip() + "\n"


MINIFIERS = {".js": minify_js, ".css": minify_css}

#: Scripts the pages fetch on demand rather than list in mkdocs.yml (the seller tools, fetched by
#: checklists.js when the toolbox is first opened): published minified like the listed ones, and
#: weighed on their own budget (tests/test_tools_page.py), not the page's.
ON_DEMAND = ("assets/checklists-tools.js",)


def minify(name: str, source: str) -> str:
    """`source` minified by the minifier for `name`'s extension (.js or .css)."""
    suffix = Path(name).suffix
    if suffix not in MINIFIERS:
        raise ValueError(f"{name}: no minifier for {suffix or 'a file without an extension'}")
    return MINIFIERS[suffix](source)


def gzipped_size(data: bytes) -> int:
    """Bytes on the wire when the server gzips `data` (gzip's own default level, 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def sizes(name: str, source: str) -> dict[str, int]:
    """A source file's size as written, minified, and minified then gzipped, in bytes."""
    minified = minify(name, source).encode("utf-8")
    return {"raw": len(source.encode("utf-8")), "minified": len(minified), "gzipped": gzipped_size(minified)}


def main(paths: list[str]) -> int:
    rows = [(path, sizes(path, Path(path).read_text(encoding="utf-8"))) for path in paths]
    print(f"{'file':<32} {'raw':>8} {'minified':>9} {'gzipped':>8}")
    for path, size in rows:
        print(f"{path:<32} {size['raw']:>8} {size['minified']:>9} {size['gzipped']:>8}")
    if len(rows) > 1:
        total = {k: sum(size[k] for _p, size in rows) for k in ("raw", "minified", "gzipped")}
        print(f"{'total':<32} {total['raw']:>8} {total['minified']:>9} {total['gzipped']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs/assets/checklists.js", "docs/assets/checklists.css",
                                   *(f"docs/{name}" for name in ON_DEMAND)]))
