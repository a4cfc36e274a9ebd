"""Write a measured table into docs/performance.md (or the Chinese site's docs/zh/performance.md),
between its `<!-- NAME:start -->` and `<!-- NAME:end -->` markers, so the published figures are
the ones a command produced."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
PAGE_ZH = PAGE.parent / "zh" / "performance.md"  # the Chinese site's Performance page


def update_page(name: str, text: str, page: Path = PAGE) -> None:
    content = page.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(content):
        raise SystemExit(f"{page}: no <!-- {name}:start --> … <!-- {name}:end --> markers")
    page.write_text(pattern.sub(lambda m: m.group(1) + text.strip() + m.group(2), content), encoding="utf-8")
    print(f"updated {page.relative_to(page.parent.parent)} ({name})")
