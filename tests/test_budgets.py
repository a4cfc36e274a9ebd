"""Page budgets of the built site: little code of our own, nothing from other origins, every
link resolves, and each page can be found and shared (description, title, Open Graph, 404,
sitemap, robots.txt). Speed and Lighthouse scores are measured by `make bench` / `make audit`."""

from __future__ import annotations

import re
import sys
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.site.assets import gzipped_size, minify
from macros.site.pages import get_catalogue

sys.path.insert(0, str(ROOT / "benchmarks"))
import links

from macros.engine import html_output

pytestmark = pytest.mark.xdist_group("zh")  # shares the Chinese build (site_zh, tests/conftest.py)

KEYS = list(get_catalogue(ROOT).entries)
#: Bytes of the project's own CSS + JS on a procedure page, as published (minified by the build,
#: macros/site/assets.py) and gzipped, as it travels. The page's words for the script (the sc-strings
#: JSON) count too: moving text out of the script must not move it out of the budget.
OWN_CODE_BUDGET = 10 * 1024
MATERIAL_ASSETS = re.compile(r"^/?assets/(stylesheets|javascripts)/")


def _config() -> dict:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda *_: None)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)


def own_assets(site, page: str) -> dict[str, int]:
    """The project's stylesheets and scripts a page loads (Material's own excluded): path -> bytes
    published."""
    soup = site.soup(page)
    base = site.url + page
    found = {}
    refs = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    refs += [script["src"] for script in soup.select("script[src]")]
    for ref in refs:
        url = urljoin(base, ref)
        assert url.startswith(site.url), f"{page}: {ref} is not on this site"
        path = urlsplit(url).path[len(urlsplit(site.url).path):]
        if not MATERIAL_ASSETS.match(path):
            found[path] = (site.root / path).stat().st_size
    return found


def own_code_sizes(site, page: str) -> dict[str, dict[str, int]]:
    """Each of the project's files on a page, and its words for the script: bytes as written
    (docs/), as published (minified) and gzipped."""
    sizes = {}
    for path in own_assets(site, page):
        published = (site.root / path).read_bytes()
        source = ROOT / "docs" / path
        sizes[path] = {"raw": source.stat().st_size, "minified": len(published),
                       "gzipped": gzipped_size(published)}
    words = site.soup(page).select_one("script#sc-strings[type='application/json']")
    if words is not None:
        text = words.string.encode("utf-8")
        sizes["sc-strings (in the page)"] = {"raw": len(text), "minified": len(text), "gzipped": gzipped_size(text)}
    return sizes


_PARSED: dict[str, list[tuple[str, BeautifulSoup]]] = {}


def _pages_and_404(site) -> list[tuple[str, BeautifulSoup]]:
    """Every page parsed, once for the tests that only read them."""
    if site.url not in _PARSED:
        pages = [(page, site.soup(page)) for page in site.pages()]
        pages.append(("404.html", BeautifulSoup((site.root / "404.html").read_text(encoding="utf-8"), "lxml")))
        _PARSED[site.url] = pages
    return _PARSED[site.url]


# --------------------------------------------------------------------------- weight


@pytest.mark.parametrize("key", KEYS)
def test_our_own_css_and_js_on_a_procedure_page_stay_within_10_kb(site, key, record_property):
    sizes = own_code_sizes(site, key + "/")
    for path, size in sizes.items():  # shown after the run (tests/conftest.py)
        record_property(f"own code: {path}", (size["raw"], size["minified"], size["gzipped"]))
    total = sum(size["gzipped"] for size in sizes.values())
    record_property("own code: total on a procedure page", tuple(sum(s[k] for s in sizes.values())
                                                             for k in ("raw", "minified", "gzipped")))
    assert total <= OWN_CODE_BUDGET, f"{total} bytes gzipped > {OWN_CODE_BUDGET}: {sizes}"


def test_the_site_publishes_its_own_code_minified_and_keeps_the_source_readable(site):
    """What the budget weighs is what the build publishes: the minified source. The source in
    docs/ is the readable one (comments kept, no line longer than the Python's)."""
    for path in own_assets(site, KEYS[0] + "/"):
        source = (ROOT / "docs" / path).read_text(encoding="utf-8")
        published = (site.root / path).read_text(encoding="utf-8")
        assert published == minify(path, source), f"{path} is not published minified"
        assert len(published) < len(source), path
        assert "/*" in source and "/*" not in published, path
        assert max(len(line) for line in source.splitlines()) <= 120, f"{path}: a line over 120 characters"


