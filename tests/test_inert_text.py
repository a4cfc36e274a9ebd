"""Contributor text is inert: markup, script, `javascript:` links and template syntax are either
refused by the check with a clear code, or shown as the literal text that was typed. Never
executed, never changing the page's structure.

Three layers: the check (fixtures), the renderer (hostile text forced past the check), and a
full build through MkDocs and the macros plugin (of the project with that one guide as its data:
the real guides would add pages, not a path the text takes).
"""

from __future__ import annotations

import copy
import json
import re
import shutil

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from mkdocs.config import load_config
from test_scaffold import copy_project
from test_validation import FIXTURES, make_project, problems_for

from macros.data.load import Entry, load_catalogue
from macros.data.model import Platform, Procedure, Source, Where
from macros.data.yamlread import read_yaml
from macros.site.render import render_procedure
from macros.site.ui_strings import SCRIPT_STRINGS, TOOL_STRINGS, json_for_script

VALID = (FIXTURES / "valid" / "procedure.yml").read_text(encoding="utf-8")


def _with(old: str, new: str) -> bytes:
    assert old in VALID, old
    return VALID.replace(old, new, 1).encode()


DETAILS = "details: Closed accounts lose access to their reports."
URL = "url: https://help.shopmart.example/close"

# ----------------------------------------------------------------------------- 1. the check

REFUSED = [
    ("script tag", DETAILS, 'details: "<script>alert(1)</script>"', "SC016"),
    ("img onerror", DETAILS, 'details: "<img src=x onerror=alert(1)>"', "SC016"),
    ("html comment", DETAILS, 'details: "Before <!-- hidden --> after"', "SC016"),
    ("markdown javascript link", DETAILS, 'details: "[Click here](javascript:alert(1))"', "SC029"),
    ("markdown image", DETAILS, 'details: "![x](https://img.example/x.png)"', "SC029"),
    ("autolink", DETAILS, 'details: "<javascript:alert(1)>"', "SC029"),
    ("http url", URL, "url: http://help.shopmart.example/close", "SC012"),
    ("javascript url", URL, "url: javascript:alert(1)", "SC012"),
    ("mixed-case javascript url", URL, "url: JavaScript:alert(1)", "SC012"),
    ("data url", URL, "url: data:text/html,<script>alert(1)</script>", "SC012"),
    ("protocol-relative url", URL, "url: //evil.example/x", "SC012"),
    ("javascript where.url", "      path: [Settings, Close account]",
     "      path: [Settings, Close account]\n      url: javascript:alert(1)", "SC012"),
    ("title with a line break", "title: Close your Shopmart seller account",
     'title: "Close your Shopmart seller account\\n# Injected heading"', "SC028"),
]


@pytest.mark.parametrize("old, new, code", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_the_check_refuses_markup_and_unsafe_links_with_a_clear_code(tmp_path, old, new, code):
    _rel, problems = problems_for(tmp_path, _with(old, new))
    assert [p.code for p in problems] == [code], "\n".join(map(str, problems))
    assert problems[0].fix


TEMPLATE_TEXT = "Check {{ 7*7 }} and {% raw %}{% endraw %} and {# note #} and {%- if true -%}"


def test_template_syntax_is_accepted_as_text(tmp_path):
    """Not an error: it is shown literally (see the build test below)."""
    raw = _with(DETAILS, f'details: "{TEMPLATE_TEXT}"')
    root = make_project(tmp_path, {"data/procedures/shopmart/close-account.yml": raw})
    procedure = load_catalogue(root).entries["shopmart/close-account"].procedure
    assert procedure.precautions[0].details == TEMPLATE_TEXT


# ----------------------------------------------------------------------------- 2. the renderer

ONE_LINE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) and <javascript:alert(1)>",
    "**bold** _em_ `code` ![i](x) <!-- c --> &lt;b&gt; &amp;",
    '</span></label></li></ol></div><p onclick="alert(1)">',
    "\" onmouseover=\"alert(1)\" data-x='",
    "{{ 7*7 }} {% raw %} {# c #}",
    "The seller's {: #source-shopmart-help onclick=alert(1) } \\ #",  # an attribute list, a closing '#'
    "1. numbered ~~struck~~ ^sup^ ==mark== | a | b | [r][] [r]: javascript:alert(1)",
    '!!! note "an admonition"',
]
MULTI_LINE = ("Intro.\n\n<script>alert(1)</script>\n\n    indented code\n\n# Heading\n\n* item\n\n---\n\n"
              "```{ .text autofocus tabindex=0 onfocus=alert(1) }\nx\n```\n[r]: javascript:alert(2)\nSee [r].")

