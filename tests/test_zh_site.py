"""The Chinese edition (issue 14): one build per language from the same data and page code.

Built once per session (the `site_zh` fixture, tests/conftest.py); the per-unit checks run on
that build, each page parsed once by lxml for the whole module (`_tree`: a guide page takes
5 ms there, 40 ms in BeautifulSoup, whose CSS queries cost as much again) and read, never
changed (`_trees_unchanged` fails the module if a test changed one). Text is read as
BeautifulSoup's get_text reads it (`_strings`: no scripts, styles, templates or comments).
What needs a changed copy of the data (a dropped unit, an English edit) renders the one page it
reads with macros.site.pages directly: the same code the build runs, without a second build.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup
from test_validation import run_macros_cli

from macros.data.model import Procedure
from macros.data.translations import units
from macros.data.walk import walk_leaves
from macros.site import pages, render, tools
from macros.site.language import ENGLISH, Language, long_date
from macros.site.ui_strings import (
    PAGE_STRINGS,
    SCRIPT_STRINGS,
    TOOL_STRINGS,
    strings_for,
    tool_strings_for,
)

pytestmark = pytest.mark.xdist_group("zh")  # shares the Chinese build (site_zh, tests/conftest.py)

ROOT = Path(__file__).resolve().parent.parent
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _first_text(text) -> str:
    """The first string of a unit's text (its title, problem or topic comes first in the model)."""
    if isinstance(text, dict):
        return next(_first_text(v) for v in text.values())
    if isinstance(text, list):
        return _first_text(text[0])
    return text


_TREES: dict[tuple[Path, str], tuple[lxml.html.HtmlElement, int]] = {}


def _tree(edition, page: str) -> lxml.html.HtmlElement:
    """A page of a built edition (a `Site`), parsed once for the module: read it, never change it."""
    if (edition.root, page) not in _TREES:
        tree = lxml.html.document_fromstring(edition.html(page))
        _TREES[edition.root, page] = (tree, sum(1 for _ in tree.iter()))
    return _TREES[edition.root, page][0]


@pytest.fixture(scope="module", autouse=True)
def _trees_unchanged():
    yield
    changed = [page for (_root, page), (tree, size) in _TREES.items() if sum(1 for _ in tree.iter()) != size]
    _TREES.clear()
    assert changed == [], "a test changed a shared parsed page: parse its own copy"


def _has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def _one(el, xpath: str):
    """The first element the query finds, or None (BeautifulSoup's select_one)."""
    found = el.xpath(xpath)
    return found[0] if found else None


#: Elements whose strings are not text to BeautifulSoup's get_text (nor are comments).
_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


def _strings(el, leave=None):
    """The strings of `el` in page order as BeautifulSoup's get_text reads them, less those
    inside any element `leave(element)` is true of (the text after such an element stays)."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _NOT_TEXT and not (leave and leave(child)):
            yield from _strings(child, leave)
        if child.tail:
            yield child.tail


def _text(el, sep: str = "") -> str:
    return sep.join(_strings(el))


def _check_ids(tree) -> list[tuple[str, str]]:
    return [(box.get("data-item"), box.get("data-rev")) for box in tree.xpath(f'//input[{_has_class("sc-check")}]')]


def _unit_problems(tree, english: Procedure, shown: Procedure, in_english: frozenset) -> list[str]:
    """Each translated unit's text on the page outside lang="en"; each English one inside it."""
    article = _one(tree, "//article")
    marked = _norm(" ".join(_text(el, " ") for el in article.xpath('.//*[@lang="en"]')))
    outside = _norm(" ".join(_strings(article, leave=lambda el: el.get("lang") == "en")))
    english_units = units(english.model_dump(), Procedure).texts
    shown_units = units(shown.model_dump(), Procedure).texts
    problems = []
    for uid, text in english_units.items():
        if uid in in_english:
            if _norm(_first_text(text)) not in marked:
                problems.append(f"{uid}: English text not on the page with lang=en: {_first_text(text)!r}")
        elif _norm(_first_text(shown_units[uid])) not in outside:
            problems.append(f"{uid}: Chinese text missing: {_first_text(shown_units[uid])!r}")
    return problems