def test_the_budget_counts_every_stylesheet_and_script_the_project_adds(site):
    """Negative control: the budget above would see our files (it cannot pass by finding none)."""
    config = _config()
    declared = {e if isinstance(e, str) else e["path"]
                for e in config.get("extra_css", []) + config.get("extra_javascript", [])}
    assert declared, "mkdocs.yml declares no extra_css / extra_javascript"
    counted = own_assets(site, KEYS[0] + "/")
    assert declared <= set(counted), (declared, counted)
    assert all(size > 0 for size in counted.values()), counted
    assert declared | {"sc-strings (in the page)"} == set(own_code_sizes(site, KEYS[0] + "/"))


# --------------------------------------------------------------------------- other origins, links


@pytest.fixture(scope="module")
def both_editions_checked(site_zh) -> links.Report:
    """benchmarks/links.py over both editions as published (English, and Chinese under zh/): read
    once for the two tests below, which each read their part of it."""
    return links.check_site(site_zh.root)


def test_no_page_loads_anything_from_another_origin(site, site_zh, both_editions_checked):
    """Every page of both editions (the English ones are the session's site, copied)."""
    report = both_editions_checked
    assert report.pages >= len(site.pages()) + len(site_zh.zh.pages())
    assert report.foreign_loads == []


def test_the_origin_check_reports_scripts_fonts_images_and_css_urls_from_elsewhere(tmp_path):
    """Negative control for the test above, on a made-up site."""
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<style>@import url("https://cdn.example/a.css");</style>'
        '<script src="//cdn.example/x.js"></script></head>'
        '<body><img src="https://img.example/a.png"><a href="https://platform.example/help">ok</a>'
        '<script src="assets/own.js"></script></body></html>', encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "own.js").write_text("", encoding="utf-8")
    (tmp_path / "assets" / "own.css").write_text("b{background:url(https://img.example/b.png)}", encoding="utf-8")
    report = links.check_site(tmp_path)
    assert len(report.foreign_loads) == 5, report.foreign_loads
    assert not any("platform.example" in f for f in report.foreign_loads), "a link is not a load"
    assert report.broken == []


def test_every_internal_link_and_anchor_resolves(both_editions_checked):
    """Both editions as published (each page's language switch links the other edition)."""
    report = both_editions_checked
    assert report.links > 0 and report.anchors > 0
    assert report.broken == []


