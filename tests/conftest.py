"""Shared fixtures: the real site, built once per test session with the project's own
mkdocs.yml into a temporary folder and served on 127.0.0.1 from a thread.

The build's site_url uses the server's port, because Material's instant navigation
compares ports (see stack notes). Tests parse that output with a real HTML parser.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from stuck_guard import pytest_configure, pytest_exception_interact, pytest_runtest_protocol  # noqa: F401 (hooks)

from macros.site.pages import get_catalogue

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _newest_review() -> str:
    """The newest last_reviewed in data/: the day every build in the tests decides by."""
    return max(entry.procedure.last_reviewed for entry in get_catalogue(ROOT).entries.values()).isoformat()


#: The day the built pages are decided for (the out-of-date notice: macros/site/tools.py). Pinned,
#: so the suite passes the same next year: unpinned, every guide's notice would come on 180 days
#: after its review and change pages the tests read. The tests of the notice give their own days.
os.environ.setdefault("SELLER_CHECKLISTS_TODAY", _newest_review())

#: The engine the tests build with: MkDocs, or ProperDocs under `make engines`
#: (SELLER_CHECKLISTS_ENGINE=properdocs): its import redirects every `mkdocs.*` import to
#: properdocs, so the same hooks, plugins and theme run on the fork.
ENGINE = os.environ.get("SELLER_CHECKLISTS_ENGINE", "mkdocs")
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401  (before anything imports mkdocs)
elif ENGINE != "mkdocs":
    raise pytest.UsageError(f"SELLER_CHECKLISTS_ENGINE={ENGINE!r}: use mkdocs or properdocs")


@pytest.fixture(autouse=True, scope="session")
def _own_check_cache(tmp_path_factory):
    """`make check` keeps results in the user's cache folder; tests (and the commands they
    run) use a folder of their own instead."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


def build_site(site_dir: Path, site_url: str, config_file: Path = ROOT / "mkdocs.yml") -> None:
    """The same strict build as `make build`, in-process. Raises SystemExit on any warning or macro error."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(config_file), site_dir=str(site_dir), site_url=site_url, strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def _size(soup: BeautifulSoup) -> int:
    return sum(1 for _ in soup.descendants)


#: The cookie a browser context sends to get the site's real search (tests/browser/conftest.py).
SEARCH_COOKIE = "sc-search=1"
#: Material's search worker as the browser tests that do not search get it: it hears the page's
#: messages and answers none, so the search box stays "initialising" and nothing fails.
IDLE_SEARCH_WORKER = b"self.onmessage = () => {};"
_INDEXES_WITHOUT_PAGES: dict[str, bytes] = {}


def _search_without_pages(path: str) -> bytes | None:
    """What a request without SEARCH_COOKIE gets instead of the file at `path`: the search index
    with its configuration but no pages, and a search worker that does nothing; None for any
    other file. Material's real worker loads lunr and indexes the whole site on every page load,
    about a third of the CPU a load costs here, and only the search tests need what it finds.
    Served here rather than by a Playwright route, which would hold up every request of the
    page in the browser (about 0.08 CPU-s a load)."""
    name = Path(path).name
    if name == "search_index.json" and Path(path).parent.name == "search":
        if path not in _INDEXES_WITHOUT_PAGES:
            index = json.loads(Path(path).read_text(encoding="utf-8"))
            _INDEXES_WITHOUT_PAGES[path] = json.dumps({**index, "docs": []}).encode()
        return _INDEXES_WITHOUT_PAGES[path]
    if name.startswith("search.") and name.endswith(".min.js") and Path(path).parent.name == "workers":
        return IDLE_SEARCH_WORKER
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site; without SEARCH_COOKIE, the search as _search_without_pages gives it."""

    def do_GET(self):
        path = self.translate_path(self.path)
        body = None if SEARCH_COOKIE in (self.headers.get("Cookie") or "") else _search_without_pages(path)
        if body is None or not os.path.isfile(path):
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a context with the cookie gets the real file
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output readable
        pass