def test_every_guide_has_a_chinese_page_with_the_english_checkboxes_and_each_unit_in_its_language(site_zh, catalogue):
    ed = pages.edition(catalogue, ROOT, "zh")
    assert catalogue.entries, "no guides"
    for key, entry in catalogue.entries.items():
        en, zh = _tree(site_zh.en, key + "/"), _tree(site_zh.zh, key + "/")
        assert zh.get("lang").startswith("zh"), key
        assert _check_ids(zh) and _check_ids(zh) == _check_ids(en), f"{key}: checkbox ids or revisions differ from English"
        assert _one(zh, "//*[@data-procedure]").get("data-procedure") == entry.procedure.id
        problems = _unit_problems(zh, entry.procedure, ed.catalogue.entries[key].procedure, ed.english[key])
        assert problems == [], f"{key}: {problems}"
        notice = _one(zh, '//*[@data-act="lang-notice"]')
        assert (notice is not None) == bool(ed.english[key]), f"{key}: the notice shows exactly when a unit is English"
        if notice is not None:
            link = _one(notice, './/a[@hreflang="en"]').get("href")
            assert urljoin(site_zh.zh.url + key + "/", link) == site_zh.en.url + key + "/", key


def test_a_translated_guide_shows_its_translation_date_in_chinese(site_zh, catalogue):
    ed = pages.edition(catalogue, ROOT, "zh")
    translated = [key for key, t in ed.translations.items() if t is not None and key in catalogue.entries]
    assert translated, "no guide has a translation file"
    for key in translated:
        day = ed.translations[key].translated.date
        meta = _one(_tree(site_zh.zh, key + "/"), f'//*[{_has_class("sc-meta__translated")}]//time')
        assert meta is not None and meta.get("datetime") == day.isoformat(), key
        assert _text(meta) == f"{day.year}年{day.month}月{day.day}日"


def test_a_translated_guide_says_above_its_steps_that_the_bracketed_chinese_explains_the_english_labels(
        site_zh, catalogue):
    """The labels stay as on the platform's English screens, with a Chinese explanation in
    brackets (each translation's header says why): a seller on a Chinese screen is told the
    explanation may not be the word there. Not on English pages, which need no such note."""
    ed = pages.edition(catalogue, ROOT, "zh")
    wording = "Menu and button names are mostly the platform's English ones; the words in brackets explain them and may differ from the platform's own translation."
    said = strings_for("zh")[1][wording]
    for key in catalogue.entries:
        zh_notes = _tree(site_zh.zh, key + "/").xpath(f'//*[{_has_class("sc-labels-note")}]')
        en_notes = _tree(site_zh.en, key + "/").xpath(f'//*[{_has_class("sc-labels-note")}]')
        assert en_notes == [], key
        if ed.translations.get(key) is None:
            assert zh_notes == [], key  # an English page under /zh/ explains nothing in Chinese
            continue
        assert len(zh_notes) == 1 and _norm(_text(zh_notes[0])) == said, key
        heading = zh_notes[0].getprevious()
        following = zh_notes[0].getnext()
        assert heading.get("id") == "steps" and following.get("data-section") == "steps", key


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "docs").mkdir()
    return root


def _translated_key(catalogue) -> str:
    ed = pages.edition(catalogue, ROOT, "zh")
    return next(key for key in catalogue.entries
                if ed.translations.get(key) is not None and len(ed.english[key]) < 10)


def _zh_page(catalogue, root: Path, key: str):
    """Guide `key`'s Chinese page as the build renders it from `catalogue` and the translations
    under `root` (macros.site.pages, as in generated_pages), rendering no other page."""
    makers = dict(pages._page_makers(catalogue, pages.Settings(language="zh", root=str(root))))
    return lxml.html.document_fromstring(makers[key + ".md"]().split("\n---\n", 1)[1])


def _translated_item(catalogue, key: str) -> str:
    """A step of guide `key` whose Chinese text is current (shown in Chinese)."""
    ed = pages.edition(catalogue, ROOT, "zh")
    return next(item.id for item in catalogue.entries[key].procedure.steps if item.id not in ed.english[key])


