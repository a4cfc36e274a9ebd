"""One walk through the whole site in Chromium: axe-core (shipped inside the
axe-playwright-python package, injected from disk) finds no serious or critical problem on
any page in either palette, and no request goes anywhere but 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT

from .conftest import CATALOGUE, KEYS

PAGES = [""] + [p.id + "/" for p in CATALOGUE.platforms_in_use()] + [k + "/" for k in KEYS]
SCHEMES = [p["scheme"] for p in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["theme"]["palette"]]
COLOUR_RULES = {"runOnly": ["color-contrast", "link-in-text-block"], "resultTypes": ["violations"]}


def serious(results: dict) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def walk(browser, site):
    """Every page loaded once, every request seen. On the home, platform and procedure pages,
    axe runs all its rules in the first palette and the colour rules in the others, with
    checklist items ticked and marked not applicable (other pages are only loaded: axe costs
    most of a second per page and palette)."""
    ctx = browser.new_context()
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    axe = Axe()
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted(set(PAGES) | set(site.pages())):
        page.goto(site.url + path)
        if path not in PAGES:
            continue
        if page.locator(".sc-tools").count():
            page.locator(".sc-na-toggle").first.click()
            page.locator(".sc-item__title").nth(1).click()
        # Switching palettes animates colours for a moment; axe must see the end state.
        page.add_style_tag(content="*, ::before, ::after { transition: none !important }")
        for n, scheme in enumerate(SCHEMES):
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            found[(path, scheme)] = serious(axe.run(page, options=None if n == 0 else COLOUR_RULES).response)
    ctx.close()
    return found, requests


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_problem_on_the_page(walk, path):
    found, _requests = walk
    for scheme in SCHEMES:
        assert found[(path, scheme)] == [], scheme


def test_axe_reports_a_contrast_failure_it_is_shown(browser, site):
    """Negative control: the same run flags text made unreadable on purpose."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(site.url)
        page.evaluate("document.querySelector('article p').style.color = '#eee'")
        assert any(v.startswith("color-contrast") for v in serious(Axe().run(page, options=COLOUR_RULES).response))
    finally:
        ctx.close()


def test_no_request_leaves_127_0_0_1_on_any_page(walk, site):
    _found, requests = walk
    assert len(requests) > len(site.pages())  # the recorder saw the pages and their assets
    web = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert web and all(urlsplit(u).hostname == "127.0.0.1" for u in web), \
        sorted({u for u in web if urlsplit(u).hostname != "127.0.0.1"})