_TEXT_KEYS = {"title", "summary", "details", "note", "publisher", "starts", "why", "problem", "topic",
              "says", "safe_action", "name", "description", "status_note", "notes"}
_TEXT_LISTS = {"path", "causes", "regions"}
_ONE_LINE_KEYS = {"title", "name", "problem", "topic", "publisher"}


def _fill(value, text: str, multi_line: str | None = None):
    """A copy of a document with every piece of contributor text replaced."""
    if isinstance(value, dict):
        out = {}
        for key, child in value.items():
            chosen = text if (multi_line is None or key in _ONE_LINE_KEYS) else multi_line
            if key in _TEXT_KEYS and isinstance(child, str):
                out[key] = chosen
            elif key in _TEXT_LISTS and isinstance(child, list):
                out[key] = [text for _ in child]
            else:
                out[key] = _fill(child, text, multi_line)
        return out
    if isinstance(value, list):
        return [_fill(child, text, multi_line) for child in value]
    return value


def _full_documents() -> tuple[dict, dict]:
    """The valid fixtures with every optional section filled, so every template branch renders."""
    procedure, _ = read_yaml(FIXTURES / "valid" / "procedure.yml", "procedure.yml")
    platform, _ = read_yaml(FIXTURES / "valid" / "platform.yml", "platform.yml")
    p = copy.deepcopy(procedure.value)
    ref = [p["sources"][0]["id"]]
    p["sources"].append({"id": "forum", "title": "x", "official": False, "publisher": "x", "note": "x"})
    p["regions"] = ["x", "x"]
    p["regions_separate"] = True
    p["alternatives"] = [{"title": "x", "details": "x", "sources": ref}]
    p["money"] = [{"id": "balance", "kind": "balance", "title": "x", "details": "x", "sources": ref}]
    p["waits"] = [{"duration": {"amount": 90, "unit": "days"}, "starts": "x", "why": "x", "sources": ref}]
    p["steps"][0]["details"] = "x"
    p["steps"][0]["wait"] = {"starts": "x", "why": "x"}
    p["steps"][0]["substeps"] = [{"id": "sub", "title": "x", "details": "x"}]
    p["after"] = [{"title": "x", "details": "x"}]
    p["troubleshooting"] = [{"id": "stuck", "problem": "x", "causes": ["x"], "fixes": [
        {"id": "f1", "title": "x", "details": "x"}, {"id": "f2", "title": "x", "details": "x", "action": False}]}]
    p["conflicts"] = [{"id": "timing", "topic": "x", "positions": [{"source": ref[0], "says": "x"},
                                                             {"source": "forum", "says": "x"}],
                       "safe_action": "x"}]
    q = copy.deepcopy(platform.value)
    q["status_note"] = "x"
    q["support_channels"] = [{"name": "x", "url": "https://support.shopmart.example/", "notes": "x"}]
    return p, q


_MKDOCS = load_config(str(ROOT / "mkdocs.yml"))


def _page(procedure: Procedure, platform: Platform) -> BeautifulSoup:
    """The procedure's body as the site's Markdown settings turn it into HTML."""
    body = render_procedure(Entry(procedure, platform, "close-account", "x.yml"),
                            report_url="https://example.org/report")
    html = markdown.markdown(body, extensions=_MKDOCS.markdown_extensions,
                             extension_configs=_MKDOCS.mdx_configs)
    return BeautifulSoup(f"<article>{html}</article>", "lxml")


