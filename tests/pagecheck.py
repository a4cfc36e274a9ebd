"""Find each piece of a procedure's data in its built page, section by section.

Used by the site tests and by their negative controls (which remove an item from a
real page and expect it to be reported), so the check itself is shown to be able to fail.

The page is read, never changed, and read cheaply (a guide page is checked ~1,000 queries
deep): `text_of` reads a node's text in one walk, skipping what the copy-and-edit reading
(`text_by_copy`, which it equals: tests/test_site.py proves it on every built page) would cut
out; and the queries over the whole article or a checklist section look their candidates up
in one index of the article, made per call (by id, class or tag name, in page order), and
keep the first that soupsieve says matches the same CSS selector inside the same scope, so
each finds exactly what `scope.select_one(selector)` would.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from macros.data.model import Procedure


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_by_copy(node: Tag | None) -> str:
    """Visible text of a node, without the heading permalinks (¶) the toc extension adds, and
    with the marks of glossary terms read as the words they are: read from an edited copy of
    the node (the plain definition; `text_of` reads the same without copying)."""
    if node is None:
        return ""
    node = copy.copy(node)
    for link in node.select("a.headerlink"):
        link.decompose()
    for term in node.select(".sc-term"):  # a glossary term's mark is part of its sentence
        term.unwrap()
    node.smooth()
    return norm(node.get_text(" "))


_NOT_WS = re.compile(r"[^ \t\r\n\f]+")  # how soupsieve splits a class attribute given as a string


def _classes(tag: Tag) -> list[str]:
    classes = tag.get("class") or []
    return _NOT_WS.findall(classes) if isinstance(classes, str) else classes


def _shown_contents(tag: Tag) -> list:
    """`tag`'s children once its permalinks (a.headerlink) are cut out and each glossary term
    (.sc-term) is replaced by its own contents, as `text_by_copy` edits them."""
    shown = []
    for child in tag.contents:
        if isinstance(child, Tag):
            classes = _classes(child)
            if child.name == "a" and "headerlink" in classes:
                continue
            if "sc-term" in classes:
                shown += _shown_contents(child)
                continue
        shown.append(child)
    return shown


def _smooth(value) -> bool:
    """A string `Tag.smooth` joins with the strings beside it."""
    return isinstance(value, NavigableString) and not isinstance(value, PreformattedString)


def _strings(tag: Tag, types, out: list[str]) -> None:
    """The strings `get_text` would join in `tag`'s shown contents after `smooth()`: each run
    of neighbouring plain strings is one string (a NavigableString when it joined two or more),
    and only strings of the reading node's `types` count."""
    run: list[str] = []
    for child in [*_shown_contents(tag), None]:
        if _smooth(child):
            run.append(child)
            continue
        if len(run) == 1:
            if type(run[0]) in types:
                out.append(run[0])
        elif run and NavigableString in types:
            out.append("".join(run))
        run = []
        if isinstance(child, Tag):
            _strings(child, types, out)
        elif isinstance(child, NavigableString) and type(child) in types:
            out.append(child)


def text_of(node: Tag | None) -> str:
    """Visible text of a node, without the heading permalinks (¶) the toc extension adds, and
    with the marks of glossary terms read as the words they are (what `text_by_copy` reads,
    in one walk and without copying the node)."""
    if node is None:
        return ""
    types = node.interesting_string_types
    types = node.MAIN_CONTENT_STRING_TYPES if types is None else types
    types = {types} if isinstance(types, type) else set(types)
    out: list[str] = []
    _strings(node, types, out)
    return norm(" ".join(out))


class _Index:
    """The elements inside `root` by id, class and tag name, each list in page order; `first`
    answers `scope.select_one(selector)` for a scope inside `root` (or `root` itself) from the
    candidates a key names, which must include every element the selector could match."""

    def __init__(self, root: Tag):
        self.root = root
        self.by_id: dict[str, list[Tag]] = {}
        self.by_class: dict[str, list[Tag]] = {}
        self.by_name: dict[str, list[Tag]] = {}
        for el in root.descendants:
            if isinstance(el, Tag):
                self.by_name.setdefault(el.name.lower(), []).append(el)
                if (ident := el.get("id")) is not None:
                    self.by_id.setdefault(ident, []).append(el)
                for c in _classes(el):
                    self.by_class.setdefault(c, []).append(el)

    def first(self, scope: Tag | None, selector: str, *, id=None, cls=None, name=None) -> Tag | None:
        if scope is None:
            return None
        if id is not None:
            candidates = self.by_id.get(id, ())
        elif cls is not None:
            candidates = self.by_class.get(cls, ())
        else:
            candidates = self.by_name.get(name, ())
        for el in candidates:
            if (scope is self.root or any(p is scope for p in el.parents)) and el.css.match(selector):
                return el
        return None


