"""How the browser tests run axe-core (shipped inside the axe-playwright-python package,
injected from disk): all rules but the colour ones on the whole page, and the colour ones on one
shown element per look. On a guide the colour rules on every text cost 1.5-2.4 s a run; on one
element per look, 0.5-0.6 s, and they find the same problems (a negative control in
test_axe_and_network.py)."""

from __future__ import annotations

from functools import cache

from axe_playwright_python.sync_playwright import Axe

from .conftest import lay_out_everything

COLOUR = ["color-contrast", "link-in-text-block"]
OTHER_RULES = {"rules": {rule: {"enabled": False} for rule in COLOUR}, "resultTypes": ["violations"]}
COLOUR_RULES = {"runOnly": COLOUR, "resultTypes": ["violations"]}

AXE_RUN = "o => axe.run(o).then(r => r.violations)"
#: True once no colour or opacity is part-way through a CSS transition. Material fades the header
#: topic in and out as the title scrolls past and fades tooltips; read mid-fade, a text has the
#: contrast of neither end (CI once read the header topic and a tooltip at part opacity).
TRANSITIONS_DONE = "!document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"
#: The colour rules on one shown element per look: a text's contrast is set by its own colour,
#: size and weight, the text colour around it (link-in-text-block) and the backgrounds and
#: opacities behind it. Two elements alike in all of these have the same contrast, so checking
#: the first of them checks both; one that differs in any of these is checked on its own. Looks
#: already checked (`seen`, on an earlier page of a walk in the same palette) are not checked
#: again. Returns the violations and the looks this run checked.
DISTINCT_LOOKS_RUN = """([o, seen]) => {
  const look = el => { const s = getComputedStyle(el), parts = [s.color, s.fontSize, s.fontWeight,
      el.parentElement ? getComputedStyle(el.parentElement).color : ""];
    for (let e = el; e; e = e.parentElement) { const b = getComputedStyle(e); parts.push(b.backgroundColor, b.backgroundImage, b.opacity); }
    return parts.join("|"); };
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";
  const hasText = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const checked = new Set(seen), first = new Map();
  for (const el of document.body.querySelectorAll("*")) {
    if (!hasText(el) || !shown(el)) continue;
    const key = look(el);
    if (!checked.has(key) && !first.has(key)) first.set(key, el);
  }
  if (!first.size) return {violations: [], looks: []};
  return axe.run({include: [...first.values()]}, o).then(r => ({violations: r.violations, looks: [...first.keys()]}));
}"""


def distinct_looks(page, seen: set[str] | None = None) -> list[dict]:
    """The colour rules' violations on one shown element per look not in `seen`, which gains
    the looks checked."""
    result = page.evaluate(DISTINCT_LOOKS_RUN, [COLOUR_RULES, sorted(seen or ())])
    if seen is not None:
        seen.update(result["looks"])
    return result["violations"]


@cache
def axe_script() -> str:
    return Axe().axe_script


def serious(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def serious_problems(page, *, colour_only: bool = False, seen: set[str] | None = None) -> list[str]:
    """The serious and critical problems axe finds on the page as it is now (axe injected
    already), every part laid out: all rules, or the colour rules only (after a palette switch);
    the colour rules skip the looks in `seen` (see DISTINCT_LOOKS_RUN)."""
    lay_out_everything(page)
    page.wait_for_function(TRANSITIONS_DONE)
    found = [] if colour_only else serious(page.evaluate(AXE_RUN, OTHER_RULES))
    return found + serious(distinct_looks(page, seen))
