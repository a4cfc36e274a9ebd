"""Hostile data files, tried as an attacker would (issue 9), are refused with file:line and a code.

One class per section: severities, one file one address, files read safely, text that shows
what it says, links that go where they say, limits. Files git cannot hold (links, FIFOs,
devices, unreadable or oversized files) are made here in tmp_path; the rest are fixtures in
fixtures/invalid/ (SC038-SC045), checked by test_validation.py. Each class has a
negative control: the valid fixture, or a near miss that passes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from test_validation import FIXTURES, ROOT, make_project

from macros import cli
from macros.data import addresses, urls
from macros.data.load import check_all, load_catalogue
from macros.data.model import ID_PATTERN
from macros.data.problems import DataError, Problem
from macros.data.yamlread import _dotted, read_yaml
from macros.site import pages, reserved

TODAY = dt.date(2026, 11, 22)
VALID = (FIXTURES / "valid" / "procedure.yml").read_text(encoding="utf-8")
PROC = "data/procedures/shopmart/close-account.yml"


def _project(tmp_path: Path, procedure: str = VALID, **extra: str | bytes) -> Path:
    files = {PROC: procedure.encode(), **{rel: c.encode() if isinstance(c, str) else c for rel, c in extra.items()}}
    return make_project(tmp_path, files)


def _problems(root: Path) -> list[Problem]:
    return sorted(check_all(root, TODAY)[2])


def _refused(root: Path, code: str, file: str, line: int = 1) -> Problem:
    """The one problem found is `code` at file:line, and the build refuses the data."""
    problems = _problems(root)
    assert [(p.code, p.file, p.line) for p in problems] == [(code, file, line)], "\n".join(map(str, problems))
    with pytest.raises(DataError):
        load_catalogue(root, today=TODAY)
    return problems[0]


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`make check` on `root`, in this process (an exception would fail the test: no traceback)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "check", "--no-cache", *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _with(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_valid_project_passes(tmp_path):
    """The negative control for every test below: the same project without the mistake."""
    assert _problems(_project(tmp_path)) == []


# ----------------------------------------------------------------------------- 1. severities

CUT = (FIXTURES / "invalid" / "SC041-cut-by-comment.yml").read_text(encoding="utf-8")


def test_a_warning_is_printed_but_fails_only_a_strict_check(tmp_path):
    root = _project(tmp_path, CUT)
    assert [p.code for p in _problems(root)] == ["SC041"] and load_catalogue(root)  # the build goes on
    plain, strict = _cli(root), _cli(root, "--strict")
    assert plain.returncode == 0 and f"{PROC}:19:" in plain.stdout and ": warning: SC041 " in plain.stdout
    assert strict.returncode == 1 and "SC041" in strict.stdout
    github, github_strict = _cli(root, "--format", "github"), _cli(root, "--format", "github", "--strict")
    assert github.returncode == 0 and github.stdout.startswith(f"::warning file={PROC},line=19,")
    assert github_strict.returncode == 1 and github_strict.stdout.startswith("::error file=")


def test_a_line_break_in_a_file_name_or_message_never_splits_an_annotation(tmp_path):
    root = _project(tmp_path, **{"data/procedures/shopmart/a\nb,c:d%.yml": VALID.replace("close-account", "x")})
    run = _cli(root, "--format", "github")
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and lines and all(line.startswith("::error file=") for line in lines), run.stdout
    assert any("file=data/procedures/shopmart/a%0Ab%2Cc%3Ad%25.yml," in line for line in lines)
    problem = Problem("x.yml", 1, 1, "SC041", "said\r\nmore 100%", "fix")
    assert problem.github_annotation().endswith("::SC041 said%0D%0Amore 100%25 (fix)")
    assert "\n" not in str(problem) and "\r" not in str(problem)


# ----------------------------------------------------------------------------- 2. one file, one address

STRAYS = [  # (where the stray file goes, relative to data/), each a copy of a valid file
    "procedures/shopmart/close-account.yaml", "procedures/shopmart/close-account.YML",
    "procedures/shopmart/close-account.ymml", "procedures/shopmart/close-account.yml.bak",
    "procedures/shopmart/.close-account.yml.swp", "procedures/shopmart/notes.txt",
    "procedures/shopmart/old/close-account.yml", "procedures/close-account.yml",
    "platforms/shopmart.yaml", "platforms/Shopmart.YML", "README.md", "glossary.yaml",
]


@pytest.mark.parametrize("stray", STRAYS)
def test_anything_under_data_that_is_not_a_yml_data_file_is_an_error_not_skipped(tmp_path, stray):
    root = _project(tmp_path, **{f"data/{stray}": VALID.replace("id: shopmart-close-account", "id: other")})
    reported = f"data/{stray}".removesuffix("/close-account.yml") if "/old/" in stray else f"data/{stray}"
    problem = _refused(root, "SC030", reported)
    assert problem.fix


@pytest.mark.parametrize("rel, line", [("data/procedures/shopmart/index.yml", 1),
                                       ("data/procedures/shopmart/page-2.yml", 1),
                                       ("data/procedures/shopmart/search.yml", 1)])
def test_a_procedure_file_named_like_something_the_build_writes_is_refused(tmp_path, rel, line):
    root = _project(tmp_path, **{rel: VALID.replace("id: shopmart-close-account", "id: shopmart-other")})
    assert "build writes" in _refused(root, "SC031", rel, line).message


def _platform_named(tmp_path: Path, pid: str, docs: dict[str, str] | None = None) -> Path:
    platform = (FIXTURES / "valid" / "platform.yml").read_text().replace("id: shopmart", f"id: {pid}")
    procedure = VALID.replace("platform: shopmart", f"platform: {pid}")
    root = make_project(tmp_path, {f"data/platforms/{pid}.yml": platform.encode(),
                                   f"data/procedures/{pid}/close-account.yml": procedure.encode(),
                                   **{rel: text.encode() for rel, text in (docs or {}).items()}})
    (root / "data/platforms/shopmart.yml").unlink()
    return root


def test_a_platform_id_the_build_or_docs_already_uses_is_refused(tmp_path):
    assert "/assets/" in _refused(_platform_named(tmp_path / "a", "assets"), "SC031", "data/platforms/assets.yml",
                                  2).message
    docs = {"docs/about.md": "# About\n"}
    problem = _refused(_platform_named(tmp_path / "b", "about", docs), "SC032", "data/platforms/about.yml", 2)
    assert "docs/about.md" in problem.message


def test_two_files_for_one_address_are_reported_before_the_build(tmp_path):
    root = _project(tmp_path, **{"data/procedures/shopmart/Close-Account.yml": VALID.replace("id: shopmart-", "id: x-")})
    found = [(p.code, p.file) for p in _problems(root)]
    assert ("SC032", "data/procedures/shopmart/close-account.yml") in found or \
        ("SC032", "data/procedures/shopmart/Close-Account.yml") in found, found


def _unregistered(site_root: Path, platforms: set[str], slugs: set[str]) -> list[str]:
    """Names the build wrote that neither docs/ nor macros/site/reserved.py accounts for."""
    docs = addresses.docs_names(ROOT)
    unknown = [p.name for p in site_root.iterdir() if p.name.lower() not in docs
               and not reserved.is_reserved(p.name) and p.name not in platforms]
    for platform in platforms:
        unknown += [f"{platform}/{p.name}" for p in (site_root / platform).iterdir()
                    if not reserved.is_reserved(p.name) and p.name not in slugs]
        for guide in (site_root / platform).iterdir():
            if guide.is_dir() and guide.name in slugs:
                unknown += [f"{platform}/{guide.name}/{p.name}" for p in guide.iterdir()
                            if not reserved.is_reserved(p.name)]
    return unknown


def test_the_registry_names_everything_the_build_writes(site, catalogue):
    platforms = {e.platform.id for e in catalogue.entries.values()}
    slugs = {e.slug for e in catalogue.entries.values()}
    assert _unregistered(site.root, platforms, slugs) == []
    (site.root / "wish" / "close-account" / "feed.xml").write_text("")  # negative control
    try:
        assert _unregistered(site.root, platforms, slugs) == ["wish/close-account/feed.xml"]
    finally:
        (site.root / "wish" / "close-account" / "feed.xml").unlink()


#: Every id in a page's article is fixed by a template, or an id from the data behind a prefix
#: (macros/site/inert.py): so no title and no item id can take another element's id.
FIXED_IDS = {"title", "sc-strings", "no-official-source", "consider-first", "money", "waiting-periods",
             "before-you-start", "steps", "after", "troubleshooting", "where-sources-disagree", "sources",
             "procedures", "official-links", "at-a-glance", "words-used-here", "platform-status",
             "platform-status-text", "no-official-source-text",
             # the seller tools (templates/_tools.html.j2)
             "review-notice", "toolbox", "sc-tool-strings", "tool-progress", "tool-log", "tool-dates",
             "tool-messages", "tool-forget", "what-changed"}
DATA_PREFIXES = ("item-", "details-", "source-", "money-", "problem-", "conflict-", "term-", "message-")


def _id_problems(ids: list[str]) -> list[str]:
    """Ids given twice, and ids that are neither fixed nor a prefixed id from the data."""
    twice = sorted({i for i in ids if ids.count(i) > 1})
    return twice + [i for i in ids if i not in FIXED_IDS and not (
        i.startswith(DATA_PREFIXES) and re.fullmatch(ID_PATTERN, i.split("-", 1)[1]))]


def _rendered_ids(entry) -> list[str]:
    import markdown
    from bs4 import BeautifulSoup
    from mkdocs.config import load_config

    from macros.site.render import render_procedure

    config = load_config(str(ROOT / "mkdocs.yml"))
    html = markdown.markdown(render_procedure(entry), extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)
    return [el["id"] for el in BeautifulSoup(html, "lxml").select("[id]")]


@pytest.mark.parametrize("title", ["Steps", "Source: Shopmart-Help", "Item steps", "__search", "SC strings",
                                   "Ｓｏｕｒｃｅｓ {: #sources }"])
def test_element_ids_cannot_clash_so_no_title_or_item_id_is_refused_for_one(tmp_path, title):
    """Made impossible, not refused: the H1 and the sections have fixed ids, and every id from
    the data has a prefix, so a title or item id that spells another element's id is harmless."""
    hostile = _with("title: Close your Shopmart seller account", f"title: {json.dumps(title)}")
    hostile = _with("  - id: export-orders", "  - id: steps", _with("  - id: request-closure",
                                                                    "  - id: source-shopmart-help", hostile))
    hostile = hostile.replace("id: shopmart-help", "id: before-you-start").replace("[shopmart-help]",
                                                                                   "[before-you-start]")
    root = _project(tmp_path, hostile)
    assert _problems(root) == []
    ids = _rendered_ids(load_catalogue(root, today=TODAY).entries["shopmart/close-account"])
    assert _id_problems(ids) == [] and ids[0] == "title", ids
    assert {"steps", "sources", "before-you-start", "item-steps", "item-source-shopmart-help",
            "source-before-you-start"} <= set(ids), ids


