"""Browser fixtures: one Debian Chromium for the whole session (fast), a fresh context per
test (empty storage, so tests cannot leak ticks into each other), and `Checklist`, which
reads and drives a procedure page the way a seller does: clicks, keys, dialogs.

A missing browser or PDF tool is a failure, never a skip: the checks would silently vanish.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, SEARCH_COOKIE, Site
from playwright.sync_api import Page, sync_playwright
from sampling import lead, representative, representative_platforms

from macros.data.load import Entry
from macros.site.language import item_revision
from macros.site.pages import get_catalogue

CHROMIUM = Path("/usr/bin/chromium")
# No update checks, sync or first-run pings: the only traffic is to the test server. Tabs in
# the background run at full speed (tests drive two tabs side by side; throttled timers and
# animation frames there only cost waiting).
FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
         "--disable-backgrounding-occluded-windows"]
CATALOGUE = get_catalogue(ROOT)
#: The procedures the per-procedure browser tests drive (tests/sampling.py says which and why).
KEYS = representative(CATALOGUE)
#: The one of them that tests of behaviour the same on every page drive (tests/sampling.py).
LEAD = lead(CATALOGUE, KEYS)
#: The platform pages the accessibility walk runs axe on.
PLATFORM_KEYS = representative_platforms(CATALOGUE)


def built_page(site, url: str) -> str:
    """The page at `url` as built, for a route handler to change and fulfill: read from the site's
    folder, never fetched inside the handler (a run once waited 4 minutes in a test whose handler
    fetched, until the stuck guard stopped it)."""
    return site.html(urlsplit(url).path.removeprefix(urlsplit(site.url).path))


def _missing(what: str, package: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing on this CI machine: .ci/run must install it (apt-get install {package})",
                    pytrace=False)
    pytest.fail(f"{what} is missing: install it with: sudo apt-get install {package}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    """Chromium. Its contexts get the search index without pages and a search worker that does
    nothing (tests/conftest.py, _search_without_pages), unless made with
    `browser.new_context(search=True)`, which sends the cookie for the real ones."""
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM), "chromium")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        new_context = chromium.new_context

        def context_without_search(*args, search: bool = False, **kwargs):
            ctx = new_context(*args, **kwargs)
            if search:  # cookies are per host, whatever the port: every test server sees it
                name, value = SEARCH_COOKIE.split("=")
                ctx.add_cookies([{"name": name, "value": value, "domain": "127.0.0.1", "path": "/"}])
            return ctx

        chromium.new_context = context_without_search
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        _missing("pdftotext", "poppler-utils")
    return path


@pytest.fixture(scope="session")
def shared_page(browser):
    """One tab for the behaviour tests: a new context per test costs more than the test (a
    load in a fresh context about 1.05 CPU-s, in a warm one 0.5). The `page` fixture puts back
    its storage, media and viewport after each test."""
    ctx = browser.new_context()
    yield ctx.new_page()
    ctx.close()


#: The shared tabs' viewport (Playwright's default): a test that changes it has it back after.
VIEWPORT = {"width": 1280, "height": 720}


@pytest.fixture(scope="session")
def no_script(browser):
    """One tab with JavaScript off for every test of the page without scripts: a fresh
    context costs about 0.55 CPU-s more than a load in a warm one, and with scripts off
    nothing a test does outlives the next load. A test that changes its viewport or media
    sets them back."""
    ctx = browser.new_context(java_script_enabled=False)
    yield ctx.new_page()
    ctx.close()


#: The phone the phone tests use: a 375 px wide screen, touch, a mobile browser.
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def phone_tab(browser):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield ctx.new_page()
    ctx.close()


def _empty_storage(tab: Page, site) -> None:
    """This site's storage emptied in a shared tab, wherever the last test left it: a tab on
    another server (the Chinese edition's, the hostile site's) still holds this site's storage,
    which the next test would otherwise find (robots.txt: a page of the site with no script)."""
    if not tab.url.startswith(site.url):
        tab.goto(site.url + "robots.txt")
    tab.evaluate("localStorage.clear()")


@pytest.fixture
def phone(phone_tab, site):
    """One phone tab for every phone test (a fresh one costs a cold load), with this site's
    storage emptied; each test loads its guide afresh."""
    _empty_storage(phone_tab, site)
    return phone_tab


@pytest.fixture
def context(browser):
    """A context of its own, for a test that changes how the browser behaves."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(request, site) -> Page:
    """The shared tab with this site's storage emptied; fails its test if a script throws.
    A test that asks for `context` gets a tab in that context instead."""
    if "context" in request.fixturenames:
        page = request.getfixturevalue("context").new_page()
    else:
        page = request.getfixturevalue("shared_page")
        _empty_storage(page, site)
    errors: list[str] = []
    record = lambda err: errors.append(f"{err.message}\n{err.stack}")
    page.on("pageerror", record)
    yield page
    page.remove_listener("pageerror", record)
    if "context" not in request.fixturenames:  # the shared tab as the next test expects it
        page.emulate_media(media="null", color_scheme="light")
        if page.viewport_size != VIEWPORT:
            page.set_viewport_size(VIEWPORT)
    if "material_may_throw" in request.fixturenames:
        errors = [e for e in errors if "checklists.js" in e]
    assert errors == [], f"uncaught script errors: {errors}"