def test_the_link_check_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    """Negative control for the test above."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">bad</a><a href="b/">bad</a>'
        '<a href="#top">bad</a>', encoding="utf-8")
    report = links.check_site(tmp_path)
    assert report.links == 5
    assert len(report.broken) == 3, report.broken


# --------------------------------------------------------------------------- found and shared


def _meta(soup, **attrs) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag.get("content") if tag else None


def test_every_page_has_a_meta_description_and_open_graph_tags(site):
    for page, soup in _pages_and_404(site):
        description = _meta(soup, name="description")
        assert description and description.strip(), f"{page}: no meta description"
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert (_meta(soup, property=prop) or "").strip(), f"{page}: no {prop}"
        assert _meta(soup, property="og:description") == description, page
        if page != "404.html":
            assert _meta(soup, property="og:url") == site.url + page, page


@pytest.mark.parametrize("key", KEYS)
def test_a_procedure_page_is_described_by_its_summary(site, catalogue, key):
    summary = " ".join(catalogue.entries[key].procedure.summary.split())
    soup = site.soup(key + "/")
    assert _meta(soup, name="description") == summary
    assert _meta(soup, property="og:title") == catalogue.entries[key].procedure.title


def test_every_page_has_its_own_title(site):
    titles = {}
    for page, soup in _pages_and_404(site):
        title = soup.title.get_text(strip=True) if soup.title else ""
        assert title, f"{page}: no <title>"
        assert title not in titles, f"{page} and {titles.get(title)} are both titled {title!r}"
        titles[title] = page


def test_a_404_page_sends_readers_back_to_the_guides(site):
    soup = BeautifulSoup((site.root / "404.html").read_text(encoding="utf-8"), "lxml")
    assert "not found" in soup.title.get_text().lower()
    home = soup.select_one("article a[href]")
    assert home is not None and urlsplit(urljoin(site.url + "missing/page/", home["href"])).path == \
        urlsplit(site.url).path


def test_the_sitemap_lists_every_page(site):
    sitemap = BeautifulSoup((site.root / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    listed = {loc.get_text(strip=True) for loc in sitemap.find_all("loc")}
    assert {site.url + page for page in site.pages()} <= listed


def test_robots_txt_allows_crawling_and_points_to_the_sitemap(site):
    text = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", text, re.MULTILINE)
    assert not re.search(r"^Disallow: /\s*$", text, re.MULTILINE)
    assert f"Sitemap: {site.url}sitemap.xml" in text.splitlines()


# --------------------------------------------------------------------------- the HTML hook


def test_compacting_html_keeps_text_breaks_and_preformatted_blocks():
    html = ('<p>one\n      two</p>\n    <pre>keep\n    this</pre>\n  <script>\n  var a = 1;\n</script>'
            '\n\n   <textarea>\n  x</textarea>')
    out = html_output.compact(html)
    assert out == ('<p>one\ntwo</p>\n<pre>keep\n    this</pre>\n<script>\n  var a = 1;\n</script>'
                   '\n<textarea>\n  x</textarea>')


def test_built_pages_have_no_indentation_left(site):
    """The hook runs on every page (a page with indentation left would be 1.5x heavier)."""
    for page, soup in _pages_and_404(site):
        html = site.html(page) if page != "404.html" else (site.root / "404.html").read_text(encoding="utf-8")
        outside_pre = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", html, flags=re.DOTALL)
        assert not re.search(r"\n[ \t]+<", outside_pre), f"{page} still has indented lines"


# --------------------------------------------------------------------------- the build-speed hook


def test_setting_the_macros_html_aside_leaves_every_page_byte_identical(site, tmp_path_factory):
    """The site built with SELLER_CHECKLISTS_PLAIN_MARKDOWN=1 (and the published assets as
    written, which changes only the .js and .css files: tests/test_assets.py's build, shared)."""
    from test_assets import PLAIN_SWITCHES, plain_build

    assert PLAIN_SWITCHES["SELLER_CHECKLISTS_PLAIN_MARKDOWN"] == "1"
    plain = plain_build(site, tmp_path_factory)
    compared = 0
    for path in sorted(site.root.rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            other = plain / path.relative_to(site.root)
            assert other.read_bytes() == path.read_bytes(), path.relative_to(site.root)
            compared += 1
    assert compared > len(site.pages())


def test_html_blocks_go_aside_and_come_back_whole():
    from macros.site.fastmd import put_back_html, set_aside_html

    page = ('# Title\n\n<div class="a">\n<p>one</p>\n<div>two</div>\n</div>\n\n## Next\n\n'
            '<ul class="b"><li>x</li></ul>\n\nSome *Markdown* <span>inline</span>.\n\n'
            '<div class="open">\n<p>not closed here</p>\n')
    markdown, blocks = set_aside_html(page, "m")
    assert blocks == ['<div class="a">\n<p>one</p>\n<div>two</div>\n</div>', '<ul class="b"><li>x</li></ul>']
    assert "*Markdown*" in markdown and '<div class="open">' in markdown  # left to Markdown
    html = markdown.replace("*Markdown*", "<em>Markdown</em>")
    assert put_back_html(html, "m", blocks) == page.replace("*Markdown*", "<em>Markdown</em>")


def test_elements_one_after_another_go_aside_together_unless_text_follows_a_closing_tag():
    from macros.site.fastmd import set_aside_html

    run = '<ol class="s">\n<li>a</li>\n</ol>\n<p class="n">b</p>\n<details>\n<summary>c</summary>\n</details>'
    assert set_aside_html(run + "\n", "m")[1] == [run + "\n"]
    for left in ('<ol>\n<li>a</li>\n</ol> *then* Markdown', '<div>a</div>\nplain text', '<div>\n<div>a</div>\n'):
        assert set_aside_html(left + "\n", "m")[1] == [], left


def test_markdown_is_left_little_of_a_guide_page(catalogue):
    """The speed-up's point (make bench): almost all of a guide's HTML skips Markdown."""
    from macros.site.fastmd import set_aside_html
    from macros.site.pages import Settings, generated_pages

    for path, markdown in generated_pages(catalogue, Settings(root=str(ROOT))).items():
        left, _blocks = set_aside_html(markdown, "m")
        assert len(left) < max(3000, len(markdown) // 10), (path, len(left), len(markdown))


def test_pages_whose_html_markdown_reads_are_left_alone_and_a_lost_block_is_an_error():
    from macros.site.fastmd import put_back_html, set_aside_html

    for page in ('<div markdown="1">\n*x*\n</div>\n', '```html\n<div>x</div>\n\n<div>y</div>\n```\n'):
        assert set_aside_html(page, "m") == (page, [])
    markdown, blocks = set_aside_html("<div>x</div>\n", "m")
    with pytest.raises(ValueError):
        put_back_html(markdown.replace('data-sc-html="m-0"', ""), "m", blocks)
