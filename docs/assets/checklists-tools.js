/* The seller tools of a procedure page: save progress to a file and load it back, a link with
   the ticks, a log per item, the earliest date for the permanent step (with a calendar
   reminder), filled-in messages, and forgetting what the site stored.

   - Fetched by checklists.js only when the seller opens the toolbox, and given the toolbox and
     the key of this guide's ticks. The controls are the guide's toolbox.html beside its page
     (macros/site/templates/_tools.html.j2, `controls`), fetched here in turn, parsed as a
     <template>'s content (its scripts never run) and found by their data-tool names; the words
     are the page's own (<script id="sc-tool-strings">, from macros/site/ui_strings.py TOOL_STRINGS).
   - Nothing leaves the browser: the one request is for toolbox.html, and a file or link exists
     only when the seller makes one. A link carries ticks only, never the log or the seller's details.
   - The date rules are those of macros/site/timing.py, which the at-a-glance box uses.
   - Written to be read: the build publishes it minified (macros/site/assets.py).

   What is stored, beside the ticks (whose key and format checklists.js keeps unchanged):
       <ticks key>:ticked  {"v": 1, "items": {"<item id>": "YYYY-MM-DD"}}   (checklists.js)
       <ticks key>:log     {"v": 1, "entries": [{"item", "date", "case", "note"}]}
       <ticks key>:starts  {"v": 1, "dates": {"event:last-sale": "YYYY-MM-DD", ...}}
       seller-checklists:v1:<site path>:@values  {"v": 1, "values": {"<platform or guide>:<field>": "..."}}
   Every value read is foreign input: anything not in these shapes reads as nothing stored. */

export const FORMAT = "seller-checklists-progress";
export const VERSION = 1;
export const LINK_PREFIX = "#sc1.";
const DAY = 864e5;
const MAX_FILE = 1 << 20;  // a progress file is a few kilobytes; a megabyte is not one
const MAX_TEXT = 2000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

let words = {};
const say = (name, values = {}) => (typeof words[name] === "string" ? words[name] : name)
  .replace(/\{(\w+)\}/g, (placeholder, key) => Object.hasOwn(values, key) ? values[key] : placeholder);
const all = (selector, root) => [...root.querySelectorAll(selector)];
const isObject = value => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const isText = (value, most = MAX_TEXT) => typeof value === "string" && value.length <= most;

// ------------------------------------------------------------------------------ dates

/** "2026-12-01" or "2026-12-01T20:30" as {at: a Date in UTC holding those figures, time}. */
export function parseMoment(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text || "");
  if (!m) return null;
  const at = new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0)));
  if (at.getUTCDate() !== +m[3] || at.getUTCMonth() !== m[2] - 1 || +m[4] > 23) return null;
  return {at, time: m[4] !== undefined};
}

export function momentText(moment) {
  const iso = moment.at.toISOString();
  return moment.time ? iso.slice(0, 16) : iso.slice(0, 10);
}

const later = (moment, ms) => ({at: new Date(moment.at.getTime() + ms), time: moment.time});

/** `days` working days (Monday to Friday) after `start`; the count starts the next day. */
function addBusinessDays(start, days) {
  let moment = start;
  while (days > 0) {
    moment = later(moment, DAY);
    if (moment.at.getUTCDay() % 6 !== 0) days -= 1;
  }
  return moment;
}

/** The same day `months` later, or that month's last day when it is shorter. */
function addMonths(start, months) {
  const at = start.at;
  const index = at.getUTCMonth() + months;
  const last = new Date(Date.UTC(at.getUTCFullYear(), index + 1, 0)).getUTCDate();
  return {at: new Date(Date.UTC(at.getUTCFullYear(), index, Math.min(at.getUTCDate(), last),
                                at.getUTCHours(), at.getUTCMinutes())), time: start.time};
}

/** When a wait of `amount` `unit` from `start` ends; null for hours from a bare date. */
export function addDuration(start, amount, unit) {
  if (unit === "hours") return start.time ? later(start, amount * 36e5) : null;
  if (unit === "business-days") return addBusinessDays(start, amount);
  if (unit === "months") return addMonths(start, amount);
  return later(start, amount * DAY * (unit === "weeks" ? 7 : 1));
}

/** A bare date counts as the whole of that day, so it orders after any time on it. */
const orderOf = moment => moment.at.getTime() + (moment.time ? 0 : DAY - 1);

