/* Checklists on procedure pages: ticks and "not applicable" marks kept in the browser,
   progress in sight, reset, the two prints, long details folded, glossary terms and sources
   opened where they are cited.

   - Every control is made here, so with JavaScript off none shows dead and the boxes still work.
   - The words it writes come from the page (<script id="sc-strings">, made from
     macros/ui_strings.py), so a translated edition changes them there, not here.
   - Written to be read: the build publishes it minified (macros/assets.py).

   What is stored, unchanged since the first release (tests/fixtures/stored-state/ holds values
   that release wrote, and a test reads them back): one localStorage key per procedure,
       seller-checklists:v1:<the site's path>:<procedure id>
   holding {"v": 1, "items": {"<item id>": {"s": "done" or "na", "r": "<wording revision>"}}}.
   A later format must keep reading this one. What came later sits in keys of its own beside it,
   so that one never changes: "<that key>:ticked" = {"v": 1, "items": {"<item id>": "YYYY-MM-DD"}},
   the day each item was ticked (written here), and the seller tools' keys (checklists-tools.js).

   The seller tools are another script, fetched only when the seller opens the toolbox (or
   follows a link with ticks, or has a log to show under the items). */
(() => {
  "use strict";

  const NOT_APPLICABLE = "sc-na";  // the class of an item the seller marked not applicable
  const MAX_STORED_LENGTH = 65536;  // a longer stored value is not ours: it reads as empty
  const procedures = new Map();  // procedure id -> its controls on the current page (setUp)
  const TOOLS = document.currentScript && new URL("checklists-tools.js", document.currentScript.src);
  let words = {};  // the page's words, by name (readWords)

  const all = (selector, root = document) => [...root.querySelectorAll(selector)];

  function element(tag, className = "", text = "") {
    const made = document.createElement(tag);
    made.className = className;
    made.textContent = text;
    return made;
  }

  function button(text, act, className) {
    const made = element("button", className, text);
    made.type = "button";
    made.dataset.act = act;  // what the click handler (and the tests) go by, in any language
    return made;
  }

  /** Makes `trigger` open and close `panel` (a disclosure): the state is in aria-expanded. */
  let panels = 0;
  function disclose(trigger, panel) {
    panel.id = "sc-panel-" + ++panels;
    panel.hidden = true;
    trigger.setAttribute("aria-expanded", "false");
    trigger.setAttribute("aria-controls", panel.id);
  }

  function toggleDisclosure(trigger, open = trigger.getAttribute("aria-expanded") !== "true") {
    trigger.setAttribute("aria-expanded", String(open));
    document.getElementById(trigger.getAttribute("aria-controls")).hidden = !open;
  }

  // ------------------------------------------------------------------------------ words

  function readWords() {
    const source = document.getElementById("sc-strings");
    try {
      words = source ? JSON.parse(source.textContent) : {};
    } catch (err) {
      words = {};
    }
  }

  /** The page's words called `name`, each {placeholder} filled in from `values`. A name the
      page lacks shows as itself: easy to spot, never a blank. */
  function say(name, values = {}) {
    const text = typeof words[name] === "string" ? words[name] : name;
    return text.replace(/\{(\w+)\}/g, (placeholder, key) => Object.hasOwn(values, key) ? values[key] : placeholder);
  }

  // ------------------------------------------------------------------------------ storage

  // Reading localStorage throws where the browser refuses it (some privacy settings); writing
  // throws when it is full. Ticks then last for the visit, and the page says so (warnNotSaved).
  let storage = null;
  try {
    storage = window.localStorage;
  } catch (err) {
    // refused: each checklist says so when it is set up
  }

  function keyFor(procedureId) {
    // The site's own path (Material's scope) keeps two copies of the site on one host apart.
    const sitePath = window.__md_scope ? window.__md_scope.pathname : "/";
    return `seller-checklists:v1:${sitePath}:${procedureId}`;
  }

  /** A procedure's stored items. Stored values are foreign input (another script, a hand
      edit, a later release): anything but the format above reads as nothing stored. */
  function readItems(key) {
    try {
      const raw = storage.getItem(key);
      const value = raw.length < MAX_STORED_LENGTH && JSON.parse(raw);
      const items = value.v === 1 && value.items;
      return items && typeof items === "object" && !Array.isArray(items) ? items : {};
    } catch (err) {
      return {};  // nothing stored (null), not JSON, or storage refused
    }
  }

  /** The stored state of a box's item: "done", "na", or "" (none stored, a state this script
      does not know, or a tick given to other wording of the item). */
  function storedState(items, box) {
    const entry = Object.hasOwn(items, box.dataset.item) && items[box.dataset.item];
    const applies = entry && (entry.s === "done" || entry.s === "na") && entry.r === box.dataset.rev;
    return applies ? entry.s : "";
  }

  /** Saves one item's new state on top of what is stored now, not on this page's view of the
      others: another tab on the same guide may have saved its own ticks since. Items no longer
      on the page, or reworded, are dropped. */
  function saveItem(p, changedBox) {
    const stored = readItems(p.key);
    const items = {};
    for (const box of p.boxes) {
      const state = box === changedBox ? stateOf(box) : storedState(stored, box);
      if (state) items[box.dataset.item] = {s: state, r: box.dataset.rev};
    }
    try {
      storage.setItem(p.key, JSON.stringify({v: 1, items}));
    } catch (err) {
      warnNotSaved(p);
    }
  }

  /** The local day, YYYY-MM-DD. */
  function today() {
    const now = new Date();
    return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  /** Notes the day a box was ticked (the tools start a wait from it, and save it to the file). */
  function stampTick(p, box) {
    let days = {};
    try {
      const value = JSON.parse(storage.getItem(p.key + ":ticked"));
      if (value && value.v === 1 && value.items && typeof value.items === "object") days = value.items;
    } catch (err) {
      // nothing stored, or not ours: start again
    }
    if (box.checked) days[box.dataset.item] = today();
    else delete days[box.dataset.item];
    try {
      storage.setItem(p.key + ":ticked", JSON.stringify({v: 1, items: days}));
    } catch (err) {
      // the ticks say so already (warnNotSaved)
    }
  }

  function forget(p) {
    try {
      storage.removeItem(p.key);
      storage.removeItem(p.key + ":ticked");
    } catch (err) {
      // refused: nothing was stored
    }
  }

  /** Tells the seller, once, in the page, that ticks are not being kept. The notice is an
      empty live region from the start, so screen readers read it when it is filled. */
  function warnNotSaved(p) {
    if (!p.notice.textContent) p.notice.textContent = say("notice.notSaved");
  }

  // ------------------------------------------------------------------------------ items

  const itemOf = box => box.closest("li");
  const titleOf = box => itemOf(box).querySelector(".sc-item__title").textContent;
  const sectionOf = box => box.closest(".sc-checklist").dataset.section;

  function stateOf(box) {
    if (box.checked) return "done";
    return itemOf(box).classList.contains(NOT_APPLICABLE) ? "na" : "";
  }

  function show(box, state) {
    const item = itemOf(box);
    const toggle = item.querySelector(":scope > .sc-na-toggle");  // none on the permanent step
    box.checked = state === "done";
    item.classList.toggle(NOT_APPLICABLE, state === "na");
    if (!toggle) return;
    toggle.textContent = say(state === "na" ? "toggle.applies" : "toggle.na");
    toggle.setAttribute("aria-label", say("toggle.label", {action: toggle.textContent, item: titleOf(box)}));
  }

  /** Shows what is stored, over whatever the page showed (used at start and when another tab saves). */
  function showStored(p) {
    const items = readItems(p.key);
    p.boxes.forEach(box => show(box, storedState(items, box)));
    updateProgress(p);
  }

  // ------------------------------------------------------------------------------ progress

  // Items marked not applicable leave the count. Troubleshooting fixes are conditional: they
  // have their own count and stay out of the whole procedure's.

  function progressBar(name, scope) {
    const bar = element("label", "sc-progress");
    Object.assign(bar.dataset, {name, scope});
    bar.append(element("span"), element("progress"));
    return bar;
  }

  /** Shows on `bar` how many of `boxes` are done; returns its text. */
  function showCount(bar, boxes) {
    const counted = boxes.filter(box => stateOf(box) !== "na");
    const done = counted.filter(box => box.checked).length;
    const total = counted.length;
    const [text, meter] = bar.children;
    Object.assign(bar.dataset, {done, total});
    meter.max = total || 1;
    meter.value = total ? done : 1;  // nothing left to do is complete
    text.textContent = say("progress", {name: bar.dataset.name, done, total});
    return text.textContent;
  }

  /** Updates every count of the procedure. Returns what to tell a screen reader: the count
      of `section`, when given, then the whole procedure's. */
  function updateProgress(p, section) {
    const said = [];
    for (const bar of p.sectionBars) {
      const text = showCount(bar, p.boxes.filter(box => sectionOf(box) === bar.dataset.scope));
      if (bar.dataset.scope === section) said.push(say("said.progress", {progress: text}));
    }
    const whole = showCount(p.totalBar, p.boxes.filter(box => sectionOf(box) !== "troubleshooting"));
    said.push(say("said.progress", {progress: whole}));
    return said.join(" ");
  }

  function announce(p, box, state) {
    const change = say("said.item", {item: titleOf(box), state: say(state)});
    p.live.textContent = change + " " + updateProgress(p, sectionOf(box));
  }

  // ------------------------------------------------------------------------------ what the seller does

  /** Before the permanent step is ticked, asks, naming each precaution neither done nor
      marked not applicable. */
  function confirmPermanent(p) {
    const open = p.boxes.filter(box => sectionOf(box) === "precautions" && !stateOf(box));
    const list = open.map(box => say("confirm.permanent.item", {item: titleOf(box)})).join("\n");
    return confirm(open.length ? say("confirm.permanent.open", {items: list}) : say("confirm.permanent.ready"));
  }

  function onTick(p, box) {
    if (box.checked && box.dataset.irreversible === "true" && !confirmPermanent(p)) box.checked = false;
    else show(box, box.checked ? "done" : "");
    saveItem(p, box);
    stampTick(p, box);
    announce(p, box, box.checked ? "state.done" : "state.notDone");
  }

  function onToggleNotApplicable(p, toggle) {
    const box = toggle.parentElement.querySelector(":scope > label > .sc-check");
    const marking = stateOf(box) !== "na";
    show(box, marking ? "na" : "");
    saveItem(p, box);
    announce(p, box, marking ? "state.na" : "state.applies");
  }

  /** Prints the checklist alone (`only` = "checklist") or the whole guide (""); the browser's
      own print always gives the whole guide, as the attribute is gone after printing. */
  function printPage(only) {
    if (only) document.documentElement.dataset.scPrint = only;
    else delete document.documentElement.dataset.scPrint;
    print();
  }

  const foldOf = toggle => toggle.closest("li, .admonition");  // what a details button opens

  function showDetails(item, open) {
    const toggle = item.querySelector(":scope > .sc-fold-slot > button");
    item.classList.toggle("sc-open", open);
    toggle.textContent = say(open ? "details.hide" : "details.show");
    toggle.setAttribute("aria-expanded", String(open));
  }

  function onExpandAll(control) {
    const open = control.getAttribute("aria-expanded") !== "true";
    all(".sc-fold-slot > button").forEach(toggle => showDetails(foldOf(toggle), open));
    control.setAttribute("aria-expanded", String(open));
    control.textContent = say(open ? "details.foldAll" : "details.showAll");
  }

  function onReset(p) {
    if (!confirm(say("confirm.reset"))) return;
    p.boxes.forEach(box => show(box, ""));
    forget(p);
    p.live.textContent = say("said.reset") + " " + updateProgress(p);
  }

  // ------------------------------------------------------------------------------ setting up

  function addNotApplicableToggle(box) {
    const label = box.closest("label");
    const next = label.nextElementSibling;
    const toggle = button("", "not-applicable", "sc-button sc-na-toggle");
    (next && next.matches(".sc-cite") ? next : label).after(toggle);  // after the item's sources
    toggle.before(element("span", "sc-na-badge", say("mark.na")));
  }

  /** The button that folds and unfolds an item's long details, in the room kept for it (the
      slot stands just before the details it folds, or names them: a warning's text). */
  function addDetailsToggle(slot) {
    const toggle = button(say("details.show"), "toggle-details", "sc-button sc-fold");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", slot.dataset.for || slot.nextElementSibling.id);
    slot.append(toggle);
  }

  /** A glossary term's first use: a button that opens its definition (from the page's list
      of words) under the line. */
  function addTermButton(mark) {
    const entry = document.getElementById("term-" + mark.dataset.term);
    if (!entry) return;
    const term = button(mark.textContent, "toggle-tip", "sc-term");
    const tip = element("span", "sc-tip", entry.querySelector("dd").textContent);
    tip.setAttribute("role", "note");
    disclose(term, tip);
    mark.replaceWith(term, tip);
  }

  /** An item's sources ("Sources 1, 4"): one button that opens those sources, as the list at
      the bottom of the page has them, under the line. */
  function addSourcesButton(cite) {
    const trigger = button(cite.textContent.trim().replace(/\s+/g, " "), "toggle-tip", "sc-cite__button");
    const list = element("ol");
    for (const link of all("a[href^='#source-']", cite)) {
      const source = document.getElementById(link.getAttribute("href").slice(1));
      if (!source) continue;
      const entry = element("li");
      entry.value = Number(link.textContent);
      entry.append(...[...source.childNodes].map(node => node.cloneNode(true)));
      list.append(entry);
    }
    const tip = element("span", "sc-tip");
    tip.append(list);
    disclose(trigger, tip);
    cite.replaceChildren(trigger);
    cite.after(tip);
  }

  /** Builds one procedure's controls after its introduction and shows its stored state.
      `keepEarlyTicks`: boxes already ticked were ticked by the seller before this script
      arrived (a slow connection), so they are kept and saved as fresh ticks. */
  function setUp(intro, keepEarlyTicks) {
    const id = intro.dataset.procedure;
    const sections = all(`.sc-checklist[data-procedure="${CSS.escape(id)}"]`);
    const p = {
      key: keyFor(id),
      boxes: sections.flatMap(section => all(".sc-check", section)),
      tools: element("div", "sc-tools"),
      actions: element("div", "sc-actions"),
      totalBar: progressBar(say("section.procedure"), "procedure"),
      sectionBars: sections.map(s => progressBar(say("section." + s.dataset.section), s.dataset.section)),
      notice: element("p", "sc-notice"),
      live: element("p", "sc-live"),
    };
    procedures.set(id, p);
    const earlyTicks = keepEarlyTicks ? p.boxes.filter(box => box.checked) : [];

    p.notice.setAttribute("role", "status");
    p.notice.dataset.act = "storage-notice";
    p.live.setAttribute("aria-live", "polite");
    p.tools.dataset.procedure = p.actions.dataset.procedure = id;
    p.tools.append(p.totalBar, button(say("print"), "print-checklist", "sc-button sc-print"),
                   button(say("reset"), "reset", "sc-button sc-reset"), p.live);
    const expandAll = button(say("details.showAll"), "expand-all", "sc-button sc-expand");
    expandAll.setAttribute("aria-expanded", "false");
    if (document.querySelector(".sc-fold-slot")) p.actions.append(expandAll);
    p.actions.append(button(say("printGuide"), "print-guide", "sc-button sc-print-guide"), p.notice);
    intro.after(p.tools, p.actions);
    sections.forEach((section, n) => section.prepend(p.sectionBars[n]));
    p.boxes.filter(box => !box.dataset.irreversible).forEach(addNotApplicableToggle);

    showStored(p);
    earlyTicks.forEach(box => {
      box.checked = true;
      onTick(p, box);
    });
    if (!storage) warnNotSaved(p);
  }

  // ------------------------------------------------------------------------------ the tools, on demand

  /** Fetches the tools script once and hands it the toolbox and where this guide's state is kept. */
  function loadTools(toolbox) {
    if (toolbox.dataset.loaded || !TOOLS) return;
    toolbox.dataset.loaded = "1";
    const key = keyFor(toolbox.dataset.procedure);
    import(TOOLS).then(tools => tools.start(toolbox, {key, storage}), () => {  // offline: say so
      toolbox.querySelector("[data-tool='unavailable']").hidden = false;
      toolbox.querySelector(".sc-toolbox__body").hidden = false;
    });
  }

  /** The review notice, decided again today: an old build still warns. */
  function checkReview(notice) {
    const days = (Date.parse(today()) - Date.parse(notice.dataset.reviewed)) / 864e5;
    if (days > Number(notice.dataset.staleAfter)) notice.hidden = false;
  }

  function setUpTools(toolbox) {
    let hasLog = false;
    try {
      hasLog = Boolean(storage.getItem(keyFor(toolbox.dataset.procedure) + ":log"));
    } catch (err) {
      // storage refused: no log to show
    }
    if (location.hash.startsWith("#sc1.")) toolbox.open = true;  // a link with ticks: the tools read it
    else if (hasLog) loadTools(toolbox);
  }

  function stampPrintDate() {
    const today = new Date().toLocaleDateString(words["date.locale"], {dateStyle: "long"});
    all(".sc-print-date").forEach(stamp => { stamp.textContent = today; });
  }

  // On a reload or a move back or forward, the browser may tick boxes again as they were when
  // the page was left (form restoration): what is stored is the truth then. On any other load
  // a ticked box can only be the seller's.
  const load = performance.getEntriesByType("navigation")[0];
  let formMayBeRestored = Boolean(load) && (load.type === "reload" || load.type === "back_forward");

  function init() {
    for (const [id, p] of procedures) if (!p.tools.isConnected) procedures.delete(id);
    readWords();
    all(".sc-intro[data-procedure]:not([data-ready])").forEach(intro => {
      intro.dataset.ready = "1";
      setUp(intro, !formMayBeRestored);
    });
    formMayBeRestored = false;  // pages swapped in by instant navigation are fresh HTML
    document.documentElement.classList.toggle("sc-with-tools", procedures.size > 0);  // the sticky bar's room (CSS)
    all(".sc-fold-slot:empty").forEach(addDetailsToggle);
    all("span.sc-term[data-term]").forEach(addTermButton);
    all(".sc-cite:not(:has(button))").forEach(addSourcesButton);
    all(".sc-print-url").forEach(url => { url.textContent = location.origin + location.pathname; });
    all(".sc-stale[data-reviewed]").forEach(checkReview);
    all(".sc-toolbox:not([data-loaded])").forEach(setUpTools);
    stampPrintDate();
  }

  function procedureOf(target) {
    const container = target && target.closest("[data-procedure]");
    return container ? procedures.get(container.dataset.procedure) : undefined;
  }

  document.addEventListener("change", event => {
    const box = event.target;
    const p = box.matches(".sc-check") && procedureOf(box);
    if (p) onTick(p, box);
  });

  document.addEventListener("toggle", event => {
    if (event.target.matches && event.target.matches(".sc-toolbox") && event.target.open) loadTools(event.target);
  }, true);

  document.addEventListener("click", event => {
    const opener = event.target.closest("a[data-act='open-tools']");
    const toolbox = opener && document.querySelector(".sc-toolbox");
    if (toolbox) toolbox.open = true;
    const control = event.target.closest("button[data-act]");
    const act = control && control.dataset.act;
    if (act === "toggle-tip") toggleDisclosure(control);
    else if (act === "toggle-details") showDetails(foldOf(control), control.getAttribute("aria-expanded") !== "true");
    else if (act === "expand-all") onExpandAll(control);
    else if (act === "print-checklist") printPage("checklist");
    else if (act === "print-guide") printPage("");
    const p = procedureOf(control);
    if (!p) return;
    if (act === "reset") onReset(p);
    else if (act === "not-applicable") onToggleNotApplicable(p, control);
  });

  // Escape closes the definition or the sources open at the focus, and gives the focus back.
  document.addEventListener("keydown", event => {
    const at = event.key === "Escape" && document.activeElement;
    const tip = at && at.closest(".sc-tip");
    const trigger = tip ? document.querySelector(`[aria-controls="${tip.id}"]`) : at;
    if (trigger && trigger.dataset && trigger.dataset.act === "toggle-tip") {
      toggleDisclosure(trigger, false);
      trigger.focus();
    }
  });
  addEventListener("afterprint", () => { delete document.documentElement.dataset.scPrint; });

  // Another tab saved, reset, or cleared the site's storage: show it here too.
  addEventListener("storage", event => {
    if (event.storageArea !== storage) return;
    for (const p of procedures.values()) if (event.key === null || event.key === p.key) showStored(p);
  });
  // A page brought back from the back/forward cache missed what other tabs saved meanwhile.
  addEventListener("pageshow", event => {
    if (event.persisted) procedures.forEach(showStored);
  });
  addEventListener("beforeprint", stampPrintDate);
  // Material's instant navigation swaps pages without running scripts again; document$ says when.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", init);
  else init();
})();
