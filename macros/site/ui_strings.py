"""The words docs/assets/checklists.js writes on a procedure page, in one place.

The page carries them as JSON in `<script type="application/json" id="sc-strings">`, so the
script holds no English: a translated edition renders its pages with its own dict here (the
same names, its own words) and the script is unchanged. `{name}` marks where the script puts
a value; keep each placeholder when translating.
"""

from __future__ import annotations

import json

from markupsafe import Markup

SCRIPT_STRINGS: dict[str, str] = {
    # Progress: one line per section and one for the whole procedure.
    "section.precautions": "Before you start",
    "section.steps": "Steps",
    "section.troubleshooting": "Troubleshooting",
    "section.procedure": "Whole procedure",
    "progress": "{name}: {done} of {total} done",
    # Buttons, and the mark on an item the seller set aside.
    "print": "Print checklist",
    "printGuide": "Print full guide",
    "reset": "Reset checklist",
    # An item's long details, folded behind a button, and the button that opens them all.
    "details.show": "Show details",
    "details.hide": "Hide details",
    "details.showAll": "Show all details",
    "details.foldAll": "Fold all details",
    "mark.na": "Not applicable",
    "toggle.na": "Not applicable",
    "toggle.applies": "Applies to me",
    "toggle.label": "{action}: {item}",  # a toggle's name for screen readers
    # Said to screen readers after each change (a polite live region).
    "state.done": "done",
    "state.notDone": "not done",
    "state.na": "not applicable",
    "state.applies": "applies to you",
    "said.item": "{item}: {state}.",
    "said.progress": "{progress}.",
    "said.reset": "Checklist reset.",
    # Questions asked before something that cannot be taken back.
    "confirm.reset": 'Reset this checklist? Every tick and "not applicable" mark on it will be cleared.',
    "confirm.permanent.open": ('This step cannot be undone. These items under "Before you start" are not '
                               "done yet:\n{items}\n\nTick it anyway?"),
    "confirm.permanent.ready": ('This step cannot be undone. Every item under "Before you start" is done or '
                                "not applicable.\n\nTick it as done?"),
    "confirm.permanent.item": "- {item}",
    # Shown in the page when the browser will not keep the ticks.
    "notice.notSaved": ("This browser is not saving your ticks (its storage is full or turned off): "
                        "they will be gone when you leave this page. Printing still works."),
    # The printed page's date, e.g. 5 December 2026.
    "date.locale": "en-GB",
}

#: The words the seller tools write (docs/assets/checklists-tools.js), carried by the toolbox as
#: JSON in `<script type="application/json" id="sc-tool-strings">` the same way. They travel
#: with the tools, so tests/test_tools_page.py weighs them with the tools script, not the page.
TOOL_STRINGS: dict[str, str] = {
    "date.locale": "en-GB",
    # Save, load and share.
    "file.saved": "Saved {file}. Keep it: load it here again on any device to get your progress back.",
    "file.confirm": ("Replace what this browser has for this guide ({ticks} ticks, {log} log entries) with "
                     "the file's ({fileTicks} ticks, {fileLog} log entries) saved on {date}?"),
    "file.loaded": "Progress loaded from the file: {ticks} ticks, {log} log entries.",
    "file.kept": "Nothing was changed.",
    "file.notJson": "This file is not a progress file (it is not JSON). Nothing was changed.",
    "file.foreign": "This file was not saved by this site's “Save progress”. Nothing was changed.",
    "file.version": "This file was saved by another version of this site ({version}) and cannot be read. Nothing was changed.",
    "file.procedure": "This file holds progress for another guide ({procedure}). Open that guide to load it. Nothing was changed.",
    "file.corrupt": "This file is damaged ({where}). Nothing was changed.",
    "file.tooBig": "This file is too large to be a progress file. Nothing was changed.",
    "link.copied": "Link copied. It holds your ticks only, never your log or your details.",
    "link.ready": "Copy this link. It holds your ticks only, never your log or your details.",
    "link.confirm": "This link holds ticks for this guide ({ticks} ticks). Replace the ticks in this browser with them?",
    "link.applied": "The link's ticks are shown and saved in this browser.",
    "link.otherVersion": ("This link was made for another version of this guide, so its ticks could land on the "
                          "wrong steps. Nothing was changed."),
    "link.corrupt": "This link is incomplete or damaged. Nothing was changed.",
    # The log under each item.
    "log.added": "Added to the log of “{item}”.",
    "log.case": "Case {case}",
    "log.remove": "Remove",
    "log.removeLabel": "Remove the log entry of {date}",
    "log.removed": "Log entry removed.",
    "log.needsText": "Type a case or ticket ID or a note first.",
    "log.heading": "Your log",
    # Dates.
    "wait.ends": "ends {date}",
    "wait.needsDate": "enter the date above",
    "wait.needsTime": "enter the date and the time above (this wait is counted in hours)",
    "wait.untimed": "no set length",
    "earliest.date": ("Earliest date for step {step}, “{title}”: {date}. That is the earliest if the "
                      "platform counts the same way; it may count business days and holidays per marketplace."),
    "earliest.missing": "Enter the dates above to see the earliest date for step {step}, “{title}”.",
    "earliest.alsoUntil": "{text} Also wait: {waits}.",  # {text}: the date above; the waits joined by list.join
    "list.join": "; ",
    "calendar.summary": "Earliest date: {title}",
    "calendar.description": ("The earliest date for “{step}” in “{guide}”, if the platform "
                             "counts the same way. Check the guide before you do it: {url}"),
    "calendar.saved": "Saved {file}: open it to add the reminder to your calendar.",
    # Messages.
    "message.copy": "Copy to clipboard",
    "message.long": "This message is too long for an email link: copy it instead.",
    # Forget.
    "forget.confirm.guide": ("Delete everything this site stored on this device for this guide: ticks, log, dates "
                             "and the details you typed for it? This cannot be undone."),
    "forget.confirm.all": ("Delete everything this site stored on this device for every guide: ticks, logs, dates "
                           "and every detail you typed? This cannot be undone."),
    "forget.done.guide": "Everything stored for this guide on this device is deleted.",
    "forget.done.all": "Everything this site stored on this device is deleted.",
}


