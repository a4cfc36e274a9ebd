"""Builds as `mkdocs serve --dirty` (what `make serve` runs) makes them, for tests/test_previews.py.

Run as a script in a process of its own (the page hook sets the serving flags for the whole
process): `python tests/serving.py REQUEST.json`. The request names a project, its site folder
and a list of edits; the first build is the serve's first (every page), then each edit is
written and the site is rebuilt as a serve rebuild does (a new configuration, a dirty build).
It prints, as JSON, each file's modification time (ns) after each build, and leaves a copy of
the site as each build left it beside it (<site>.0 after the first, <site>.1 ...).

mkdocs serve does exactly this (mkdocs/commands/serve.py: on_startup once, then for each change
load_config and build(config, serve_url=..., dirty=True)); only its file watcher and HTTP server
are left out, so the test need not wait on either.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def _times(site: Path, number: int) -> dict[str, int]:
    shutil.copytree(site, site.with_name(f"{site.name}.{number}"))
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in sorted(site.rglob("*")) if p.is_file()}


def serve_builds(project: Path, site: Path, edits: list[list[str]], config_name: str = "mkdocs.yml") -> list[dict]:
    """The first build and one rebuild per edit ([path, old text, new text]), as `mkdocs serve --dirty`."""

    def config():
        loaded = load_config(config_file=str(project / config_name), site_dir=str(site))
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, serve_url=SERVE_URL, dirty=True)
    times = [_times(site, 0)]
    for name, old, new in edits:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        build(config(), serve_url=SERVE_URL, dirty=True)
        times.append(_times(site, len(times)))
    return times


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    request = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    os.chdir(request["runs"][0]["project"])
    print(json.dumps([serve_builds(Path(run["project"]), Path(run["site"]), run["edits"], run.get("config", "mkdocs.yml"))
                      for run in request["runs"]]))