def test_negative_control_a_dropped_unit_shows_in_english_with_the_notice(tmp_path, catalogue):
    """The English data stays as it is (the session's catalogue); a copy of the translations loses a unit."""
    key = _translated_key(catalogue)
    root = _copy_project(tmp_path)
    uid = _translated_item(catalogue, key)
    before = _zh_page(catalogue, ROOT, key)
    assert _one(before, f'//*[@id="item-{uid}"]').get("lang") is None
    assert _one(before, '//*[@data-act="lang-notice"]') is None, f"{key}: the notice shows before a unit is dropped"
    english_file = root / catalogue.entries[key].source_file
    zh_file = english_file.with_name(english_file.stem + ".zh.yml")
    original = zh_file.read_text(encoding="utf-8")
    doc = yaml.safe_load(original)
    del doc["units"][uid]
    zh_file.write_text(original.splitlines()[0] + "\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False,
                                                                       width=10_000), encoding="utf-8")
    after = _zh_page(catalogue, root, key)
    item = _one(after, f'//*[@id="item-{uid}"]')
    assert item.get("lang") == "en"
    assert _one(after, '//*[@data-act="lang-notice"]') is not None


def test_an_english_edit_makes_the_unit_stale_a_warning_english_on_the_page_and_the_notice(tmp_path, catalogue):
    key = _translated_key(catalogue)
    root = _copy_project(tmp_path)
    uid = _translated_item(catalogue, key)
    english_file = root / catalogue.entries[key].source_file
    text = english_file.read_text(encoding="utf-8")
    title = next(s.title for s in catalogue.entries[key].procedure.steps if s.id == uid)
    new_title = title + " now"
    assert text.count(title) >= 1
    english_file.write_text(text.replace(title, new_title, 1), encoding="utf-8")
    page = _zh_page(pages.get_catalogue(root), root, key)
    item = _one(page, f'//*[@id="item-{uid}"]')
    assert item.get("lang") == "en" and new_title in _norm(_text(item, " "))
    assert _one(page, '//*[@data-act="lang-notice"]') is not None
    checked = run_macros_cli("--root", str(root), "check")  # `make check`, in this process
    said = checked.stdout + checked.stderr
    assert checked.returncode == 0, said  # a warning, never an error
    assert re.search(rf"warning: SC110 units\.{re.escape(uid)}: the English changed", said), said


# --------------------------------------------------------------------------- UI strings


def test_every_english_ui_string_has_a_chinese_one_with_the_same_placeholders():
    script, words = strings_for("zh")
    assert script.keys() == SCRIPT_STRINGS.keys()
    assert words.keys() >= PAGE_STRINGS.keys()
    for name, english in SCRIPT_STRINGS.items():
        assert set(re.findall(r"\{\w+\}", script[name])) == set(re.findall(r"\{\w+\}", english)), name
    assert script["date.locale"] == "zh-CN"
    untranslated = [w for w in PAGE_STRINGS if words[w] == w and re.search("[a-z]{3}", w) and w != "English"]
    assert untranslated == []
    for wording in PAGE_STRINGS:  # inert.fill puts each value where the translation has its {name}
        assert sorted(re.findall(r"\{\w+\}", words[wording])) == sorted(re.findall(r"\{\w+\}", wording)), wording


def test_every_tool_string_has_a_chinese_one_with_the_same_placeholders():
    chinese = tool_strings_for("zh")
    assert chinese.keys() == TOOL_STRINGS.keys()
    for name, english in TOOL_STRINGS.items():
        assert sorted(re.findall(r"\{\w+\}", chinese[name])) == sorted(re.findall(r"\{\w+\}", english)), name
    assert chinese["date.locale"] == "zh-CN"
    assert [name for name, english in TOOL_STRINGS.items() if chinese[name] == english and name != "date.locale"] == []
    assert tool_strings_for("en") is TOOL_STRINGS


def test_the_page_hands_the_chinese_strings_to_the_script(site_zh, catalogue):
    key = next(iter(catalogue.entries))
    data = json.loads(_one(_tree(site_zh.zh, key + "/"), '//script[@id="sc-strings"]').text)
    assert data == strings_for("zh")[0]


# --------------------------------------------------------------------------- the seller tools


