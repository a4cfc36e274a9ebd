"""One walk through the site in Chromium: axe-core (shipped inside the axe-playwright-python
package, injected from disk) finds no serious or critical problem in either palette (all rules in
one, the colour rules in the other; the colour rules run on one shown element per look, see
tests/browser/axe_runs.py, with a negative control here), and no
request goes anywhere but 127.0.0.1. The walk covers home, the glossary and the sampled
platform and procedure pages (tests/sampling.py: together they carry every kind of element);
that no page of the whole site refers to another origin is checked on the HTML of every page
(tests/test_budgets.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT

from .axe_runs import (
    AXE_RUN,
    COLOUR_RULES,
    axe_script,
    distinct_looks,
    serious,
    serious_problems,
)
from .conftest import KEYS, LEAD, PLATFORM_KEYS

PAGES = [""] + [p + "/" for p in PLATFORM_KEYS] + [k + "/" for k in KEYS] + ["glossary/"]
# Each palette the site offers, with the colour scheme a reader's system asks for to get it.
PALETTES = {p["scheme"]: re.search(r"prefers-color-scheme: *(\w+)", p["media"]).group(1)
            for p in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["theme"]["palette"]}
SCHEMES = list(PALETTES)
#: On a guide, one item marked not applicable, one ticked, and one of each thing that opens,
#: opened, so axe also sees those states. Clicked in the page: the walk is about what axe finds
#: in them, not about the clicks (tests/browser/test_progress.py and test_page_design.py drive
#: those as a seller does).
SHOW_EVERY_STATE = """() => {
  if (!document.querySelector('.sc-tools')) return;
  document.querySelector('.sc-na-toggle').click();
  document.querySelectorAll('.sc-item__title')[1].click();
  for (const opens of ['button.sc-term', '.sc-cite__button', '[data-act=toggle-details]'])
    document.querySelector(opens)?.click();
}"""
TOOLTIPS_GONE = "[...document.querySelectorAll('[id^=__tooltip]')].every(t => getComputedStyle(t).opacity === '0')"


@pytest.fixture(scope="module")
def walk(shared_page, site):
    """The sampled pages (tests/sampling.py) loaded once each, every request seen. On each,
    with checklist items ticked and marked not applicable, axe runs all its rules in the palette
    the page opened in and the colour rules after the reader's palette switch in the header
    (which Material remembers, so the next page opens in the other palette). The colour rules
    check each look once per palette in the whole walk: a look already checked on an earlier
    page has the same contrast here. A system that
    asks for a dark scheme gets the dark palette: checked on the first page. Walked in the
    shared tab (a context of its own costs a cold load), which is left as the `page` fixture
    leaves it: storage empty, media as the context has it."""
    page = shared_page
    requests: list[str] = []
    record = lambda r: requests.append(r.url)
    found: dict[tuple[str, str], list[str]] = {}
    looks: dict[str, set[str]] = {scheme: set() for scheme in SCHEMES}  # checked in each palette so far
    page.goto(site.url + "robots.txt")  # wherever the tab was: on the site, with no palette
    page.evaluate("localStorage.clear()")  # remembered from an earlier test
    page.context.on("request", record)
    try:
        page.emulate_media(color_scheme="dark")
        page.goto(site.url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[1], "the system's dark scheme"
        page.goto(site.url + "robots.txt")  # off Material's pages, which keep the palette they opened in,
        page.evaluate("localStorage.clear()")  # to forget it
        page.emulate_media(color_scheme=PALETTES[SCHEMES[0]])
        for n, path in enumerate(PAGES):
            page.goto(site.url + path)
            if n == 0:
                assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[0], "the system's light scheme"
            page.evaluate(SHOW_EVERY_STATE)
            page.evaluate(axe_script())
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            found[(path, scheme)] = serious_problems(page, seen=looks[scheme])
            page.locator("[data-md-component=palette] label:visible").click()  # the reader's switch in the header
            switched = page.evaluate("document.body.dataset.mdColorScheme")
            assert switched != scheme
            page.mouse.move(0, 400)  # and away: the button's tooltip fades out
            page.evaluate("document.activeElement.blur()")
            page.wait_for_function(TOOLTIPS_GONE)
            found[(path, switched)] = serious_problems(page, colour_only=True, seen=looks[switched])
    finally:
        page.context.remove_listener("request", record)
        page.emulate_media(media="null", color_scheme="light")
        if page.url.startswith(site.url):
            page.evaluate("localStorage.clear()")
    return found, requests


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_problem_on_the_page(walk, path):
    found, _requests = walk
    for scheme in SCHEMES:
        assert found[(path, scheme)] == [], scheme  # a KeyError: the page was not seen in a palette


def test_axe_reports_a_contrast_failure_it_is_shown(page, site):
    """Negative control: the same run flags text made unreadable on purpose."""
    page.goto(site.url)
    page.evaluate("document.querySelector('article p:not(.sc-lang-switch)').style.color = '#eee'")
    page.evaluate(axe_script())
    assert any(v.startswith("color-contrast") for v in serious(page.evaluate(AXE_RUN, COLOUR_RULES)))


def test_the_colour_rules_on_one_element_per_look_still_catch_one_unreadable_step(page, site):
    """Negative control for the colour rules on one element per look: one step title of many,
    made unreadable, has a look of its own, so it is checked and flagged; the same run on the
    page as built passes."""
    page.goto(site.url + LEAD[0] + "/")
    page.evaluate(axe_script())
    assert serious(distinct_looks(page)) == []
    titles = page.locator(".sc-item__title")
    assert titles.count() > 5
    titles.nth(5).evaluate("t => t.style.color = '#eee'")
    flagged = serious(distinct_looks(page))
    assert any(v.startswith("color-contrast") for v in flagged), flagged


def test_no_request_leaves_127_0_0_1_on_the_walked_pages(walk):
    _found, requests = walk
    assert len(requests) > 3 * len(PAGES)  # the recorder saw the pages and their assets
    web = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert web and all(urlsplit(u).hostname == "127.0.0.1" for u in web), \
        sorted({u for u in web if urlsplit(u).hostname != "127.0.0.1"})
