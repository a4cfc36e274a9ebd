"""`make bench`: build time, memory and size of the site at 10, 100 and 1,000 procedures,
against the same content written as plain Material Markdown pages.

For each N it makes a temporary copy of the project (mkdocs.yml, docs/, overrides/,
macros/) with synthetic but valid data written fresh, and two baselines from the same
content as task-list pages: "flat" (the project's mkdocs.yml without hooks, macros and
`navigation.prune`: every page carries the whole navigation) and "same-nav" (the same,
with the project's navigation settings). Every build is the real `mkdocs build --strict`
in a subprocess. Wall time on 2 cores varies by about ±30 %, so the builds alternate
and each figure is the fastest of --repeat runs. It also times `python -m macros.cli
check` (what `make check` runs) on every N. Exit status 1 when a target is missed.

    .venv/bin/python benchmarks/bench.py            # the published table (several minutes)
    .venv/bin/python benchmarks/bench.py --quick    # smoke run: N = 10, 50, one run each
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_preview
import bench_zh
import publish
import synthetic

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"
VARIANTS = ("ours", "same-nav", "flat")
LABELS = {"ours": "this project", "same-nav": "plain Material, same nav",
          "flat": "plain Material, flat nav"}
#: (description, function of the results that returns (value, limit, ok))
TARGETS_TEXT = {
    "vs-flat": "our build ≤ 1/3 of the flat-navigation baseline at the largest N",
    "vs-same-nav": "our build ≤ 1.3× the plain-Markdown build with the same navigation at the largest N",
    "scaling": "largest N ≤ 11× the time at N/10 (1,000 vs 100)",
    "largest-page": "largest page (any) < 64 KB of HTML at the largest N",
    "largest-guide": "largest procedure page < 64 KB of HTML at the largest N",
    "check": "`make check` < 1 s at the largest N, cold (a fresh clone: every file read)",
    "check-rerun": "`make check` < 1 s at the largest N, after editing one file",
}


@dataclass
class Run:
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    site_bytes: int = 0
    pages: int = 0
    largest_page: int = 0
    largest_page_path: str = ""
    largest_guide: int = 0  # the largest procedure page (<platform>/<slug>/index.html)

    @property
    def best(self) -> float:
        return min(self.seconds)


def _env(folder: Path) -> dict:
    # PYTHONPATH first: `import macros` finds the copy taken at the start, not the checkout
    # (the editable install), so edits made while the bench runs do not change what it measures.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(folder),
               XDG_CACHE_HOME=str(folder / ".bench-user-cache"))
    env.pop("SELLER_CHECKLISTS_SERVING", None)
    return env


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run a command in `cwd`; return wall seconds, the child's peak RSS in MB, and its output."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(cwd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)} in {cwd}\n{text[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, text


# --------------------------------------------------------------------------- project copies


def _copy_project(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("docs", "overrides", "macros", "schema"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")


def _baseline_config(project_config: Path, flat: bool) -> str:
    """A config that INHERITs the project's mkdocs.yml (copied beside it as project.yml) without
    the hook and the macros plugin (and, for flat, without navigation.prune): the same theme,
    palette, extensions, CSS and JS, serving plain Markdown pages."""
    config = yaml.load(project_config.read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    plugins = [p for p in config.get("plugins", [])
               if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    features = list(config.get("theme", {}).get("features", []))
    if flat:
        features = [f for f in features if f != "navigation.prune"]
    override = {"INHERIT": "project.yml", "hooks": [], "watch": [], "plugins": plugins,
                "theme": {"features": features}}
    return yaml.safe_dump(override, sort_keys=False, allow_unicode=True)


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without failing on !ENV or !!python/name tags (only plugins and
    features are taken from it; the tagged values stay in project.yml)."""


_TagTolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TagTolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def prepare(work: Path, count: int, content: str = "realistic",
            platforms: int = synthetic.PLATFORMS) -> tuple[dict[str, Path], list[dict]]:
    """Three project folders for N = count: ours (real data), same-nav and flat (plain pages);
    and the procedures written."""
    ours = work / f"ours-{count}"
    _copy_project(ours)
    procedures = synthetic.write_data(ours, count, content, platforms)
    folders = {"ours": ours}
    for variant, flat in (("same-nav", False), ("flat", True)):
        folder = work / f"{variant}-{count}"
        shutil.copytree(ROOT / "docs", folder / "docs",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        shutil.copytree(ROOT / "overrides", folder / "overrides",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "hooks", "nav-item.html"))
        for page in (folder / "docs").glob("*.md"):
            if "{{" in page.read_text(encoding="utf-8"):  # macro pages: index.md is rewritten below
                page.unlink()
        synthetic.write_markdown(folder / "docs", procedures)
        shutil.copytree(ROOT / "schema", folder / "docs" / "schema")  # what the schema hook publishes
        shutil.copy2(ROOT / "mkdocs.yml", folder / "project.yml")
        (folder / "mkdocs.yml").write_text(_baseline_config(ROOT / "mkdocs.yml", flat), encoding="utf-8")
        folders[variant] = folder
    return folders, procedures


