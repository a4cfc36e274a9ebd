"""One walk through the site in Chromium: axe-core (shipped inside the axe-playwright-python
package, injected from disk) finds no serious or critical problem in either palette (all rules in
one, the colour rules in the other), and no
request goes anywhere but 127.0.0.1. The walk covers home, the glossary and the sampled
platform and procedure pages (tests/sampling.py: together they carry every kind of element);
that no page of the whole site refers to another origin is checked on the HTML of every page
(tests/test_budgets.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT

from .conftest import KEYS, PLATFORM_KEYS

PAGES = [""] + [p + "/" for p in PLATFORM_KEYS] + [k + "/" for k in KEYS] + ["glossary/"]
# Each palette the site offers, with the colour scheme a reader's system asks for to get it.
PALETTES = {p["scheme"]: re.search(r"prefers-color-scheme: *(\w+)", p["media"]).group(1)
            for p in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["theme"]["palette"]}
SCHEMES = list(PALETTES)
ALL_RULES = {"resultTypes": ["violations"]}
COLOUR_RULES = {"runOnly": ["color-contrast", "link-in-text-block"], "resultTypes": ["violations"]}


def serious(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in ("serious", "critical")]


AXE_RUN = "o => axe.run(o).then(r => r.violations)"
TOOLTIPS_GONE = "[...document.querySelectorAll('[id^=__tooltip]')].every(t => getComputedStyle(t).opacity === '0')"


@pytest.fixture(scope="module")
def walk(browser, site):
    """The sampled pages (tests/sampling.py) loaded once each, every request seen. On each,
    with checklist items ticked and marked not applicable, axe runs all its rules in the palette
    the page opened in and the colour rules after the reader's palette switch in the header
    (which Material remembers, so the next page opens in the other palette). A system that
    asks for a dark scheme gets the dark palette: checked on the first page."""
    requests: list[str] = []
    dark = browser.new_context(color_scheme="dark")
    try:
        tab = dark.new_page()
        tab.goto(site.url)
        assert tab.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[1], "the system's dark scheme"
    finally:
        dark.close()
    ctx = browser.new_context(color_scheme=PALETTES[SCHEMES[0]])
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    script = Axe().axe_script
    found: dict[tuple[str, str], list[str]] = {}
    try:
        for n, path in enumerate(PAGES):
            page.goto(site.url + path)
            if n == 0:
                assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[0], "the system's light scheme"
            if page.locator(".sc-tools").count():
                page.locator(".sc-na-toggle").first.click()
                page.locator(".sc-item__title").nth(1).click()
                for opens in ("button.sc-term", ".sc-cite__button", "[data-act=toggle-details]"):  # open ones too
                    if page.locator(opens).count():
                        page.locator(opens).first.click()
            page.evaluate(script)
            for rules in (ALL_RULES, COLOUR_RULES):
                scheme = page.evaluate("document.body.dataset.mdColorScheme")
                found.setdefault((path, scheme), []).extend(serious(page.evaluate(AXE_RUN, rules)))
                if rules is ALL_RULES:  # the reader's switch in the header, to the other palette
                    page.locator("[data-md-component=palette] label:visible").click()
                    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
                    page.mouse.move(0, 400)  # and away: the button's tooltip fades out
                    page.evaluate("document.activeElement.blur()")
                    page.wait_for_function(TOOLTIPS_GONE)
    finally:
        ctx.close()
    return found, requests


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_problem_on_the_page(walk, path):
    found, _requests = walk
    for scheme in SCHEMES:
        assert found[(path, scheme)] == [], scheme  # a KeyError: the page was not seen in a palette


def test_axe_reports_a_contrast_failure_it_is_shown(browser, site):
    """Negative control: the same run flags text made unreadable on purpose."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(site.url)
        page.evaluate("document.querySelector('article p:not(.sc-lang-switch)').style.color = '#eee'")
        page.evaluate(Axe().axe_script)
        assert any(v.startswith("color-contrast") for v in serious(page.evaluate(AXE_RUN, COLOUR_RULES)))
    finally:
        ctx.close()


def test_no_request_leaves_127_0_0_1_on_the_walked_pages(walk):
    _found, requests = walk
    assert len(requests) > 3 * len(PAGES)  # the recorder saw the pages and their assets
    web = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert web and all(urlsplit(u).hostname == "127.0.0.1" for u in web), \
        sorted({u for u in web if urlsplit(u).hostname != "127.0.0.1"})