#: The words the templates write (page text around the data), by their English wording; a
#: template prints `ui("At a glance")`. A wording missing from a language's dict shows in English.
PAGE_STRINGS: dict[str, str] = {w: w for w in (
    "At a glance", "Before you start", "Steps", "Money at stake", "Waiting periods", "Consider first",
    "After", "Troubleshooting", "Where sources disagree", "Words used here", "Sources", "Platform:",
    "Last reviewed:", "Translated:", "Permanent: cannot be undone", "The words the guides use that a seller may not know, in plain words. On a guide, the first use of each of these words opens its definition when you tap it.", "Also written:", "Printed from", "on", "JavaScript is off, so ticks are not saved when you leave this page. Printing still works.", "Wait:", "Takes at least:", "Waits of no set length:", "Permanent after a wait", "Money at stake:", "Regions:", "Phone app only:", "Consider first:", "Checklist:", "Go to the checklist", "Permanent:", "Cannot be undone", "Cannot be undone.", "If it applies to you", "Procedures", "Official links", "Glossary", "Every term:", "Guides", "Do one of these:", "Likely causes", "What to do",
    "Safe action:", "official", "third party", "English", "简体中文",
    "Parts of this page are shown in English: their translation is missing or older than the English text.",
    "Read the English page",
    "Menu and button names are mostly the platform's English ones; the words in brackets explain them and may differ from the platform's own translation.",
    # The seller tools (templates/_tools.html.j2, tools.py). A `{name}` is filled by inert.fill:
    # the value is printed in its place, so a translation may move it.
    "This guide may be out of date",
    ("It was last reviewed on {date}, more than {days} days ago. Platforms change their menus and rules often: "
     "check each step against the platform's own pages (the sources at the end) before you act."),
    "You will come back in {duration}: {link}. Some browsers (Safari) delete what a site stored after 7 days without a visit.",
    "save your progress to a file",
    "Your tools: save and share progress, log, dates", ", messages",
    "What you enter here stays in this browser on this device; nothing is sent anywhere. {link}.",
    "What is stored, and how to delete it",
    "Save and share your progress",
    "Save a file to keep your ticks, log and dates safe, or to carry them to another device.",
    "Save progress to a file", "Load progress from a file", "Copy a link with my ticks", "Link",
    "Log a case, ticket or note", "Item", "Date", "Case or ticket ID", "Note", "Add to the log",
    "Entries show under their item, print with the checklist and go into the saved file. They are never in a link.",
    "The earliest date for step {number}",
    ("Enter the dates you know. Each wait's end shows below, and the earliest date for the permanent step is the "
     "latest of them. Business days count Monday to Friday; a month from the 31st ends on the month's last day."),
    "no set length", "Add to calendar (.ics)",
    "Messages to send",
    ("Type your details: they fill the blanks as you type, and this browser offers them again in the other guides. "
     "Copy the message with the button on it."),
    "To support", "With your appeal", "Subject:", "Write to {address}",
    "Forget me on this device",
    "On a shared computer, delete what this site stored here: ticks, log, dates and your details.",
    "Forget this guide", "Forget every guide",
    # What the date tool asks for (tools.py) and how it names a wait.
    "Your last sale", "Your last shipment (the carrier confirmed it)", "Your last delivery",
    "When you paused selling", "When you sent the request",
    "When you did “{title}”", "When you did step {number}, “{title}”", "When it started: {starts}",
    "{length} {starts}", "{wait}: {end}",
    # What changed, and the guide as files.
    "What changed", "{date}: {summary}", "(about {items})",
    # Punctuation that joins the page's text: a list's items, the items of a longer list, a sentence's
    # end, a label and its text; a source's title and publisher (on its guide, on the Glossary).
    ", ", "; ", ".", "{name}: {notes}", "{title}, {publisher}", "{title} ({publisher})",
    "No change recorded since the guide was published.",
    "This guide as a file: {md} · {csv} · {feed} · {json}.",
    "checklist (Markdown)", "checklist (CSV, for spreadsheets)", "changes (Atom feed)", "all of it (JSON)",
    # The page text around the data (templates/*.j2, render.KIND_LABELS); `{name}`s are filled by inert.fill.
    "step {number}, “{title}”",
    "You can undo {step}, until its wait ends ({wait}); after that it cannot be undone.",
    "Step {number}, “{title}”",
    "{step}, is permanent: do it last, when everything before it is done.",
    "The result is permanent.",
    "no, the result can be undone.",
    "{count} balance",
    "{count} balances",
    "{count} reserve",
    "{count} reserves",
    "{count} deposit",
    "{count} deposits",
    "{count} fee",
    "{count} fees",
    "{count} refund",
    "{count} refunds",
    "{count} debt",
    "{count} debts",
    "{regions}: each regional account goes through this on its own.",
    "each regional account goes through this on its own.",
    "this cannot be done on the website.",
    "{count} less drastic option",
    "{count} less drastic options",
    "{precautions} before you start, {steps} steps: {boxes} boxes in the whole procedure{fixes}.",
    "{precautions} before you start, {steps} step: {boxes} boxes in the whole procedure{fixes}.",
    "; its {fixes} troubleshooting fixes are counted on their own",
    "; its {fixes} troubleshooting fix is counted on its own",
    "No official page found",
    "No official page found:",
    "Searched:",
    "About {platform}",
    'Do this only when every item under "Before you start" is done.',
    "You can still undo it during this time.",
    "Tick a fix only if you try it: these {count} boxes have a count of their own and are not part of the whole procedure's.",
    "Source {number}",
    "(official)",
    "{label}:", "{label}.", "{source}:", "Source:", "Sources:",
    ", read {date}", "({kind})",
    "tell us",
    "Last reviewed on {date}. Platforms change their menus and rules often: if something here no longer matches what you see, please {link}.",
    "Source",
    "In the phone app",
    "By email",
    "With seller support",
    "Offline",
    "Where",
    "open the page",
    "You can undo this until the wait ends; after that it is permanent.",
    "Advice",
    "{platform}: guides {first}–{last}",
    "Pages of guides",
    "{total} guides, {pages} pages:",
    "Seller portal:",
    "Help centre:",
    "{count} guide",
    "{count} guides",
    ", about {kinds}", "{guides}{about}.",
    "closing the account",
    "deactivating the store",
    "pausing selling",
    "a failed account review",
    "appealing a suspension",
    "identity verification",
    # The toolbox when its controls (<guide>/toolbox.html) could not be fetched.
    "The tools could not be loaded. Check your connection, then reload the page.",
)}


def _translated(language: str):
    """macros/site/ui_strings_<language>.py: the same dicts, in that language."""
    import importlib

    return importlib.import_module(f"{__package__}.ui_strings_{language}")


def strings_for(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """(the script's words, the templates' words) in `language` (macros/site/ui_strings_<lang>.py)."""
    if language == "en":
        return SCRIPT_STRINGS, PAGE_STRINGS
    module = _translated(language)
    return module.SCRIPT_STRINGS, module.PAGE_STRINGS


def tool_strings_for(language: str) -> dict[str, str]:
    """The seller tools' words in `language` (TOOL_STRINGS of macros/site/ui_strings_<lang>.py)."""
    return TOOL_STRINGS if language == "en" else _translated(language).TOOL_STRINGS


def json_for_script(value) -> Markup:
    """`value` as JSON that is safe inside a <script> element: no '<' is left, so neither
    '</script>' nor '<!--' can end or change the element (JSON reads '\\u003c' as '<')."""
    return Markup(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c"))
