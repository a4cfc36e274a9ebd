"""The Chinese edition in `make bench` (issue 14): both languages built side by side at the
largest N, every guide and platform translated, against plain Material pages of the same
1,000 + 1,000 pages with the same navigation (jieba segmenting the Chinese search index, as on
the real site), and `make check` on 1,000 procedures plus 1,000 translations.

The translations are synthetic (benchmarks/synthetic.py): Han text of about half the English
character count, every unit current. bench.py calls `prepare`, `build_both`, `measure` and
`evaluate`; the tables go to the Performance page in both languages (docs/performance.md,
docs/zh/performance.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import synthetic
import yaml

#: target -> (English, Chinese) description; limits in evaluate()
TARGETS_TEXT = {
    "zh-both": ("both languages, built side by side, ≤ 2.2× the English-only build",
                "两种语言并行构建，总时间 ≤ 仅英文构建的 2.2 倍"),
    "zh-vs-same-nav": (("both languages ≤ 1.3× two plain-Material builds of the same pages and navigation "
                        "(jieba on for the Chinese one)"),
                       "两种语言 ≤ 相同页面和导航的两次纯 Material 构建（中文一次开启 jieba）的 1.3 倍"),
    "zh-largest-page": ("largest Chinese page < 64 KB of HTML", "最大的中文页面 HTML < 64 KB"),
    "zh-check": ("`make check` on N procedures + N translations < 1.5 s, cold",
                 "`make check`（N 份指南 + N 份译文）冷启动 < 1.5 秒"),
    "zh-check-rerun": ("`make check` on N procedures + N translations < 0.3 s after editing one file",
                       "`make check`（N 份指南 + N 份译文）修改一个文件后 < 0.3 秒"),
}
LIMITS = {"zh-both": 2.2, "zh-vs-same-nav": 1.3, "zh-largest-page": 64, "zh-check": 1.5, "zh-check-rerun": 0.3}
#: strict limits (<) as the issue words them; the ratios are "at most" (≤)
_BELOW = {"zh-largest-page", "zh-check", "zh-check-rerun"}


@dataclass
class Both:
    """One variant built in both languages: the English-only time, both side by side, and sizes."""

    english: list[float] = field(default_factory=list)  # the English build alone
    both: list[float] = field(default_factory=list)     # English and Chinese side by side
    peak_mb: float = 0.0
    zh_pages: int = 0
    zh_bytes: int = 0
    zh_largest: int = 0
    zh_largest_path: str = ""


def prepare(work: Path, count: int, procedures: list[dict], ours: Path, same_nav: Path,
            platforms: int = synthetic.PLATFORMS) -> dict[str, Path]:
    """A copy of `ours` with every file translated and mkdocs.zh.yml, and the same-nav baseline's
    Chinese pages and config (inheriting its English one, as mkdocs.zh.yml inherits mkdocs.yml)."""
    root = Path(__file__).resolve().parent.parent
    zh = work / f"ours-zh-{count}"
    shutil.copytree(ours, zh, ignore=shutil.ignore_patterns(".bench-user-cache"))
    shutil.copy2(root / "mkdocs.zh.yml", zh / "mkdocs.zh.yml")
    synthetic.write_translations(zh, procedures, platforms)
    _baseline_docs(root, same_nav / "docs-zh", procedures)
    (same_nav / "mkdocs.zh.yml").write_text(_baseline_config(root / "mkdocs.zh.yml"), encoding="utf-8")
    return {"ours": zh, "same-nav": same_nav}


def _baseline_docs(root: Path, docs: Path, procedures: list[dict]) -> None:
    """The plain pages in Chinese: the hand-written Chinese pages where there are some (English
    otherwise, as on the real site), and every guide with the translation's text."""
    from macros.data.model import Procedure
    from macros.data.translation_model import Translation, localized

    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "zh"))
    for page in (root / "docs" / "zh").glob("*.md"):
        shutil.copy2(page, docs / page.name)
    for page in docs.glob("*.md"):
        if "{{" in page.read_text(encoding="utf-8"):  # macro pages: index.md is rewritten below
            page.unlink()
    chinese = []
    for p in procedures:
        english = Procedure.model_validate(p)
        translation = Translation.model_validate(synthetic.translation_data(p, "procedure"))
        text = localized(english, translation)[0].model_dump(mode="json", exclude_none=True)
        chinese.append({**p, **{k: v for k, v in text.items() if k in p}})
    synthetic.write_markdown(docs, chinese)
    shutil.copytree(root / "schema", docs / "schema")