def _has(container: Tag | None, text: str | None, anycase: bool = False, read=text_of) -> bool:
    if text is None:
        return True
    if container is None:
        return False
    if anycase:  # e.g. a wait's 'until …' shown as 'Until …' at the start of a sentence
        return norm(text).lower() in read(container).lower()
    return norm(text) in read(container)


def missing_on_page(soup: BeautifulSoup, p: Procedure) -> list[str]:
    """Everything of `p` that is not where it belongs on the page; empty when all is there."""
    article = soup.select_one("article")
    index = _Index(article)
    find = index.first  # find(scope, selector, id=…|cls=…|name=…) is scope.select_one(selector)
    missing: list[str] = []
    seen: dict[int, tuple[Tag, str]] = {}  # node's id -> (node, its text): the page is read, never changed

    def text(node: Tag | None) -> str:
        if node is None:
            return ""
        if id(node) not in seen:
            seen[id(node)] = (node, text_of(node))
        return seen[id(node)][1]

    def has(container: Tag | None, said: str | None, anycase: bool = False) -> bool:
        return _has(container, said, anycase, text)

    def need(ok: bool, what: str):
        if not ok:
            missing.append(what)

    def child(li: Tag, cls: str) -> Tag | None:
        """li.select_one(f":scope > .{cls}"): its first child element of that class."""
        return next((c for c in li.children if isinstance(c, Tag) and cls in _classes(c)), None)

    checklists: dict[str, Tag | None] = {}

    def checklist(section: str) -> Tag | None:
        if section not in checklists:
            checklists[section] = find(article, f'.sc-checklist[data-section="{section}"]', cls="sc-checklist")
        return checklists[section]

    need(text(find(article, "h1", name="h1")) == norm(p.title), "title")
    need(has(find(article, ".sc-summary", cls="sc-summary"), p.summary), "summary")
    need(find(article, f'time[datetime="{p.last_reviewed.isoformat()}"]', name="time") is not None, "last_reviewed")
    need((find(article, ".sc-irreversible", cls="sc-irreversible") is not None) == p.irreversible,
         "irreversible warning")

    def checkbox_item(section: str, item, scope: Tag | None = None):
        scope = scope or checklist(section)
        li = find(scope, f'li#item-{item.id}', id=f"item-{item.id}")
        label = li.select_one("label") if li else None
        box = label.select_one(f'input[type="checkbox"][data-item="{item.id}"]') if label else None
        need(li is not None and box is not None, f"{section}: checkbox {item.id}")
        need(text(label.select_one(".sc-item__title")) == norm(item.title) if label else False,
             f"{section}: title of {item.id}")
        need(has(li, item.details), f"{section}: details of {item.id}")
        return li

    def marks(li: Tag | None, item):
        if li is None:
            return
        badge = child(li, "sc-badge--advice")
        need((badge is not None) == item.advice, f"advice mark of {item.id}")
        if item.no_official_source:
            need(has(find(li, ".sc-no-official", cls="sc-no-official"), item.no_official_source.why),
                 f"no official source of {item.id}")

    def where_of(li: Tag | None, item):
        if item.where and li is not None:
            for label in item.where.path:
                need(has(find(li, ".sc-where", cls="sc-where"), label), f"steps: where '{label}' of {item.id}")

    if p.no_official_source:
        need(has(find(article, ".sc-no-official", cls="sc-no-official"), p.no_official_source.why),
             "no official source")
    for item in p.precautions:
        marks(checkbox_item("precautions", item), item)
    for step in p.steps:
        if step.choices:  # an 'or' step: no box of its own, one per choice
            li = find(article, f'.sc-checklist[data-section="steps"] li#item-{step.id}', id=f"item-{step.id}")
            need(li is not None and li.select_one(f':scope > label input[data-item="{step.id}"]') is None,
                 f"steps: 'or' step {step.id} has no checkbox of its own")
            need(has(li, step.title) and has(li, step.details), f"steps: title of {step.id}")
            for choice in step.choices:
                choice_li = checkbox_item("steps", choice, scope=li)
                marks(choice_li, choice)
                where_of(choice_li, choice)
        else:
            li = checkbox_item("steps", step)
        marks(li, step)
        where_of(li, step)
        for sub in step.substeps:
            checkbox_item("steps", sub, scope=li)
        if step.wait:
            need(has(find(li, ".sc-wait", cls="sc-wait"), step.wait.starts, anycase=True), f"steps: wait of {step.id}")

    for css, notes in ((".sc-alternatives", p.alternatives), (".sc-after", p.after)):
        for note in notes:
            block = find(article, css, cls=css[1:])
            need(has(block, note.title) and has(block, note.details), f"{css[4:]}: {note.title}")
    for money in p.money:
        li = find(article, f"li#money-{money.id}", id=f"money-{money.id}")
        need(has(li, money.title) and has(li, money.details), f"money: {money.id}")
    for wait in p.waits:
        need(has(find(article, ".sc-waits", cls="sc-waits"), wait.starts, anycase=True), f"waits: {wait.starts}")

    for problem in p.troubleshooting:
        section = find(article, f'.sc-checklist[data-section="troubleshooting"] section#problem-{problem.id}',
                       id=f"problem-{problem.id}")
        need(section is not None and text(section.select_one("h3")) == norm(problem.problem),
             f"troubleshooting: {problem.id}")
        for cause in problem.causes:
            need(has(find(section, ".sc-causes", cls="sc-causes"), cause),
                 f"troubleshooting: cause of {problem.id}")
        for fix in problem.fixes:
            if fix.action:
                checkbox_item("troubleshooting", fix, scope=section)
            else:
                li = find(section, f"li#item-{fix.id}", id=f"item-{fix.id}")
                need(has(li, fix.title) and has(li, fix.details), f"troubleshooting: fix {fix.id}")

    for conflict in p.conflicts:
        section = find(article, f"section#conflict-{conflict.id}", id=f"conflict-{conflict.id}")
        need(section is not None and has(section.select_one("h3"), conflict.topic), f"conflicts: {conflict.id}")
        for position in conflict.positions:
            need(has(section, position.says), f"conflicts: {conflict.id} position of {position.source}")
            need(section is not None and section.select_one(f'a[href="#source-{position.source}"]') is not None,
                 f"conflicts: {conflict.id} cites {position.source}")
        need(has(find(section, ".sc-safe-action", cls="sc-safe-action"), conflict.safe_action),
             f"conflicts: safe action of {conflict.id}")

    for source in p.sources:
        li = find(article, f"ol.sc-sources li#source-{source.id}", id=f"source-{source.id}")
        need(has(li, source.title), f"sources: {source.id}")
        if source.url:
            need(li is not None and li.select_one(f'a[href="{source.url}"]') is not None,
                 f"sources: link of {source.id}")
        if source.note:  # for readers: on the page
            need(has(li, source.note), f"sources: note of {source.id}")
        if source.editor_note:  # for editors only: never on the page
            need(norm(source.editor_note) not in text(article), f"sources: editor note of {source.id} shown")
    return missing


