"""The build's speed-ups change nothing a reader gets: with them and without them, every
file of the site is byte for byte the same.

- macros/engine/fast_markdown.py: Markdown skips the macros' HTML blocks;
- macros/engine/nav_cache.py (with overrides/partials/nav-item.html): each navigation
  link is rendered once per build;
- macros/engine/search_worker.py: search parses the pages in a second process (only in a
  `mkdocs build` process without threads, so the build with the speed-ups is a real
  `mkdocs build` command; the one without them runs in this process, as `make build` would);
- macros/site/forked.py (used by macros/engine/mkdocs_pages.py): the generated pages are
  rendered in two processes (in a `mkdocs build` process without threads, as for search).

It builds a copy of the project with 12 generated procedures, three on each of four platforms, so
the navigation has sections of several guides to reuse (every kind of generated page is there:
home, platform pages, guides, their exports).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic

PLAIN = {"SELLER_CHECKLISTS_PLAIN_MARKDOWN": "1", "SELLER_CHECKLISTS_PLAIN_NAV": "1",
         "SELLER_CHECKLISTS_PLAIN_SEARCH": "1", "SELLER_CHECKLISTS_PLAIN_RENDER": "1"}
PROCEDURES, PLATFORMS = 12, 4


def _build(project: Path, site: Path, config: str = "mkdocs.yml") -> str:
    """`mkdocs build --strict` with the speed-ups, none of the project's switches set: its log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELLER_CHECKLISTS_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    run = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--verbose",
                          "--config-file", config, "--site-dir", str(site)], cwd=project, env=env, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout + run.stderr