def _tool_wordings() -> list[str]:
    """Every wording the seller tools' parts of a page show: each `ui("...")` of
    templates/_tools.html.j2 and tools.py, and the date tool's labels per start event."""
    sources = [ROOT / "macros" / "site" / "templates" / "_tools.html.j2", ROOT / "macros" / "site" / "tools.py"]
    found = [w for path in sources for w in re.findall(r'\bui\("([^"]*)"\)', path.read_text(encoding="utf-8"))
             if re.search("[A-Za-z]", w)]
    return list(dict.fromkeys(found + list(tools.EVENT_LABELS.values())))


TOOL_WORDINGS = _tool_wordings()


def _english_pieces(wording: str) -> list[str]:
    """A wording's own English text: the pieces between its {placeholders} that have words in them."""
    return [piece.strip() for piece in re.split(r"\{\w+\}", wording) if re.search("[A-Za-z]{2}", piece)]


def _data_strings(*procedures) -> list[str]:
    """Every text of the guides' data (either edition) that has words in it, longest first: what
    the tools show of the guide (its items, waits, messages, changes), not their own wording.
    (Ids, units and other one-word values are left: they are not shown as text.)"""
    found = {_norm(value) for procedure in procedures
             for _loc, value, _owner, _name in walk_leaves(procedure.model_dump(), None)
             if isinstance(value, str) and re.search("[A-Za-z]{2}", value) and re.search(r"\s", value.strip())}
    return sorted(found, key=len, reverse=True)


#: The tools' parts of a guide page, in page order, and what in them is not the tools' wording.
_TOOLS_PARTS = (f'//*[@id="review-notice"] | //*[{_has_class("sc-save-offer")}] | //details[@id="toolbox"]'
                f' | //*[@id="what-changed"] | //*[{_has_class("sc-changes")}] | //*[{_has_class("sc-files")}]')
_NOT_TOOLS_TEXT = f'.//script | .//select | .//*[@data-part] | .//pre | .//a[{_has_class("headerlink")}]'


def _built(site, key: str) -> str:
    """A built guide page with its controls in place."""
    return tools.with_controls(site.html(key + "/"), (site.root / key / "toolbox.html").read_text(encoding="utf-8"))


def _tools_text(html: str, data: list[str]) -> str:
    """The visible text of a guide's seller tools (the out-of-date notice, the offers to save
    progress, the toolbox with its controls parsed in place, What changed and the files), less
    the guide's own text: the JSON words (the script's, checked on their own), the items to log,
    the messages, and every string of the guide's data."""
    html = re.sub(r"^## (.*) \{: #what-changed \}$", r'<h2 id="what-changed">\1</h2>', html, flags=re.MULTILINE)
    # lxml's own tree, not BeautifulSoup's: the negative control below reads 40 pages.
    tree = lxml.html.document_fromstring(re.sub(r"</?template[^>]*>", "", html))  # a page as rendered, or as built
    parts = tree.xpath(_TOOLS_PARTS)
    assert len(parts) >= 5, "the tools' parts are missing from the page"
    for part in parts:
        for el in part.xpath(_NOT_TOOLS_TEXT):
            el.tail = " " + (el.tail or "")  # the text after it stays, a word of its own
            el.drop_tree()
    text = _norm(" ".join(" ".join(part.itertext()) for part in parts))
    for value in data:
        if value in text:  # (no match is possible otherwise: the pattern is made only when one is)
            text = _whole(value).sub(" ", text)
    return text


@functools.cache
def _whole(piece: str) -> re.Pattern:
    """`piece` as a whole phrase: no letter joined to a letter at either end."""
    before = "(?<![A-Za-z])" if piece[0].isalpha() else ""
    after = "(?![A-Za-z])" if piece[-1].isalpha() else ""
    return re.compile(before + re.escape(piece) + after)


def _english_left(text: str) -> list[str]:
    """The tools' English pieces found in `text`."""
    return [piece for wording in TOOL_WORDINGS for piece in _english_pieces(wording)
            if piece in text and _whole(piece).search(text)]


def test_every_wording_of_the_tools_is_a_page_string():
    assert len(TOOL_WORDINGS) > 50
    assert [w for w in TOOL_WORDINGS if w not in PAGE_STRINGS] == []


