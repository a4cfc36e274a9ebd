"""`make audit`: the quality budgets of the built site, measured the way readers get it.

1. A strict build of both editions into a temporary folder, as `make build` makes them
   (English at the root, Chinese under zh/), served gzipped on 127.0.0.1 (serve.py).
2. Every internal link and anchor resolves, within and between the editions; nothing loads
   from another origin (links.py).
3. The Nu HTML Checker (npm vnu-jar, Java) on every page of both editions: zero errors.
4. Lighthouse (npm lighthouse, mobile preset, Debian Chromium kept off the network) on the
   home page and every procedure page of each edition (--lang en or zh: one of them),
   --runs times each: accessibility, best practices and SEO must be 100 in every run, the
   median performance at least 95, and every request the page makes must go to the local server.

Exit status 1 when any budget is missed. The npm tools are pinned in package.json and
package-lock.json and installed with `npm ci` when node_modules/ is missing or stale.

    .venv/bin/python benchmarks/audit.py [--runs 3] [--lang en|zh] [--page zh/amazon/close-account/ ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links
import publish
import serve

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MUST_BE_100 = ("accessibility", "best-practices", "seo")
MIN_MEDIAN_PERFORMANCE = 95


def _say(text: str) -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------- tools


def ensure_tools() -> list[str]:
    """Install the pinned npm tools if needed; return what is missing (empty when all is there)."""
    missing = [name for name, cmd in (("node", "node"), ("npm", "npm"), ("java", "java")) if not shutil.which(cmd)]
    if not Path(CHROME).exists():
        missing.append(f"Chromium at {CHROME} (apt-get install chromium, or set CHROME_PATH)")
    if missing:
        return missing
    stamp = NODE_MODULES / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if not (LIGHTHOUSE.exists() and VNU_JAR.exists() and stamp.exists()
            and stamp.stat().st_mtime >= lock.stat().st_mtime):
        _say("installing the pinned npm tools (npm ci) …")
        # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the system Java is used.
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=ROOT, check=True)
    return [str(p) for p in (LIGHTHOUSE, VNU_JAR) if not p.exists()]


# --------------------------------------------------------------------------- build


#: Each edition: its configuration and where `make build` puts it in the site.
EDITIONS = {"en": ("mkdocs.yml", ""), "zh": ("mkdocs.zh.yml", "zh/")}


def build_site(site_dir: Path, site_url: str) -> None:
    """The same strict builds as `make build`: English into the site's root (it cleans the
    folder), then Chinese into zh/, with site_url at the audit server's address (canonical
    links, the language switch and the sitemap then point at what Lighthouse loads)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for config, folder in EDITIONS.values():
        cfg = load_config(str(ROOT / config), site_dir=str(site_dir / folder), site_url=site_url + folder,
                          strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()


def audited_pages(langs: list[str]) -> list[str]:
    """The home page and every procedure page of each edition asked for, as addresses
    relative to the site (every guide has a Chinese page: English until translated)."""
    sys.path.insert(0, str(ROOT))
    from macros.site.pages import get_catalogue

    keys = list(get_catalogue(ROOT).entries)
    return [EDITIONS[lang][1] + page for lang in langs for page in ["", *(key + "/" for key in keys)]]


# --------------------------------------------------------------------------- Nu HTML Checker


def _pages_as_read(site: Path, out: Path) -> list[Path]:
    """Every HTML page of the site, a guide's with its toolbox.html in place (as the tools script
    puts it when the toolbox opens, so the checker sees the controls in the page they are used in,
    ids and all), written under `out` at the same relative path. A fragment is not a page."""
    from macros.site.tools import TOOLBOX_FILE, with_controls

    pages = []
    for path in sorted(site.rglob("*.html")):
        if path.name == TOOLBOX_FILE:
            continue
        target = out / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        html = path.read_text(encoding="utf-8")
        if (path.parent / TOOLBOX_FILE).is_file():
            html = with_controls(html, (path.parent / TOOLBOX_FILE).read_text(encoding="utf-8"))
        target.write_text(html, encoding="utf-8")
        pages.append(target)
    return pages


def run_vnu(site: Path) -> tuple[int, list[str]]:
    """(pages checked, error lines) for every HTML page of the site, with its toolbox controls."""
    with tempfile.TemporaryDirectory() as tmp:
        return _run_vnu(Path(tmp), _pages_as_read(site, Path(tmp)))


def _run_vnu(site: Path, paths: list[Path]) -> tuple[int, list[str]]:
    pages = [str(p) for p in paths]
    proc = subprocess.run(["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, check=False)
    try:
        messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    except (json.JSONDecodeError, KeyError):
        return len(pages), [f"vnu did not run: exit {proc.returncode}: {(proc.stderr or proc.stdout)[-2000:]}"]
    errors = []
    for m in messages:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            where = Path(m.get("url", "").removeprefix("file:")).relative_to(site) if m.get("url") else "?"
            errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:80]}]")
    if proc.returncode != 0 and not errors:
        errors.append(f"vnu exited {proc.returncode}: {proc.stderr[-2000:]}")
    return len(pages), errors


# --------------------------------------------------------------------------- Lighthouse


