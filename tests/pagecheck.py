"""Find each piece of a procedure's data in its built page, section by section.

Used by the site tests and by their negative controls (which remove an item from a
real page and expect it to be reported), so the check itself is shown to be able to fail.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from macros.data.model import Procedure


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(node: Tag | None) -> str:
    """Visible text of a node, without the heading permalinks (¶) the toc extension adds, and
    with the marks of glossary terms read as the words they are."""
    if node is None:
        return ""
    node = copy.copy(node)
    for link in node.select("a.headerlink"):
        link.decompose()
    for term in node.select(".sc-term"):  # a glossary term's mark is part of its sentence
        term.unwrap()
    node.smooth()
    return norm(node.get_text(" "))


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

    need(text(article.select_one("h1")) == norm(p.title), "title")
    need(has(article.select_one(".sc-summary"), p.summary), "summary")
    need(article.select_one(f'time[datetime="{p.last_reviewed.isoformat()}"]') is not None, "last_reviewed")
    need((article.select_one(".sc-irreversible") is not None) == p.irreversible, "irreversible warning")

    def checkbox_item(section: str, item, scope: Tag | None = None):
        scope = scope or article.select_one(f'.sc-checklist[data-section="{section}"]')
        li = scope.select_one(f'li#item-{item.id}') if scope else None
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
        badge = li.select_one(":scope > .sc-badge--advice")
        need((badge is not None) == item.advice, f"advice mark of {item.id}")
        if item.no_official_source:
            need(has(li.select_one(".sc-no-official"), item.no_official_source.why),
                 f"no official source of {item.id}")

    def where_of(li: Tag | None, item):
        if item.where and li is not None:
            for label in item.where.path:
                need(has(li.select_one(".sc-where"), label), f"steps: where '{label}' of {item.id}")

    if p.no_official_source:
        need(has(article.select_one(".sc-no-official"), p.no_official_source.why), "no official source")
    for item in p.precautions:
        marks(checkbox_item("precautions", item), item)
    for step in p.steps:
        if step.choices:  # an 'or' step: no box of its own, one per choice
            li = article.select_one(f'.sc-checklist[data-section="steps"] li#item-{step.id}')
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
            need(has(li.select_one(".sc-wait") if li else None, step.wait.starts, anycase=True), f"steps: wait of {step.id}")

    for css, notes in ((".sc-alternatives", p.alternatives), (".sc-after", p.after)):
        for note in notes:
            need(has(article.select_one(css), note.title) and has(article.select_one(css), note.details),
                 f"{css[4:]}: {note.title}")
    for money in p.money:
        li = article.select_one(f"li#money-{money.id}")
        need(has(li, money.title) and has(li, money.details), f"money: {money.id}")
    for wait in p.waits:
        need(has(article.select_one(".sc-waits"), wait.starts, anycase=True), f"waits: {wait.starts}")

    for problem in p.troubleshooting:
        section = article.select_one(f'.sc-checklist[data-section="troubleshooting"] section#problem-{problem.id}')
        need(section is not None and text(section.select_one("h3")) == norm(problem.problem),
             f"troubleshooting: {problem.id}")
        for cause in problem.causes:
            need(has(section.select_one(".sc-causes") if section else None, cause),
                 f"troubleshooting: cause of {problem.id}")
        for fix in problem.fixes:
            if fix.action:
                checkbox_item("troubleshooting", fix, scope=section)
            else:
                li = section.select_one(f"li#item-{fix.id}") if section else None
                need(has(li, fix.title) and has(li, fix.details), f"troubleshooting: fix {fix.id}")

    for conflict in p.conflicts:
        section = article.select_one(f"section#conflict-{conflict.id}")
        need(section is not None and has(section.select_one("h3"), conflict.topic), f"conflicts: {conflict.id}")
        for position in conflict.positions:
            need(has(section, position.says), f"conflicts: {conflict.id} position of {position.source}")
            need(section is not None and section.select_one(f'a[href="#source-{position.source}"]') is not None,
                 f"conflicts: {conflict.id} cites {position.source}")
        need(has(section.select_one(".sc-safe-action") if section else None, conflict.safe_action),
             f"conflicts: safe action of {conflict.id}")

    for source in p.sources:
        li = article.select_one(f"ol.sc-sources li#source-{source.id}")
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
