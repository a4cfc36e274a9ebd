"""Which procedures the browser tests drive.

The HTML tests check every procedure. The browser tests drive the page's script, which is
the same on every page; what differs is the content it meets. So they run on the fewest
procedures that between them hold every kind of content the templates can render (a
permanent step, substeps, waits, money, troubleshooting, conflicts, ...): a new procedure
adds browser time only when it brings something no sampled one has.
SELLER_CHECKLISTS_BROWSER_ALL=1 runs them on every procedure.
"""

from __future__ import annotations

import os

from pydantic import BaseModel


def features(procedure: BaseModel) -> set[str]:
    """Every field that holds something, by its path ('steps.substeps', 'waits.duration'),
    and every yes/no that is true: what the page will have to show."""
    found: set[str] = set()

    def walk(value, path: str) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                child = getattr(value, name)
                if child is None or child is False or child in ("", []):
                    continue
                found.add(path + name)
                walk(child, f"{path}{name}.")
        elif isinstance(value, list):
            for item in value:
                walk(item, path)

    walk(procedure, "")
    return found


def representative(procedures: dict[str, BaseModel]) -> list[str]:
    """The keys of a small set of procedures that together have every feature any of them has
    (greedy set cover, in catalogue order on ties), in catalogue order."""
    if os.environ.get("SELLER_CHECKLISTS_BROWSER_ALL") == "1":
        return list(procedures)
    has = {key: features(p) for key, p in procedures.items()}
    left = set().union(*has.values()) if has else set()
    order = list(procedures)
    chosen: list[str] = []
    while left:
        best = max(order, key=lambda k: (len(has[k] & left), -order.index(k)))
        chosen.append(best)
        left -= has[best]
    return sorted(chosen, key=order.index)
