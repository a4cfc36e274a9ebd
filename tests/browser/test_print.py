"""Two prints, checked in real PDFs read back with pdftotext (A4; Letter too where length
counts: the whole guide for the longest guide, the checklist for every sampled one):

- the browser's own print (Ctrl+P, JavaScript off) and "Print full guide": the whole guide,
  the header a desk copy needs, every item with its box and details, nothing of the site
  around it, no item cut in two, no blank last page;
- "Print checklist": the checklist alone, each box in the seller's state (ticked, not
  applicable struck through, open empty), where to click and how long to wait, on at most
  one page per 20 checkboxes."""

from __future__ import annotations

import math
import re
import subprocess

import pytest
from pagecheck import norm as spaces_normalised
from pagecheck import text_of

from .conftest import CATALOGUE, KEYS, LEAD

PAPERS = ("A4", "Letter")


def norm(text: str) -> str:
    """Text as it is compared with a PDF's: whitespace normalised and hyphens left out.
    pdftotext joins a word broken at a hyphen at a line's end and drops the hyphen
    ("On-" + "Time" gives "OnTime"), so the PDF's text and the expected text both go without."""
    return spaces_normalised(text.replace("-", ""))
#: The sampled guide with the most boxes (tests/sampling.py: the sample has a longest guide).
LONGEST = max(KEYS, key=lambda k: len(CATALOGUE.entries[k].procedure.checkable_items()))
#: The sampled guide with the fewest: the negative control of the chrome check prints it on screen.
SHORTEST = min(KEYS, key=lambda k: len(CATALOGUE.entries[k].procedure.checkable_items()))


def pdf_pages(pdf: bytes, pdftotext: str, tmp_path) -> list[str]:
    """The text of each page, whitespace normalised (pdftotext ends every page with a form feed)."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [norm(page) for page in text.split("\f")[:-1]]


def site_chrome(page, site, key: str) -> list[str]:
    """Words of the site around the checklist, as the screen shows them (search, navigation,
    table of contents, footer) and the checklist's own controls, less any the article has."""
    shown = page.evaluate("""() => [...document.querySelectorAll(
        '.md-header, .md-sidebar, .md-footer, .md-top, .sc-tools, .sc-actions, .sc-progress, .sc-na-toggle, .sc-fold-slot')]
        .flatMap(e => [...e.innerText.split('\\n'), ...[...e.querySelectorAll('[placeholder]')].map(i => i.placeholder)])
        .map(t => t.trim()).filter(Boolean)""")
    article = text_of(site.soup(key + "/").select_one("article"))

    def in_article(text: str) -> bool:  # as whole words: a guide saying "Searched:" still shows "Search"
        return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", article) is not None

    return sorted({norm(t) for t in shown if not in_article(spaces_normalised(t)) and not re.fullmatch(r"[\d ]+", t)})