def test_every_id_on_a_built_page_is_fixed_or_prefixed(site, catalogue):
    pages_ = [key + "/" for key in catalogue.entries] + [p.id + "/" for p in catalogue.platforms_in_use()]
    for page in pages_:
        # "article [id]" as BeautifulSoup reads the page (a <template>'s content set aside), by lxml alone
        ids = lxml.html.document_fromstring(site.html(page)).xpath("//article//*[@id][not(ancestor::template)]/@id")
        assert ids and _id_problems(ids) == [], page
    assert _id_problems(["steps", "item-a", "steps", "close-your-account"]) == ["steps", "close-your-account"]


# ----------------------------------------------------------------------------- 3. files read safely

OUTSIDE = "SECRET-VALUE-42: [do not print me\n"


def _links(root: Path, outside: Path) -> dict[str, tuple[str, str]]:
    """Each kind of link: name -> (where it is, relative to root; what it points to)."""
    outside.write_text(OUTSIDE)
    return {"to a data file inside": ("data/procedures/shopmart/again.yml", "close-account.yml"),
            "to a file outside": ("data/procedures/shopmart/secret.yml", str(outside)),
            "dangling": ("data/procedures/shopmart/gone.yml", "nowhere.yml"),
            "to itself (a loop)": ("data/procedures/shopmart/loop.yml", "loop.yml"),
            "a folder link": ("data/procedures/mirror", "shopmart"),
            "a folder loop": ("data/procedures/shopmart/deeper", "."),
            "the platforms folder": ("data/platforms", str(outside.parent)),
            "the glossary": ("data/glossary.yml", str(outside))}