def test_a_chinese_guide_hands_the_chinese_words_to_the_tools_and_shows_no_english_wording(site_zh, catalogue):
    ed = pages.edition(catalogue, ROOT, "zh")
    for key, entry in catalogue.entries.items():
        html = _built(site_zh.zh, key)
        tree = lxml.html.document_fromstring(re.sub(r"</?template[^>]*>", "", html))
        script = _one(tree, '//details[@id="toolbox"]//script[@id="sc-tool-strings"]')
        assert json.loads(script.text) == tool_strings_for("zh"), key
        text = _tools_text(html, _data_strings(entry.procedure, ed.catalogue.entries[key].procedure))
        assert _english_left(text) == [], key
        assert "你的工具：保存和分享进度、记录、日期" in text, key


def test_negative_control_an_untranslated_tool_wording_shows_in_english_and_is_found(catalogue):
    """Each wording the page shows, left out of the Chinese words in turn, is found in English."""
    ed = pages.edition(catalogue, ROOT, "zh")
    key = next(k for k, e in catalogue.entries.items() if e.procedure.messages and tools.dates(e.procedure))
    english, chinese = catalogue.entries[key], ed.catalogue.entries[key]
    data = _data_strings(english.procedure, chinese.procedure)
    _script, words = strings_for("zh")

    def shown(entry, language) -> str:
        return _tools_text(tools.with_controls(render.render_procedure(entry, language=language),
                                          render.render_toolbox(entry, tool_strings_for(language.code), language)),
                           data)

    assert _english_left(shown(chinese, Language("zh", words))) == []
    used = set(_english_left(shown(english, ENGLISH)))
    on_page = [w for w in TOOL_WORDINGS if set(_english_pieces(w)) & used]
    assert len(on_page) > 35, on_page
    for wording in on_page:
        left = _english_left(shown(chinese, Language("zh", {w: t for w, t in words.items() if w != wording})))
        assert set(_english_pieces(wording)) & set(left), f"{wording!r} left in English was not found"


def test_an_english_guide_keeps_the_english_tools_words(site, catalogue):
    for key, entry in catalogue.entries.items():
        html = _built(site, key)
        tree = lxml.html.document_fromstring(re.sub(r"</?template[^>]*>", "", html))
        box = _one(tree, '//details[@id="toolbox"]')
        assert json.loads(_one(box, './/script[@id="sc-tool-strings"]').text) == TOOL_STRINGS, key
        dates, messages = tools.dates(entry.procedure), entry.procedure.messages
        assert _text(_one(box, ".//summary")) == "Your tools: save and share progress, log, dates" + (
            ", messages" if messages else "")
        assert [_text(h) for h in box.xpath(".//h3")] == [
            "Save and share your progress", "Log a case, ticket or note",
            *([f"The earliest date for step {dates['point_number']}"] if dates else []),
            *(["Messages to send"] if messages else []), "Forget me on this device"], key
        buttons = {(b.get("data-tool"), b.get("data-scope")): _text(b) for b in box.xpath(".//button")}
        assert buttons == {("save-file", None): "Save progress to a file", ("copy-link", None): "Copy a link with my ticks",
                           (None, None): "Add to the log", ("forget", "guide"): "Forget this guide",
                           ("forget", "all"): "Forget every guide",
                           **({("calendar", None): "Add to calendar (.ics)"} if dates else {})}, key
        labels = [_norm(next(_strings(label))) for label in box.xpath(
            f'.//*[{_has_class("sc-tool--progress")}]//label | .//form[@data-tool="log"]//label')]
        assert labels == ["Load progress from a file", "Link", "Item", "Date", "Case or ticket ID", "Note"], key
        assert _norm(_text(_one(box, f'.//*[{_has_class("sc-tool__privacy")}]'))) == (
            "What you enter here stays in this browser on this device; nothing is sent anywhere. "
            "What is stored, and how to delete it.")
        assert _norm(_text(_one(box, f'.//*[{_has_class("sc-tool--forget")}]//p'))) == (
            "On a shared computer, delete what this site stored here: ticks, log, dates and your details.")
        if dates:
            assert _norm(_text(_one(box, f'.//*[{_has_class("sc-tool--dates")}]//p'))).endswith(
                "a month from the 31st ends on the month's last day.")
        notice = _one(tree, '//*[@id="review-notice"]')
        assert _norm(_text(_one(notice, f'.//*[{_has_class("admonition-title")}]'))) == "This guide may be out of date"
        assert _norm(_text(_one(notice, f'.//p[not({_has_class("admonition-title")})]'))).endswith(
            "check each step against the platform's own pages (the sources at the end) before you act.")
        assert next(_strings(_one(tree, '//h2[@id="what-changed"]'))).strip() == "What changed"
        assert _norm(_text(_one(tree, f'//*[{_has_class("sc-files")}]'))) == (
            "This guide as a file: checklist (Markdown) · checklist (CSV, for spreadsheets) · changes (Atom feed) · "
            "all of it (JSON).")
        assert not re.search("[\u4e00-\u9fff]", _tools_text(html, [])), f"{key}: Chinese in the English tools"