@dataclass
class Site:
    """The built site on disk and the address it is served at."""

    root: Path
    url: str  # ends with '/'
    _parsed: dict[str, tuple[BeautifulSoup, int]] = field(default_factory=dict, repr=False)

    def html(self, page: str) -> str:
        """Raw HTML of a page given by its address relative to the site ('' is home)."""
        return (self.root / page / "index.html").read_text(encoding="utf-8")

    def soup(self, page: str) -> BeautifulSoup:
        """The page parsed once and shared by every test that reads it (a guide page takes
        40 ms to parse; the suite reads pages about 300 times): read it, never change it.
        A test that changes a page asks for `fresh_soup`. `unchanged()` proves it was kept."""
        if page not in self._parsed:
            soup = self.fresh_soup(page)
            self._parsed[page] = (soup, _size(soup))
        return self._parsed[page][0]

    def fresh_soup(self, page: str) -> BeautifulSoup:
        """The page parsed anew: the test may change it."""
        return BeautifulSoup(self.html(page), "lxml")

    def changed_pages(self) -> list[str]:
        """The shared parsed pages a test has changed (elements added or removed)."""
        return [page for page, (soup, size) in self._parsed.items() if _size(soup) != size]

    def pages(self) -> list[str]:
        """Every HTML page's address relative to the site root ('' for home), 404 excluded."""
        found = []
        for path in sorted(self.root.glob("**/index.html")):
            rel = path.parent.relative_to(self.root).as_posix()
            found.append("" if rel == "." else rel + "/")
        return found


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(root, url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    built = Site(root, url)
    yield built
    server.shutdown()
    server.server_close()
    assert built.changed_pages() == [], "a test changed a shared parsed page: give it site.fresh_soup()"


@dataclass
class Editions:
    """Both editions served from one address, as published: English at `url`, Chinese at
    `url + "zh/"` (`zh`). Served by a server of its own over a copy of the English build, so the
    `site` fixture's folder never holds the Chinese pages other tests would then count."""

    root: Path
    url: str
    en: Site
    zh: Site


@pytest.fixture(scope="session")
def site_zh(site, tmp_path_factory) -> Editions:
    """The Chinese edition, built once per session (mkdocs.zh.yml, the same strict build as
    `make build`), beside a copy of the English build of `site` (a few MB: cheaper than a build)."""
    import shutil

    root = tmp_path_factory.mktemp("editions") / "site"
    shutil.copytree(site.root, root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(root / "zh", url + "zh/", ROOT / "mkdocs.zh.yml")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    editions = Editions(root, url, Site(root, url), Site(root / "zh", url + "zh/"))
    yield editions
    server.shutdown()
    server.server_close()
    assert editions.en.changed_pages() + editions.zh.changed_pages() == [], \
        "a test changed a shared parsed page: give it fresh_soup()"


@dataclass
class HostileSites:
    """The hostile corpus (tests/hostile.py): its project copy, and the site built from it with
    the build's speed-ups (served at `url`) and without them (`plain`)."""

    project: Path
    root: Path
    plain: Path
    url: str


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory) -> HostileSites:
    """Built once for the HTML tests (tests/test_hostile_inert.py) and the browser tests
    (tests/browser/test_hostile_pages.py) alike: both are in the xdist group "hostile", so one
    worker runs them and builds the corpus once."""
    from hostile import build_hostile_site, hostile_project

    tmp = tmp_path_factory.mktemp("hostile")
    project, root, plain = hostile_project(tmp), tmp / "site", tmp / "site-plain"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_hostile_site(project, root, url)
    build_hostile_site(project, plain, url, plain=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield HostileSites(project, root, plain, url)
    server.shutdown()
    server.server_close()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    """`make test` runs `--dist loadgroup`: each test module is a group of its own (its module
    fixtures are made once), unless it names a shared group (as the two hostile modules do).
    A wrapper, so it runs before xdist's worker reads the marks, whatever order plain hooks run
    in. xdist 3.8 groups nothing on pytest 9.2 (pytest-xdist#1386), so pytest is pinned to 9.1;
    tests/test_repo_config.py proves the groups hold."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    return (yield)


@pytest.fixture(scope="session")
def catalogue():
    return get_catalogue(ROOT)


# The printed page counts (tests/browser/test_print.py) and the sizes of the project's own code
# (tests/test_budgets.py), recorded as test properties, which pytest-xdist carries from its
# workers, and shown at the end of the run.
_PRINTED: dict[str, int] = {}
_OWN_CODE: dict[str, tuple[int, int, int]] = {}


def pytest_runtest_logreport(report):
    if report.when == "call":
        for name, value in report.user_properties:
            if name.startswith("printed pages"):
                _PRINTED[name] = value
            elif name.startswith("own code: "):
                _OWN_CODE[name.removeprefix("own code: ")] = tuple(value)


def pytest_terminal_summary(terminalreporter):
    if _PRINTED:
        terminalreporter.section("printed checklists (pages)")
        for name, pages in sorted(_PRINTED.items()):
            terminalreporter.write_line(f"{name.removeprefix('printed pages: ')} {pages}")
    if _OWN_CODE:
        terminalreporter.section("own code on a procedure page (bytes; budget: 10,240 gzipped)")
        terminalreporter.write_line(f"{'':<40} {'as written':>10} {'minified':>9} {'gzipped':>8}")
        for name, (raw, minified, gzipped) in sorted(_OWN_CODE.items(), key=lambda i: i[0].startswith("total")):
            terminalreporter.write_line(f"{name:<40} {raw:>10} {minified:>9} {gzipped:>8}")