@pytest.mark.parametrize("kind", ["to a data file inside", "to a file outside", "dangling", "to itself (a loop)",
                                  "a folder link", "a folder loop", "the platforms folder", "the glossary"])
def test_a_link_is_never_followed(tmp_path, kind):
    root = _project(tmp_path / "project")
    rel, target = _links(root, tmp_path / "outside.yml")[kind]
    if rel == "data/platforms":
        os.rename(root / rel, tmp_path / "platforms-elsewhere")
    os.symlink(target, root / rel)
    problems = _problems(root)
    assert ("SC034", rel, 1) in [(p.code, p.file, p.line) for p in problems], "\n".join(map(str, problems))
    assert "SECRET" not in "\n".join(map(str, problems))
    assert pages._fingerprint(root)  # the build's change detector walks it without following


def test_nothing_from_a_linked_file_outside_the_repository_is_printed(tmp_path):
    root = _project(tmp_path / "project")
    (tmp_path / "outside.yml").write_text(OUTSIDE)
    os.symlink(tmp_path / "outside.yml", root / "data/procedures/shopmart/secret.yml")
    run = _cli(root)
    assert run.returncode == 1 and "SC034" in run.stdout
    assert "SECRET" not in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_a_fifo_is_never_opened(tmp_path):
    """`make check` in a thread of this process: had it opened the FIFO, it would wait there for
    a writer; after 60 s the test opens the writing end, so the check (and the suite) goes on,
    and fails."""
    root = _project(tmp_path)
    fifo = root / "data/procedures/shopmart/pipe.yml"
    os.mkfifo(fifo)  # opening it to read would wait for ever
    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        run = pool.submit(_cli, root).result(timeout=60)
    except concurrent.futures.TimeoutError:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # the reader reads an empty file and goes on
        pytest.fail("make check opened the FIFO and waited for a writer")
    finally:
        pool.shutdown(wait=False)
    assert run.returncode == 1 and "data/procedures/shopmart/pipe.yml:1:1: SC035" in run.stdout, run.stdout