def build(folder: Path, site: Path) -> tuple[float, float]:
    shutil.rmtree(site, ignore_errors=True)
    # not --quiet: it hides warnings from --strict, which then lets a broken build pass
    seconds, peak, _ = timed([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], folder)
    return seconds, peak


def measure_site(site: Path, run: Run) -> None:
    total = pages = 0
    largest, largest_path = 0, ""
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and path.name != "toolbox.html":  # a guide's controls, not a page
                pages += 1
                rel = path.relative_to(site).as_posix()
                if size > largest:
                    largest, largest_path = size, rel
                if (rel.count("/") == 2 and rel.startswith("market-") and path.name == "index.html"
                        and size > run.largest_guide):
                    run.largest_guide = size
    run.site_bytes, run.pages, run.largest_page, run.largest_page_path = total, pages, largest, largest_path


def check_time(folder: Path) -> tuple[float, float, float]:
    """`python -m macros.cli check` twice: cold (no saved results, as in a fresh clone or CI:
    wall time and the validation time it reports itself), then again after editing one
    procedure file (what a contributor runs while working: only that file is read again)."""
    cache = folder / ".bench-user-cache"  # XDG_CACHE_HOME of the children (see _env)
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "macros.cli", "--root", str(folder), "check"]
    cold, _peak, out = timed(command, folder)
    inner = re.search(r"checked in ([0-9.]+) s", out)
    edited = next(p for p in (folder / "data" / "procedures").glob("*/*.yml") if len(p.suffixes) == 1)  # not a .zh.yml
    edited.write_text(edited.read_text(encoding="utf-8") + f"# edited {time.time()}\n", encoding="utf-8")
    again, _peak, out = timed(command, folder)
    if "unchanged file" not in out:
        print(f"  (warning: the second check did not reuse saved results: {out.strip()[:200]})")
    return cold, float(inner.group(1)) if inner else float("nan"), again


# --------------------------------------------------------------------------- report


def evaluate(results: dict[int, dict[str, Run]], checks: dict[int, tuple[float, float, float]]) -> dict[str, dict]:
    sizes = sorted(results)
    top = sizes[-1]
    ours = results[top]["ours"]
    out = {
        "vs-flat": (ours.best / results[top]["flat"].best, 1 / 3),
        "vs-same-nav": (ours.best / results[top]["same-nav"].best, 1.3),
        "largest-page": (ours.largest_page / 1024, 64),
        "largest-guide": (ours.largest_guide / 1024, 64),
        "check": (checks[top][0], 1.0),
        "check-rerun": (checks[top][2], 1.0),
    }
    tenth = [n for n in sizes if n * 10 == top]
    if tenth:
        out["scaling"] = (ours.best / results[tenth[0]]["ours"].best, 11)
    return {name: {"value": round(value, 3), "limit": round(limit, 3),
                   "ok": value < limit if name in ("largest-page", "largest-guide", "check", "check-rerun")
                   else value <= limit,
                   "what": TARGETS_TEXT[name]} for name, (value, limit) in out.items()}


def table(results: dict[int, dict[str, Run]], checks: dict[int, tuple[float, float, float]]) -> str:
    lines = [("| N | build | best time (s) | ours ÷ this | peak memory (MB) | site size (MB) | pages | "
             "largest page (KB) | largest guide page (KB) |"),
             "|---:|---|---:|---:|---:|---:|---:|---|---:|"]
    for n in sorted(results):
        ours = results[n]["ours"].best
        for variant in VARIANTS:
            r = results[n][variant]
            ratio = "—" if variant == "ours" else f"{ours / r.best:.2f}"
            lines.append(f"| {n:,} | {LABELS[variant]} | {r.best:.2f} | {ratio} | {r.peak_mb:.0f} | "
                         f"{r.site_bytes / 1e6:.1f} | {r.pages:,} | {r.largest_page / 1024:.1f} ({r.largest_page_path}) | "
                         f"{r.largest_guide / 1024:.1f} |")
    lines += ["", ("| N | `make check` cold: wall (s) | of which validation (s) | "
                   "`make check` after editing one file: wall (s) |"), "|---:|---:|---:|---:|"]
    lines += [f"| {n:,} | {checks[n][0]:.2f} | {checks[n][1]:.2f} | {checks[n][2]:.2f} |" for n in sorted(checks)]
    return "\n".join(lines)


