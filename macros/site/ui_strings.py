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


#: The words the templates write (page text around the data), by their English wording; a
#: template prints `ui("At a glance")`. A wording missing from a language's dict shows in English.
PAGE_STRINGS: dict[str, str] = {w: w for w in (
    "At a glance", "Before you start", "Steps", "Money at stake", "Waiting periods", "Consider first",
    "After", "Troubleshooting", "Where sources disagree", "Words used here", "Sources", "Platform:",
    "Last reviewed:", "Translated:", "Permanent: cannot be undone", "The words the guides use that a seller may not know, in plain words. On a guide, the first use of each of these words opens its definition when you tap it.", "Also written:", "Printed from", "on", "JavaScript is off, so ticks are not saved when you leave this page. Printing still works.", "Wait:", "Takes at least:", "Waits of no set length:", "Permanent after a wait", "Money at stake:", "Regions:", "Phone app only:", "Consider first:", "Checklist:", "Go to the checklist", "Permanent:", "Cannot be undone", "Cannot be undone.", "If it applies to you", "Procedures", "Official links", "Glossary", "Every term:", "Guides", "Do one of these:", "Likely causes", "What to do",
    "Safe action:", "official", "third party", "English", "简体中文",
    "Parts of this page are shown in English: their translation is missing or older than the English text.",
    "Read the English page",
)}


def strings_for(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """(the script's words, the templates' words) in `language` (macros/site/ui_strings_<lang>.py)."""
    if language == "en":
        return SCRIPT_STRINGS, PAGE_STRINGS
    import importlib

    module = importlib.import_module(f"{__package__}.ui_strings_{language}")
    return module.SCRIPT_STRINGS, module.PAGE_STRINGS


def json_for_script(value) -> Markup:
    """`value` as JSON that is safe inside a <script> element: no '<' is left, so neither
    '</script>' nor '<!--' can end or change the element (JSON reads '\\u003c' as '<')."""
    return Markup(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c"))