def test_dates_in_chinese():
    import datetime as dt

    assert long_date(dt.date(2026, 12, 1), "zh") == "2026年12月1日"


# --------------------------------------------------------------------------- the pages' own words


#: The parts of a page where the templates join data with their own words and punctuation: the
#: box at a glance, an item's source numbers, a wait, the list of sources, the link to the
#: Glossary, the Glossary's other forms and sources, a platform's official links.
_JOINED = " | ".join(f"//*[{_has_class(name)}]" for name in (
    "sc-glance", "sc-cite", "sc-wait", "sc-sources", "sc-words__more", "sc-glossary__aliases",
    "sc-glossary__sources", "sc-links"))
#: The wordings that join a page's text (punctuation, a source's title and publisher).
JOINERS = (", ", "; ", ".", "{title}, {publisher}", "{title} ({publisher})", "{name}: {notes}")


def _all_data_strings(*editions) -> list[str]:
    """Every string of the data of the catalogues (guides, platforms, glossary), longest first."""
    models = [model for catalogue in editions for model in (
        *(e.procedure for e in catalogue.entries.values()), *catalogue.platforms.values(), catalogue.glossary)]
    found = {_norm(value) for model in models for _loc, value, _owner, _name in walk_leaves(model.model_dump(), None)
             if isinstance(value, str) and value.strip()}
    return sorted(found, key=len, reverse=True)


def _not_own_text(el) -> bool:
    """English as published (lang="en"), or an address shown as its own link text."""
    return el.get("lang") == "en" or (el.tag == "a" and _norm(el.text_content()) == el.get("href"))


def _english_joiners(tree, data: list[str]) -> list[str]:
    """The English words and ASCII punctuation (. , ; : brackets) the page's own wordings leave in
    its joined parts, outside English as published and outside the data's strings."""
    found = []
    for part in tree.xpath(_JOINED):
        text = _norm(" ".join(_strings(part, leave=_not_own_text)))
        for value in data:
            if value in text:
                text = text.replace(value, " ")
        found += re.findall(r"[A-Za-z]{2,}|[.,;:()]", text)
    return found


def test_the_joiners_are_page_strings_with_chinese_punctuation():
    _script, words = strings_for("zh")
    assert all(wording in PAGE_STRINGS for wording in JOINERS)
    assert [w for w in JOINERS if re.search(r"[.,;:()]", re.sub(r"\{\w+\}", "", words[w]))] == []


def test_the_chinese_pages_own_wordings_and_joiners_are_chinese(site_zh, catalogue):
    ed = pages.edition(catalogue, ROOT, "zh")
    data = _all_data_strings(catalogue, ed.catalogue)
    shown = [key + "/" for key in catalogue.entries] + [p.id + "/" for p in catalogue.platforms_in_use()] + ["glossary/"]
    parts = 0
    for page in shown:
        tree = _tree(site_zh.zh, page)
        parts += len(tree.xpath(_JOINED))
        assert _english_joiners(tree, data) == [], page
    assert parts > 5 * len(shown) // 2, "the joined parts are missing from the pages"
    # A source's title and publisher are shown as published, in English, and marked so.
    tree = _tree(site_zh.zh, next(iter(catalogue.entries)) + "/")
    titles = tree.xpath(f'//ol[{_has_class("sc-sources")}]/li/a')
    assert titles and all(a.get("lang") == "en" for a in titles)
    english = _tree(site_zh.en, next(iter(catalogue.entries)) + "/")
    assert english.xpath(f'//ol[{_has_class("sc-sources")}]//*[@lang]') == []