def _baseline_config(project_zh: Path) -> str:
    """mkdocs.zh.yml for the baseline: its own English config, plus the Chinese site's language,
    names and search (jieba segments at build time when the search language is Chinese)."""
    import bench  # the tag-tolerant loader and the plugin filter

    config = yaml.load(project_zh.read_text(encoding="utf-8"), Loader=bench._TagTolerantLoader)
    plugins = [p for p in config.get("plugins", []) if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    override = {"INHERIT": "mkdocs.yml", "docs_dir": "docs-zh", "hooks": [], "plugins": plugins,
                "theme": {"language": config["theme"]["language"]}}
    override.update({k: config[k] for k in ("site_name", "site_description", "site_url") if k in config})
    return yaml.safe_dump(override, sort_keys=False, allow_unicode=True)


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    import bench

    return subprocess.Popen(args, cwd=cwd, env=bench._env(cwd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def build_both(english: Path, chinese: Path, site: Path) -> tuple[float, float]:
    """English (from `english`) and Chinese (mkdocs.zh.yml in `chinese`) side by side, as `make
    build` could run them on 2 cores: wall seconds until both are done, and the larger peak RSS."""
    import bench

    for folder in (site, site.with_name(site.name + "-zh")):
        shutil.rmtree(folder, ignore_errors=True)
    strict = [str(bench.BIN / "mkdocs"), "build", "--strict"]
    start = time.perf_counter()
    procs = [_start(strict + ["--site-dir", str(site)], english),
             _start(strict + ["--config-file", "mkdocs.zh.yml", "--site-dir", str(site.with_name(site.name + "-zh"))],
                    chinese)]
    peak, failed = 0.0, []
    for proc in procs:
        out = proc.stdout.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        peak = max(peak, usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(f"{' '.join(proc.args)}\n{out.decode('utf-8', 'replace')[-4000:]}")
    seconds = time.perf_counter() - start
    if failed:
        raise SystemExit("failed: " + "\n".join(failed))
    return seconds, peak


def measure(site_zh: Path, run: Both) -> None:
    """Pages, bytes and the largest page of the Chinese site."""
    for path in site_zh.rglob("*.html"):
        if path.name == "toolbox.html":  # a guide's toolbox controls, fetched by the page: not a page
            continue
        size = path.stat().st_size
        run.zh_pages += 1
        run.zh_bytes += size
        if size > run.zh_largest:
            run.zh_largest, run.zh_largest_path = size, path.relative_to(site_zh).as_posix()


def evaluate(both: dict[str, Both], check: tuple[float, float, float]) -> dict[str, dict]:
    ours, plain = both["ours"], both["same-nav"]
    values = {"zh-both": min(ours.both) / min(ours.english), "zh-vs-same-nav": min(ours.both) / min(plain.both),
              "zh-largest-page": ours.zh_largest / 1024, "zh-check": check[0], "zh-check-rerun": check[2]}
    return {name: {"value": round(value, 3), "limit": LIMITS[name],
                   "ok": value < LIMITS[name] if name in _BELOW else value <= LIMITS[name],
                   "what": TARGETS_TEXT[name][0], "what_zh": TARGETS_TEXT[name][1]}
            for name, value in values.items()}


_HEAD = {"en": ("| N | build | English only (s) | English + Chinese side by side (s) | ours ÷ this (both) | "
                "peak memory (MB) | Chinese pages | Chinese HTML (MB) | largest Chinese page (KB) |"),
         "zh": ("| N | 构建 | 仅英文（秒） | 中英文并行（秒） | 本项目 ÷ 此项（两种语言） | 内存峰值（MB） | 中文页面数 | "
                "中文 HTML（MB） | 最大中文页面（KB） |")}
_LABELS = {"en": {"ours": "this project", "same-nav": "plain Material, same nav (jieba for Chinese)"},
           "zh": {"ours": "本项目", "same-nav": "纯 Material，相同导航（中文开启 jieba）"}}


def table(n: int, both: dict[str, Both], check: tuple[float, float, float], lang: str = "en") -> str:
    ours = min(both["ours"].both)
    lines = [_HEAD[lang], "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for variant, run in both.items():
        ratio = "—" if variant == "ours" else f"{ours / min(run.both):.2f}"
        lines.append(f"| {n:,} | {_LABELS[lang][variant]} | {min(run.english):.2f} | {min(run.both):.2f} | {ratio} | "
                     f"{run.peak_mb:.0f} | {run.zh_pages:,} | {run.zh_bytes / 1e6:.1f} | "
                     f"{run.zh_largest / 1024:.1f} ({run.zh_largest_path}) |")
    head = ("| N | `make check` cold: wall (s) | of which validation (s) | after editing one file: wall (s) |"
            if lang == "en" else "| N | `make check` 冷启动（秒） | 其中校验（秒） | 修改一个文件后（秒） |")
    lines += ["", head, "|---:|---:|---:|---:|", f"| {n:,} + {n:,} | {check[0]:.2f} | {check[1]:.2f} | {check[2]:.2f} |"]
    return "\n".join(lines)


def page_text(n: int, both: dict[str, Both], check, targets: dict, when: str, machine: str, repeat: int,
              lang: str = "en") -> str:
    if lang == "en":
        intro = (f"Measured on {when}: {machine}; N = {n:,} guides, each also in Chinese (synthetic Han text of "
                 f"about half the English length), fastest of {repeat} alternating runs.")
        rows = [f"| {t['what']} | {t['value']} | {t['limit']} | {'yes' if t['ok'] else '**no**'} |"
                for t in targets.values()]
        head = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    else:
        intro = (f"测量于 {when}：<span lang=\"en\">{machine}</span>；N = {n:,} 份指南，每份都有中文版（合成的汉字文本，"
                 f"长度约为英文的一半），取 {repeat} 次交替运行中最快的一次。")
        rows = [f"| {t['what_zh']} | {t['value']} | {t['limit']} | {'是' if t['ok'] else '**否**'} |"
                for t in targets.values()]
        head = ["| 目标 | 测得 | 上限 | 达到 |", "|---|---:|---:|---|"]
    return "\n".join([intro, "", table(n, both, check, lang), "", *head, *rows])
