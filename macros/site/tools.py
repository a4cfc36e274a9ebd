"""What a procedure page needs for the seller tools (templates/_tools.html.j2 and
docs/assets/checklists-tools.js): the parts rendered at build time and the data the tools
script reads from the page. Pure: data and "today" in, plain values out.

Built at build time, plain content that works without JavaScript: "What changed", the links to
the guide's files (exports.page_links), the "may be out of date" notice (decided here and again
in the browser from `last_reviewed`, so an old build still warns). Built at build time but
shown only with JavaScript (the toolbox, and the offer to save progress beside a long wait):
the controls the tools script drives, with their `data-tool` names.
"""

from __future__ import annotations

import datetime as dt
import os

from markupsafe import Markup

from ..data.load import Entry
from ..data.model import Duration, Procedure, Wait
from . import changes, exports, timing
from .inert import inert_text
from .language import ENGLISH
from .messages import BLANK

#: A wait at least this long (days, roughly) gets the offer to save progress to a file: Safari
#: deletes a site's stored data after 7 days without a visit.
LONG_WAIT_DAYS = 7

#: What the date tool asks for, per start event (model.START_EVENTS), in English: a page shows
#: them in its language (each is a wording of ui_strings.PAGE_STRINGS).
EVENT_LABELS = {
    "last-sale": "Your last sale",
    "last-shipment": "Your last shipment (the carrier confirmed it)",
    "last-delivery": "Your last delivery",
    "pause": "When you paused selling",
    "submission": "When you sent the request",
}


#: Where a guide's page holds the place of its toolbox's controls, its toolbox.html
#: (templates/_tools.html.j2 writes it; checklists-tools.js fetches the file it names).
TOOLBOX_PLACEHOLDER = '<template data-tool="controls" data-src="toolbox.html"></template>'
TOOLBOX_FILE = "toolbox.html"


def with_controls(page: str, controls: str) -> str:
    """A guide's page with its toolbox.html in the placeholder's place, as the tools script puts
    it when the toolbox opens: what tests and the HTML checker read as the seller's page."""
    if page.count(TOOLBOX_PLACEHOLDER) != 1 or TOOLBOX_PLACEHOLDER in controls:
        raise ValueError("the page has no single placeholder for its toolbox's controls")
    return page.replace(TOOLBOX_PLACEHOLDER, controls)


def build_today() -> dt.date:
    """The day a build decides by. SELLER_CHECKLISTS_TODAY=YYYY-MM-DD pins it (tests, reproducible builds)."""
    pinned = os.environ.get("SELLER_CHECKLISTS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def is_long(wait: Wait | None) -> bool:
    """A wait long enough that the seller will be away from the page for days."""
    return bool(wait and wait.duration and timing.approximate_days(wait.duration) >= LONG_WAIT_DAYS)


def _step_labels(procedure: Procedure, language) -> dict[str, str]:
    """Plain text (the template prints it, inert): the wording from `language.ui`, each title a
    value put in its place by str.format, which reads only the wording."""
    ui = language.ui
    labels = {item.id: ui("When you did “{title}”").format(title=item.title) for item in procedure.precautions}
    for number, step in enumerate(procedure.steps, 1):
        labels[step.id] = ui("When you did step {number}, “{title}”").format(number=number, title=step.title)
    return labels


def dates(procedure: Procedure, language=None) -> dict | None:
    """The date tool's inputs (timing.tool_inputs, the rule the at-a-glance box uses): one date
    per start, shared by every wait that starts there, and the waits before the permanent step.
    None when nothing in the procedure is permanent. `language` (a language.Language, English when
    not given) words the labels and the waits."""
    inputs = timing.tool_inputs(procedure)
    if inputs is None:
        return None
    language = language or ENGLISH
    ui = language.ui
    step_labels = _step_labels(procedure, language)
    starts: dict[str, dict] = {}
    waits = []
    for number, wait in enumerate(inputs["waits"]):
        key = wait["start"] or f"wait:{number}"  # a wait with no machine-readable start gets its own date
        if key not in starts:
            kind, _sep, name = key.partition(":")
            label = ((ui(EVENT_LABELS[name]) if name in EVENT_LABELS else None) if kind == "event"
                     else step_labels.get(name) if kind == "step"
                     else None) or ui("When it started: {starts}").format(starts=wait["starts"])
            starts[key] = {"key": key, "label": label, "time": False,
                           "step": name if kind == "step" else None}
        if wait["unit"] == "hours":
            starts[key]["time"] = True  # a wait in hours needs a date and a time
        text = wait["starts"]
        if wait["amount"]:
            length = language.duration(Duration(amount=wait["amount"], unit=wait["unit"]))
            text = ui("{length} {starts}").format(length=length, starts=wait["starts"])
        waits.append({**wait, "key": key, "number": number, "text": text})
    point = next(s for s in procedure.steps if s.id == inputs["point"]["step"])
    return {"starts": list(starts.values()), "waits": waits, "point": point,
            "point_number": procedure.steps.index(point) + 1, "after_wait": inputs["point"]["after_wait"]}


def _text_html(text: str) -> Markup:
    """Message text as inert HTML that keeps its line breaks, on one source line (a literal
    blank line would end the page's raw HTML block): each line made inert as the templates'
    own printing does, the breaks written as '&#10;' (a <pre> shows them)."""
    return Markup("&#10;").join(inert_text(line) if line else Markup("") for line in text.split("\n"))


def message_html(text: str, labels: dict[str, str]) -> Markup:
    """A message's title or body: its text inert, each {field} blank a <span data-field> showing
    [its label] until the seller's value replaces it (a plain replacement, in the browser)."""
    pieces, done = [], 0
    for blank in BLANK.finditer(text):
        field = blank.group(1)
        pieces.append(_text_html(text[done:blank.start()]))
        if field in labels:
            pieces += [Markup('<span class="sc-blank" data-field="'), _text_html(field), Markup('">['),
                       _text_html(labels[field]), Markup("]</span>")]
        else:  # no such field (the check refuses it): shown as typed
            pieces.append(_text_html(blank.group(0)))
        done = blank.end()
    pieces.append(_text_html(text[done:]))
    return Markup("").join(pieces)


def messages(entry: Entry) -> list[dict]:
    """The messages with their blanks and where each value is kept: a reused value (store ID,
    registered email) once per platform, any other per guide."""
    p, platform = entry.procedure, entry.platform
    emails = [c.email for c in platform.support_channels if c.email]
    shown = []
    for m in p.messages:
        labels = {f.id: f.label for f in m.fields}
        fields = [{"id": f.id, "label": f.label,
                   "store": f"{platform.id}:{f.id}" if f.reuse else f"{p.id}:{f.id}"} for f in m.fields]
        shown.append({"id": m.id, "to": m.to, "title": message_html(m.title, labels),
                      "body": message_html(m.body, labels), "fields": fields,
                      "send_to": emails if m.to == "support" else []})
    return shown


def page_tools(entry: Entry, today: dt.date | None = None, language=None) -> dict:
    """Everything _tools.html.j2 renders for one guide; `today` decides the out-of-date notice,
    `language` (a language.Language, English when not given) words the date tool."""
    p = entry.procedure
    today = today or build_today()
    return {
        "changes": changes.what_changed(entry),
        "links": exports.page_links(entry),
        "notice": changes.review_notice(entry, today),
        "stale_after": changes.STALE_AFTER_DAYS,
        "log_items": [(section, item.id, item.title) for section, item in p.checkable_items()],
        "dates": dates(p, language),
        "messages": messages(entry),
        "long": is_long,
    }
