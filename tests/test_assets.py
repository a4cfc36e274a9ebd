"""The site's own script and stylesheet as published: minified by the build (macros/site/assets.py,
macros/engine/minify_assets.py), with a switch to publish them as written; and the words
the script writes, carried by each procedure page as safe JSON (macros/site/ui_strings.py).

The switch's build (`plain_build`) is also the one tests/test_budgets.py compares with Markdown's
speed-up switched off: both switches on, one build serves both modules (one xdist group, "zh").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from macros.site.assets import gzipped_size, minify, sizes
from macros.site.pages import get_catalogue
from macros.site.ui_strings import SCRIPT_STRINGS, json_for_script

KEYS = list(get_catalogue(ROOT).entries)
OWN = ["assets/checklists.js", "assets/checklists.css"]

pytestmark = pytest.mark.xdist_group("zh")  # shares plain_build with tests/test_budgets.py (of group "zh")

#: The build's switches that leave the pages as they are: published assets as written (this module's
#: promise), Markdown given all of a page (macros/engine/fast_markdown.py: tests/test_budgets.py's).
#: Neither changes a file the other's promise is about, so one build with both serves both.
PLAIN_SWITCHES = {"SELLER_CHECKLISTS_PLAIN_ASSETS": "1", "SELLER_CHECKLISTS_PLAIN_MARKDOWN": "1"}
_PLAIN: dict[str, Path] = {}


def plain_build(site, tmp_path_factory) -> Path:
    """The session's site built once more, at its address, with PLAIN_SWITCHES on (once per worker)."""
    if site.url not in _PLAIN:
        root = tmp_path_factory.mktemp("plain-build")
        with pytest.MonkeyPatch.context() as switches:
            for name, value in PLAIN_SWITCHES.items():
                switches.setenv(name, value)
            build_site(root, site.url)
        _PLAIN[site.url] = root
    return _PLAIN[site.url]


def test_minifying_drops_comments_and_spaces_and_keeps_what_the_code_says():
    js = ('/* a comment */\nconst url = "http://x/*not a comment*/";  // gone\n'
          'const re = /\\/\\/ kept/g, t = `a  ${url}  b`;\nif (a) b();\n')
    out = minify("x.js", js)
    assert "/* a comment */" not in out and "gone" not in out
    for kept in ('"http://x/*not a comment*/"', "/\\/\\/ kept/g", "`a  ${url}  b`"):
        assert kept in out, kept
    css = '/* c */\n.a > .b {\n  margin: 0 0 ;\n  content: "  /* x */  ";\n}\n@media screen and (min-width: 1px) { .c { top: calc(1em + 2px) } }\n'
    css += '@media screen { .d :is(.e) { top: 0 } }\n'  # a block's first selector keeps its space
    out = minify("x.css", css)
    assert out == '.a>.b{margin:0 0;content:"  /* x */  "}@media screen and (min-width:1px){.c{top:calc(1em + 2px)}}@media screen{.d :is(.e){top:0}}\n'
    with pytest.raises(ValueError):
        minify("x.html", "<p>")


def test_sizes_are_as_written_minified_and_gzipped():
    source = (ROOT / "docs" / "assets" / "checklists.js").read_text(encoding="utf-8")
    size = sizes("checklists.js", source)
    assert size["raw"] == len(source.encode()) > size["minified"] > size["gzipped"]
    assert size["gzipped"] == gzipped_size(minify("checklists.js", source).encode())


def test_the_switch_publishes_the_sources_as_written(site, tmp_path_factory):
    """SELLER_CHECKLISTS_PLAIN_ASSETS=1 (to debug in a browser): the sources byte for byte;
    without it (the session's site) the minified ones. Only these files differ (the pages are
    the same: tests/test_budgets.py compares every one of this build's pages with the site's)."""
    plain = plain_build(site, tmp_path_factory)
    for path in OWN:
        source = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert (plain / path).read_text(encoding="utf-8") == source, path
        assert (site.root / path).read_text(encoding="utf-8") == minify(path, source), path
    assert (plain / KEYS[0] / "index.html").read_bytes() == (site.root / KEYS[0] / "index.html").read_bytes()


def test_json_for_a_script_element_cannot_close_or_change_it():
    hostile = {"a": "</script><script>alert(1)</script>", "b": "<!-- <script>", "c": "é & ' \" \u2028"}
    text = str(json_for_script(hostile))
    assert "<" not in text
    assert json.loads(text) == hostile


@pytest.mark.parametrize("key", KEYS)
def test_each_procedure_page_carries_the_scripts_words(site, key):
    found = site.soup(key + "/").select('script#sc-strings[type="application/json"]')
    assert len(found) == 1
    assert "<" not in found[0].string
    assert json.loads(found[0].string) == SCRIPT_STRINGS


def test_every_placeholder_the_script_fills_is_in_its_words():
    """The script fills {item}, {state}, ... in; a word without its placeholder would lose the value."""
    needs = {"progress": {"name", "done", "total"}, "toggle.label": {"action", "item"},
             "said.item": {"item", "state"}, "said.progress": {"progress"},
             "confirm.permanent.open": {"items"}, "confirm.permanent.item": {"item"}}
    for name, placeholders in needs.items():
        assert all("{" + p + "}" in SCRIPT_STRINGS[name] for p in placeholders), name
    source = (ROOT / "docs" / "assets" / "checklists.js").read_text(encoding="utf-8")
    joined = {"section.precautions", "section.steps", "section.troubleshooting"}  # "section." + its data-section
    for name in SCRIPT_STRINGS.keys() - joined:
        assert f'"{name}"' in source, f"{name} is in macros/site/ui_strings.py but the script never uses it"
    assert all(f'data-section="{name.removeprefix("section.")}"' in (ROOT / "macros" / "site" / "templates" / "procedure.md.j2")
               .read_text() for name in joined)


def test_the_published_script_holds_none_of_the_words(site):
    """The words are the page's: none of them (the phrases, not single words) is left in the script."""
    published = (site.root / "assets" / "checklists.js").read_text(encoding="utf-8")
    phrases = [text for text in SCRIPT_STRINGS.values() if " " in text.replace("{", "").strip()]
    assert len(phrases) > 10
    assert [p for p in phrases if p in published] == []
