"""Command line for contributors and CI: `python -m macros.cli check|schema|new|pages|translations|translate`.

Exit status: 0 when all is well (warnings are printed, and still 0 unless `check --strict`),
1 when the data has errors (or `new` would overwrite a file), 2 for a wrong command (an
unknown option, a PLATFORM or SLUG that cannot be an id).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def schemas() -> dict:
    """name -> model: schema/<name>.schema.json. The data files' schemas, then the JSON API's
    (imported here, as the model: `make check` with every file unchanged loads no model at all)."""
    from .data.api import ApiIndex, ApiProcedure
    from .data.model import Glossary, Platform, Procedure
    from .data.translation_model import Translation

    return {"procedure": Procedure, "platform": Platform, "glossary": Glossary, "translation": Translation,
            "api-index": ApiIndex, "api-procedure": ApiProcedure}


def __getattr__(name: str):
    if name == "SCHEMAS":  # `from macros.cli import SCHEMAS` still works
        return schemas()
    raise AttributeError(name)
#: Where the site (GitHub Pages, see .github/workflows/pages.yml) publishes the schemas.
PUBLISHED = "https://seller-checklists.github.io/seller-checklists/schema/"


def schema_text(model, name: str | None = None) -> str:
    """The model's JSON Schema, as committed in schema/ and published on the site."""
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"{PUBLISHED}{name or model.__name__.lower()}.schema.json",
              **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _worker_stopped(err: Exception) -> bool:
    """A worker process died (BrokenProcessPool), told without importing concurrent.futures: a
    check of a few changed files never forks, and never loads it."""
    pool = sys.modules.get("concurrent.futures.process")
    return pool is not None and isinstance(err, pool.BrokenProcessPool)


def cmd_check(args) -> int:
    start = time.perf_counter()
    from .data import helper as helping

    # the command line's own process: fork the helper first, so that it imports the model while
    # this process imports the rest and looks the files up (macros/data/helper.py)
    helper = helping.start() if args.own_process else None
    from .data.cache import CheckCache
    from .data.history import compare_with_base
    from .data.load import check_all

    cache = None if args.no_cache else CheckCache(Path(args.root))
    try:  # workers=None: two processes where this one may run on two cores (counted only if it forks)
        platforms, procedures, problems, _glossary = check_all(Path(args.root), dt.date.today(), cache,
                                                               workers=None, git_base=True, helper=helper)
    except Exception as err:
        if not _worker_stopped(err):
            raise
        print("make check: its second process stopped (killed, most often for want of memory); run it again",
              file=sys.stderr)
        return 1
    finally:
        if helper:
            helper.stop()
    if cache:
        cache.save()
    global _nothing_left_to_free
    _nothing_left_to_free = args.own_process  # the cache is written, the helper stopped
    history = compare_with_base(Path(args.root))  # needs git, so never cached: run every time
    problems = problems + history.problems
    print(history.note, file=sys.stderr)
    took = time.perf_counter() - start
    for problem in sorted(problems):
        print(problem.github_annotation(args.strict) if args.format == "github" else problem)
    failing = [p for p in problems if p.is_error or args.strict]
    warnings = len(problems) - len([p for p in problems if p.is_error])
    if failing:
        files = len({p.file for p in failing})
        counted = f"{len(failing)} error(s) in {files} file(s)" + (" (warnings count as errors: --strict)"
                                                                  if args.strict and warnings else "")
        if warnings and not args.strict:
            counted += f", and {warnings} warning(s)"
        print(f"\n{counted}. Each line says file:line:column, the rule's code, what is wrong and (how to fix it).",
              file=sys.stderr)
        return 1
    reused = f"; {cache.hits} unchanged file(s) not re-read" if cache and cache.hits else ""
    warned = f", {warnings} warning(s) above (they do not fail the check)" if warnings else ""
    print(f"data OK: {len(platforms)} platform(s), {len(procedures)} procedure(s) checked in {took:.2f} s"
          f"{reused}{warned}")
    return 0


def cmd_schema(args) -> int:
    out = Path(args.root) / "schema"
    out.mkdir(parents=True, exist_ok=True)
    for name, model in schemas().items():
        (out / f"{name}.schema.json").write_text(schema_text(model, name), encoding="utf-8")
        print(f"wrote schema/{name}.schema.json")
    return 0


def cmd_new(args) -> int:
    from .data import scaffold

    root = Path(args.root)
    try:
        written = scaffold.scaffold(root, args.platform, args.slug)
    except scaffold.UsageError as err:
        print(f"make new: {err}", file=sys.stderr)
        return 2
    except scaffold.Refused as err:
        print(f"make new: {err}", file=sys.stderr)
        return 1
    for path in (written.platform, written.procedure):
        if path is not None:
            print(f"wrote {path.relative_to(root).as_posix()}")
    print("Next: replace the examples (the comments say how), run `make check`, preview with `make serve`.")
    return 0