def _build_plain(project: Path, site: Path, config: str = "mkdocs.yml") -> None:
    """The same strict build without the speed-ups (PLAIN) and with no other switch set, here."""
    with pytest.MonkeyPatch.context() as env:
        for name in [k for k in os.environ if k.startswith("SELLER_CHECKLISTS_")]:
            env.delenv(name)  # as for the command above (SELLER_CHECKLISTS_TODAY too: both decide by today)
        for name, value in PLAIN.items():
            env.setenv(name, value)
        build_site(site, None, project / config)  # None: the config's site_url, as for the command


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.zh.yml"])
def test_the_speedups_leave_every_file_of_the_site_byte_identical(tmp_path, config):
    """Both editions: the Chinese one's search index is segmented by jieba, in the worker."""
    project = tmp_path / "project"
    for name in ("docs", "overrides", "macros", "schema"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", project)
    shutil.copy2(ROOT / "mkdocs.zh.yml", project)
    procedures = synthetic.write_data(project, PROCEDURES, platforms=PLATFORMS)
    if config == "mkdocs.zh.yml":
        synthetic.write_translations(project, procedures, PLATFORMS)

    fast_log = _build(project, tmp_path / "fast", config)
    _build_plain(project, tmp_path / "plain", config)

    # the speed-ups did run (a test that compared two plain builds would prove nothing)
    parsed = re.search(r"search worker: (\d+) of (\d+) pages parsed in the second process, (\d+) taken back",
                       fast_log)
    assert parsed, fast_log[-2000:]
    in_worker, pages, taken_back = map(int, parsed.groups())
    assert in_worker > 0 and in_worker + taken_back == pages > PROCEDURES
    rendered = re.search(r"pages: (\d+) generated pages rendered in (\d+) process", fast_log)
    assert rendered and int(rendered.group(1)) > PROCEDURES and rendered.group(2) == "2", fast_log[-2000:]
    reused = re.search(r"nav cache: (\d+) navigation items rendered, (\d+) reused", fast_log)
    assert reused and int(reused.group(2)) > 100, fast_log[-2000:]  # 129 of 184 for these 12 guides

    fast_files = sorted(p.relative_to(tmp_path / "fast") for p in (tmp_path / "fast").rglob("*") if p.is_file())
    plain_files = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*") if p.is_file())
    assert fast_files == plain_files
    different = [str(f) for f in fast_files
                 if (tmp_path / "fast" / f).read_bytes() != (tmp_path / "plain" / f).read_bytes()]
    assert different == []
    assert len(fast_files) > 60
    if config == "mkdocs.zh.yml":  # the index holds segmented Chinese: what the worker now does
        index = json.loads((tmp_path / "fast" / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert sum("\u200b" in doc["text"] for doc in index["docs"]) > PROCEDURES


def test_the_nav_item_override_is_materials_own_file_plus_the_cache_call():
    """overrides/partials/nav-item.html is a copy of the installed Material's; after a
    Material upgrade this fails until the copy is refreshed (see the file's first lines)."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "nav-item.html").read_text()
    ours = (ROOT / "overrides" / "partials" / "nav-item.html").read_text()
    body = ours.split("-#}\n", 1)[1]  # after our opening comment
    body = body[: body.index("{% macro render(nav_item, path, level, parent) -%}")]
    want = theirs.split("-#}\n", 1)[1].replace("{% macro render(nav_item, path, level, parent) %}",
                                               "{% macro render_uncached(nav_item, path, level, parent) %}")
    assert body == want


#: Run in a process of its own (a pytest worker has threads, beside which nothing forks): 40
#: pages go to the search worker at once, so it is behind when they are all sent, and the main
#: process takes pages back from the end; every page's entries (Chinese text segmented, on
#: either side) must be what Material's own parse gives, in order.
_TAKE_BACK = r"""
import json, sys, time
from types import SimpleNamespace
from material.plugins.search import plugin as search_plugin
from macros.engine import search_worker

made = []
index = SimpleNamespace(create_entry_for_section=lambda section, toc, url, page: made.append(
    (url, "".join(section.title), "".join(section.text))))
search_plugin.jieba.initialize()  # its dictionary loaded once, before the fork (as in a build, by the first page)
worker = search_worker._Worker(index)
pages = []
for n in range(40):
    html = "".join(f"<h2 id='s{k}'>Part {k} of page {n}</h2><p>{'words of the page ' * 200}关闭卖家账户之前，第{n}页</p>"
                   for k in range(20))
    page = SimpleNamespace(meta={"title": f"Page {n}"}, title=f"Page {n}", content=html, toc=None, url=f"p{n}/",
                           file=SimpleNamespace(src_uri=f"p{n}.md"))
    pages.append(page)
    worker.send(page, html)
for page in pages:
    worker.add_entry_from_context(page)
while worker.claim[1] < 0:  # the worker has begun the first page (a loaded host may start it late)
    time.sleep(0.005)
worker.finish()
worker.stop()
want = [(page.url, "".join(s.title), "".join(s.text))
        for page in pages for s in search_worker._sections(page.content, page.title, search_worker.segment_chinese)]
assert worker.segment is search_worker.segment_chinese  # jieba is installed: both sides segment
print(json.dumps({"taken_back": len(worker.taken_back), "same": made == want, "entries": len(made)}))
"""


def test_the_main_process_takes_pages_back_from_a_worker_that_is_behind_and_the_entries_are_the_same():
    run = subprocess.run([sys.executable, "-c", _TAKE_BACK], cwd=ROOT, capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    assert found["same"] and found["entries"] >= 40 * 20
    assert 0 < found["taken_back"] < 40  # both parsed some: they met in the middle


_CHILD_DIES = r"""
import os
from concurrent.futures.process import BrokenProcessPool
from macros.site import forked

jobs = [lambda: "page"] * 19 + [lambda: os._exit(9)]  # the last page's process is killed
try:
    forked.run_all(jobs, workers=2)
    print("returned")
except BrokenProcessPool:
    print("failed")
"""


def test_a_killed_render_process_fails_the_build_and_never_hangs_it():
    run = subprocess.run([sys.executable, "-c", _CHILD_DIES], cwd=ROOT, capture_output=True, text=True,
                         check=False, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.stdout.strip() == "failed", run.stderr[-2000:]
