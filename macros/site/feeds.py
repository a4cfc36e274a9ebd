"""Atom feeds of what changed: /changes.atom for the site, /<platform>/<slug>/changes.atom per
guide. Written by our own code through a real XML writer (xml.etree), so contributor text is
always character data; characters XML 1.0 cannot carry are dropped.

A guide with no `changes` has one entry: its last review. Entry ids are tag URIs on the
project's own name, so they stay the same whatever address the site is served from.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ..data.load import Catalogue, Entry
from .changes import what_changed

ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Seller Checklists"
TAG = "tag:seller-checklists.github.io,2026:"
#: The site's feed keeps the newest entries only (a reader polls it; each guide has its own).
SITE_FEED_ENTRIES = 100

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", str(value))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _base(site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" if site_url else "/"


def _child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def guide_entries(entry: Entry, site_url: str | None) -> list[dict]:
    """The feed entries of one guide, newest first: its changes, or else its last review."""
    page = f"{_base(site_url)}{entry.key}/"
    title = " ".join(entry.procedure.title.split())
    found = []
    for change in what_changed(entry):
        about = "; ".join(item_title for _id, item_title, _anchor in change.items)
        found.append({"id": f"{TAG}{entry.key}/changes/{change.date.isoformat()}/{change.number}",
                      "day": change.date, "title": f"{title}: {change.summary}", "link": page,
                      "summary": change.summary + (f" About: {about}." if about else "")})
    if not found:
        reviewed = entry.procedure.last_reviewed
        found.append({"id": f"{TAG}{entry.key}/reviewed/{reviewed.isoformat()}", "day": reviewed,
                      "title": f"{title}: reviewed against its sources", "link": page,
                      "summary": f"A person checked the whole guide against its sources on {reviewed.isoformat()}."})
    return found


def atom(feed_id: str, title: str, self_url: str, page_url: str, entries: list[dict]) -> str:
    """An Atom 1.0 document (RFC 4287) of `entries` (dicts from guide_entries)."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    _child(feed, "id", feed_id)
    _child(feed, "title", title, type="text")
    _child(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _child(feed, "link", rel="alternate", type="text/html", href=page_url)
    newest = max((e["day"] for e in entries), default=dt.date(2026, 1, 1))
    _child(feed, "updated", _stamp(newest))
    _child(_child(feed, "author"), "name", SITE_NAME)
    for item in entries:
        element = _child(feed, "entry")
        _child(element, "id", item["id"])
        _child(element, "title", item["title"], type="text")
        _child(element, "link", rel="alternate", type="text/html", href=item["link"])
        _child(element, "updated", _stamp(item["day"]))
        _child(element, "summary", item["summary"], type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def guide_feed(entry: Entry, site_url: str | None) -> str:
    page = f"{_base(site_url)}{entry.key}/"
    title = " ".join(entry.procedure.title.split())
    return atom(f"{TAG}{entry.key}/changes", f"{SITE_NAME}: {title}: what changed", f"{page}changes.atom", page,
                guide_entries(entry, site_url))


def site_feed(catalogue: Catalogue, site_url: str | None) -> str:
    entries = [item for entry in catalogue.entries.values() for item in guide_entries(entry, site_url)]
    entries.sort(key=lambda item: item["day"], reverse=True)  # stable: each guide's own order within a day
    base = _base(site_url)
    return atom(f"{TAG}changes", f"{SITE_NAME}: what changed", f"{base}changes.atom", base,
                entries[:SITE_FEED_ENTRIES])