def page_text(report: str, targets: dict, sizes: list[int], repeat: int, content: str, when: str,
              machine_text: str) -> str:
    lines = [(f"Measured on {when}: {machine_text}; {content} content; N = {', '.join(f'{n:,}' for n in sizes)}, fastest of "
             f"{repeat} alternating runs. \"ours ÷ this\" below 1 means the project's build is faster."), "",
             report, "", "| target | measured | limit | met |", "|---|---:|---:|---|"]
    lines += [f"| {t['what']} | {t['value']} | {t['limit']} | {'yes' if t['ok'] else '**no**'} |"
              for t in targets.values()]
    return "\n".join(lines)


def publish_earlier(path: Path) -> int:
    """Every table of an earlier run (its JSON) onto the Performance pages, with that run's day
    and machine: the English tables, and the Chinese edition's and the previews' where it measured them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    results = {int(n): {v: Run(**r) for v, r in rs.items()} for n, rs in data["results"].items()}
    checks = {int(n): (c["wall"], c["validation"], c.get("rerun", float("nan"))) for n, c in data["check"].items()}
    content = data.get("content", "realistic")
    day, machine_text = _day(data["when"]), data["machine"]
    publish.update_page(f"bench-{content}", page_text(table(results, checks), evaluate(results, checks), sorted(results),
                                                      data["repeat"], content, day, machine_text))
    if data.get("zh"):
        zh = data["zh"]
        runs = {v: bench_zh.Both(**r) for v, r in zh["runs"].items()}
        check = tuple(zh["check"])
        _publish_zh(zh["n"], runs, check, bench_zh.evaluate(runs, check), day, machine_text, data["repeat"])
    if data.get("previews"):
        _publish_previews(max(results), data["previews"], day, machine_text)
    return 0


def _publish_previews(n: int, previews: dict[str, dict], when: str, machine_text: str) -> None:
    for lang, page in (("en", publish.PAGE), ("zh", publish.PAGE_ZH)):
        publish.update_page("bench-preview", bench_preview.page_text(n, previews, when, machine_text, lang), page)


def _day(stamp: str) -> str:
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated N (default 10,100,1000)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds per N and variant, alternating; the fastest counts (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 10,50, one build each")
    parser.add_argument("--content", choices=synthetic.CONTENT, default="realistic",
                        help="realistic (default): items with details, notes, money, sources; "
                             "lean: the issue's baseline page, 24 one-line tasks")
    parser.add_argument("--platforms", type=int, default=synthetic.PLATFORMS,
                        help=f"spread the guides over this many platforms (default {synthetic.PLATFORMS}; "
                             "2 puts 500 of 1,000 guides on each)")
    parser.add_argument("--no-zh", action="store_true",
                        help="leave out the Chinese edition (by default built beside the English at the largest N)")
    parser.add_argument("--no-preview", action="store_true",
                        help="leave out `make serve`'s edit-to-page time (benchmarks/bench_preview.py)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    parser.add_argument("--update-page", action="store_true",
                        help="write the table and targets into docs/performance.md")
    parser.add_argument("--publish", metavar="RESULTS_JSON",
                        help="write the table of an earlier run (benchmarks/results/bench-*.json) into "
                             "docs/performance.md, without building anything")
    args = parser.parse_args(argv)
    if args.publish:
        return publish_earlier(Path(args.publish))
    sizes = [10, 50] if args.quick else sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    repeat = 1 if args.quick else max(1, args.repeat)

    work = Path(tempfile.mkdtemp(prefix="sc-bench-"))
    print(f"Benchmark on {machine()}; N = {sizes} on {args.platforms} platforms, {args.content} content, "
          f"{repeat} run(s) each, in {work}",
          flush=True)
    try:
        folders, zh_folders, top = {}, {}, sizes[-1]
        for n in sizes:
            start = time.perf_counter()
            folders[n], procedures = prepare(work, n, args.content, args.platforms)
            if n == top and not args.no_zh:
                zh_folders = bench_zh.prepare(work, n, procedures, folders[n]["ours"], folders[n]["same-nav"],
                                              args.platforms)
            print(f"  prepared N={n:,} in {time.perf_counter() - start:.1f} s", flush=True)
        zh_runs = {variant: bench_zh.Both() for variant in zh_folders}
        zh_check = (float("inf"),) * 3
        results = {n: {v: Run() for v in VARIANTS} for n in sizes}
        checks: dict[int, tuple[float, float, float]] = {}
        for rep in range(repeat):
            order = VARIANTS[rep % 3:] + VARIANTS[:rep % 3]  # alternate who goes first
            for n in sizes:
                for variant in order:
                    site = work / f"site-{variant}-{n}"
                    seconds, peak = build(folders[n][variant], site)
                    run = results[n][variant]
                    run.seconds.append(seconds)
                    run.peak_mb = max(run.peak_mb, peak)
                    if rep == 0:
                        measure_site(site, run)
                    print(f"  run {rep + 1}/{repeat} N={n:,} {variant:8s} {seconds:6.2f} s  {peak:5.0f} MB",
                          flush=True)
                measured = check_time(folders[n]["ours"])
                best = checks.get(n, (float("inf"),) * 3)
                checks[n] = tuple(min(b, m) for b, m in zip(best, measured))
            for variant in (order if zh_folders else ()):
                if variant in zh_runs:
                    _zh_run(work, top, variant, folders[top][variant], zh_folders[variant], zh_runs[variant], rep, repeat)
            if zh_folders:
                zh_check = tuple(min(b, m) for b, m in zip(zh_check, check_time(zh_folders["ours"])))
        targets = evaluate(results, checks)
        zh_targets = bench_zh.evaluate(zh_runs, zh_check) if zh_folders else {}
        previews = {} if args.no_preview else _previews(folders[top]["ours"], zh_folders.get("ours"))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    report = table(results, checks)
    print("\n" + report + "\n")
    if zh_targets:
        print(bench_zh.table(top, zh_runs, zh_check) + "\n")
    if previews:
        print(bench_preview.table(previews) + "\n")
    for t in [*targets.values(), *zh_targets.values()]:
        print(f"  {'PASS' if t['ok'] else 'MISS'}  {t['what']}: {t['value']} (limit {t['limit']})")
    previews_ok = all(bench_preview.met(found) for found in previews.values())
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    payload = {"when": stamp, "machine": machine(), "sizes": sizes, "repeat": repeat, "quick": args.quick,
               "content": args.content, "platforms": args.platforms,
               "results": {n: {v: asdict(r) for v, r in rs.items()} for n, rs in results.items()},
               "check": {n: {"wall": c[0], "validation": c[1], "rerun": c[2]} for n, c in checks.items()},
               "targets": targets, "zh": {"n": top, "runs": {v: asdict(r) for v, r in zh_runs.items()},
                                          "check": list(zh_check), "targets": zh_targets} if zh_targets else None,
               "previews": previews}
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    (RESULTS / f"bench-{stamp}.md").write_text(report + "\n", encoding="utf-8")
    print(f"\nwrote benchmarks/results/bench-{stamp}.json and .md")
    if args.update_page:
        publish.update_page(f"bench-{args.content}", page_text(report, targets, sizes, repeat, args.content,
                                                                   dt.date.today().isoformat(), machine()))
        if zh_targets:
            _publish_zh(top, zh_runs, zh_check, zh_targets, dt.date.today().isoformat(), machine(), repeat)
        if previews:
            _publish_previews(top, previews, dt.date.today().isoformat(), machine())
    if args.quick:
        print("(--quick: targets are for N = 1,000 and are only informative here)")
        return 0
    return 0 if previews_ok and all(t["ok"] for t in [*targets.values(), *zh_targets.values()]) else 1


def _previews(english: Path, chinese: Path | None) -> dict[str, dict]:
    """`make serve`'s edit-to-page time on the largest N, in each edition built."""
    found = {"mkdocs.yml": bench_preview.measure(english)}
    if chinese is not None:
        found["mkdocs.zh.yml"] = bench_preview.measure(chinese, "mkdocs.zh.yml")
    for config, times in found.items():
        print(f"  make serve ({config}): first build {times['first']:.1f} s, edits shown after "
              + ", ".join(f"{t:.2f}" for t in times["edits"]) + " s", flush=True)
    return found