@pytest.mark.parametrize("key", KEYS)
def test_printed_checklist_has_every_item_and_nothing_of_the_site_around_it(page, site, pdftotext,
                                                                            tmp_path, key, record_property):
    entry = CATALOGUE.entries[key]
    procedure = entry.procedure
    items = [item for _sec, item in procedure.checkable_items()]
    page.goto(site.url + key + "/", wait_until="commit")
    page.wait_for_selector(".sc-tools")
    chrome = site_chrome(page, site, key)
    assert len(chrome) > 5 and "Print checklist" in chrome  # the collection sees the site around the page
    ticked = next(i for i in items if not getattr(i, "irreversible", False))
    page.locator(f"#item-{ticked.id} > label .sc-item__title").click()
    page.emulate_media(media="print")
    for paper in PAPERS if key == LONGEST else PAPERS[:1]:  # Letter's shorter page: the longest guide
        pages = pdf_pages(page.pdf(format=paper), pdftotext, tmp_path)
        record_property(f"printed pages: {key}: {paper}", len(pages))  # summed up after the run
        text = " ".join(pages)
        assert pages[-1], f"{paper}: the last page is blank"
        assert text.startswith(norm(procedure.title)), paper
        for header in (f"Platform: {entry.platform.name}", "Last reviewed: ",
                       f"Printed from {site.url}{key}/ on "):
            assert norm(header) in text, (paper, header)
        assert re.search(r"Printed from \S+ on \d{1,2} [A-Z][a-z]+ \d{4}", text), paper
        for item in items:  # the title and all its details on one page: the item is not split
            parts = [norm(item.title)] + ([norm(item.details)] if item.details else [])
            assert any(all(part in p for part in parts) for p in pages), (paper, item.id)
        for step in procedure.steps:
            for label in step.where.path if step.where else []:
                assert norm(label) in text, (paper, step.id, label)
        assert text.count("\u2713") == 1, f"{paper}: the one ticked item prints ticked, the rest empty"
        leaked = [word for word in chrome if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
        assert leaked == [], f"{paper}: site navigation or controls printed: {leaked}"
    if key == SHORTEST:  # negative control (once): the same check finds the chrome on screen
        page.emulate_media(media="screen")
        text = " ".join(pdf_pages(page.pdf(format="A4"), pdftotext, tmp_path))
        assert [word for word in chrome if word in text]


def test_printing_without_javascript_still_gives_every_item(no_script, site, pdftotext, tmp_path):
    key = KEYS[0]
    page = no_script
    page.goto(site.url + key + "/")
    try:
        page.emulate_media(media="print")
        text = " ".join(pdf_pages(page.pdf(format="A4"), pdftotext, tmp_path))
    finally:
        page.emulate_media(media="null")
    for _sec, item in CATALOGUE.entries[key].procedure.checkable_items():
        assert norm(item.title) in text, item.id
    assert norm(f"/{key}/ on ____") in text  # the address; the date is written by hand
    assert "JavaScript is off" not in text and "\u2713" not in text


def printed(page, act: str, paper: str, pdftotext: str, tmp_path) -> list[str]:
    """The pages the button `act` prints: clicked on screen (print() stubbed: the PDF is the
    print), then laid out for paper. Chromium's afterprint undoes the choice after each PDF."""
    page.emulate_media(media="screen")
    page.locator(f"[data-act={act}]").click()
    page.emulate_media(media="print")
    return pdf_pages(page.pdf(format=paper), pdftotext, tmp_path)



@pytest.mark.parametrize("key", sorted(set(LEAD) | {LONGEST}, key=list(CATALOGUE.entries).index))
def test_print_checklist_prints_the_boxes_alone_in_their_state_on_one_page_per_20(page, site, pdftotext,
                                                                                  tmp_path, key, record_property):
    from macros.site.render import FOLD_AFTER

    procedure = CATALOGUE.entries[key].procedure
    items = [item for _sec, item in procedure.checkable_items()]
    ticked, set_aside = [i for i in items if not getattr(i, "irreversible", False)][:2]
    page.goto(site.url + key + "/", wait_until="commit")
    page.wait_for_selector(".sc-tools")
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.locator(f"#item-{ticked.id} > label .sc-item__title").click()
    page.locator(f"#item-{set_aside.id} > .sc-na-toggle").click()
    limit = math.ceil(len(items) / 20)
    for paper in PAPERS:
        pages = printed(page, "print-checklist", paper, pdftotext, tmp_path)
        record_property(f"printed pages: {key}: checklist {paper}", len(pages))
        assert len(pages) <= limit, f"{paper}: {len(pages)} pages for {len(items)} boxes"
        text = " ".join(pages)
        assert text.startswith(norm(procedure.title)) and norm(f"Printed from {site.url}{key}/ on ") in text, paper
        for item in items:
            assert norm(item.title) in text, (paper, item.id)
        for step in procedure.steps:
            for label in step.where.path if step.where else []:
                assert norm(label) in text, (paper, step.id, label)
            if step.wait:
                assert norm(step.wait.starts).lower() in text.lower(), (paper, step.id)
        long = [i for i in items if i.details and len(i.details) > FOLD_AFTER]
        assert not any(norm(i.details) in text for i in long), f"{paper}: details printed"
        assert text.count("\u2713") == 1, paper
        assert "Sources" not in text and "Before you start: 0" not in text, paper
    page.emulate_media(media="screen")
    page.locator("[data-act=print-checklist]").click()
    page.emulate_media(media="print")
    struck = page.locator(f"#item-{set_aside.id} .sc-item__title").evaluate(
        "e => getComputedStyle(e).textDecorationLine")
    assert struck == "line-through"
    assert page.evaluate("window.printed") == len(PAPERS) + 1  # each click printed
    if key == LONGEST:  # negative control: the browser's own print of the same page is the whole guide
        page.emulate_media(media="screen")
        page.evaluate("delete document.documentElement.dataset.scPrint")
        page.emulate_media(media="print")
        whole = pdf_pages(page.pdf(format="A4"), pdftotext, tmp_path)
        assert len(whole) > limit and any(norm(i.details) in " ".join(whole) for i in long)
        guide = printed(page, "print-guide", "A4", pdftotext, tmp_path)
        assert len(guide) == len(whole)
        record_property(f"printed pages: {key}: print-guide A4", len(guide))