def test_negative_control_a_joiner_left_out_of_the_chinese_words_is_found_in_english(catalogue):
    """Each joiner, dropped from the Chinese words in turn, shows its English punctuation on a
    page that uses it, and the check finds it."""
    ed = pages.edition(catalogue, ROOT, "zh")
    data = _all_data_strings(catalogue, ed.catalogue)
    _script, words = strings_for("zh")
    zh = ed.catalogue
    key = max(zh.entries, key=lambda k: (len(zh.entries[k].procedure.regions or ()) > 1,
                                         len({m.kind for m in zh.entries[k].procedure.money}) > 1,
                                         any(len(s.sources) > 1 for s in zh.entries[k].procedure.steps)))
    platform = next(p for p in zh.platforms_in_use() if any(c.notes for c in p.support_channels))

    def found(wording, render_page) -> list[str]:
        without = {w: t for w, t in words.items() if w != wording}
        return _english_joiners(lxml.html.document_fromstring(render_page(Language("zh", without))), data)

    renders = [lambda lang: render.render_procedure(zh.entries[key], language=lang),
               lambda lang: render.render_glossary(zh.glossary, lang),
               lambda lang: render.render_platform(zh, platform.id, language=lang)]
    for page in renders:
        assert found(None, page) == []
    for wording in JOINERS:
        assert any(found(wording, page) for page in renders), f"{wording!r} left in English was not found"


# --------------------------------------------------------------------------- switch, sitemap, search


def test_every_page_switches_to_the_same_page_in_the_other_language(site, site_zh):
    zh_pages = site_zh.zh.pages()
    assert set(zh_pages) == set(site.pages()), "each edition has the same pages"
    for edition, other in ((site_zh.en, site_zh.zh), (site_zh.zh, site_zh.en)):
        for page in zh_pages:
            link = _one(_tree(edition, page), '//*[@data-act="switch-language"]')
            assert link is not None, f"{edition.url}{page}: no language switch"
            href = link.get("href")
            assert urljoin(edition.url + page, href) == other.url + page, f"{edition.url}{page} -> {href}"
            assert link.get("hreflang") == ("zh-Hans" if edition is site_zh.en else "en")


def test_no_page_asks_for_alternate_sitemaps(site_zh):
    for edition in (site_zh.en, site_zh.zh):
        assert _tree(edition, "").xpath('//link[@rel="alternate"][@hreflang]') == []


