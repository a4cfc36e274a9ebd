"""`make serve` at scale: a rebuild after an edit writes only the pages the edit changed, and the
site it serves is the one a fresh build of the edited data makes (macros/site/previews.py,
macros/engine/fast_previews.py). Builds run as `mkdocs serve --dirty` runs them
(tests/serving.py), in a process of their own: serving sets flags for the whole process.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GUIDE = "data/procedures/amazon/pause-selling.yml"
GUIDE_PAGE = "amazon/pause-selling/index.html"
OTHER_PAGE = "ebay/close-account/index.html"  # a guide the edits do not touch
OLD_TITLE = "Pause selling on Amazon with vacation settings"
SUMMARY = ("summary: >-\n  Make the listings", "summary: >-\n  Edited while serving. Make the listings")
TITLE = (f"title: {OLD_TITLE}", "title: Pause selling on Amazon while you are away")


def _copy(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("data", "docs", "macros", "overrides", "schema"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _edit(project: Path, old: str, new: str) -> None:
    path = project / GUIDE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Project A served: its first build, a rebuild after a summary edit, one after a title edit;
    project B, the data after A's first edit, served from scratch. (projects, file times)"""
    base = tmp_path_factory.mktemp("previews")
    a, b = _copy(base / "a"), _copy(base / "b")
    _edit(b, *SUMMARY)
    request = base / "request.json"
    request.write_text(json.dumps({"runs": [
        {"project": str(a), "site": str(base / "site-a"), "edits": [[GUIDE, *SUMMARY], [GUIDE, *TITLE]]},
        {"project": str(b), "site": str(base / "site-b"), "edits": []}]}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELLER_CHECKLISTS_")}
    env.update(NO_MKDOCS_2_WARNING="1", SELLER_CHECKLISTS_TODAY="2026-12-07", PYTHONPATH=str(ROOT / "tests"))
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "serving.py"), str(request)], env=env,
                         capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return base, json.loads(run.stdout)


def test_a_rebuild_after_an_edit_writes_the_edited_guide_and_leaves_the_other_guides(served):
    _base, ((first, after_summary, _after_title), _b) = served
    assert after_summary[GUIDE_PAGE] != first[GUIDE_PAGE]
    assert after_summary[OTHER_PAGE] == first[OTHER_PAGE]
    guides_left = [p for p in first if p.endswith("/index.html") and p.count("/") == 2 and p != GUIDE_PAGE
                   and after_summary[p] == first[p]]
    assert len(guides_left) >= 10  # every other guide page is as the first build wrote it


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_site_served_after_an_edit_is_the_site_a_fresh_serve_of_the_edited_data_makes(served):
    """Project A after its first edit, against B (the same data, served from scratch): every
    file the same, navigation titles included (MkDocs takes those only from pages it builds);
    the search index holds the same entries (a rebuild adds the edited page's at the end)."""
    base, _times = served
    a_site, b_site = base / "site-a.1", base / "site-b.0"
    a, b = _site_files(a_site), _site_files(b_site)
    assert sorted(a) == sorted(b)
    index = "search/search_index.json"
    entries = [sorted(json.dumps(e, sort_keys=True) for e in json.loads(files[index])["docs"]) for files in (a, b)]
    assert entries[0] == entries[1]
    differing = [name for name in a if name != index and a[name] != b[name]]
    assert differing == []


def test_a_title_edit_rebuilds_every_page_so_no_page_keeps_the_old_title(served):
    base, ((_first, after_summary, after_title), _b) = served
    pages = [p for p in after_title if p.endswith(".html")]
    assert [p for p in pages if after_title[p] == after_summary[p] and p != "404.html"] == []
    still_old = [p for p in pages if html.escape(OLD_TITLE) in (base / "site-a.2" / p).read_text(encoding="utf-8")]
    assert still_old == []
    carried_it = [p for p in pages if html.escape(OLD_TITLE)
                  in (base / "site-a.1" / p).read_text(encoding="utf-8")]
    assert len(carried_it) > 3  # the title was in other pages' navigation: the test can fail
