// Tact's demo page: the agent draft is underlined as it is typed (debounced
// POST /v1/analyze), the customer message shows its escalation and cues, and
// the transcript goes through POST /v1/conversation. Offsets come as UTF-16
// code units (start_utf16/end_utf16), which is how JavaScript indexes strings.
"use strict";

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;
let apiKey = sessionStorage.getItem("tact-api-key") || "";

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

function status(msg) { $("status").textContent = msg; }

async function post(path, body) {
  const headers = {"Content-Type": "application/json"};
  if (apiKey) headers.Authorization = "Bearer " + apiKey;
  const r = await fetch(path, {method: "POST", headers, body: JSON.stringify(body)});
  const text = await r.text();
  if (r.status === 401) {
    $("key-row").hidden = false;
    throw new Error("this server needs an API key");
  }
  if (!r.ok) {
    let msg = r.status + "";
    try { msg = JSON.parse(text).error.message; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return JSON.parse(text);
}

// Text with the given spans wrapped in <mark>; overlapping spans after the
// first are dropped. A trailing newline keeps the last line's height equal to
// the textarea's.
function markup(text, spans) {
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  let html = "";
  let at = 0;
  for (const s of sorted) {
    if (s.start < at || s.end > text.length || s.end <= s.start) continue;
    html += escapeHtml(text.slice(at, s.start));
    html += `<mark class="${s.cls}" data-i="${s.i}">${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return html + escapeHtml(text.slice(at)) + "\n";
}

function syncScroll(textarea, highlights) {
  highlights.parentElement.scrollTop = textarea.scrollTop;
  highlights.parentElement.scrollLeft = textarea.scrollLeft;
}

// ---- the agent draft ---------------------------------------------------------

const draft = $("draft");
const draftHl = $("draft-hl");
const card = $("card");
let report = null;      // the latest report for the draft
let reportText = null;  // the text it is for
let draftSeq = 0;
let cardFor = -1;

async function analyzeDraft() {
  const text = draft.value;
  const seq = ++draftSeq;
  try {
    const r = await post("/v1/analyze", {text, role: "agent"});
    if (seq !== draftSeq) return;  // a newer request is on its way
    report = r;
    reportText = text;
    status("");
    renderDraft();
  } catch (e) {
    if (seq === draftSeq) status("Could not analyze the draft: " + e.message);
  }
}
const analyzeDraftSoon = debounce(analyzeDraft, DEBOUNCE_MS);

function current() { return report && reportText === draft.value ? report : null; }

function renderDraft() {
  const r = current();
  const triggers = r ? r.triggers : [];
  draftHl.innerHTML = markup(draft.value, triggers.map((t, i) => ({
    start: t.start_utf16, end: t.end_utf16, i, cls: "trigger sev-" + t.severity})));
  syncScroll(draft, draftHl);
  $("apply-all").disabled = !r || r.rewrite === draft.value || r.edits.length === 0;
  $("draft-summary").textContent = !r ? "" : triggers.length === 0 ? "No trigger phrases."
      : triggers.length + (triggers.length === 1 ? " trigger phrase" : " trigger phrases");

  const list = $("findings");
  list.innerHTML = "";
  triggers.forEach((t, i) => {
    const li = document.createElement("li");
    li.dataset.i = i;
    li.innerHTML = `<span class="phrase">“${escapeHtml(t.text)}”</span>
      <span class="badge sev-${t.severity}">${escapeHtml(t.category)}</span>
      <div>${escapeHtml(t.message)}</div>`;
    li.appendChild(suggestionButtons(i));
    li.addEventListener("mouseenter", () => activate(i, true));
    li.addEventListener("mouseleave", () => activate(i, false));
    li.addEventListener("focusin", () => activate(i, true));
    li.addEventListener("focusout", () => activate(i, false));
    list.appendChild(li);
  });

  const tech = $("techniques");
  tech.innerHTML = "";
  for (const t of r ? r.techniques : []) {
    const li = document.createElement("li");
    li.innerHTML = `<b>${escapeHtml(t.type.replace(/_/g, " "))}</b>: “${escapeHtml(t.text)}”`;
    tech.appendChild(li);
  }
  if (r && r.techniques.length === 0) tech.innerHTML = "<li class=\"muted\">None yet.</li>";

  const tone = $("tone");
  tone.innerHTML = "";
  if (r) {
    for (const [k, v] of Object.entries(r.tone)) {
      const share = k === "sentiment" ? (v + 1) / 2 : v;
      tone.insertAdjacentHTML("beforeend", `<dt>${k}</dt><dd><div class="bar"><span></span></div></dd><dd>${v.toFixed(2)}</dd>`);
      tone.querySelector("dd:nth-last-of-type(2) .bar span").style.width = Math.round(share * 100) + "%";
    }
  }
  if (cardFor >= 0 && !(r && r.triggers[cardFor])) hideCard();
}

function suggestionButtons(i) {
  const t = report.triggers[i];
  const ul = document.createElement("ul");
  ul.className = "suggestions";
  for (const s of t.suggestions) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "suggestion";
    b.textContent = s;
    b.setAttribute("aria-label", `Replace “${t.text}” with “${s}”`);
    b.addEventListener("click", () => applySuggestion(i, s));
    li.appendChild(b);
    ul.appendChild(li);
  }
  if (t.suggestions.length === 0) {
    const li = document.createElement("li");
    li.className = "muted";
    li.textContent = "Rephrase this sentence.";
    ul.appendChild(li);
  }
  return ul;
}

function activate(i, on) {
  const m = draftHl.querySelector(`mark[data-i="${i}"]`);
  if (m) m.classList.toggle("active", on);
  const li = $("findings").querySelector(`li[data-i="${i}"]`);
  if (li) li.classList.toggle("active", on);
}

function showCard(i) {
  const r = current();
  const m = draftHl.querySelector(`mark[data-i="${i}"]`);
  if (!r || !m) return hideCard();
  if (cardFor === i && !card.hidden) return;
  const t = r.triggers[i];
  cardFor = i;
  card.innerHTML = `<div><span class="cat">${escapeHtml(t.category)}</span>
    <span class="badge sev-${t.severity}">${t.severity}</span></div>
    <p>${escapeHtml(t.message)}</p>`;
  card.appendChild(suggestionButtons(i));
  const pane = card.parentElement;  // positioned: the card's containing block
  const box = m.getBoundingClientRect();
  const base = pane.getBoundingClientRect();
  card.style.left = Math.max(0, box.left - base.left) + "px";
  card.style.top = (box.bottom - base.top + 6) + "px";
  card.hidden = false;
  for (const x of draftHl.querySelectorAll("mark.active")) x.classList.remove("active");
  m.classList.add("active");
}

function hideCard() {
  card.hidden = true;
  cardFor = -1;
  for (const x of draftHl.querySelectorAll("mark.active")) x.classList.remove("active");
}

function applySuggestion(i, replacement) {
  const r = current();
  if (!r) return;
  const t = r.triggers[i];
  const v = draft.value;
  draft.value = v.slice(0, t.start_utf16) + replacement + v.slice(t.end_utf16);
  const caret = t.start_utf16 + replacement.length;
  draft.focus();
  draft.setSelectionRange(caret, caret);
  hideCard();
  status(`Replaced “${t.text}” with “${replacement}”.`);
  report = null;
  renderDraft();
  analyzeDraft();
}

// The trigger under the pointer: the marks lie under the textarea, so look at
// every element at that point, not just the topmost.
function triggerAt(x, y) {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el.tagName === "MARK" && el.parentElement === draftHl) return +el.dataset.i;
  }
  return -1;
}

function triggerAtCaret() {
  const r = current();
  if (!r || draft.selectionStart !== draft.selectionEnd) return -1;
  const c = draft.selectionStart;
  return r.triggers.findIndex((t) => c >= t.start_utf16 && c <= t.end_utf16);
}

let hideTimer = 0;
draft.addEventListener("input", () => { report && renderDraft(); analyzeDraftSoon(); });
draft.addEventListener("scroll", () => syncScroll(draft, draftHl));
draft.addEventListener("mousemove", (e) => {
  const i = triggerAt(e.clientX, e.clientY);
  if (i >= 0) {
    clearTimeout(hideTimer);
    showCard(i);
  } else if (!card.hidden && triggerAtCaret() < 0) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideCard, 400);
  }
});
card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
for (const ev of ["keyup", "click"]) {
  draft.addEventListener(ev, (e) => {
    if (e.key === "Escape") return hideCard();
    const i = triggerAtCaret();
    if (i >= 0) showCard(i);
  });
}
document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideCard(); });
$("apply-all").addEventListener("click", () => {
  const r = current();
  if (!r) return;
  draft.value = r.rewrite;
  hideCard();
  status("Applied the whole rewrite.");
  report = null;
  renderDraft();
  analyzeDraft();
});
new ResizeObserver(() => { draftHl.style.width = draft.clientWidth + 2 + "px"; }).observe(draft);

// ---- the customer message --------------------------------------------------

const customer = $("customer");
const customerHl = $("customer-hl");
let customerSeq = 0;

async function analyzeCustomer() {
  const text = customer.value;
  const seq = ++customerSeq;
  try {
    const r = await post("/v1/analyze", {text, role: "customer"});
    if (seq !== customerSeq || customer.value !== text) return;
    const e = r.escalation;
    const spans = e.signals.map((s, i) => ({start: s.start_utf16, end: s.end_utf16, i, cls: "cue signal"}));
    e.cues.forEach((c, i) => {
      if (c.kind === "tone" && c.weight > 0) spans.push({start: c.start_utf16, end: c.end_utf16, i, cls: "cue"});
    });
    customerHl.innerHTML = markup(text, spans);
    syncScroll(customer, customerHl);
    $("meter").value = e.level;
    $("level").textContent = `${e.level} · ${e.label} (score ${e.score.toFixed(2)})`;
    const cues = $("cues");
    cues.innerHTML = "";
    for (const c of e.cues.filter((c) => c.weight > 0).sort((a, b) => b.weight - a.weight)) {
      const li = document.createElement("li");
      li.innerHTML = `<b>${escapeHtml(c.type.replace(/_/g, " "))}</b> “${escapeHtml(text.slice(c.start_utf16, c.end_utf16))}” <span class="muted">+${c.weight.toFixed(2)}</span>`;
      cues.appendChild(li);
    }
  } catch (err) {
    if (seq === customerSeq) status("Could not analyze the customer message: " + err.message);
  }
}
customer.addEventListener("input", debounce(analyzeCustomer, DEBOUNCE_MS));
customer.addEventListener("scroll", () => syncScroll(customer, customerHl));
new ResizeObserver(() => { customerHl.style.width = customer.clientWidth + 2 + "px"; }).observe(customer);

// ---- the conversation ------------------------------------------------------

const transcript = $("transcript");
let convSeq = 0;

async function analyzeConversation() {
  const turns = [];
  for (const line of transcript.value.split("\n")) {
    const m = /^\s*(customer|agent)\s*:\s*(.*)$/i.exec(line);
    if (m) turns.push({role: m[1].toLowerCase(), text: m[2]});
  }
  const seq = ++convSeq;
  try {
    const r = await post("/v1/conversation", {id: "demo", turns});
    if (seq !== convSeq) return;
    $("conv-summary").textContent = `Priority ${r.priority} · route: ${r.route} · trend: ${r.trend}` +
        ` · peak ${r.peak}, now ${r.current}`;
    const body = $("turns").tBodies[0];
    body.innerHTML = "";
    r.turns.forEach((t, i) => {
      const tr = body.insertRow();
      const state = t.role === "customer" ? `${t.stage} (level ${t.level})`
          : t.unaddressed && t.unaddressed.length ? "unaddressed: " + t.unaddressed.join(", ")
          : "answers every open request";
      tr.innerHTML = `<td>${i}</td><td>${t.role}</td><td>${escapeHtml(turns[i].text)}</td><td>${escapeHtml(state)}</td>`;
    });
    const reasons = $("reasons");
    reasons.innerHTML = "";
    for (const x of r.reasons) {
      const li = document.createElement("li");
      li.textContent = `turn ${x.turn}: ${x.type.replace(/_/g, " ")}` + (x.text ? ` “${x.text}”` : "");
      reasons.appendChild(li);
    }
  } catch (err) {
    if (seq === convSeq) status("Could not analyze the conversation: " + err.message);
  }
}
transcript.addEventListener("input", debounce(analyzeConversation, DEBOUNCE_MS * 2));

// ---- start -------------------------------------------------------------------

$("key-save").addEventListener("click", () => {
  apiKey = $("api-key").value;
  sessionStorage.setItem("tact-api-key", apiKey);
  $("key-row").hidden = true;
  analyzeDraft();
  analyzeCustomer();
  analyzeConversation();
});

// ?text=...&role=agent|customer prefills a pane, so a link can show a case.
const params = new URLSearchParams(location.search);
const given = params.get("text");
const role = params.get("role") === "customer" ? "customer" : "agent";
draft.value = role === "agent" && given !== null ? given
    : "I don't know why that happened. Calm down, it's our policy and you'll have to wait.";
customer.value = role === "customer" && given !== null ? given
    : "This is the THIRD time I'm asking!!! My refund still hasn't arrived. I want a manager.";
transcript.value = [
  "customer: My order never arrived and I want a refund.",
  "agent: I don't know, calm down.",
  "customer: This is ridiculous!!! Get me a manager NOW or I cancel.",
  "agent: I'm sorry for the trouble. I've issued your refund and a manager will call you today.",
].join("\n");
(role === "customer" && given !== null ? customer : draft).focus();
analyzeDraft();
analyzeCustomer();
analyzeConversation();
