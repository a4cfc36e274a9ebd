"""`make engines`, second half: try the newest installable Zensical on the pages that
`python -m macros.cli pages --with-docs` writes, and list what is missing. Never fails the run:
Zensical is a beta we watch, not an engine we ship with (README, "Stack and its future").

Usage: .venv-engines/bin/python benchmarks/try_zensical.py [--venv .venv-zensical]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.site.pages import get_catalogue


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def install(venv: Path) -> str | None:
    """The newest Zensical pip can install here (plus the project, so the macros module loads);
    None when none can be installed."""
    if not (venv / "bin" / "python").exists():
        run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = run([*pip, "--upgrade", "zensical"])
    if done.returncode != 0:
        print(f"Zensical could not be installed:\n{done.stderr[-2000:]}")
        return None
    # the project's locked packages (hashes checked), then the project itself: its macros module
    # is what Zensical's macros extension imports for the hand-written pages
    for step in (["--require-hashes", "--no-deps", "-r", str(ROOT / "requirements.lock")],
                 ["--no-deps", "--no-build-isolation", "-e", str(ROOT)]):
        done = run([*pip, *step])
        if done.returncode != 0:
            print(f"the project could not be installed beside Zensical:\n{done.stderr[-2000:]}")
    version = run([str(venv / "bin" / "python"), "-c", "import importlib.metadata as m; print(m.version('zensical'))"])
    return version.stdout.strip()


def zensical_config() -> dict:
    """mkdocs.yml as Zensical reads it, beside the written docs/ and a copy of overrides/
    (Zensical wants every folder inside the project folder)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", site_dir="site")
    config.pop("watch", None)
    # the hand-written pages arrive finished (`macros.cli pages --with-docs` runs their macros)
    config["plugins"] = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "macros" in p)]
    config["strict"] = False  # its link warnings are listed among the gaps; the build goes on to show the rest
    return config


def gaps(site: Path) -> list[str]:
    """What a reader of the Zensical build would miss, compared with what the MkDocs build has."""
    missing = []
    catalogue = get_catalogue(ROOT)
    for key, entry in catalogue.entries.items():
        page = site / key / "index.html"
        if not page.exists():
            missing.append(f"no page for {key}")
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        want = {item.id for _section, item in entry.procedure.checkable_items()}
        have = {box["data-item"] for box in soup.select('input[type="checkbox"][data-item]')}
        if want - have:
            missing.append(f"{key}: {len(want - have)} of {len(want)} checkboxes missing")
        if soup.select_one("h1") is None:
            missing.append(f"{key}: no h1")
    home = site / "index.html"
    if home.exists() and "procedure_index" in home.read_text(encoding="utf-8"):
        missing.append("home page: the procedure_index() macro was not expanded")
    for name in ("sitemap.xml", "robots.txt", "schema/procedure.schema.json"):
        if not (site / name).exists():
            missing.append(f"no {name}")
    if not any(site.glob("search*")) and not any(site.glob("**/search*.json")):
        missing.append("no search index")
    if home.exists() and "sc-catalogue__platform" not in home.read_text(encoding="utf-8"):
        missing.append("home page: no catalogue of guides (the procedure_index() macro did not run)")
    largest = max((p.stat().st_size for p in site.rglob("index.html")), default=0)
    if largest > 64 * 1024:
        missing.append(f"largest page {largest / 1024:.0f} KB (over 64 KB: no html_output hook to compact it)")
    published_code = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.py"))
    if published_code:
        missing.append(f"Python files published: {published_code[:5]}")
    navigation = BeautifulSoup(home.read_text(encoding="utf-8"), "lxml") if home.exists() else None
    if navigation is not None:
        names = {p.name for p in catalogue.platforms.values()}
        shown = {a.get_text(" ", strip=True) for a in navigation.select("nav a, nav label")}
        if not names <= shown:
            missing.append(f"navigation does not name the platforms {sorted(names - shown)} (no on_nav hook)")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=str(ROOT / ".venv-zensical"))
    parser.add_argument("--keep", help="write the pages and the Zensical site here instead of a temporary folder")
    args = parser.parse_args()
    version = install(Path(args.venv))
    if version is None:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        pages = run([sys.executable, "-m", "macros.cli", "--root", str(ROOT), "pages", str(work / "docs"),
                     "--with-docs"], cwd=ROOT)
        print(pages.stdout.strip() or pages.stderr.strip())
        shutil.copytree(ROOT / "overrides", work / "overrides")
        shutil.copytree(ROOT / "data", work / "data")  # the home page's macro reads the project's data/
        (work / "mkdocs.yml").write_text(json.dumps(zensical_config()), encoding="utf-8")
        build = run([str(Path(args.venv) / "bin" / "zensical"), "build", "-f", str(work / "mkdocs.yml")], cwd=work,
                    env=dict(os.environ, PYTHONPATH=str(ROOT)))  # its macros extension imports the project's macros
        print(f"Zensical {version}: build exited {build.returncode}")
        if build.returncode != 0:
            print((build.stdout + build.stderr)[-3000:])
        found = gaps(work / "site") if (work / "site").exists() else ["no site was written"]
        issues = re.search(r"(\d+) issues? found", re.sub(r"\x1b\[[0-9;]*m", "", build.stdout + build.stderr))
        if issues:
            found.insert(0, f"{issues.group(1)} link issue(s) of its own, e.g. 'page does not exist' for a guide's "
                            "link to its JSON export (mkdocs build --strict finds none)")
        if build.returncode != 0:
            last = [line for line in (build.stdout + build.stderr).splitlines() if line.strip()][-1:]
            found.insert(0, f"the build exited {build.returncode}: {last[0].strip()[:200] if last else ''}")
        print("What the Zensical build lacks:" if found else "The Zensical build has every page and feature checked.")
        for line in found:
            print(f"  - {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
