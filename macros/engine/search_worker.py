"""MkDocs hook: Material's search plugin parses the pages' HTML in a second process.

Indexing parses every page with Python's HTMLParser: about a quarter of a build at 1,000
procedures, on the one core MkDocs uses; with jieba installed, Material also segments every
section's Chinese text with it (in the Chinese build, more than the parsing). During `mkdocs
build` each page's HTML goes, as soon as it is final (after the last on_page_content), to one
forked worker that runs Material's own Parser and segmentation on it (segmentation as Material
writes it, with each run of Han characters cut once: segment_chinese) while the main process
goes on with the next pages. Once every page is made, the main process parses, from the last
page back, those the worker has not begun, until the two meet (_Worker.take_back). When the
search plugin asks for a page's entries, they are
recorded in its order, and added before it writes the index, segmentation off since it is
done: search_index.json is byte-identical. A page whose HTML changed after it was sent is parsed
in-process instead, like Material does. `mkdocs serve`, a process already running threads
(forking beside them is unsafe) and SELLER_CHECKLISTS_PLAIN_SEARCH=1 index in-process as usual
(tests/test_build_speedups.py compares both). With jieba, the build segments with jieba's own
algorithm made faster (jieba_speedup.py), the same words.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from functools import lru_cache

from material.plugins.search import plugin as search_plugin
from material.plugins.search.plugin import Parser, SearchPlugin
from mkdocs.plugins import event_priority

from macros.engine import jieba_speedup

_state: dict = {"command": None, "worker": None}
log = logging.getLogger("mkdocs.hooks.search_worker")


def _sections(html: str, title: str, segment) -> list:
    """A page's sections as Material's SearchIndex.add_entry_from_context finds them, each with
    the title and text its create_entry_for_section computes (the page's title where a section
    has none; both stripped and segmented), so that method, run with segmentation off, makes
    the same entry."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    for section in parser.data:
        if not section.title:
            section.title = [title]
        title_text, text = "".join(section.title).strip(), "".join(section.text).strip()
        section.title, section.text = ([segment(title_text)], [segment(text)]) if segment else ([title_text], [text])
    return parser.data


def _parse_pages(inbox, outbox, segment, claim) -> None:
    """The worker: (number, html, title) in, (number, ok, sections or error) out, in the same
    order. `claim`: [the first number the main process took back, the last one this began]."""
    while (job := inbox.get()) is not None:
        number, html, title = job
        with claim.get_lock():
            if number >= claim[0]:
                continue  # the main process parses it (_Worker.take_back)
            claim[1] = number
        try:
            outbox.put((number, True, _sections(html, title, segment)))
        except Exception as err:  # noqa: BLE001 -- reported by the build: never a silently missing page
            outbox.put((number, False, repr(err)))


def _page_title(page) -> str:
    """What Material's create_entry_for_section titles a section that has no heading with."""
    return str(page.meta.get("title", page.title))


_HAN = search_plugin.bre.compile(r"(\p{script: Han}+)", search_plugin.bre.UNICODE)  # Material's own expression


@lru_cache(maxsize=1 << 16)
def _cut(run: str) -> str:
    """One run of Han characters as Material's _segment_chinese writes it: jieba's words,
    each followed and the run preceded by U+200B. jieba gives the same words for the same run
    every time, so a run seen before (a heading, a label, a phrase on many pages) is cut once."""
    return "\u200b" + "\u200b".join(jieba_speedup.cut_run(search_plugin.jieba.dt, run)) + "\u200b"


def segment_chinese(data: str) -> str:
    """Material's SearchIndex._segment_chinese, the same text byte for byte (the speed-ups test
    compares the index with Material's own), with each run's words remembered (_cut)."""
    return _HAN.sub(lambda match: _cut(match.group(0)), data).strip("\u200b")