def cmd_pages(args) -> int:
    """Write the generated pages as Markdown files, for any engine (ProperDocs, Zensical, ...)."""
    import shutil

    from .data.problems import DataError
    from .site import exports, handwritten, outputs, pages

    root = Path(args.root)
    try:
        catalogue = pages.get_catalogue(root)
    except DataError as err:
        print(f"{err}\n\nThe data has {len(err.problems)} problem(s): run `make check`.", file=sys.stderr)
        return 1
    settings = pages.settings_from_config(root / "mkdocs.yml")
    out_dir = Path(args.out_dir)
    if args.with_docs:  # a complete docs folder: the hand-written pages and assets, then ours
        shutil.copytree(root / "docs", out_dir, dirs_exist_ok=True)
        handwritten.finish(out_dir, catalogue, root, settings.language)  # their macros run: no plugin needed
        shutil.copytree(root / "schema", out_dir / "schema", dirs_exist_ok=True)
        outputs.write_site_files(out_dir, settings.site_url or "/", root / "docs",
                                 pages.page_paths(catalogue), catalogue)
        pages.write_pages(exports.export_files(catalogue, settings.site_url), out_dir)
        pages.write_pages(pages.toolbox_files(catalogue, settings), out_dir)
    written = pages.write_pages(pages.generated_pages(catalogue, settings), out_dir)
    print(f"wrote {len(written)} page(s) under {out_dir}")
    return 0


def cmd_translations(args) -> int:
    """Where each translation stands; the English diff of each stale unit when git has it."""
    from .data.translation_status import report

    lines, errors = report(Path(args.root), args.lang)
    print("\n".join(lines))
    for problem in sorted(errors):
        print(problem, file=sys.stderr)
    return 1 if errors else 0


def cmd_translate(args) -> int:
    """Write or refresh the skeleton of one file's translation."""
    from .data import translation_skeleton as skeleton
    from .data.translation_paths import english_file, is_translation

    root = Path(args.root)
    english = Path(args.file) if Path(args.file).is_absolute() else root / args.file
    english = english_file(english) if is_translation(english) else english
    try:
        written = skeleton.refresh(english, root, args.language, dt.date.today())
    except skeleton.Refused as err:
        print(f"make translate: {err}", file=sys.stderr)
        return 1
    said = ", ".join(f"{n} {status}" for status, n in written.counts.items())
    print(f"wrote {written.path.relative_to(root).as_posix()}: {said or 'no units'}")
    if written.counts.get("missing"):
        print("Next: translate the units still in English (keep their `from:`), then `make check`.")
    return 0


def main(argv: list[str] | None = None, own_process: bool = False) -> int:
    """Run one command. `own_process`: this process is the command line's own (`python -m
    macros.cli`), which `check` may fork at once; a test's process, which may drive a browser, is not."""
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every data file and report every problem")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: print ::error and ::warning annotations for pull-request diffs")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1 on any)")
    check.add_argument("--no-cache", action="store_true",
                       help="re-read every file (by default, files unchanged since the last check are not)")
    check.set_defaults(run=cmd_check)
    schema = sub.add_parser("schema", help="write schema/*.schema.json from the model")
    schema.set_defaults(run=cmd_schema)
    new = sub.add_parser("new", help="write a commented, valid procedure file to start from")
    new.add_argument("platform", help="platform id, e.g. ebay (its file is written too if it is new)")
    new.add_argument("slug", help="what the procedure does, e.g. close-account")
    new.set_defaults(run=cmd_new)
    pages = sub.add_parser("pages", help="write the pages generated from data/ as Markdown files, for any engine")
    pages.add_argument("out_dir", help="folder to write them into (e.g. a copy of docs/)")
    pages.add_argument("--with-docs", action="store_true",
                       help="also copy docs/ and schema/ there and write robots.txt, the sitemap and "
                       "the exports (the JSON API, feeds, checklists as Markdown and CSV, each guide's toolbox.html): "
                       "a complete docs folder for an engine that runs none of our hooks")
    pages.set_defaults(run=cmd_pages)
    status = sub.add_parser("translations", help="where each translation stands (stale units with the English diff)")
    status.add_argument("--lang", default="zh", help="the language (default: zh)")
    status.set_defaults(run=cmd_translations)
    translate = sub.add_parser("translate", help="write or refresh a translation skeleton of one data file")
    translate.add_argument("language", help="the language, e.g. zh")
    translate.add_argument("file", help="the English file, e.g. data/procedures/wish/close-account.yml")
    translate.set_defaults(run=cmd_translate)
    args = parser.parse_args(argv)
    args.own_process = own_process
    return args.run(args)


def run_as_command(argv: list[str] | None = None) -> int:
    """main() as `make` runs it: a fault in our own code ends in two lines that say what to
    report, never a traceback a contributor cannot act on (SELLER_CHECKLISTS_DEBUG=1 shows it)."""
    try:
        return main(argv, own_process=True)
    except Exception as fault:  # data problems have their own messages long before this
        if os.environ.get("SELLER_CHECKLISTS_DEBUG") == "1":
            raise
        print(f"internal error: {type(fault).__name__}: {fault}\n"
              "This is a fault in the project's code, not in your file: please open an issue with the command "
              "you ran (SELLER_CHECKLISTS_DEBUG=1 before it shows the traceback).", file=sys.stderr)
        return 70  # EX_SOFTWARE


#: Set by a check in the command line's own process: it may end without the interpreter's clean-up.
_nothing_left_to_free = False


if __name__ == "__main__":
    status = run_as_command()
    if _nothing_left_to_free:  # freeing, one by one, every value a check of 1,000 guides read took 80 ms
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)
