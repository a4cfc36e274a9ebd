"""Every name the build writes itself: at the top of the site, or inside a platform's or a
guide's folder.

A platform id becomes the folder /<id>/ and a procedure file the folder /<platform>/<slug>/,
so neither may be one of these names: the generated page would replace, or be replaced by,
something the site needs (`make check` refuses it as SC031; hand-written pages in docs/ are
SC032). A later feature that writes a new output (a feed, a translation folder, a file in each
guide's folder, ...) must add its name here in the same change: tests/test_hostile_refused.py
builds the site and fails on any name it writes that is neither here nor in docs/.
"""

from __future__ import annotations

import re

GENERATED = frozenset({
    # the top of the site (MkDocs, Material and our hooks)
    "index.html", "404.html", "search", "assets", "schema", "sitemap.xml", "sitemap.xml.gz", "robots.txt",
    # inside each platform's and each guide's folder
    "index",
    # planned outputs: the JSON API, the Chinese translation, the change feed, the glossary
    # page, and each guide's checklist as Markdown and CSV and its toolbox's controls
    "api", "zh", "changes.atom", "glossary", "checklist.md", "checklist.csv", "toolbox.html",
})


#: Names the build writes for any number: a platform's further pages of guides (page-2/, ...).
NUMBERED = re.compile(r"page-[0-9]+")


def is_reserved(name: str) -> bool:
    """True for a name in GENERATED, the part of one before its first dot ('sitemap' for
    sitemap.xml: /sitemap/ beside /sitemap.xml would only confuse), or a NUMBERED name."""
    name = name.lower()
    return name in GENERATED or any(name == full.split(".", 1)[0] for full in GENERATED) \
        or NUMBERED.fullmatch(name) is not None
