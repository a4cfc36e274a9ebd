"""Start a procedure from a commented, valid file: `make new PLATFORM=ebay SLUG=close-account`.

The new file passes `make check` as written (so it can be previewed at once) and says in
comments what to replace. A new platform gets its platform file too. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import ID_PATTERN, Kind
from .translations import is_translation
from .yamlread import read_yaml

TEMPLATES = Path(__file__).parent / "scaffold_templates"
MAX_ID = 60  # the model's limit for an id; the procedure id is <platform>-<slug>
_IRREVERSIBLE_KINDS = {Kind.close_account.value, Kind.deactivate_store.value}
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 '().,/-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}  # safer quoted


class UsageError(ValueError):
    """The platform or slug given cannot be an id (the command was used wrongly)."""


class Refused(Exception):
    """The files cannot be written without overwriting or duplicating something."""


@dataclass(frozen=True)
class Written:
    procedure: Path
    platform: Path | None  # set when the platform was new


def _yaml_text(text: str) -> str:
    """Text as a YAML value: plain when that is unambiguous, otherwise double-quoted."""
    plain = _PLAIN.match(text) and text.lower() not in _YAML_WORDS
    return text if plain else json.dumps(text, ensure_ascii=False)


_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, trim_blocks=True,
                   lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
_ENV.filters["yaml"] = _yaml_text


def check_id(kind: str, value: str) -> None:
    if not value:
        raise UsageError(f"{kind} is missing: e.g. make new PLATFORM=ebay SLUG=close-account")
    if not re.fullmatch(ID_PATTERN, value):
        raise UsageError(f"{kind} '{value}' is not a valid id: use lower-case letters, digits and single "
                         f"hyphens, e.g. {'ebay' if kind == 'PLATFORM' else 'close-account'}")


def _kind_for(slug: str) -> str:
    """The procedure kind the slug names (close-account, pause-selling, ...), else the first
    kind that starts with the slug's first word, else close-account."""
    kinds = [k.value for k in Kind]
    if slug in kinds:
        return slug
    first = slug.split("-")[0]
    return next((k for k in kinds if k.split("-")[0] == first), Kind.close_account.value)


def _title_for(slug: str, kind: str, name: str) -> str:
    if slug == Kind.close_account.value:
        return f"Close your {name} seller account"
    return f"{slug.replace('-', ' ').capitalize()} on {name}"


def _existing_platform(path: Path, display: str) -> dict:
    doc, _problems = read_yaml(path, display)
    return doc.value if doc is not None else {}


def _procedure_id_in_use(root: Path, procedure_id: str) -> Path | None:
    pattern = re.compile(rf"^id:\s*['\"]?{re.escape(procedure_id)}['\"]?\s*$", re.MULTILINE)
    for path in sorted((root / "data" / "procedures").glob("**/*.y*ml")):
        if not is_translation(path) and pattern.search(path.read_text(encoding="utf-8", errors="replace")):
            return path
    return None


def scaffold(root: Path, platform: str, slug: str, today: dt.date | None = None) -> Written:
    """Write data/procedures/<platform>/<slug>.yml (and data/platforms/<platform>.yml if new)."""
    check_id("PLATFORM", platform)
    check_id("SLUG", slug)
    procedure_id = f"{platform}-{slug}"
    if len(procedure_id) > MAX_ID:
        raise UsageError(f"the procedure id '{procedure_id}' is longer than {MAX_ID} characters: "
                         "choose a shorter SLUG")
    root = Path(root)
    today = today or dt.date.today()
    target = root / "data" / "procedures" / platform / f"{slug}.yml"
    platform_file = root / "data" / "platforms" / f"{platform}.yml"
    rel = target.relative_to(root).as_posix()
    if target.exists():
        raise Refused(f"{rel} already exists: edit it, or choose another SLUG (nothing was written)")
    if (clash := _procedure_id_in_use(root, procedure_id)) is not None:
        raise Refused(f"the id '{procedure_id}' is already used by {clash.relative_to(root).as_posix()}: "
                      "choose another SLUG (nothing was written)")

    known = _existing_platform(platform_file, platform_file.name) if platform_file.exists() else {}
    name = known.get("name")
    if not (isinstance(name, str) and name.strip() and "\n" not in name):
        name = platform.replace("-", " ").title()
    help_url = next((u for u in (known.get("help_centre_url"), known.get("seller_portal_url"))
                     if isinstance(u, str) and u.startswith("https://")), None)
    kind = _kind_for(slug)
    context = {"platform": platform, "slug": slug, "name": name, "kind": kind, "today": today.isoformat(),
               "kinds": ", ".join(k.value for k in Kind), "irreversible": kind in _IRREVERSIBLE_KINDS,
               "title": _title_for(slug, kind, name), "help_url": help_url}

    written_platform = None
    if not platform_file.exists():
        platform_file.parent.mkdir(parents=True, exist_ok=True)
        platform_file.write_text(_ENV.get_template("platform.yml.j2").render(context), encoding="utf-8")
        written_platform = platform_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_ENV.get_template("procedure.yml.j2").render(context), encoding="utf-8")
    return Written(procedure=target, platform=written_platform)