def _zh_run(work: Path, n: int, variant: str, english: Path, chinese: Path, run: bench_zh.Both, rep: int,
            repeat: int) -> None:
    """One round of the Chinese edition for a variant: the English build alone, then both side by side."""
    site = work / f"site-{variant}-{n}"
    seconds, peak = build(english, site)
    run.english.append(seconds)
    both, peak_both = bench_zh.build_both(english, chinese, site)
    run.both.append(both)
    run.peak_mb = max(run.peak_mb, peak, peak_both)
    if rep == 0:
        bench_zh.measure(site.with_name(site.name + "-zh"), run)
    print(f"  run {rep + 1}/{repeat} N={n:,} {variant:8s} English {seconds:6.2f} s, English + Chinese side by side "
          f"{both:6.2f} s  {max(peak, peak_both):5.0f} MB", flush=True)


def _publish_zh(n, runs, check, targets, when: str, machine_text: str, repeat: int) -> None:
    """The Chinese edition's figures, on the Performance page in both languages."""
    for lang, page in (("en", publish.PAGE), ("zh", publish.PAGE_ZH)):
        publish.update_page("bench-zh", bench_zh.page_text(n, runs, check, targets, when, machine_text, repeat, lang),
                            page)


if __name__ == "__main__":
    sys.exit(main())
