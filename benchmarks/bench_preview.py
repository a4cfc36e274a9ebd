"""`make serve` at N guides: from saving one guide's YAML file to its changed page being served.

Starts `mkdocs serve --dirty` (what `make serve` runs) on a free port, waits for the first build,
then edits one guide's summary three times, a few seconds apart, and each time polls the page
over HTTP until the new text is in it: the time from the write to that answer includes the
file watcher's wait, the rebuild and the serving. The Chinese edition is timed the same way on
mkdocs.zh.yml, with its translation file edited once in the middle.

    .venv/bin/python benchmarks/bench_preview.py FOLDER [--zh FOLDER] [--update-page]

`make bench` runs it on its largest N (`--no-preview` leaves it out).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
EDITS = 3
#: The target of issue 15: the edited page shows within about 2 s of saving the file.
LIMIT = 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _edit(path: Path, marker: str) -> None:
    """Put `marker` at the start of the guide's summary, or, in a translation, of its first
    alternative's title (a unit the English edits leave current)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r" ?\bE\d{13}\b", "", text)  # the last edit's marker
    if path.name.endswith(".zh.yml"):
        found = re.search(r"^  alternative-1:\n    from: \w+\n    title: ", text, re.MULTILINE)
    else:
        found = re.search(r"^summary: '?", text, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{path}: nothing to edit")
    path.write_text(text[:found.end()] + marker + " " + text[found.end():], encoding="utf-8")


def _served(url: str, marker: str, limit: float) -> bool:
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        try:
            if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                return True
        except OSError:
            pass
        time.sleep(0.02)
    return False


def measure(folder: Path, config: str = "mkdocs.yml") -> dict:
    """{"first": seconds to the first build served, "edits": [seconds per edit]}."""
    guide = next(p for p in sorted((folder / "data" / "procedures").glob("*/*.yml")) if len(p.suffixes) == 1)
    key = f"{guide.parent.name}/{guide.stem}/"
    prefix = "zh/" if config != "mkdocs.yml" else ""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(folder))
    env.pop("SELLER_CHECKLISTS_SERVING", None)
    start = time.perf_counter()
    serve = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "--dirty", "--config-file", config,
                              "--dev-addr", f"127.0.0.1:{port}"], cwd=folder, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    try:
        for line in serve.stdout:
            log.append(line)
            if "Serving on" in line:
                break
        else:
            raise SystemExit("mkdocs serve stopped:\n" + "".join(log[-20:]))
        first = time.perf_counter() - start
        threading.Thread(target=lambda: log.extend(serve.stdout), daemon=True).start()
        edits = []
        for number in range(EDITS):
            time.sleep(2.5)  # the watcher settles; a person saves again seconds later at the earliest
            marker = f"E{time.time_ns() // 1_000_000}"
            edited = guide.with_suffix(".zh.yml") if prefix and number == 1 else guide
            written = time.perf_counter()
            _edit(edited, marker)
            if not _served(f"http://127.0.0.1:{port}/{prefix}{key}", marker, 120):
                raise SystemExit(f"the edit of {edited.name} never showed:\n" + "".join(log[-20:]))
            edits.append(time.perf_counter() - written)
        return {"first": first, "edits": edits}
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def met(found: dict) -> bool:
    return statistics.median(found["edits"]) <= LIMIT


NAMES = {"en": {"mkdocs.yml": "English", "mkdocs.zh.yml": "Chinese"}, "zh": {"mkdocs.yml": "英文版", "mkdocs.zh.yml": "中文版"}}
HEADS = {"en": ("| `make serve` | first build served (s) | edit → changed page served, median (s) | slowest (s) | "
                f"median ≤ {LIMIT:.0f} s |"),
         "zh": f"| `make serve` | 首次构建完成（秒） | 保存到页面更新，中位数（秒） | 最慢（秒） | 中位数 ≤ {LIMIT:.0f} 秒 |"}


def table(previews: dict[str, dict], lang: str = "en") -> str:
    lines = [HEADS[lang], "|---|---:|---:|---:|---|"]
    for config, found in previews.items():
        yes, no = ("yes", "**no**") if lang == "en" else ("是", "**否**")
        lines.append(f"| {NAMES[lang].get(config, config)} | {found['first']:.1f} | "
                     f"{statistics.median(found['edits']):.2f} | {max(found['edits']):.2f} | {yes if met(found) else no} |")
    return "\n".join(lines)


def page_text(n: int, previews: dict[str, dict], when: str, machine: str, lang: str = "en") -> str:
    if lang == "zh":
        intro = (f"`make serve` 在 {n:,} 份指南时（{when}，{machine}，`make bench`）：保存一份指南的 YAML 文件后，"
                 f"多久能在浏览器里看到改动（每个版本改 {EDITS} 次，中文版中间一次改的是译文文件）。")
    else:
        intro = (f"`make serve` at N = {n:,} ({when}, {machine}, `make bench`): from saving one guide's YAML "
                 f"file to its changed page being served ({EDITS} edits per edition; in the Chinese one, the "
                 "middle edit is to the translation file).")
    return intro + "\n\n" + table(previews, lang)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a project (benchmarks/bench.py --keep leaves one per N)")
    parser.add_argument("--zh", type=Path, metavar="FOLDER", help="also the Chinese edition, in this project")
    parser.add_argument("--update-page", action="store_true", help="write the table into the Performance pages")
    args = parser.parse_args(argv)
    found = {"mkdocs.yml": measure(args.folder.resolve())}
    if args.zh:
        found["mkdocs.zh.yml"] = measure(args.zh.resolve(), "mkdocs.zh.yml")
    print(table(found))
    if args.update_page:
        import datetime as dt

        import bench
        import publish

        count = len([p for p in (args.folder / "data" / "procedures").glob("*/*.yml") if len(p.suffixes) == 1])
        for lang, page in (("en", publish.PAGE), ("zh", publish.PAGE_ZH)):
            publish.update_page("bench-preview", page_text(count, found, dt.date.today().isoformat(), bench.machine(),
                                                           lang), page)
    return 0 if all(map(met, found.values())) else 1


if __name__ == "__main__":
    sys.exit(main())
