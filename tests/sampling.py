"""Which procedures and platforms the browser tests drive.

The HTML tests check every page. The browser tests drive the page's script and styles, which
are the same on every page; what differs is which kinds of element the page holds (a
permanent step, substeps, either/or steps, waits, money, troubleshooting, conflicts, ...).
So they run on the fewest pages that between them carry every class name and every control
(`data-act`) that any page of that kind carries, as the project's own renderer writes them:
a new procedure adds browser time only when its page has an element no sampled page has.
The procedure with the most checklist items is among them, because printing is where length
counts; of samples equally small, the one with the fewest items to drive.
A test of behaviour that is the same on every page (counting, saving, the question before a
permanent step) runs on one of them, the lead: the sampled guide with a permanent step and the
most kinds of element. Tests whose result depends on what a page holds (every box reachable on a
phone, nothing dead without JavaScript, every item printed, accessibility) run on the whole sample.
SELLER_CHECKLISTS_BROWSER_ALL=1 runs them all on every procedure.
"""

from __future__ import annotations

import itertools
import math
import os
import re

from macros.site.render import render_platform, render_procedure

_CLASSES = re.compile(r'\sclass="([^"]*)"')
_CONTROLS = re.compile(r'\sdata-act="([^"]*)"')


def kinds_of_element(html: str) -> set[str]:
    """The class names and the controls (as 'act:<name>') in a page's HTML."""
    found = {name for value in _CLASSES.findall(html) for name in value.split()}
    return found | {"act:" + name for name in _CONTROLS.findall(html)}


#: Past this many candidate sets of one size, cover() stops looking for the smallest and keeps
#: the greedy one (a catalogue of hundreds of guides; about 0.1 s per 10,000 sets).
EXACT_LIMIT = 20_000


def cover(pages: dict[str, set[str]], weight: dict[str, int] | None = None,
          one_of: set[str] | None = None) -> list[str]:
    """The keys of the fewest pages that together have every kind of element any of them has,
    in the given order. With `one_of`, the cover also holds one of those keys. Of covers equally
    small, the one of least total `weight` (a page's cost to drive), then the earliest in the
    given order. Exact while the candidate sets are few (EXACT_LIMIT); greedy beyond (in the
    given order on ties): a greedy cover of the real guides drove 4 guides where 3 do."""
    order = list(pages)
    every = set().union(*pages.values()) if pages else set()
    left = set(every)
    greedy: list[str] = []
    while left:
        best = max(order, key=lambda k: (len(pages[k] & left), -order.index(k)))
        greedy.append(best)
        left -= pages[best]
    if one_of and not one_of & set(greedy):
        greedy.append(min(one_of, key=order.index))
    cost = lambda keys: (sum((weight or {}).get(k, 0) for k in keys), [order.index(k) for k in keys])
    for size in range(1, len(greedy)):
        if math.comb(len(order), size) > EXACT_LIMIT:
            break
        found = [keys for keys in itertools.combinations(order, size)
                 if (not one_of or one_of & set(keys)) and set().union(*(pages[k] for k in keys)) == every]
        if found:
            return list(min(found, key=cost))
    return sorted(greedy, key=order.index)


_ELEMENTS: dict[int, tuple[object, dict[str, set[str]]]] = {}


def procedure_elements(catalogue) -> dict[str, set[str]]:
    """Each guide's kinds of element, rendered once per catalogue (collection renders every guide)."""
    if id(catalogue) not in _ELEMENTS:
        _ELEMENTS[id(catalogue)] = (catalogue, {key: kinds_of_element(render_procedure(entry, glossary=catalogue.glossary))
                                                for key, entry in catalogue.entries.items()})
    return _ELEMENTS[id(catalogue)][1]


def representative(catalogue) -> list[str]:
    """The procedures the per-procedure browser tests run on, in catalogue order."""
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return list(catalogue.entries)
    items = {key: len(entry.procedure.checkable_items()) for key, entry in catalogue.entries.items()}
    longest = {key for key, n in items.items() if n == max(items.values())}
    chosen = set(cover(procedure_elements(catalogue), weight=items, one_of=longest))
    return [key for key in catalogue.entries if key in chosen]


def representative_platforms(catalogue) -> list[str]:
    """The platform pages the browser walks with axe: those that carry every kind of element."""
    platforms = [p.id for p in catalogue.platforms_in_use()]
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return platforms
    return cover({pid: kinds_of_element(render_platform(catalogue, pid)) for pid in platforms})


def lead(catalogue, sample: list[str]) -> list[str]:
    """The one sampled guide the tests of page-independent behaviour drive (every procedure
    under SELLER_CHECKLISTS_BROWSER_ALL=1): one with a permanent step, if any has one, and then
    the most kinds of element."""
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return list(sample)
    kinds = procedure_elements(catalogue)
    permanent = lambda k: any(s.irreversible for s in catalogue.entries[k].procedure.steps)
    return [max(sample, key=lambda k: (permanent(k), len(kinds[k]), -sample.index(k)))]


#: Text set on a 375 px phone: about this many Latin letters to a line, a Han character as two.
_LINE = 42
_HAN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def lowest_checklists(pages: dict[str, str], count: int) -> list[str]:
    """Of `pages` (address -> built HTML), the `count` whose checklist likely starts lowest on a
    phone, by the lines of visible text above it (a Han character as two Latin letters): what
    stands above the checklist differs by guide and language, and so does the height. All of
    them under SELLER_CHECKLISTS_BROWSER_ALL=1."""
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return list(pages)
    height = {address: _lines_above_checklist(html) for address, html in pages.items()}
    return sorted(pages, key=lambda address: -height[address])[:count]


def _lines_above_checklist(html: str) -> int:
    from bs4 import BeautifulSoup

    start = html.find("<article")
    soup = BeautifulSoup(html[start:html.find('class="sc-checklist', start)], "html.parser")
    for hidden in soup.select("script, noscript, .headerlink, .sc-print-meta, [hidden]"):
        hidden.decompose()
    lines = 0
    for block in soup.find_all(["h1", "h2", "p", "li"]):
        if block.find(["p", "li"]):  # its own blocks are counted
            continue
        text = " ".join(block.get_text(" ").split())
        lines += 1 + (len(text) + len(_HAN.findall(text))) // _LINE
    return lines