def _shape(soup: BeautifulSoup, skip: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """The page's structure: every element (but those named `skip`) and its attribute names, in order."""
    return [(el.name, tuple(sorted(el.attrs))) for el in soup.select("article *") if el.name != skip]


def _own_words(el) -> bool:
    """The script elements a page may have: the project's words for checklists.js and for the
    seller tools, data (never run) made from macros/site/ui_strings.py and nothing else."""
    own = {"sc-strings": SCRIPT_STRINGS, "sc-tool-strings": TOOL_STRINGS}
    return (el.name == "script" and el.attrs.get("type") == "application/json" and set(el.attrs) == {"type", "id"}
            and el["id"] in own and el.string == str(json_for_script(own[el["id"]])))


def _dangers(soup: BeautifulSoup) -> list[str]:
    found = [f"<{el.name}>" for el in soup.select("script, iframe, object, embed, img, style") if not _own_words(el)]
    for el in soup.select("article *"):
        found += [f"{el.name}[{a}]" for a in el.attrs if a.lower().startswith("on")]
        for attr in ("href", "src", "action", "formaction"):
            value = re.sub(r"\s", "", str(el.get(attr, ""))).lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{el.name}[{attr}={value}]")
    return found


def _render(text: str, multi_line: str | None = None) -> BeautifulSoup:
    p, q = _full_documents()
    return _render_documents(_fill(p, text, multi_line), _fill(q, text))


def _render_documents(procedure: dict, platform: dict) -> BeautifulSoup:
    return _page(Procedure.model_validate(procedure), Platform.model_validate(platform))


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("text", ONE_LINE)
def test_hostile_text_forced_past_the_check_renders_as_literal_text(text):
    soup, baseline = _render(text), _render("Plain words")
    assert _dangers(baseline) == []
    assert _dangers(soup) == []
    assert _shape(soup) == _shape(baseline), "the text changed the page's structure"
    assert soup.select_one("h1").get_text().replace("¶", "").strip() == text
    for selector in (".sc-summary", ".sc-item__title", ".sc-item__details", ".sc-path__part",
                     ".sc-problem__title", ".sc-safe-action", ".sc-sources li"):
        for element in soup.select(selector):
            assert _normal(text) in _normal(element.get_text()), (selector, str(element)[:200])


def test_line_breaks_and_markdown_in_long_text_stay_inside_their_paragraph():
    """Markdown in long text is text; a blank line shows as an empty line (two <br>) inside the
    same element: the only change to the page's structure."""
    # the baseline is long too: long details fold behind a toggle, short ones do not
    soup, baseline = _render("Plain words", MULTI_LINE), _render("Plain words", "More plain words. " * 12 + "End.")
    assert _dangers(soup) == []
    assert _shape(soup, skip="br") == _shape(baseline, skip="br")
    details = soup.select(".sc-item__details")
    assert details and all(_normal(MULTI_LINE) in _normal(d.get_text(" ")) for d in details)
    assert [len(d.select("br")) for d in details] == [2 * MULTI_LINE.count("\n\n")] * len(details)


def test_the_templates_own_values_are_printed_as_written():
    """Printing joins the line breaks of every value; what a template passes itself keeps its
    spaces (' sc-fix' is a class added after 'sc-item')."""
    soup = _render("Plain words")
    assert soup.select("li.sc-item.sc-substep") and soup.select("li.sc-item.sc-fix")
    assert not soup.select('[class*="sc-itemsc-"]')


def test_a_line_break_in_a_title_forced_past_the_check_stays_in_the_heading():
    """SC028 refuses it (the model alone accepts it); the renderer is the second lock: a '# …'
    line would otherwise become a heading of its own."""
    title = "Close your account\n# Injected heading\n\n<b>x</b>"
    p, q = _full_documents()
    p["title"] = title
    soup = _render_documents(p, q)
    baseline_p, _ = _full_documents()
    assert [h.name for h in soup.select("h1, h2")] == [h.name for h in _render_documents(baseline_p, q).select("h1, h2")]
    assert _normal(soup.select_one("h1").get_text().replace("¶", "")) == _normal(title)
    assert _dangers(soup) == []


def test_unsafe_addresses_forced_past_the_model_are_not_linked():
    """The second lock: even if a javascript: or data: address got into a model, no link has it."""
    p, q = _full_documents()
    procedure = Procedure.model_validate(p)
    bad_source = Source.model_construct(**{**procedure.sources[0].model_dump(), "url": "javascript:alert(1)"})
    bad_where = Where.model_construct(interface="web", path=["Settings"], url=" JavaScript:alert(2)")
    step = procedure.steps[0].model_copy(update={"where": bad_where})
    procedure = procedure.model_copy(update={"sources": [bad_source, *procedure.sources[1:]], "steps": [step]})
    platform = Platform.model_construct(**{**Platform.model_validate(q).__dict__,
                                           "seller_portal_url": "data:text/html,<script>alert(3)</script>"})
    soup = _page(procedure, platform)
    assert _dangers(soup) == []
    assert soup.select_one("#source-" + bad_source.id).get_text(strip=True).startswith(bad_source.title)


def test_the_danger_detector_sees_what_it_looks_for():
    """Negative control for the assertions above."""
    soup = BeautifulSoup('<article><a href=" javascript:x">a</a><p onclick="x">b</p><script></script>'
                         "</article>", "lxml")
    assert len(_dangers(soup)) == 3
    words = str(json_for_script(SCRIPT_STRINGS))
    for other in (f'<script type="application/json" id="sc-strings">{words[:-1]},"x":1}}</script>',  # changed
                  f'<script id="sc-strings">{words}</script>'):  # run, not data
        assert _dangers(BeautifulSoup(f"<article>{other}</article>", "lxml")) == ["<script>"], other
    assert _dangers(BeautifulSoup(f'<article><script type="application/json" id="sc-strings">{words}</script>'
                                  "</article>", "lxml")) == []


# ----------------------------------------------------------------------------- 3. a full build


def test_template_syntax_in_data_is_shown_literally_by_a_full_build(tmp_path):
    project = copy_project(tmp_path)
    for folder in ("platforms", "procedures"):  # the one guide below is the data (the glossary stays)
        shutil.rmtree(project / "data" / folder)
        (project / "data" / folder).mkdir()
    (project / "data" / "platforms" / "shopmart.yml").write_bytes((FIXTURES / "valid" / "platform.yml").read_bytes())
    target = project / "data" / "procedures" / "shopmart" / "close-account.yml"
    target.parent.mkdir(parents=True)
    title = "Close {{ 7*7 }} {% raw %} account"
    summary = "Summary {{ 7*7 }} {% endraw %} {# c #} {%- if true -%} end."
    raw = VALID.replace("title: Close your Shopmart seller account", f"title: {json.dumps(title)}")
    raw = raw.replace("summary: A small but complete procedure that every invalid fixture starts from.",
                      f"summary: {json.dumps(summary)}")
    raw = raw.replace(DETAILS, f"details: {json.dumps(TEMPLATE_TEXT)}")
    raw = raw.replace("title: Send the closure request", 'title: "Send {{ page.title }} {{ config.site_name }}"')
    target.write_text(raw, encoding="utf-8")
    assert list(load_catalogue(project).entries) == ["shopmart/close-account"]  # the check accepts it

    url = "http://127.0.0.1:1/"
    build_site(tmp_path / "site", url, project / "mkdocs.yml")
    page = BeautifulSoup((tmp_path / "site/shopmart/close-account/index.html").read_text(), "lxml")
    assert page.select_one("article h1").get_text().replace("¶", "").strip() == title
    assert page.select_one("title").get_text().startswith(title)
    assert page.select_one('meta[name="description"]')["content"] == summary
    assert page.select_one(".sc-summary").get_text() == summary
    assert page.select_one("#item-export-orders .sc-item__details").get_text() == TEMPLATE_TEXT
    assert page.select_one("#item-request-closure .sc-item__title").get_text() == \
        "Send {{ page.title }} {{ config.site_name }}"
    assert "49" not in page.select_one("article").get_text()

    home = BeautifulSoup((tmp_path / "site/index.html").read_text(), "lxml")
    assert title in home.select_one("article").get_text()
    assert summary in home.select_one("article").get_text()

