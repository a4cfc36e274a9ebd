"""Command line for contributors and CI: `python -m macros.cli check|schema|new`.

Exit status: 0 when all is well, 1 when the data has problems, 2 for a wrong command.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .load import load_catalogue
from .model import Platform, Procedure
from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {"procedure": Procedure, "platform": Platform}


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"https://seller-checklists.github.io/schema/{model.__name__.lower()}.schema.json",
              **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_check(args) -> int:
    start = time.perf_counter()
    try:
        catalogue = load_catalogue(Path(args.root))
    except DataError as err:
        for problem in err.problems:
            print(problem.github_annotation() if args.format == "github" else problem)
        files = len({p.file for p in err.problems})
        print(f"\n{len(err.problems)} problem(s) in {files} file(s). "
              "Each line says file:line:column, the rule's code, what is wrong and (how to fix it).",
              file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"data OK: {len(catalogue.platforms)} platform(s), {len(catalogue.entries)} procedure(s) "
          f"checked in {took:.2f} s")
    return 0


def cmd_schema(args) -> int:
    out = Path(args.root) / "schema"
    out.mkdir(exist_ok=True)
    for name, model in SCHEMAS.items():
        (out / f"{name}.schema.json").write_text(schema_text(model), encoding="utf-8")
        print(f"wrote schema/{name}.schema.json")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every data file and report every problem")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: print ::error annotations for pull-request diffs")
    check.set_defaults(run=cmd_check)
    schema = sub.add_parser("schema", help="write schema/*.schema.json from the model")
    schema.set_defaults(run=cmd_schema)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