def checkbox_problems(soup: BeautifulSoup, p: Procedure) -> list[str]:
    """The page's checkboxes against `p`: one per checkable item, in page order, carrying the
    item's id, enabled and labelled by text; empty when all is so."""
    boxes = soup.select_one("article").select('input[type="checkbox"]')
    found = [box.get("data-item") for box in boxes]
    expected = [item.id for _section, item in p.checkable_items()]
    problems = [] if found == expected else [f"checkboxes {found}, not the items {expected}"]
    for box in boxes:
        label = box.find_parent("label")
        if label is None or not label.get_text(" ").strip():
            problems.append(f"checkbox {box.get('data-item')}: no label with text")
        if box.has_attr("disabled"):
            problems.append(f"checkbox {box.get('data-item')}: disabled")
    return problems


def links(site, page: str) -> set[str]:
    """Absolute addresses of the links in a page's article (`site`: conftest's Site)."""
    base = site.url + page
    return {urljoin(base, a["href"]) for a in site.soup(page).select("article a[href]")}


def unreachable(site, key: str, platform: str) -> list[str]:
    """The pages that should link to the guide `key` and do not: home and its platform's page."""
    target = site.url + key + "/"
    return [f"not linked from {page or 'the home page'}" for page in ("", platform + "/")
            if target not in links(site, page)]


def unreported_removals(page, p: Procedure, shared: BeautifulSoup | None = None) -> list[str]:
    """Negative control of the checks above on one guide's page: each damage done to the page
    (or to `p`) that they do not report; empty when they report every one. `page()` gives a
    fresh copy of the guide's page each time; `shared`, if given, is the same page parsed once
    and shared (conftest.Site.soup), read where only `p` is damaged and the page is not."""
    unreported = []
    victim = p.steps[-1].id
    soup = page()
    soup.select_one(f"li#item-{victim}").decompose()
    if f"steps: checkbox {victim}" not in missing_on_page(soup, p):
        unreported.append(f"missing_on_page: step {victim} removed")
    if not checkbox_problems(soup, p):
        unreported.append(f"checkbox_problems: step {victim} removed")

    soup = page()
    soup.select_one(".sc-sources li").decompose()
    if not any(m.startswith("sources:") for m in missing_on_page(soup, p)):
        unreported.append("missing_on_page: a source removed")

    changed = copy.deepcopy(p.model_dump())
    changed["precautions"][0]["title"] = "Check something that is not on the page"
    if not any("title of" in m for m in missing_on_page(page() if shared is None else shared, type(p)(**changed))):
        unreported.append("missing_on_page: a precaution's title changed")
    return unreported