def run_lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROME)
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(report: dict, origin: str) -> dict:
    """Scores (0–100), the audits that lost points outside performance, and foreign requests."""
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    misses = []
    for category in MUST_BE_100:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                misses.append(f"{category}: {ref['id']} ({audit.get('title')})")
    requests = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    foreign = sorted({r["url"] for r in requests
                      if not r["url"].startswith((origin, "data:", "blob:", "chrome-extension:"))})
    errors = report["audits"].get("errors-in-console", {}).get("details", {}).get("items", [])
    return {"scores": scores, "misses": misses, "foreign_requests": foreign,
            "console_errors": [e.get("description", "") for e in errors],
            "requests": len(requests),
            "transfer_bytes": sum(r.get("transferSize", 0) for r in requests),
            "tbt_ms": report["audits"].get("total-blocking-time", {}).get("numericValue")}


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--lang", action="append", choices=sorted(EDITIONS),
                        help="Lighthouse on this edition's pages only (repeatable; default: both)")
    parser.add_argument("--page", action="append",
                        help="Lighthouse on this page only (repeatable), e.g. amazon/close-account/ or zh/")
    parser.add_argument("--no-lighthouse", action="store_true", help="links and HTML validation only")
    parser.add_argument("--update-page", action="store_true",
                        help="write the scores and checks into docs/performance.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    failures: list[str] = []

    missing = ensure_tools()
    if missing:
        _say("audit cannot run; missing: " + ", ".join(missing))
        return 1

    work = Path(tempfile.mkdtemp(prefix="sc-audit-"))
    site = work / "site"
    site.mkdir()
    server = serve.start(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        try:
            build_site(site, origin + "/")
        except SystemExit as err:  # mkdocs' Abort: a warning under --strict, or bad data
            _say(f"the strict build failed: {err}")
            return 1
        _say(f"built and serving gzipped at {origin}/")

        report = links.check_site(site)
        _say(f"links: {report.pages} pages, {report.links} internal links ({report.anchors} with an anchor), "
             f"{len(report.broken)} broken; {len(report.foreign_loads)} resources from other origins")
        failures += [f"link: {b}" for b in report.broken] + [f"foreign: {f}" for f in report.foreign_loads]

        checked, errors = run_vnu(site)
        _say(f"Nu HTML Checker: {checked} pages, {len(errors)} errors")
        for e in errors[:30]:
            _say("  " + e)
        if len(errors) > 30:
            _say(f"  … and {len(errors) - 30} more (all in the JSON results)")
        failures += [f"vnu: {e}" for e in errors]

        results: dict[str, list[dict]] = {}
        if not args.no_lighthouse:
            pages = args.page or audited_pages(args.lang or list(EDITIONS))
            for run in range(args.runs):  # page by page inside each round: a slow moment hits all pages
                for page in pages:
                    out = work / f"lh-{len(results.get(page, []))}-{page.strip('/').replace('/', '_') or 'home'}.json"
                    summary = summarise(run_lighthouse(f"{origin}/{page}", out), origin)
                    results.setdefault(page, []).append(summary)
                    s = summary["scores"]
                    _say(f"  run {run + 1}/{args.runs} /{page}: " + " ".join(f"{c} {s[c]}" for c in CATEGORIES))
            failures += _judge(results)
            _say("\n" + _table(results))
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)

    took = time.perf_counter() - started
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"audit-{stamp}.json").write_text(json.dumps(
        {"when": stamp, "seconds": took, "runs": args.runs, "lighthouse": results, "failures": failures,
         "vnu": {"pages": checked, "errors": len(errors)},
         "links": {"pages": report.pages, "internal": report.links, "anchors": report.anchors,
                   "broken": len(report.broken), "foreign_loads": len(report.foreign_loads)}},
        indent=2), encoding="utf-8")
    _say(f"\naudit took {took:.0f} s; details in benchmarks/results/audit-{stamp}.json")
    if args.update_page and results:
        publish.update_page("audit", "\n".join([
            (f"Measured on {dt.date.today().isoformat()}, {args.runs} runs per page, Lighthouse "
            f"{_lighthouse_version()}:"), "", _table(results), "",
            (f"Nu HTML Checker: {checked} pages, {len(errors)} errors. Links: {report.links} internal links "
            f"({report.anchors} with an anchor), {len(report.broken)} broken; "
            f"{len(report.foreign_loads)} resources from other origins.")]))
    if failures:
        _say(f"FAILED: {len(failures)} problem(s)")
        for f in [f for f in failures if not f.startswith("vnu: ")][:40]:
            _say("  " + f)
        return 1
    _say("all budgets met")
    return 0


def _lighthouse_version() -> str:
    return json.loads((NODE_MODULES / "lighthouse" / "package.json").read_text(encoding="utf-8"))["version"]


def _judge(results: dict[str, list[dict]]) -> list[str]:
    failures = []
    for page, runs in results.items():
        for i, r in enumerate(runs, 1):
            for c in MUST_BE_100:
                if r["scores"][c] < 100:
                    failures.append(f"lighthouse /{page} run {i}: {c} {r['scores'][c]} < 100: "
                                    + "; ".join(m for m in r["misses"] if m.startswith(c)))
            if r["foreign_requests"]:
                failures.append(f"lighthouse /{page} run {i}: requests to other origins: {r['foreign_requests']}")
        median = statistics.median(r["scores"]["performance"] for r in runs)
        if median < MIN_MEDIAN_PERFORMANCE:
            failures.append(f"lighthouse /{page}: median performance {median} < {MIN_MEDIAN_PERFORMANCE}")
    return failures


def _table(results: dict[str, list[dict]]) -> str:
    lines = ["| page | performance (median; runs) | accessibility | best practices | SEO | transfer (KB) |",
             "|---|---|---:|---:|---:|---:|"]
    for page, runs in results.items():
        perf = [r["scores"]["performance"] for r in runs]
        low = {c: min(r["scores"][c] for r in runs) for c in MUST_BE_100}
        kb = statistics.median(r["transfer_bytes"] for r in runs) / 1024
        lines.append(f"| /{page} | {statistics.median(perf):g} ({', '.join(map(str, perf))}) | "
                     f"{low['accessibility']} | {low['best-practices']} | {low['seo']} | {kb:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
