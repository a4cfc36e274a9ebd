"""The page a seller uses, on a 375 x 740 phone: the box at a glance and the first checkbox in
the first two screens, the progress and its buttons in sight while ticking, marks that cannot
be missed, long details folded behind real buttons, glossary terms and sources opened in place
by keyboard and touch, and everything shown with JavaScript off.

The phone tests share one phone tab (each loads its guide afresh) and the checks with scripts
off one phone tab with them off (nothing changes a page there, so a page loaded is read again)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from .conftest import CATALOGUE, KEYS, LEAD, PHONE, VIEWPORT

PERMANENT = [k for k in LEAD if any(s.irreversible for s in CATALOGUE.entries[k].procedure.steps)]
FOLDED = "#item-{} > .sc-fold-slot + .sc-item__details"
TOP = """sel => { const e = document.querySelector(sel); return e.getBoundingClientRect().top + scrollY; }"""


@pytest.fixture(scope="module")
def off(no_script):
    """The tab with scripts off (tests/browser/conftest.py), phone-sized for this module: with
    JavaScript off nothing changes a loaded page."""
    no_script.set_viewport_size(PHONE)
    yield no_script
    no_script.set_viewport_size(VIEWPORT)


def _off(off, url: str):
    """The no-script tab at `url`, loaded only if it is not there already."""
    if off.url != url:
        off.goto(url)
    return off


def _open(page, site, key: str):
    page.goto(site.url + key + "/", wait_until="commit")
    page.wait_for_selector(".sc-tools")
    return page


@pytest.mark.parametrize("key", KEYS)
def test_at_375_by_740_the_box_at_a_glance_and_the_first_checkbox_are_in_the_first_two_screens(
        phone, site, key, record_property):
    _open(phone, site, key)
    first = phone.evaluate(TOP, ".sc-checklist .task-list-indicator")
    record_property(f"first checkbox y at 375x740: {key}", first)
    assert first < 2 * PHONE["height"], f"the first checkbox starts at y = {first:.0f} px"
    glance = phone.locator(".sc-glance")
    assert glance.bounding_box()["y"] < phone.evaluate(TOP, ".sc-summary")  # directly under the title
    assert phone.evaluate(TOP, ".sc-glance__title") < PHONE["height"]
    go = phone.locator("[data-act=go-to-checklist]")
    go.click()
    assert phone.evaluate("location.hash") == "#before-you-start"
    heading = phone.locator("h2#before-you-start").bounding_box()
    tools = phone.locator(".sc-tools").bounding_box()
    assert tools["y"] + tools["height"] <= heading["y"] + 1, "the sticky bar covers the heading it jumped to"
    # Negative control: a tall block above the checklist puts the same measure past two screens.
    phone.evaluate("document.querySelector('.sc-glance').style.paddingBottom = '1500px'")
    assert phone.evaluate(TOP, ".sc-checklist .task-list-indicator") >= 2 * PHONE["height"]


def test_the_box_at_a_glance_is_made_of_the_data(site, catalogue):
    """Amazon's closure: the wait, the permanent step by name, the money counted and linked,
    every region and that each is done separately, the counts that explain the progress."""
    from macros.site.timing import minimum_wait

    entry = catalogue.entries["amazon/close-account"]
    p = entry.procedure
    box = site.soup(entry.key + "/").select_one(".sc-glance")
    text = " ".join(box.get_text(" ").split())
    assert f"at least: {minimum_wait(p).longest.duration.amount} days after your last sale".lower() in text.lower()
    permanent = next(s for s in p.steps if s.irreversible)
    assert box.select_one(f'.sc-irreversible a[href="#item-{permanent.id}"]').get_text().endswith(f"“{permanent.title}”")
    assert box.select_one('a[href="#money"]').get_text().startswith(f"{sum(1 for m in p.money if m.kind == 'balance')} balance")
    assert all(region in text for region in p.regions) and "each regional account" in text
    counted = sum(1 for s, _i in p.checkable_items() if s != "troubleshooting")
    fixes = len(p.checkable_items()) - counted
    assert f"{counted} boxes in the whole procedure" in text and f"{fixes} troubleshooting fixes" in text
    apart = site.soup(entry.key + "/").select_one(".sc-troubleshooting .sc-counted-apart").get_text()
    assert f"these {fixes} boxes have a count of their own" in apart


@pytest.mark.parametrize("key", LEAD)
def test_the_progress_and_its_buttons_stay_in_sight_while_the_last_step_is_centred(phone, site, key):
    _open(phone, site, key)
    last = f"#item-{CATALOGUE.entries[key].procedure.steps[-1].id}"
    phone.evaluate("sel => document.querySelector(sel).scrollIntoView({block: 'center'})", last)
    header = phone.locator(".md-header").bounding_box()
    tools = phone.locator(".sc-tools").bounding_box()
    assert tools["y"] >= header["y"] + header["height"] - 1 and tools["y"] + tools["height"] <= PHONE["height"]
    for act in ("print-checklist", "reset"):
        button = phone.locator(f".sc-tools [data-act={act}]").bounding_box()
        assert tools["y"] <= button["y"] and button["y"] + button["height"] <= tools["y"] + tools["height"], act
    step = phone.locator(last).bounding_box()
    if step["height"] > PHONE["height"] - (tools["y"] + tools["height"]):
        # A step taller than the screen below the bar (amazon/appeal-deactivation's last, 651 px)
        # cannot be centred below it: its title, what a seller ticks, is centred instead.
        title = f"{last} .sc-item__title"
        phone.evaluate("sel => document.querySelector(sel).scrollIntoView({block: 'center'})", title)
        tools = phone.locator(".sc-tools").bounding_box()
        step = phone.locator(title).bounding_box()
    assert step["y"] >= tools["y"] + tools["height"], "the bar covers the step in the middle of the screen"
    assert "Whole procedure" in phone.locator(".sc-tools .sc-progress").inner_text()
    # A link to an item (the glance box's, a shared address) lands below the bar, not under it;
    # negative control: without the page's room for the bar, the next jump lands under it.
    jump = "id => { location.hash = id; return document.getElementById(id).getBoundingClientRect().top; }"
    bar_bottom = tools["y"] + tools["height"]
    assert phone.evaluate(jump, last[1:]) >= bar_bottom - 1, "a jump to an item ends under the sticky bar"
    phone.evaluate("document.documentElement.classList.remove('sc-with-tools')")
    first = f"item-{CATALOGUE.entries[key].procedure.steps[0].id}"
    assert phone.evaluate(jump, first) < bar_bottom - 1
    # Negative control: without position: sticky the same measure finds the bar gone.
    phone.evaluate("document.querySelector('.sc-tools').style.position = 'static'")
    assert phone.locator(".sc-tools").bounding_box()["y"] + tools["height"] < 0


STYLE = """sel => { const s = getComputedStyle(document.querySelector(sel));
    return [s.borderLeftWidth, s.borderLeftColor, s.backgroundColor, s.borderTopStyle].join(' '); }"""


@pytest.mark.parametrize("key", PERMANENT)
def test_the_permanent_step_has_its_own_colour_border_icon_and_words_and_no_not_applicable(page, site, key):
    _open(page, site, key)
    procedure = CATALOGUE.entries[key].procedure
    permanent = next(s for s in procedure.steps if s.irreversible)
    plain = [s for s in procedure.steps if not s.irreversible and not s.optional]
    assert page.evaluate(STYLE, f"#item-{permanent.id}") != page.evaluate(STYLE, f"#item-{plain[0].id}")
    assert page.evaluate(STYLE, f"#item-{plain[0].id}") == page.evaluate(STYLE, f"#item-{plain[1].id}")  # control
    mark = page.locator(f"#item-{permanent.id} > .sc-mark--irreversible")
    assert mark.is_visible() and mark.inner_text().startswith("Cannot be undone")
    assert mark.locator("svg.sc-icon").is_visible()
    assert page.locator(f"#item-{permanent.id} > .sc-na-toggle").count() == 0
    assert page.locator(f"#item-{plain[0].id} > .sc-na-toggle").count() == 1
    if permanent.details:  # never folded
        assert page.locator(f"#item-{permanent.id} > .sc-item__details").is_visible()


def test_permanent_and_optional_marks_on_the_cards_and_steps_are_more_than_colour(page, site):
    for path in ("", "amazon/"):
        page.goto(site.url + path)
        mark = page.locator(".sc-procedure-list .sc-mark--irreversible").first
        assert mark.inner_text() == "Permanent: cannot be undone" and mark.locator("svg").is_visible()
        style = mark.evaluate("e => getComputedStyle(e).borderTopWidth")
        assert float(style.removesuffix("px")) >= 2, path
    key = next(k for k in KEYS if any(s.optional for s in CATALOGUE.entries[k].procedure.steps))
    step = next(s for s in CATALOGUE.entries[key].procedure.steps if s.optional)
    _open(page, site, key)
    mark = page.locator(f"#item-{step.id} > .sc-mark--optional")
    assert mark.inner_text() == "If it applies to you" and mark.locator("svg").is_visible()
    assert mark.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"


def test_warning_text_is_at_least_the_size_of_the_body_text(page, site):
    key = next(k for k in KEYS if CATALOGUE.entries[k].platform.status_note)
    _open(page, site, key)
    size = "sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
    body = page.evaluate(size, ".sc-summary")
    assert page.evaluate(size, ".admonition > p:not(.admonition-title)") >= body >= 16
    # Negative control: Material's own size for admonitions is smaller.
    page.evaluate("document.querySelector('.admonition').style.fontSize = '.64rem'")
    assert page.evaluate(size, ".admonition > p:not(.admonition-title)") < body


def _long_items(key: str) -> list[str]:
    """The items whose details fold (not the permanent step)."""
    from macros.site.render import FOLD_AFTER

    return [i.id for _s, i in CATALOGUE.entries[key].procedure.checkable_items()
            if i.details and len(i.details) > FOLD_AFTER and not getattr(i, "irreversible", False)]


def _long_item(key: str) -> str:
    return _long_items(key)[0]


#: A sampled guide with details long enough to fold (the sample carries the fold button, so one has).
FOLDING = next(k for k in KEYS if _long_items(k))


def test_long_details_fold_behind_a_real_button_that_works_by_keyboard_and_touch(phone, site):
    key = FOLDING
    item = _long_item(key)
    page = _open(phone, site, key)  # a fresh load in the module's phone tab
    details, toggle = page.locator(FOLDED.format(item)), page.locator(f"#item-{item} [data-act=toggle-details]")
    assert not details.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("b => b.tagName") == "BUTTON" and toggle.get_attribute("aria-controls") == f"details-{item}"
    toggle.focus()
    page.keyboard.press("Enter")
    assert details.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    toggle.tap()
    assert not details.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    for sel in (".sc-wait", ".sc-where", ".sc-money > li"):  # never folded
        assert all(e.is_visible() for e in page.locator(sel).all()[:3]), sel
    expand = page.locator("[data-act=expand-all]")
    expand.tap()
    assert page.locator(".sc-fold-slot + .sc-item__details").count() > 1
    assert all(d.is_visible() for d in page.locator(".sc-fold-slot + .sc-item__details").all())
    expand.tap()
    assert not any(d.is_visible() for d in page.locator(".sc-fold-slot + .sc-item__details").all())


def test_a_glossary_term_opens_its_definition_by_keyboard_and_touch(phone, site, catalogue):
    key = next(k for k in KEYS if site.soup(k + "/").select_one("span.sc-term"))
    try:  # a fresh load in the module's phone tab
        page = _open(phone, site, key)
        term = page.locator("button.sc-term").first
        term_id = site.soup(key + "/").select_one("span.sc-term")["data-term"]
        definition = next(t.definition for t in catalogue.glossary.terms if t.id == term_id)
        tip = page.locator(f"#{term.get_attribute('aria-controls')}")
        assert term.get_attribute("aria-expanded") == "false" and not tip.is_visible()
        term.focus()
        page.keyboard.press("Enter")
        assert tip.is_visible() and " ".join(tip.inner_text().split()) == " ".join(definition.split())
        assert term.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        assert not tip.is_visible() and page.evaluate("document.activeElement.classList.contains('sc-term')")
        term.tap()
        assert tip.is_visible()
        page.emulate_media(media="print")  # on paper the term is plain text, its definition not in the line
        assert not tip.is_visible() and term.evaluate("b => getComputedStyle(b).borderBottomStyle") == "none"
    finally:
        phone.emulate_media(media="screen")


def test_each_glossary_term_is_marked_once_per_page_and_listed_on_the_glossary_page(site, catalogue):
    seen = 0
    for key in catalogue.entries:
        soup = site.soup(key + "/")
        marks = [m["data-term"] for m in soup.select("article span.sc-term")]
        assert len(marks) == len(set(marks)), key
        assert sorted(marks) == sorted(e["id"].removeprefix("term-") for e in soup.select(".sc-words__entry")), key
        assert not soup.select("label .sc-term, h1 .sc-term, h2 .sc-term"), key
        seen += len(marks)
    assert seen > len(catalogue.entries)  # the data does use the glossary's words
    glossary = site.soup("glossary/")
    assert [d.get_text() for d in glossary.select(".sc-glossary dt")] == \
        sorted((t.term for t in catalogue.glossary.terms), key=str.lower)


def test_an_items_sources_are_one_target_that_opens_them_and_links_without_javascript(phone, off, site):
    key = next(k for k in KEYS if CATALOGUE.entries[k].procedure.precautions[0].sources)
    _open(phone, site, key)
    first = CATALOGUE.entries[key].procedure.precautions[0]
    cite = phone.locator(f"#item-{first.id} > .sc-cite > button[data-act=toggle-tip]")
    box = cite.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    numbers = [str(n) for n, s in enumerate(CATALOGUE.entries[key].procedure.sources, 1) if s.id in first.sources]
    assert cite.inner_text().startswith("Source") and all(n in cite.inner_text() for n in numbers)
    title = phone.locator(f"#item-{first.id} .sc-item__title").bounding_box()
    assert box["y"] < title["y"] + title["height"], "the sources start a line of their own"
    cite.tap()
    tip = phone.locator(f"#{cite.get_attribute('aria-controls')}")
    assert tip.is_visible() and cite.get_attribute("aria-expanded") == "true"
    assert tip.locator("li").count() == len(first.sources) and tip.locator("a[href^='https://']").count() >= 1
    links = _off(off, site.url + key + "/").locator(f"#item-{first.id} > .sc-cite a[href^='#source-']")
    assert links.count() == len(first.sources)


def test_without_javascript_every_detail_shows_and_nothing_folds(off, site):
    for key in [k for k in KEYS if _long_items(k)][:2]:
        page = _off(off, site.url + key + "/")
        folded = page.locator(".sc-fold-slot + .sc-item__details, .sc-clamp")
        assert folded.count() > 0 and all(d.is_visible() for d in folded.all()), key
        clamp = page.locator(".sc-clamp")
        if clamp.count():
            assert clamp.first.evaluate("e => getComputedStyle(e).webkitLineClamp") == "none"


def test_the_box_says_when_an_undo_window_ends(site, catalogue):
    entry = next(e for e in catalogue.entries.values()
                 if any(s.wait and s.wait.reversible_until_end for s in e.procedure.steps))
    step = next(s for s in entry.procedure.steps if s.wait and s.wait.reversible_until_end)
    row = " ".join(site.soup(entry.key + "/").select_one(".sc-glance .sc-irreversible").get_text(" ").split())
    assert f"You can undo step {entry.procedure.steps.index(step) + 1}" in row and "until its wait ends" in row
    assert f"{step.wait.duration.amount} days" in row


def test_the_home_page_on_a_phone_starts_the_guides_in_the_first_screen_with_search_in_the_header(
        phone, off, site):
    phone.goto(site.url)
    first_guide = phone.locator("article .sc-procedure-list a").first.bounding_box()
    assert first_guide["y"] < PHONE["height"], first_guide
    search = phone.locator(".md-header label[for=__search]").first
    assert search.is_visible() and search.bounding_box()["y"] < 60
    order = phone.evaluate("""() => [...document.querySelectorAll('article h2, article .sc-catalogue')]
        .map(e => e.id || e.className)""")
    assert order.index("sc-catalogue") < order.index("how-to-use-a-checklist"), order
    page = _off(off, site.url)
    assert page.locator("article button, article input, article [data-act]:not(a[href])").count() == 0  # a link works


#: Every rule of a stylesheet as the browser reads it, nested rules (@media, @supports) included.
CSS_RULES = """text => {
  const sheet = new CSSStyleSheet(); sheet.replaceSync(text);
  const walk = rules => [...rules].flatMap(r => r.cssRules ? [r.cssText.split("{")[0], ...walk(r.cssRules)] : [r.cssText]);
  return walk(sheet.cssRules);
}"""


def test_the_published_stylesheet_selects_what_its_source_says(page, site):
    """The minifier keeps every selector, property and @media rule: the browser reads the published
    checklists.css and its readable source as the same rules (csscompressor did not: it wrote
    "@media screen{.a :is(.b)" as ".a:is(.b)", and the rule matched nothing)."""
    source = (ROOT / "docs" / "assets" / "checklists.css").read_text(encoding="utf-8")
    published = (site.root / "assets" / "checklists.css").read_text(encoding="utf-8")
    assert published != source  # minified
    page.goto(site.url)
    assert page.evaluate(CSS_RULES, published) == page.evaluate(CSS_RULES, source)


#: Where the content of each box laid out late (content-visibility: auto) ends, and the footer's top.
LATE_BOXES_REACH = """() => {
  const late = [...document.querySelectorAll('.md-typeset *')]
    .filter(e => getComputedStyle(e).contentVisibility === 'auto');
  const bottom = e => e.getBoundingClientRect().bottom + scrollY;
  return {late: late.length, footer: document.querySelector('.md-footer').getBoundingClientRect().top + scrollY,
          reach: Math.max(...late.flatMap(e => [...e.querySelectorAll('*')].map(bottom)))};
}"""


def test_nothing_laid_out_late_reaches_over_the_footer(page, site, catalogue):
    """Before a box laid out late is laid out, its contents overflow its stand-in size; Lighthouse's
    axe measured text that reached over the dark footer that way as failing contrast. Per entry,
    not per section, nothing reaches that far (negative control: the whole section as one box)."""
    key = max(KEYS, key=lambda k: len(catalogue.entries[k].procedure.sources))
    page.set_viewport_size(PHONE)
    try:
        page.goto(site.url + key + "/")
        found = page.evaluate(LATE_BOXES_REACH)
        assert found["late"] > 10 and found["reach"] < found["footer"], found
        page.add_style_tag(content=".md-typeset .sc-sources { content-visibility: auto !important; "
                                   "contain-intrinsic-size: auto 30rem !important; }")
        control = page.evaluate(LATE_BOXES_REACH)
        assert control["reach"] > control["footer"], control
    finally:
        page.set_viewport_size(VIEWPORT)