@pytest.fixture
def material_may_throw():
    """Asked for by a test in which Material's own scripts throw (no storage at all): only
    errors from the checklist script then fail it."""


@dataclass
class Checklist:
    """One procedure's page in a browser page, read and driven through the DOM a seller uses."""

    page: Page
    site: Site
    entry: Entry

    @property
    def url(self) -> str:
        return self.site.url + self.entry.key + "/"

    @property
    def key(self) -> str:
        """Where the page stores its state (the site is served at the root path '/')."""
        return f"seller-checklists:v1:/:{self.entry.procedure.id}"

    @property
    def items(self):
        return self.entry.procedure.checkable_items()

    def ids(self, section: str | None = None) -> list[str]:
        return [item.id for sec, item in self.items if section in (None, sec)]

    def title(self, item_id: str) -> str:
        return next(item.title for _s, item in self.items if item.id == item_id)

    def rev(self, item_id: str) -> str:
        return item_revision(self.title(item_id))

    def plain_item(self, section: str = "steps", skip: int = 0) -> str:
        """An item of `section` that is not the permanent step (ticking that one asks first).
        A procedure with too few such items fails the test with its file named, not an IndexError."""
        plain = [i for i in self.ids(section) if i not in self.permanent()]
        if len(plain) <= skip:
            pytest.fail(f"{self.entry.source_file}: this browser test needs {skip + 1} item(s) in '{section}' "
                        f"that are not the permanent step, and the guide has {len(plain)}; the sample "
                        "(tests/sampling.py) should not have picked it: say so in an issue", pytrace=False)
        return plain[skip]

    def permanent(self) -> list[str]:
        return [s.id for s in self.entry.procedure.steps if s.irreversible]

    def open(self) -> Checklist:
        self.page.goto(self.url, wait_until="commit")
        self.page.wait_for_selector(".sc-tools")
        return self

    def reload(self) -> None:
        self.page.reload(wait_until="commit")
        self.page.wait_for_selector(".sc-tools")

    def tick(self, item_id: str) -> None:
        """Click the item's own text, as a seller would."""
        self.page.locator(f"#item-{item_id} > label .sc-item__title").click()

    def toggle_na(self, item_id: str) -> None:
        self.page.locator(f"#item-{item_id} > .sc-na-toggle").click()

    def states(self) -> dict[str, str]:
        """Every item's state as shown: 'done', 'na' or ''."""
        return self.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.sc-check')].map(b =>
            [b.dataset.item, b.checked ? 'done' : b.closest('li').classList.contains('sc-na') ? 'na' : '']))""")

    def expect(self, states: dict[str, str] | None = None) -> dict[str, str]:
        """Every item's state when only the items in `states` are set."""
        return {i: (states or {}).get(i, "") for i in self.ids()}

    def progress(self) -> dict[str, tuple[int, int]]:
        """Each progress line as (done, total), read from its text and checked against its bar."""
        rows = self.page.evaluate("""() => [...document.querySelectorAll('.sc-progress')].map(l =>
            [l.dataset.scope, l.textContent, l.querySelector('progress').value, l.querySelector('progress').max])""")
        out = {}
        for scope, text, value, maximum in rows:
            done, total = (int(n) for n in text.split(": ")[1].removesuffix(" done").split(" of "))
            assert (value, maximum) == ((done, total) if total else (1, 1)), (scope, text, value, maximum)
            out[scope] = (done, total)
        return out

    def live(self) -> str:
        return self.page.locator(".sc-live[aria-live=polite]").text_content()

    def stored(self):
        raw = self.page.evaluate("k => localStorage.getItem(k)", self.key)
        return None if raw is None else json.loads(raw)

    def store(self, value: str) -> None:
        """Put a raw value in this procedure's slot, then load the page again."""
        self.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [self.key, value])
        self.reload()


@pytest.fixture
def checklist(page, site):
    """checklist(key) -> an unopened Checklist for that procedure on the shared page."""
    return lambda key: Checklist(page, site, CATALOGUE.entries[key])


#: The guides' reading sections are laid out only when scrolled near (content-visibility: auto in
#: checklists.css). axe cannot see the colours of a section not laid out and reports its text as
#: failing contrast (dequelabs/axe-core#2768, open), so before axe runs every section is laid
#: out as it is once the reader scrolls there: same colours, same sizes.
LAY_OUT_EVERYTHING = """() => { if (document.getElementById('sc-test-laid-out')) return;
  const s = document.createElement('style'); s.id = 'sc-test-laid-out';
  s.textContent = '* { content-visibility: visible !important; }'; document.head.append(s); }"""


def lay_out_everything(page) -> None:
    """Every part of the page laid out, as the reader sees each part once scrolled to it."""
    page.evaluate(LAY_OUT_EVERYTHING)