class _Worker:
    def __init__(self, index):
        context = multiprocessing.get_context("fork")  # nothing pickled but the HTML and the results
        self.inbox, self.outbox = context.Queue(), context.Queue()  # a feeder thread: puts never wait
        #: Material's segmentation, when jieba is installed (its own test: `if jieba`)
        self.segment = segment_chinese if search_plugin.jieba else None
        self.claim = context.Array("q", [2 ** 62, -1])  # see _parse_pages
        self.process = context.Process(target=_parse_pages, args=(self.inbox, self.outbox, self.segment, self.claim),
                                       daemon=True)
        self.process.start()
        self.index = index
        self.sent: dict[int, int] = {}  # id(page) -> its number
        self.queued: list[tuple[str, str]] = []  # by number: (the HTML sent, the page's title)
        self.entries: list = []  # (page, number sent to the worker, or sections parsed here)
        self.results: dict[int, tuple] = {}
        self.taken_back: set[int] = set()

    def send(self, page, html: str) -> None:
        number = len(self.queued)
        self.sent[id(page)] = number
        self.queued.append((html, _page_title(page)))
        self.inbox.put((number, html, _page_title(page)))

    def add_entry_from_context(self, page) -> None:  # stands in for Material's method
        if (page.meta.get("search") or {}).get("exclude"):
            return
        number = self.sent.get(id(page))
        if number is None or self.queued[number][0] != page.content:
            self.entries.append((page, _sections(page.content, _page_title(page), self.segment)))  # not sent, or changed since
        else:
            self.entries.append((page, number))

    def _result(self, number: int, page) -> list:
        while number not in self.results:
            got, ok, sections = self.outbox.get()
            self.results[got] = (ok, sections)
        ok, sections = self.results.pop(number)
        if not ok:
            raise RuntimeError(f"search: indexing {page.file.src_uri} failed: {sections}")
        return sections

    def take_back(self) -> int:
        """Parse here, from the last page back, the pages the worker has not begun, until the
        two meet: the worker, which parses more slowly than pages are made (in the Chinese build
        it also segments them), had the main process waiting 12 s for it at 1,000 guides.
        Returns how many pages were taken back."""
        for number in range(len(self.queued) - 1, -1, -1):
            with self.claim.get_lock():
                if number <= self.claim[1]:
                    break
                self.claim[0] = number
            html, title = self.queued[number]
            try:
                self.results[number] = (True, _sections(html, title, self.segment))
            except Exception as err:  # noqa: BLE001 -- reported as the worker's would be
                self.results[number] = (False, repr(err))
            self.taken_back.add(number)
        return len(self.taken_back)

    def finish(self) -> None:
        """Add every page's entries, in the order the search plugin asked for them."""
        self.inbox.put(None)
        taken_back = self.take_back()  # while jieba is still Material's (segment_chinese needs it)
        in_worker = 0
        jieba, search_plugin.jieba = search_plugin.jieba, None  # every section is segmented already
        try:
            for page, sections in self.entries:
                if isinstance(sections, int):
                    in_worker += sections not in self.taken_back
                    sections = self._result(sections, page)
                for section in sections:
                    if not section.is_excluded():
                        self.index.create_entry_for_section(section, page.toc, page.url, page)
        finally:
            search_plugin.jieba = jieba
        log.debug("search worker: %d of %d pages parsed in the second process, %d taken back at the end",
                  in_worker, len(self.entries), taken_back)

    def stop(self) -> None:
        if self.process.is_alive():
            self.inbox.put(None)
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
        self.process.join()
        for queue in (self.inbox, self.outbox):
            queue.close()
            queue.cancel_join_thread()


def on_startup(command, dirty):
    _state["command"] = command


def _stop() -> None:
    worker, _state["worker"] = _state["worker"], None
    if worker is not None:
        worker.index.__dict__.pop("add_entry_from_context", None)  # back to the class's own method
        worker.stop()
        if search_plugin.jieba:
            jieba_speedup.restore(search_plugin.jieba.dt)


def on_pre_build(config):
    _stop()
    if (_state["command"] != "build" or threading.active_count() > 1
            or os.environ.get("SELLER_CHECKLISTS_PLAIN_SEARCH") == "1"):
        return
    search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    if search is None or not search.config.enabled:
        return
    if search_plugin.jieba:  # before the fork: the worker gets the dictionary loaded and the faster methods
        jieba_speedup.speed_up(search_plugin.jieba.dt)
    worker = _state["worker"] = _Worker(search.search_index)
    search.search_index.add_entry_from_context = worker.add_entry_from_context


@event_priority(-100)  # the last on_page_content: the page's HTML is final
def on_page_content(html, page, config, files):
    worker = _state["worker"]
    if worker is not None and not (page.meta.get("search") or {}).get("exclude"):
        worker.send(page, html)  # page.content is set from what this event returns


@event_priority(100)  # before the search plugin writes the index
def on_post_build(config):
    worker = _state["worker"]
    if worker is None:
        return
    try:
        worker.finish()
    finally:
        _stop()


def on_build_error(error):
    _stop()
