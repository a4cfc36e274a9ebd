/* Checklists: saved ticks, "not applicable", progress, reset, print. Every control is made
   here: with JavaScript off none shows dead and the checkboxes still work. */
(() => {
const NA = "sc-na", SEC = {precautions: "Before you start", steps: "Steps", troubleshooting: "Troubleshooting"};
const all = (sel, root = document) => [...root.querySelectorAll(sel)];
const make = (tag, cls, text) => { const e = document.createElement(tag); e.className = cls; e.textContent = text; return e; };
const procs = {};
let store;
try { store = localStorage; } catch (e) { /* privacy mode: ticks last for this visit */ }

// Stored state is foreign input: anything but {v:1,items:{id:{s,r}}} under 64 KB counts as empty.
const read = key => {
  try {
    const raw = store.getItem(key), o = raw.length < 65536 && JSON.parse(raw);
    return o.v === 1 && typeof o.items == "object" && !Array.isArray(o.items) && o.items || {};
  } catch (e) { return {}; }
};
const li = box => box.closest("li");
const title = box => li(box).querySelector(".sc-item__title").textContent;
const stateOf = box => box.checked ? "done" : li(box).classList.contains(NA) ? "na" : "";
const setState = (box, s) => {
  const b = li(box).querySelector(":scope>.sc-na-toggle");
  box.checked = s == "done";
  li(box).classList.toggle(NA, s == "na");
  b.textContent = s == "na" ? "Applies to me" : "Not applicable";
  b.setAttribute("aria-label", b.textContent + ": " + title(box));
};
const boxes = (p, keep) => p.sections.filter(s => !keep || keep(s.dataset.section)).flatMap(s => all(".sc-check", s));
const save = p => {  // made from the page, so ids no longer on it are dropped
  const items = {};
  boxes(p).forEach(b => { const s = stateOf(b); if (s) items[b.dataset.item] = {s, r: b.dataset.rev}; });
  try { store.setItem(p.key, JSON.stringify({v: 1, items})); } catch (e) { /* kept for this visit */ }
};

// Not-applicable items leave the count. Troubleshooting fixes are conditional: they have
// their own count and stay out of the procedure's total.
const bar = (name, scope) => {
  const l = make("label", "sc-progress");
  Object.assign(l.dataset, {name, scope});
  l.append(make("span"), make("progress"));
  return l;
};
const show = (l, list) => {
  const open = list.filter(b => stateOf(b) != "na"), n = open.filter(b => b.checked).length, m = open.length;
  Object.assign(l.dataset, {done: n, total: m});
  l.lastChild.max = m || 1;
  l.lastChild.value = m ? n : 1;
  return l.firstChild.textContent = `${l.dataset.name}: ${n} of ${m} done`;
};
const update = (p, sec) => {
  let said = "";
  p.bars.forEach(l => { const t = show(l, boxes(p, s => s == l.dataset.scope)); if (l.dataset.scope == sec) said = t + ". "; });
  return said + show(p.total, boxes(p, s => s != "troubleshooting")) + ".";
};
const changed = (p, box, what) => {
  save(p);
  p.live.textContent = `${title(box)}: ${what}. ` + update(p, box.closest(".sc-checklist").dataset.section);
};
const button = (text, act) => {
  const b = make("button", "sc-button " + act, text);
  b.type = "button";
  b.dataset.act = act;
  return b;
};

const setup = intro => {
  const id = intro.dataset.procedure, tools = make("div", "sc-tools");
  const p = procs[id] = {
    key: `seller-checklists:v1:${window.__md_scope ? __md_scope.pathname : "/"}:${id}`,
    sections: all(`.sc-checklist[data-procedure="${CSS.escape(id)}"]`),
    total: bar("Whole procedure", "procedure"), live: make("p", "sc-live")
  };
  p.live.setAttribute("aria-live", "polite");
  tools.dataset.procedure = id;
  tools.append(p.total, button("Print checklist", "sc-print"), button("Reset checklist", "sc-reset"), p.live);
  intro.after(tools);
  p.bars = p.sections.map(s => { const l = bar(SEC[s.dataset.section], s.dataset.section); s.prepend(l); return l; });
  const saved = read(p.key);
  boxes(p).forEach(box => {
    const label = box.closest("label"), at = label.nextElementSibling, b = button("", "sc-na-toggle");
    (at && at.matches("sup") ? at : label).after(b);
    b.before(make("span", "sc-na-badge", "Not applicable"));
    const s = Object.hasOwn(saved, box.dataset.item) && saved[box.dataset.item];
    setState(box, s && /^(done|na)$/.test(s.s) && s.r === box.dataset.rev ? s.s : "");
  });
  update(p);
};
const dated = () => all(".sc-print-date").forEach(e => { e.textContent = new Date().toLocaleDateString("en-GB", {dateStyle: "long"}); });
const init = () => {
  all(".sc-intro[data-procedure]:not([data-ready])").forEach(intro => { intro.dataset.ready = 1; setup(intro); });
  all(".sc-print-url").forEach(e => { e.textContent = location.origin + location.pathname; });
  dated();
};
const procOf = e => { const c = e && e.closest("[data-procedure]"); return c && procs[c.dataset.procedure]; };

// Before the permanent step is ticked, name each precaution neither done nor marked not applicable.
const permanentOk = p => {
  const open = boxes(p, s => s == "precautions").filter(b => !stateOf(b)).map(b => "- " + title(b));
  return confirm("This step cannot be undone. " + (open.length
    ? `These items under "Before you start" are not done yet:\n${open.join("\n")}\n\nTick it anyway?`
    : `Every item under "Before you start" is done or not applicable.\n\nTick it as done?`));
};
document.addEventListener("change", e => {
  const box = e.target, p = box.matches(".sc-check") && procOf(box);
  if (!p) return;
  if (box.checked && box.dataset.irreversible == "true" && !permanentOk(p)) box.checked = false;
  else setState(box, box.checked ? "done" : "");
  changed(p, box, box.checked ? "done" : "not done");
});
document.addEventListener("click", e => {
  const b = e.target.closest("button[data-act]"), p = procOf(b), act = p && b.dataset.act;
  if (act == "sc-print") print();
  else if (act == "sc-reset") {
    if (!confirm('Reset this checklist? Every tick and "not applicable" mark on it will be cleared.')) return;
    boxes(p).forEach(x => setState(x, ""));
    try { store.removeItem(p.key); } catch (err) { /* nothing stored */ }
    p.live.textContent = "Checklist reset. " + update(p);
  } else if (act) {
    const box = b.parentElement.querySelector(":scope>label>.sc-check"), na = stateOf(box) != "na";
    setState(box, na ? "na" : "");
    changed(p, box, na ? "not applicable" : "applies to you");
  }
});
addEventListener("beforeprint", dated);
// Material's instant navigation swaps pages without re-running scripts; document$ says when.
if (window.document$) document$.subscribe(init);
else if (document.readyState == "loading") addEventListener("DOMContentLoaded", init);
else init();
})();