def test_the_sitemaps_carry_hreflang_and_robots_names_both(site_zh):
    for edition, folder in ((site_zh.en, ""), (site_zh.zh, "zh/")):
        sitemap = BeautifulSoup((edition.root / "sitemap.xml").read_text(encoding="utf-8"), "xml")
        urls = sitemap.find_all("url")
        assert urls
        for url in urls:
            links = {link["hreflang"]: link["href"] for link in url.find_all("link")}
            assert set(links) == {"en", "zh-Hans", "x-default"}
            assert links["zh-Hans"].split("/zh/", 1)[1] == links["en"].split("/", 3)[3]
            assert links["x-default"] == links["en"]
    robots = (site_zh.en.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    sitemaps = [line.split("/", 3)[3] for line in robots if line.startswith("Sitemap: ")]
    assert sitemaps == ["sitemap.xml", "zh/sitemap.xml"]


def test_the_chinese_search_index_is_its_own_and_segmented(site_zh):
    index = json.loads((site_zh.zh.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    assert any("\u200b" in doc["text"] for doc in index["docs"]), "jieba did not segment the Chinese text"
    assert not any(doc["location"].startswith("zh/") for doc in index["docs"])


def test_jieba_is_quiet():
    import logging

    import jieba

    from macros.engine import mkdocs_pages

    mkdocs_pages.on_startup("build", False)
    assert jieba.default_logger.getEffectiveLevel() >= logging.WARNING


def test_english_only_pages_on_the_chinese_site_are_marked_english(site_zh):
    assert _tree(site_zh.zh, "performance/").xpath('//article//*[@lang="en"]') != []
    about = _tree(site_zh.zh, "about/")
    assert about.xpath("//article//h1") != [] and about.xpath('//article//*[@lang="en"]//h1') == []


def test_what_is_never_translated_is_marked_english_on_chinese_pages_only(site, site_zh, catalogue):
    """A change's summary (the English history) and a message to the platform (written in the
    language its support reads: its subject, body and the labels of its blanks) are not
    translated: lang="en" on the Chinese page and toolbox,
    no mark on the English ones (negative control: the same query there finds none)."""
    with_changes = [k for k, e in catalogue.entries.items() if e.procedure.changes]
    with_messages = [k for k, e in catalogue.entries.items() if e.procedure.messages]
    assert with_changes and with_messages
    for key in with_changes:
        for edition, marked in ((site_zh.zh, True), (site, False)):
            summaries = _tree(edition, key + "/").xpath('//ul[contains(@class, "sc-changes")]/li')
            assert summaries and all(bool(li.xpath('./span[@lang="en"]')) == marked for li in summaries), key
    for key in with_messages:
        for edition, marked in ((site_zh.zh, True), (site, False)):
            tree = lxml.html.fromstring((edition.root / key / "toolbox.html").read_text(encoding="utf-8"))
            parts = tree.xpath('//*[@data-part="subject"] | //pre[contains(@class, "sc-message__body")]')
            labels = tree.xpath('//div[@data-tool="message"]//label/span[1]')
            assert labels and len(labels) == sum(len(m.fields) for m in catalogue.entries[key].procedure.messages)
            assert parts and all((p.get("lang") == "en") == marked for p in parts + labels), key


# --------------------------------------------------------------------------- configs and the workflow


def _config(name: str) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda *a: None)
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader)


def test_the_workflow_and_both_configs_agree():
    en, zh = _config("mkdocs.yml"), _config("mkdocs.zh.yml")
    assert zh["INHERIT"] == "mkdocs.yml" and zh["theme"]["language"] == "zh"
    assert zh["site_url"] == en["site_url"] + "zh/" and zh["site_dir"] == en["site_dir"] + "/zh"
    assert zh["extra"]["sc_language"] == "zh" and zh["extra"]["scope"] == "/"
    assert zh["extra"]["sc_switch"]["href"] == "../" and en["extra"]["sc_switch"]["href"] == "zh/"
    assert set(zh["hooks"]) <= set(en["hooks"]) and zh["plugins"] == en["plugins"]
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    run = " ".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "INHERIT: mkdocs.yml\\nsite_url: %s/\\n" in run and "INHERIT: mkdocs.zh.yml\\nsite_url: %s/zh/\\n" in run
    assert run.count("scope: %s/") == 2 and run.count("steps.pages.outputs.base_path") == 2
    assert "--config-file mkdocs.pages.yml --site-dir site\n" in run
    assert "--config-file mkdocs.pages.zh.yml --site-dir site/zh" in run
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--config-file mkdocs.zh.yml --site-dir site/zh" in make


def test_each_chinese_guide_has_its_toolbox_html_and_no_other_export(site_zh, catalogue):
    """The Chinese build writes each guide's toolbox.html in Chinese (the one export of its own:
    the guide's files are published beside the English page only)."""
    made = pages.toolbox_files(catalogue, pages.Settings(language="zh", root=str(ROOT)))
    for key in catalogue.entries:
        folder = site_zh.zh.root / key
        assert (folder / "toolbox.html").read_text(encoding="utf-8") == made[f"{key}/toolbox.html"], key
        assert not (folder / "checklist.md").exists(), key
    english = pages.toolbox_files(catalogue)
    assert all(made[path] != english[path] for path in made)  # negative control: each in its language


def test_long_text_folds_by_how_wide_it_sets_so_chinese_folds_as_soon_as_english():
    """A Han character (and full-width punctuation) takes the room of two Latin ones, so a
    Chinese text folds at about the length on screen where its English does."""
    width = render.display_width
    assert width("Close the account") == 17
    assert width("关闭账户") == 8 and width("关闭账户，然后等待。") == 20
    assert width("Seller Central 卖家平台") == 15 + 8
    long_chinese = "关" * (render.FOLD_AFTER // 2 + 1)  # under FOLD_AFTER characters, wider than it
    assert len(long_chinese) < render.FOLD_AFTER < width(long_chinese)