def test_a_device_and_a_folder_named_like_a_file_are_refused(tmp_path):
    root = _project(tmp_path)
    (root / "data/procedures/shopmart/folder.yml").mkdir()
    _refused(root, "SC035", "data/procedures/shopmart/folder.yml")
    (root / "data/procedures/shopmart/folder.yml").rmdir()
    try:
        os.mknod(root / "data/procedures/shopmart/zero.yml", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("making a device node needs root (CI runs this)")
    assert "character device" in _refused(root, "SC035", "data/procedures/shopmart/zero.yml").message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    root = _project(tmp_path)
    big = root / "data/procedures/shopmart/big.yml"
    big.write_bytes(b"# " + b"x" * 1_000_000 + b"\n")
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    assert "1,000,003 bytes" in _refused(root, "SC036", "data/procedures/shopmart/big.yml").message
    assert str(big) not in opened and any(name.endswith("close-account.yml") for name in opened)


def test_an_unreadable_file_is_a_clear_error(tmp_path, monkeypatch):
    root = _project(tmp_path)
    locked = root / "data/procedures/shopmart/locked.yml"
    locked.write_text(VALID.replace("id: shopmart-close-account", "id: locked"))
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refuse it the way the kernel would for anyone else
        real_open = os.open

        def denied(path, *args, **kwargs):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)
        monkeypatch.setattr(os, "open", denied)
    assert "permission denied" in _refused(root, "SC037", "data/procedures/shopmart/locked.yml").message
    locked.unlink()
    real_scandir = os.scandir
    folder = root / "data/procedures/shopmart"
    monkeypatch.setattr(os, "scandir", lambda path=".": (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if Path(path) == folder else real_scandir(path))
    assert "permission denied" in _refused(root, "SC037", "data/procedures/shopmart").message


def test_the_builds_change_detector_sees_every_entry_and_survives_a_link_loop(tmp_path):
    root = _project(tmp_path)
    os.symlink("..", root / "data/procedures/shopmart/up")
    before = pages._fingerprint(root)
    (root / "data/procedures/shopmart/extra.yaml").write_text(VALID)
    assert pages._fingerprint(root) != before  # a new .yaml is seen, so the next build reports it
    with pytest.raises(DataError) as caught:
        pages.get_catalogue(root)
    assert {p.code for p in caught.value.problems} == {"SC030", "SC034"}


# ----------------------------------------------------------------------------- 4. text that shows what it says

DETAILS = "details: Closed accounts lose access to their reports."


@pytest.mark.parametrize("typed, code, line, col", [
    ("# a comment \u202e that reorders\n    " + DETAILS, "SC038", 17, 17),
    ("details: Closed accounts lose \u2067access to their reports.", "SC038", 17, 35),
    ('details: "Closed accounts \\u2066lose access."', "SC038", 17, 14),
    ("details: Closed accounts\rlose access.", "SC039", 17, 29),
    ("details: Closed accounts\x85lose access.", "SC039", 17, 29),
    ("details: Closed accounts\u2028lose access.", "SC039", 17, 29),
    ("details: Closed accounts\x7flose access.", "SC039", 17, 29),
    ('details: "Closed accounts\\0lose access."', "SC039", 17, 14),
    ('details: "Closed accounts\\tlose access."', "SC039", 17, 14),
    ("details: Closed accounts\tlose access.", "SC039", 17, 14),
])
def test_invisible_and_control_characters_are_refused_where_they_stand(tmp_path, typed, code, line, col):
    root = _project(tmp_path, _with(DETAILS, typed))
    problems = _problems(root)
    assert [(p.code, p.line, p.col) for p in problems] == [(code, line, col)], \
        "\n".join(map(str, problems))
    assert all(char not in str(problems[0]) for char in "\u202e\u2066\u2067\r\x85\u2028\x7f\x00\t")


def test_windows_line_endings_are_line_breaks_not_control_characters(tmp_path):
    assert _problems(_project(tmp_path, VALID.replace("\n", "\r\n"))) == []


@pytest.mark.parametrize("title", ["\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u200b", "\u2060\u200d",
                                   "\u3164 \u3164", "\u0301"])
def test_a_title_with_nothing_visible_is_refused(tmp_path, title):
    root = _project(tmp_path, _with("title: Close your Shopmart seller account", f"title: {json.dumps(title)}"))
    _refused(root, "SC040", PROC, 4)


@pytest.mark.parametrize("line", ['details: "Pay the fee # 2 first."', "irreversible: true  # for good",
                                  "sources: [shopmart-help]  # the help page", "details: Pay fee#2 first."])
def test_a_comment_that_cuts_no_text_is_not_warned_about(tmp_path, line):
    field = line.split(":")[0]
    old = {"details": DETAILS, "irreversible": "    irreversible: true", "sources": "    sources: [shopmart-help]\n"
           "steps"}[field]
    new = {"irreversible": "    " + line, "sources": "    " + line + "\nsteps"}.get(field, line)
    assert _problems(_project(tmp_path, _with(old, new))) == []


# ----------------------------------------------------------------------------- 5. links that go where they say

SOURCE_URL = "url: https://help.shopmart.example/close"


@pytest.mark.parametrize("url, code, says", [
    ("https://help.shopmart.example\\@evil.example/close", "SC042", "backslash"),
    ("https://evil.example\\.shopmart.example/close", "SC042", "backslash"),
    ("https://user:pass@help.shopmart.example/close", "SC042", "user name"),
    ("https://%68elp.shopmart.example/close", "SC042", "host"),
    ("https://help.shopmart.example /close", "SC012", ""),
    ("http://help.shopmart.example/close", "SC012", ""),
    ("https://ｈｅｌｐ.shopmart.example/close", "SC043", "help.shopmart.example"),
    ("https://h\u0435lp.shopmart.example/close", "SC043", "xn--hlp-"),
    ("https://evilshopmart.example/close", "SC044", "official_host_note"),
    ("https://shopmart.example.evil.example/close", "SC044", "official_host_note"),
])
def test_an_address_that_hides_where_it_goes_is_refused(tmp_path, url, code, says):
    root = _project(tmp_path, _with(SOURCE_URL, f"url: {json.dumps(url)}"))
    problem = _refused(root, code, PROC, 12)
    assert says in problem.message + problem.fix, str(problem)


def test_an_official_page_elsewhere_passes_only_with_a_note_and_a_third_party_page_anywhere(tmp_path):
    elsewhere = _with(SOURCE_URL, "url: https://www.sec.gov/filing")
    _refused(_project(tmp_path / "a", elsewhere), "SC044", PROC, 12)
    noted = _with("    official: true", "    official: true\n    official_host_note: The platform's SEC filing.",
                  elsewhere)
    assert _problems(_project(tmp_path / "b", noted)) == []
    assert _problems(_project(tmp_path / "c", elsewhere.replace("official: true", "official: false", 1)
                              + "no_official_source:\n  why: x.\n  searched: y.\n")) == []


def test_where_links_and_the_platforms_own_links_must_be_on_its_domains(tmp_path):
    where = _with("      path: [Settings, Close account]",
                  "      path: [Settings, Close account]\n      url: https://shopmart.example.evil.example/")
    _refused(_project(tmp_path / "a", where), "SC044", PROC, 26)
    root = _project(tmp_path / "b")
    platform = root / "data/platforms/shopmart.yml"
    platform.write_text(platform.read_text().replace("https://sellers.shopmart.example/", "https://shopmart.evil/"))
    _refused(root, "SC044", "data/platforms/shopmart.yml", 5)


def test_country_hosts_and_sub_domains_are_on_their_domain_and_look_alikes_are_not():
    assert urls.on_domains("sellercentral.amazon.co.uk", ["amazon.com", "amazon.co.uk"])
    assert urls.on_domains("SellerCentral.Amazon.com.", ["amazon.com"])
    assert not urls.on_domains("evilamazon.com", ["amazon.com"])
    assert not urls.on_domains("amazon.com.evil.example", ["amazon.com"])


# ----------------------------------------------------------------------------- 6. limits

def _step(i: int) -> dict:
    return {"id": f"step-{i}", "title": f"Send request {i}", "sources": ["shopmart-help"]}


def _lists() -> dict[str, tuple[int, callable]]:
    """List -> (its limit, a function giving its nth entry) (`path` is a place in the document)."""
    fix = lambda i: {"id": f"fix-{i}", "title": f"Check item {i}", "sources": ["shopmart-help"]}
    return {
        "steps": (60, _step), "precautions": (40, lambda i: {**_step(i), "id": f"pre-{i}"}),
        "sources": (60, lambda i: {"id": "shopmart-help" if i == 0 else f"src-{i}", "title": f"Page {i}",
                                   "official": i == 0}),
        "alternatives": (20, lambda i: {"title": f"Pause {i}"}), "after": (20, lambda i: {"title": f"Then {i}"}),
        "money": (30, lambda i: {"id": f"m-{i}", "kind": "fee", "title": f"Fee {i}", "details": "x"}),
        "waits": (20, lambda i: {"starts": f"after {i}"}), "regions": (30, lambda i: f"Region {i}"),
        "troubleshooting": (40, lambda i: {"id": f"p-{i}", "problem": f"Stuck {i}", "causes": ["x"],
                                           "fixes": [fix(1000 + i)]}),
        "conflicts": (30, lambda i: {"id": f"c-{i}", "topic": f"Topic {i}", "safe_action": "x", "positions": [
            {"source": "shopmart-help", "says": "x"}, {"source": "shopmart-help", "says": "y"}]}),
        "steps.0.substeps": (20, lambda i: {**_step(i), "id": f"sub-{i}"}),
        "steps.0.choices": (10, lambda i: {**_step(i), "id": f"or-{i}"}),
        "troubleshooting.0.fixes": (20, fix), "troubleshooting.0.causes": (20, lambda i: f"Cause {i}"),
        "conflicts.0.positions": (10, lambda i: {"source": "shopmart-help", "says": f"Says {i}"}),
        "steps.0.sources": (20, lambda i: "shopmart-help"),
    }


def _document(path: str, count: int) -> str:
    doc, _ = read_yaml(FIXTURES / "valid" / "procedure.yml", "procedure.yml")
    value = doc.value
    value["steps"][0].pop("irreversible")
    value["irreversible"] = False
    value.update(troubleshooting=[_lists()["troubleshooting"][1](0)], conflicts=[_lists()["conflicts"][1](0)])
    *parents, last = path.split(".")
    owner = value
    for part in parents:
        owner = owner[int(part)] if part.isdigit() else owner[part]
    made = _lists()[path][1]
    owner[last] = [made(i) for i in range(count)]
    head = "# yaml-language-server: $schema=../../../schema/procedure.schema.json\n"
    return head + json.dumps(value, indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", list(_lists()))
def test_every_list_has_a_limit_named_in_its_message(tmp_path, path):
    limit = _lists()[path][0]
    assert _problems(_project(tmp_path / "at", _document(path, limit))) == []  # negative control
    problems = _problems(_project(tmp_path / "over", _document(path, limit + 1)))
    field = _dotted(tuple(int(part) if part.isdigit() else part for part in path.split(".")))
    assert [p.code for p in problems] == ["SC045"], "\n".join(map(str, problems))
    assert problems[0].message == f"{field}: {limit + 1} entries, more than the {limit} allowed"
    assert f"at most {limit} entries" in problems[0].fix


def test_the_glossary_has_a_limit_too(tmp_path):
    terms = [{"id": f"t-{i}", "term": f"Term {i}", "definition": "x"} for i in range(501)]
    text = "# yaml-language-server: $schema=../schema/glossary.schema.json\n" + json.dumps({"terms": terms})
    problem = _refused(_project(tmp_path, **{"data/glossary.yml": text}), "SC045", "data/glossary.yml", 2)
    assert "terms: 501 entries, more than the 500 allowed" in problem.message


def test_reloading_the_code_while_serving_keeps_one_kind_of_problem(tmp_path):
    """`make serve` reloads macros/ on each rebuild (macros._reload_code): a module left out
    would make problems of an old class that cannot be sorted with the new ones."""
    root = _project(tmp_path, _with("summary: A small", "sumary: A small"),
                    **{"data/procedures/shopmart/stray.yaml": VALID})
    script = ("import os, sys, datetime; import macros, macros.data.load; "
              "os.environ['SELLER_CHECKLISTS_SERVING'] = '1'; macros._reload_code(force=True); "
              "from macros.data.load import check_all; "
              f"print(sorted(p.code for p in sorted(check_all({str(root)!r}, datetime.date(2026, 11, 22))[2])))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['SC004', 'SC006', 'SC030']"


#: The codes only this module can test (the files cannot be committed): test_validation.py
#: counts them as covered.
FILE_LEVEL_CODES = {"SC030", "SC031", "SC032", "SC034", "SC035", "SC036", "SC037"}


def test_each_file_level_code_is_asserted_by_a_test_here():
    source = Path(__file__).read_text(encoding="utf-8").split("FILE_LEVEL_CODES = ")[0]
    assert [code for code in sorted(FILE_LEVEL_CODES) if f'"{code}"' not in source] == []
