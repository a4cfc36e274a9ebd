"""The page design's figures for every guide in both languages, from the built site (`make build`):
where the first checkbox starts on a 375x740 phone, and how many pages "Print checklist" and
"Print full guide" take on A4 and on Letter (pdfinfo, from poppler-utils). The browser tests
check the same on every guide (first checkbox) and on the sampled ones (prints); this prints
the whole table for a closing note or a review.

    .venv/bin/python benchmarks/page_report.py [site/]

Exit status 1 when a guide's first checkbox is past two screens or a printed checklist takes
more than ceil(checkboxes / 20) pages.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 740}
FIRST_BOX = "() => document.querySelector('.sc-checklist .task-list-indicator').getBoundingClientRect().top + scrollY"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def guides(site: Path) -> list[str]:
    """Every guide's path under the site, English then Chinese."""
    english = sorted(str(p.parent.relative_to(site)) for p in site.glob("*/*/index.html")
                     if 'id="before-you-start"' in p.read_text(encoding="utf-8"))
    return english + [f"zh/{key}" for key in english if (site / "zh" / key / "index.html").is_file()]


def measure(browser, url: str) -> dict:
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(url)
    phone.wait_for_selector(".sc-tools")
    found = {"first checkbox y": round(phone.evaluate(FIRST_BOX))}
    phone.context.close()
    desk = browser.new_context().new_page()
    desk.goto(url)
    desk.wait_for_selector(".sc-tools", state="attached")
    found["boxes"] = desk.evaluate("document.querySelectorAll('article input[type=checkbox]').length")
    desk.evaluate("window.print = () => {}")  # the buttons call it; page.pdf prints
    for act in ("print-checklist", "print-guide"):
        for paper in ("A4", "Letter"):
            desk.evaluate(f"document.querySelector('[data-act={act}]').click()")
            desk.emulate_media(media="print")
            found[f"{act} {paper}"] = _pages(desk.pdf(format=paper))
            desk.emulate_media(media=None)
            desk.evaluate("window.dispatchEvent(new Event('afterprint'))")
    desk.context.close()
    return found


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failed = []
    columns = ["first checkbox y", "boxes", "print-checklist A4", "print-checklist Letter",
               "print-guide A4", "print-guide Letter"]
    print("| guide | " + " | ".join(columns) + " |\n|---|" + "---:|" * len(columns))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for key in guides(site):
            found = measure(browser, base + key + "/")
            print(f"| {key} | " + " | ".join(str(found[c]) for c in columns) + " |", flush=True)
            limit = math.ceil(found["boxes"] / 20)
            if found["first checkbox y"] >= 2 * PHONE["height"] or max(
                    found["print-checklist A4"], found["print-checklist Letter"]) > limit:
                failed.append(key)
        browser.close()
    server.shutdown()
    if failed:
        print(f"\nover the limits: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
