// The admin page: sign in with the token, list rules with toggles, severities and params,
// show the audit log. The token lives in sessionStorage for this tab only.
const body = document.body;
const lang = body.dataset.lang || "en";
let T = {};
const $ = (sel) => document.querySelector(sel);

function t(key) {
  return T[key] || key;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function token() {
  return sessionStorage.getItem("mailtact-admin-token") || "";
}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${token()}` };
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...options, headers });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const err = new Error((data.error && data.error.message) || response.statusText);
    err.status = response.status;
    throw err;
  }
  return data;
}

function status(text, isError = false) {
  const node = $("#status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

async function patchRule(id, change) {
  try {
    await api(`/api/v1/admin/rules/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: JSON.stringify(change),
    });
    status(`${t("saved")}: ${id}`);
    await loadAudit();
  } catch (err) {
    status(`${id}: ${err.message}`, true);
    await loadRules();
  }
}

function paramInput(rule, name, value) {
  const id = `p-${rule.id}-${name}`;
  let input;
  if (typeof value === "boolean") {
    input = el("input", { id, type: "checkbox", checked: value });
  } else if (typeof value === "number") {
    input = el("input", { id, type: "number", value: String(value), step: "any", min: "0" });
  } else if (Array.isArray(value)) {
    input = el("input", { id, type: "text", value: value.join(", ") });
  } else if (typeof value === "object" && value !== null) {
    input = el("textarea", { id, rows: "3" });
    input.value = JSON.stringify(value, null, 1);
  } else {
    input = el("input", { id, type: "text", value: String(value ?? "") });
  }
  input.addEventListener("change", () => {
    let v;
    if (typeof value === "boolean") v = input.checked;
    else if (typeof value === "number") v = Number(input.value);
    else if (Array.isArray(value)) v = input.value.split(",").map((s) => s.trim()).filter(Boolean);
    else if (typeof value === "object" && value !== null) {
      try { v = JSON.parse(input.value); } catch { status(`${name}: JSON`, true); return; }
    } else v = input.value;
    patchRule(rule.id, { params: { [name]: v } });
  });
  return el("label", { class: "param", for: id }, el("span", { text: name }), input);
}

function exampleList(rule) {
  const ex = (rule.examples && (rule.examples[lang] || rule.examples.en)) || {};
  const fire = (ex.fire || []).slice(0, 2);
  const quiet = (ex.quiet || []).slice(0, 2);
  if (!fire.length && !quiet.length) return null;
  const item = (e, kind) => el("li", { class: kind },
    el("span", { class: "tag", text: t(kind) }),
    el("code", { text: ((e.draft && e.draft.subject) ? `${e.draft.subject} — ` : "") +
      ((e.draft && e.draft.body) || "").slice(0, 160) }));
  return el("details", {}, el("summary", { text: t("examples") }),
    el("ul", { class: "examples" }, ...fire.map((e) => item(e, "fires")),
      ...quiet.map((e) => item(e, "quiet"))));
}

function ruleCard(rule) {
  const toggleId = `on-${rule.id}`;
  const toggle = el("input", { id: toggleId, type: "checkbox", role: "switch", checked: rule.enabled,
    onchange: (e) => patchRule(rule.id, { enabled: e.target.checked }) });
  const severity = el("select", { "aria-label": `${t("severity")} ${rule.id}`,
    onchange: (e) => patchRule(rule.id, { severity: e.target.value }) },
    ...["error", "warning", "info"].map((s) =>
      el("option", { value: s, selected: s === rule.severity, text: t(s) })));
  const params = Object.entries(rule.params || {}).map(([n, v]) => paramInput(rule, n, v));
  return el("article", { class: `rule ${rule.enabled ? "" : "off"}`, "data-rule": rule.id },
    el("div", { class: "rule-head" },
      el("label", { class: "switch", for: toggleId }, toggle, el("span", { text: rule.title })),
      severity),
    el("p", { class: "principle", text: rule.principle }),
    el("p", { class: "desc", text: rule.description }),
    el("p", { class: "meta", text: `${rule.id} · ${t("languages")}: ${rule.languages.join(", ")}` }),
    params.length ? el("div", { class: "params" }, ...params) : null,
    exampleList(rule));
}

async function loadRules() {
  const data = await api(`/api/v1/rules?lang=${lang}`);
  $("#rules").replaceChildren(...data.rules.map(ruleCard));
}

async function loadAudit() {
  const data = await api("/api/v1/admin/audit?limit=100");
  const rows = data.entries.map((e) => el("tr", {},
    el("td", { text: new Date(e.at).toLocaleString(lang) }), el("td", { text: e.rule }),
    el("td", { text: e.who }), el("td", {}, el("code", { text: JSON.stringify(e.before) })),
    el("td", {}, el("code", { text: JSON.stringify(e.after) }))));
  $("#audit tbody").replaceChildren(...rows);
}

async function signIn() {
  try {
    await api("/api/v1/admin/whoami");
  } catch (err) {
    const box = $("#login-error");
    box.textContent = err.status === 401 ? t("wrong_token") : err.message;
    box.hidden = false;
    sessionStorage.removeItem("mailtact-admin-token");
    return;
  }
  $("#login").hidden = true;
  $("#panel").hidden = false;
  await Promise.all([loadRules(), loadAudit()]);
}

async function main() {
  T = await fetch(body.dataset.i18nUrl).then((r) => r.json()).catch(() => ({}));
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  document.title = t("title");
  $("#login").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem("mailtact-admin-token", $("#token").value.trim());
    signIn();
  });
  if (token()) signIn();
}

main();