/** Each wait's end given the dates per start, and the latest end: the earliest date for the
    permanent step once every timed wait has an end (`complete`). */
export function earliest(waits, dates) {
  const ends = waits.map(wait => {
    if (!wait.amount) return {wait, missing: "untimed"};
    const start = parseMoment(dates[wait.start]);
    if (!start) return {wait, missing: "no-date"};
    const end = addDuration(start, wait.amount, wait.unit);
    return end ? {wait, end} : {wait, missing: "needs-time"};
  });
  const known = ends.filter(e => e.end).map(e => e.end);
  const latest = known.reduce((a, b) => (a && orderOf(a) >= orderOf(b) ? a : b), null);
  return {ends, latest, complete: ends.every(e => e.end || e.missing === "untimed")};
}

export function dateText(moment, locale) {
  const style = {dateStyle: "long", timeZone: "UTC", ...(moment.time ? {timeStyle: "short"} : {})};
  return new Intl.DateTimeFormat(locale, style).format(moment.at);
}

function todayText() {
  const now = new Date();
  return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------ the calendar file

/** Text as an iCalendar (RFC 5545) value: backslash, semicolon, comma and line breaks escaped,
    other control characters dropped. */
export function icsText(text) {
  return String(text).replace(/\r\n?/g, "\n").replace(/[\\;,]/g, c => "\\" + c).replace(/\n/g, "\\n")
    .replace(/[\u0000-\u001f\u007f]/g, "");
}

/** A content line folded to at most 75 octets per line (RFC 5545 3.1). */
export function icsFold(line) {
  const encoder = new TextEncoder();
  const out = [];
  let current = "", size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function calendarFile({uid, moment, summary, description, url, stamp = new Date()}) {
  const compact = text => text.replace(/[-:]/g, "");
  const start = moment.time ? `DTSTART:${compact(momentText(moment))}00` : `DTSTART;VALUE=DATE:${compact(momentText(moment))}`;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Seller Checklists//Tools//EN", "CALSCALE:GREGORIAN",
                 "BEGIN:VEVENT", `UID:${icsText(uid)}`, `DTSTAMP:${compact(stamp.toISOString().slice(0, 19))}Z`, start,
                 `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description)}`, `URL:${url}`,
                 "END:VEVENT", "END:VCALENDAR"];
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

// ------------------------------------------------------------------------------ the link with ticks

const STATES = ["", "done", "na"];  // 2 bits per box, in page order

/** FNV-1a (32 bits) of the text, in base 36: the link's check of the guide's items. */
export function checksum(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(36);
}

/** What the checksum covers: the guide, then each box's item id and wording revision, in order. */
const fingerprint = (procedureId, boxes) => [procedureId, ...boxes.map(b => `${b.id}:${b.rev}`)].join("\n");

export function encodeStates(states) {
  const bytes = new Uint8Array(Math.ceil(states.length / 4));
  states.forEach((state, n) => { bytes[n >> 2] |= Math.max(0, STATES.indexOf(state)) << (2 * (n & 3)); });
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The states of `count` boxes, or null when the text is not what encodeStates writes for them. */
export function decodeStates(text, count) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let binary;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch (err) {
    return null;
  }
  if (binary.length !== Math.ceil(count / 4)) return null;
  const states = [];
  for (let n = 0; n < binary.length * 4; n++) {
    const code = (binary.charCodeAt(n >> 2) >> (2 * (n & 3))) & 3;
    if (n >= count ? code !== 0 : code > 2) return null;
    if (n < count) states.push(STATES[code]);
  }
  return states;
}

/** boxes: [{id, rev, state}] in page order. */
export function linkFragment(procedureId, boxes) {
  return `${LINK_PREFIX}${checksum(fingerprint(procedureId, boxes))}.${encodeStates(boxes.map(b => b.state))}`;
}

/** {states} for a fragment made for these boxes, or {error: "other-version" | "corrupt"}. */
export function readFragment(fragment, procedureId, boxes) {
  const parts = fragment.slice(LINK_PREFIX.length).split(".");
  if (!fragment.startsWith(LINK_PREFIX) || parts.length !== 2) return {error: "corrupt"};
  if (parts[0] !== checksum(fingerprint(procedureId, boxes))) return {error: "other-version"};
  const states = decodeStates(parts[1], boxes.length);
  return states ? {states} : {error: "corrupt"};
}

// ------------------------------------------------------------------------------ the progress file

const validTick = t => isObject(t) && (t.s === "done" || t.s === "na") && isText(t.r, 64) &&
  (t.d === undefined || (isText(t.d, 10) && ISO_DAY.test(t.d)));
const validEntry = e => isObject(e) && isText(e.item, 200) && isText(e.date, 10) && ISO_DAY.test(e.date) &&
  isText(e.case, 200) && isText(e.note);
const validStart = d => isText(d, 16) && parseMoment(d) !== null;

/** The checked content of a progress file for `procedureId`, or {error, detail}. */
export function readProgressFile(text, procedureId) {
  if (text.length > MAX_FILE) return {error: "tooBig"};
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {error: "notJson"};
  }
  if (!isObject(data) || data.format !== FORMAT) return {error: "foreign"};
  if (data.version !== VERSION) return {error: "version", detail: String(data.version).slice(0, 20)};
  if (data.procedure !== procedureId) return {error: "procedure", detail: String(data.procedure).slice(0, 80)};
  const checks = [["ticks", isObject(data.ticks) && Object.values(data.ticks).every(validTick)],
                  ["log", Array.isArray(data.log) && data.log.every(validEntry)],
                  ["starts", isObject(data.starts) && Object.values(data.starts).every(validStart)],
                  ["values", isObject(data.values) && Object.values(data.values).every(v => isText(v))],
                  ["saved", isText(data.saved, 10) && ISO_DAY.test(data.saved)]];
  const bad = checks.find(([_name, ok]) => !ok);
  return bad ? {error: "corrupt", detail: bad[0]} : {data};
}

// ------------------------------------------------------------------------------ storage

function reader(storage) {
  return (key, field, check) => {
    try {
      const value = JSON.parse(storage.getItem(key));
      return isObject(value) && value.v === 1 && check(value[field]) ? value[field] : null;
    } catch (err) {
      return null;  // nothing stored, not ours, or storage refused
    }
  };
}

// ------------------------------------------------------------------------------ the toolbox

/** Puts the controls in place of each placeholder <template data-src> in `toolbox`: the file it
    names (relative to the page), parsed by a <template> (so nothing in it runs). False when a
    fetch fails. */
async function placeControls(toolbox) {
  try {
    for (const placeholder of all("template[data-tool='controls']", toolbox)) {
      const response = await fetch(placeholder.dataset.src);
      if (!response.ok) return false;
      const parsed = document.createElement("template");
      parsed.innerHTML = await response.text();
      placeholder.replaceWith(parsed.content);
    }
    return true;
  } catch (err) {
    return false;  // offline, or the file is gone
  }
}

/** Sets up the tools in `toolbox` (a <details>); `page.key` is where checklists.js keeps this
    guide's ticks, `page.storage` its storage (null when the browser refuses it). */
export async function start(toolbox, page) {
  const body = toolbox.querySelector(".sc-toolbox__body");
  if (!await placeControls(toolbox)) {
    toolbox.querySelector("[data-tool='unavailable']").hidden = false;
    body.hidden = false;
    return;
  }
  const strings = toolbox.querySelector("#sc-tool-strings");
  try {
    words = JSON.parse(strings.textContent);
  } catch (err) {
    words = {};
  }
  for (const pre of all("pre.sc-message__body[id]", toolbox)) {  // Material's copy button, as on its code blocks
    const nav = document.createElement("nav");
    const copy = document.createElement("button");
    nav.className = "md-code__nav";
    copy.className = "md-code__button";
    copy.type = "button";
    copy.title = say("message.copy");
    copy.dataset.clipboardTarget = `#${pre.id} > code`;
    copy.dataset.mdType = "copy";
    nav.append(copy);
    pre.prepend(nav);
  }
  const storage = page.storage;
  const read = reader(storage);
  const id = toolbox.dataset.procedure;
  const keys = {ticks: page.key, ticked: page.key + ":ticked", log: page.key + ":log", starts: page.key + ":starts",
                values: page.key.slice(0, page.key.length - id.length) + "@values"};
  const status = toolbox.querySelector("[data-tool='status']");
  const tool = name => toolbox.querySelector(`[data-tool='${name}']`);
  const boxes = () => all(`.sc-checklist[data-procedure="${CSS.escape(id)}"] .sc-check`, document);
  const titleOf = itemId => {
    const box = boxes().find(b => b.dataset.item === itemId);
    return box ? box.closest("li").querySelector(".sc-item__title").textContent : itemId;
  };
  const tell = text => { status.textContent = text; };

  const write = (key, value) => {
    try {
      storage.setItem(key, JSON.stringify({v: 1, ...value}));
      return true;
    } catch (err) {
      return false;
    }
  };
  const remove = key => {
    try {
      storage.removeItem(key);
    } catch (err) {
      // refused: nothing was stored
    }
  };
  /** Tells checklists.js (and this script) that stored state changed, as another tab would. */
  const changed = key => dispatchEvent(new StorageEvent("storage", {key, storageArea: storage}));

  const ticks = () => read(keys.ticks, "items", isObject) || {};
  const tickDays = () => read(keys.ticked, "items", isObject) || {};
  const log = () => (read(keys.log, "entries", Array.isArray) || []).filter(validEntry);
  const starts = () => read(keys.starts, "dates", isObject) || {};
  const values = () => read(keys.values, "values", isObject) || {};

  // -------------------------------------------------------------------- log under each item

  function showLog() {
    all(".sc-log[data-tool='log-list']", document).forEach(list => list.remove());
    log().forEach((entry, index) => {
      const item = document.getElementById("item-" + entry.item);
      if (!item) return;
      let list = item.querySelector(":scope > .sc-log");
      if (!list) {
        list = document.createElement("ul");
        list.className = "sc-log";
        list.dataset.tool = "log-list";
        list.setAttribute("aria-label", say("log.heading"));
        item.append(list);
      }
      const row = document.createElement("li");
      const date = parseMoment(entry.date);
      const parts = [date ? dateText(date, words["date.locale"]) : entry.date];
      if (entry.case) parts.push(say("log.case", {case: entry.case}));
      if (entry.note) parts.push(entry.note);
      row.append(parts.join(" · "), " ");
      const removeButton = document.createElement("button");
      removeButton.type = "button";
      removeButton.className = "sc-button";
      removeButton.dataset.tool = "log-remove";
      removeButton.dataset.index = index;
      removeButton.textContent = say("log.remove");
      removeButton.setAttribute("aria-label", say("log.removeLabel", {date: parts[0]}));
      row.append(removeButton);
      list.append(row);
    });
  }

  function addLog(form) {
    const entry = {item: form.item.value, date: form.date.value || todayText(),
                   case: form.case.value.trim().slice(0, 200), note: form.note.value.trim().slice(0, MAX_TEXT)};
    if (!entry.case && !entry.note) return tell(say("log.needsText"));
    if (!write(keys.log, {entries: [...log(), entry]})) return tell(say("file.kept"));
    form.case.value = form.note.value = "";
    showLog();
    tell(say("log.added", {item: titleOf(entry.item)}));
  }

  function removeLog(button) {
    const entries = log();
    entries.splice(Number(button.dataset.index), 1);
    write(keys.log, {entries});
    const item = button.closest("li[id^='item-']");
    showLog();
    (item.querySelector("[data-tool='log-remove']") || tool("log").item).focus();  // not lost with the row
    tell(say("log.removed"));
  }

  // -------------------------------------------------------------------- file and link

  function saveFile() {
    const days = tickDays();
    const stored = ticks();
    const withDays = {};
    for (const [item, tick] of Object.entries(stored)) {
      if (!validTick({s: tick.s, r: tick.r})) continue;
      withDays[item] = {s: tick.s, r: tick.r, ...(isText(days[item], 10) && ISO_DAY.test(days[item]) ? {d: days[item]} : {})};
    }
    const saved = todayText();
    const mine = Object.fromEntries(Object.entries(values()).filter(([k]) => storeKeys().includes(k)));
    const data = {format: FORMAT, version: VERSION, procedure: id, saved, page: location.origin + location.pathname,
                  ticks: withDays, log: log(), starts: starts(), values: mine};
    const name = `${id}-${saved}.json`;
    download(name, JSON.stringify(data, null, 2) + "\n", "application/json");
    tell(say("file.saved", {file: name}));
  }

  function download(name, text, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type}));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function loadFile(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    const found = file.size > MAX_FILE ? {error: "tooBig"} : readProgressFile(await file.text(), id);
    if (found.error) {
      return tell(say("file." + found.error, {version: found.detail, procedure: found.detail, where: found.detail}));
    }
    const data = found.data;
    const question = say("file.confirm", {ticks: Object.keys(ticks()).length, log: log().length,
      fileTicks: Object.keys(data.ticks).length, fileLog: data.log.length, date: data.saved});
    if (!confirm(question)) return tell(say("file.kept"));
    const items = {}, days = {};
    for (const [item, tick] of Object.entries(data.ticks)) {
      items[item] = {s: tick.s, r: tick.r};
      if (tick.d) days[item] = tick.d;
    }
    write(keys.ticks, {items});
    write(keys.ticked, {items: days});
    write(keys.log, {entries: data.log});
    write(keys.starts, {dates: data.starts});
    write(keys.values, {values: {...values(), ...data.values}});
    changed(keys.ticks);
    refresh();
    tell(say("file.loaded", {ticks: Object.keys(items).length, log: data.log.length}));
  }

  const boxStates = () => boxes().map(box => ({id: box.dataset.item, rev: box.dataset.rev,
    state: box.checked ? "done" : box.closest("li").classList.contains("sc-na") ? "na" : ""}));

  async function copyLink() {
    const url = location.origin + location.pathname + linkFragment(id, boxStates());
    const field = tool("link");
    field.value = url;
    field.parentElement.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      tell(say("link.copied"));
    } catch (err) {
      field.select();
      tell(say("link.ready"));
    }
  }

  function readLink() {
    if (!location.hash.startsWith(LINK_PREFIX)) return;
    const shown = boxStates();
    const found = readFragment(location.hash, id, shown);
    history.replaceState(null, "", location.pathname + location.search);  // the link is read once
    if (found.error) return tell(say(found.error === "other-version" ? "link.otherVersion" : "link.corrupt"));
    if (!confirm(say("link.confirm", {ticks: found.states.filter(Boolean).length}))) return tell(say("file.kept"));
    const items = {};
    shown.forEach((box, n) => { if (found.states[n]) items[box.id] = {s: found.states[n], r: box.rev}; });
    write(keys.ticks, {items});
    changed(keys.ticks);
    tell(say("link.applied"));
  }

  // -------------------------------------------------------------------- dates

  const dates = toolbox.querySelector(".sc-tool--dates");
  const waitRows = dates ? all("[data-wait]", dates) : [];
  const waits = waitRows.map(row => ({start: row.dataset.start, amount: Number(row.dataset.amount) || 0,
                                      unit: row.dataset.unit, row}));
  let latest = null;

  function startDates() {
    const chosen = {...starts()};
    const days = tickDays();
    for (const input of all("[data-tool='start-date']", toolbox)) {
      const key = input.dataset.start;
      let value = isText(chosen[key], 16) ? chosen[key] : "";
      if (!value && input.dataset.step && ISO_DAY.test(days[input.dataset.step] || "")) {
        value = days[input.dataset.step] + (input.type === "date" ? "" : "T00:00");  // the day it was ticked
      }
      chosen[key] = value;
    }
    return chosen;
  }

  function showDates() {
    if (!dates) return;
    const chosen = startDates();
    all("[data-tool='start-date']", toolbox).forEach(input => {
      if (document.activeElement !== input) input.value = chosen[input.dataset.start] || "";
    });
    const locale = words["date.locale"];
    const found = earliest(waits, chosen);
    found.ends.forEach(({wait, end, missing}) => {
      wait.row.querySelector("output").textContent = end ? say("wait.ends", {date: dateText(end, locale)})
        : say(missing === "untimed" ? "wait.untimed" : missing === "needs-time" ? "wait.needsTime" : "wait.needsDate");
    });
    const point = {step: dates.dataset.pointNumber, title: dates.dataset.pointTitle};
    const untimed = found.ends.filter(e => e.missing === "untimed").map(e => e.wait.row.querySelector("span").textContent);
    latest = found.complete && found.latest;
    let text = latest ? say("earliest.date", {...point, date: dateText(latest, locale)}) : say("earliest.missing", point);
    if (untimed.length) text = say("earliest.alsoUntil", {text, waits: untimed.join(say("list.join"))});
    tool("earliest-date").textContent = text;
    tool("calendar").hidden = !latest;
  }

  function saveStart(input) {
    const chosen = starts();
    if (input.value) chosen[input.dataset.start] = input.value;
    else delete chosen[input.dataset.start];
    write(keys.starts, {dates: chosen});
    showDates();
  }

  function saveCalendar() {
    if (!latest) return;
    const guide = document.querySelector("h1").textContent.trim();
    const url = location.origin + location.pathname;
    const text = calendarFile({uid: `${id}-${momentText(latest)}@seller-checklists`, moment: latest, url,
      summary: say("calendar.summary", {title: dates.dataset.pointTitle}),
      description: say("calendar.description", {step: dates.dataset.pointTitle, guide, url})});
    const name = `${id}-earliest-date.ics`;
    download(name, text, "text/calendar");
    tell(say("calendar.saved", {file: name}));
  }

  // -------------------------------------------------------------------- messages

  const fields = () => all("input[data-store]", toolbox);
  const storeKeys = () => fields().map(input => input.dataset.store);

  function fillMessages() {
    const typed = {};
    fields().forEach(input => { typed[input.dataset.field] = input.value; });
    for (const message of all("[data-tool='message']", toolbox)) {
      for (const blank of all(".sc-blank[data-field]", message)) {
        if (blank.dataset.label === undefined) blank.dataset.label = blank.textContent;
        blank.textContent = typed[blank.dataset.field] || blank.dataset.label;  // a plain replacement
      }
      const subject = message.querySelector("[data-part='subject']").textContent;
      const text = message.querySelector("[data-part='body']").textContent;
      for (const mail of all("[data-tool='mailto']", message)) {
        const address = mail.getAttribute("href").replace(/^mailto:([^?]*).*$/, "$1");
        const query = `?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
        mail.href = `mailto:${address}${query.length < 2000 ? query : `?subject=${encodeURIComponent(subject)}`}`;
        mail.title = query.length < 2000 ? "" : say("message.long");
      }
    }
  }

  function showValues() {
    const stored = values();
    fields().forEach(input => {
      if (document.activeElement !== input) input.value = isText(stored[input.dataset.store]) ? stored[input.dataset.store] : "";
    });
    fillMessages();
  }

  function saveValue(input) {
    const stored = values();
    if (input.value) stored[input.dataset.store] = input.value.slice(0, MAX_TEXT);
    else delete stored[input.dataset.store];
    fields().filter(other => other.dataset.store === input.dataset.store).forEach(other => { other.value = input.value; });
    write(keys.values, {values: stored});
    fillMessages();
  }

  // -------------------------------------------------------------------- forget

  function forget(scope) {
    if (!confirm(say("forget.confirm." + scope))) return tell(say("file.kept"));
    if (!storage) return tell(say("forget.done." + scope));  // nothing can have been stored
    if (scope === "all") {
      const scoped = window.__md_scope ? window.__md_scope.pathname + ".__" : "/.__";  // Material's own settings
      const ours = [];
      for (let n = 0; n < storage.length; n++) {
        const key = storage.key(n);
        if (key.startsWith("seller-checklists:") || key.startsWith(scoped)) ours.push(key);
      }
      ours.forEach(remove);
    } else {
      [keys.ticks, keys.ticked, keys.log, keys.starts].forEach(remove);
      const stored = values();
      storeKeys().filter(key => key.startsWith(id + ":")).forEach(key => { delete stored[key]; });
      write(keys.values, {values: stored});
    }
    changed(null);
    refresh();
    tell(say("forget.done." + scope));
  }

  // -------------------------------------------------------------------- wiring

  function refresh() {
    showLog();
    showDates();
    showValues();
  }

  toolbox.addEventListener("click", event => {
    const control = event.target.closest("button[data-tool]");
    const name = control && control.dataset.tool;
    if (name === "save-file") saveFile();
    else if (name === "copy-link") copyLink();
    else if (name === "calendar") saveCalendar();
    else if (name === "forget") forget(control.dataset.scope === "all" ? "all" : "guide");
  });
  document.addEventListener("click", event => {
    const control = event.target.closest("button[data-tool='log-remove']");
    if (control) removeLog(control);
  });
  toolbox.addEventListener("submit", event => {
    event.preventDefault();
    addLog(event.target);
  });
  toolbox.addEventListener("change", event => {
    const target = event.target;
    if (target.matches("[data-tool='load-file']")) loadFile(target);
    else if (target.matches("[data-tool='start-date']")) saveStart(target);
  });
  toolbox.addEventListener("input", event => {
    if (event.target.matches("input[data-store]")) saveValue(event.target);
  });
  addEventListener("hashchange", readLink);  // a link with ticks opened over this page
  addEventListener("storage", event => {  // another tab (or this script) changed what is stored
    if (event.storageArea === storage && (event.key === null || Object.values(keys).includes(event.key))) refresh();
  });

  const logForm = tool("log");
  if (logForm) logForm.date.value = todayText();
  body.hidden = false;
  if (!storage) return;
  refresh();
  readLink();
}
