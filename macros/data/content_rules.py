"""The rules about what a procedure says, beyond its shape: a permanent procedure names its
permanent step (SC021), items start with a verb (SC022), either/or steps, sources and
official pages (the numbers are in problems.py)."""

from __future__ import annotations

from .problems import Problem
from .verbs import starts_with_verb
from .walk import entries_of, problem_at
from .yamlread import Document, _dotted


def undo_window(step: dict) -> bool:
    """The step can be undone until its wait ends (eBay's reopen window): that end is the point of no return."""
    wait = step.get("wait")
    return isinstance(wait, dict) and wait.get("reversible_until_end") is True


def check_content(doc: Document, display: str) -> list[Problem]:
    problems = []
    steps = entries_of(doc.value, "steps")
    if (doc.value.get("irreversible") is True and steps
            and not any(s.get("irreversible") is True or undo_window(s) for s in steps)):
        problems.append(problem_at(doc, display, ("irreversible",), "SC021",
                            "irreversible: true, but no step is marked 'irreversible: true'",
                            "add 'irreversible: true' to the step that cannot be undone, or, where the "
                            "platform lets you undo it for a time, a wait with reversible_until_end: true"))
    problems += _check_choices(doc, display, steps)
    problems += _check_sourced(doc, display)
    problems += _check_official(doc, display)
    for section in ("precautions", "steps"):
        items = doc.value.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            title = item.get("title") if isinstance(item, dict) else None
            if isinstance(title, str) and not starts_with_verb(title):
                problems.append(problem_at(doc, display, (section, i, "title"), "SC022",
                                    f"{section}[{i}].title: '{title}' does not start with a verb",
                                    "start with what to do, e.g. 'Download …', 'Check …', 'Wait …' "
                                    "(if your verb is missing, add it to macros/data/verbs.txt)"))
    return problems


def _check_choices(doc: Document, display: str, steps: list[dict]) -> list[Problem]:
    """An 'or' step: two or more choices, no substeps, never the permanent step."""
    problems = []
    for i, step in enumerate(entries_of(doc.value, "steps")):
        choices = step.get("choices")
        if not isinstance(choices, list) or not choices:
            continue
        where = ("steps", i, "choices")
        if len(choices) < 2:
            problems.append(problem_at(doc, display, where, "SC051", f"steps[{i}].choices: only one choice",
                                "give two or more ways to do the step, or write the choice as the step itself"))
        if step.get("substeps"):
            problems.append(problem_at(doc, display, ("steps", i, "substeps"), "SC051",
                                f"steps[{i}]: a step with choices cannot also have substeps",
                                "move the substeps into a step of their own, before or after this one"))
        if step.get("irreversible") is True:
            problems.append(problem_at(doc, display, ("steps", i, "irreversible"), "SC051",
                                f"steps[{i}]: a step with choices cannot be the irreversible step",
                                "make the permanent action a step of its own, without choices"))
    return problems


def _check_sourced(doc: Document, display: str) -> list[Problem]:
    """Every step, choice and precaution cites a source, or says it is common-sense advice."""
    if not entries_of(doc.value, "sources"):
        return []  # no sources at all is SC020; every item would repeat it
    problems = []
    places = [(("precautions", i), item) for i, item in enumerate(entries_of(doc.value, "precautions"))]
    for i, step in enumerate(entries_of(doc.value, "steps")):
        places.append((("steps", i), step))
        places += [(("steps", i, "choices", j), c) for j, c in enumerate(entries_of(step, "choices"))]
    for loc, item in places:
        if not item.get("sources") and item.get("advice") is not True:
            problems.append(problem_at(doc, display, loc, "SC050", f"{_dotted(loc)}: cites no source",
                                "add 'sources: [source-id]', or 'advice: true' if it is common-sense "
                                "advice that no source states", key=False))
    return problems


def _check_official(doc: Document, display: str) -> list[Problem]:
    """A seller should see at once when no page of the platform's own backs a guide."""
    sources = entries_of(doc.value, "sources")
    if not sources or any(s.get("official") is True for s in sources) or doc.value.get("no_official_source"):
        return []
    return [problem_at(doc, display, ("sources",), "SC054", "sources: none is the platform's own page (official: true)",
                "cite the platform's help page, or add 'no_official_source' with 'why' and 'searched'", key=True)]

