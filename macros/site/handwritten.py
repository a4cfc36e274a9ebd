"""The hand-written pages with their macros run, for an engine that has no mkdocs-macros.

docs/index.md (and its Chinese copy) calls `{{ procedure_index() }}`: in a MkDocs build the
macros plugin runs it (macros/__init__.py). `python -m macros.cli pages --with-docs` runs the
same macro here, with the same Jinja settings as mkdocs.yml gives the plugin, so the docs folder
it writes is finished and any engine can publish it as it is.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, StrictUndefined

from . import pages

#: mkdocs.yml, plugins > macros: `{#` starts a Markdown attribute list there, not a comment. No
#: autoescape, as in the plugin: the pages are the project's own, and the one macro returns HTML
#: the renderer made, in which contributor text is already escaped (macros/site/inert.py).
_ENV = Environment(comment_start_string="{##", comment_end_string="##}", undefined=StrictUndefined,
                   keep_trailing_newline=True, autoescape=False)


def finish(docs: Path, catalogue, root: Path, language: str = "en") -> list[Path]:
    """Run the macros of every Markdown page under `docs` in place; the pages changed."""
    changed = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if "{{" in text or "{%" in text:
            shown = _edition_of(page.relative_to(docs)) or language
            macros = {"procedure_index": lambda shown=shown: pages.render_index(catalogue, root, shown)}
            page.write_text(_ENV.from_string(text).render(**macros), encoding="utf-8", newline="")
            changed.append(page)
    return changed


def _edition_of(page: Path) -> str | None:
    """docs/<lang>/…: a translated edition's own page (docs/zh/index.md is the Chinese home page)."""
    top = page.parts[0] if len(page.parts) > 1 else ""
    return top if top and (Path(__file__).parent / f"ui_strings_{top}.py").is_file() else None
