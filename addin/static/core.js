/* mailtact's host-independent core: talk to the server, render findings, apply fixes.
 *
 * A plain script (no modules) so that the same file runs in the task pane, in Outlook's
 * JavaScript-only event runtime and in Thunderbird. It touches no host API: everything the host
 * does (read the draft, change it, notify) goes through an adapter object:
 *   getDraft() -> Promise<draft>      (API.md's draft: subject, body, body_format, from, to, ...)
 *   getThread() -> Promise<thread[]>  (structured or {raw}; [] when the host gives none)
 *   setSubject(text), addRecipients(field, addresses), getBodyHtml(), setBodyHtml(html),
 *   prependBody(html, text), notify(text), displayLanguage(), onChange(handler)
 */
(function (root) {
  "use strict";

  const FALLBACK_STRINGS = {
    checking: "Checking…", all_good: "Nothing to fix. Good to send.",
    server_down: "The mailtact server cannot be reached, so this draft was not checked.",
    retry: "Retry", fix: "Fix", fixed: "Fixed", fix_failed: "Could not apply the fix",
    error: "Must fix before sending", warning: "Worth fixing", info: "Hints",
    questions: "Client's questions", answered: "answered", unanswered: "not answered yet",
    ack_title: "Acknowledge now", ack_button: "Insert acknowledgement",
    ack_inserted: "Acknowledgement inserted. The full answer is promised {when}.",
    ack_failed: "Could not compose the acknowledgement", eta: "Full answer",
    eta_default: "end of next working day", eta_today: "today", eta_tomorrow: "tomorrow",
    eta_at: "at a date and time", block_intro: "mailtact: {count} problem(s) to fix before sending:",
    open_pane: "Open mailtact", principle: "Rule", checked_in: "checked in {ms} ms",
  };
  const SUPPORTED = ["en", "ru", "es"];
  const SEVERITIES = ["error", "warning", "info"];

  class ServerUnavailable extends Error {}
  class RequestRejected extends Error {
    constructor(status, error) {
      super((error && error.message) || `HTTP ${status}`);
      this.status = status;
      this.field = error && error.field;
    }
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }

  function uiLanguage(code) {
    const base = String(code || "en").toLowerCase().split(/[-_]/)[0];
    return SUPPORTED.includes(base) ? base : "en";
  }

  function createClient(options) {
    const baseUrl = String(options.baseUrl || "").replace(/\/$/, "");
    const timeoutMs = options.timeoutMs || 8000;
    const fetchImpl = options.fetch || root.fetch.bind(root);

    async function post(path, body, timeout) {
      const controller = typeof AbortController !== "undefined" ? new AbortController() : null;
      const timer = controller ? setTimeout(() => controller.abort(), timeout || timeoutMs) : null;
      let response;
      try {
        response = await fetchImpl(baseUrl + path, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: controller ? controller.signal : undefined,
        });
      } catch (err) {
        throw new ServerUnavailable(err && err.name === "AbortError" ? "timeout" : "network");
      } finally {
        if (timer) clearTimeout(timer);
      }
      if (response.status >= 500) throw new ServerUnavailable(`HTTP ${response.status}`);
      const data = await response.json().catch(() => null);
      if (!response.ok) throw new RequestRejected(response.status, data && data.error);
      return data;
    }

    return {
      check: (request, timeout) => post("/api/v1/check", request, timeout),
      acknowledge: (request, timeout) => post("/api/v1/acknowledgement", request, timeout),
      strings: async (lang) => {
        try {
          const r = await fetchImpl(`${baseUrl}/addin/i18n/${uiLanguage(lang)}.json`);
          if (r.ok) return Object.assign({}, FALLBACK_STRINGS, await r.json());
        } catch (err) { /* the built-in English strings will do */ }
        return Object.assign({}, FALLBACK_STRINGS);
      },
    };
  }

  async function buildRequest(adapter, extra) {
    const [draft, thread] = await Promise.all([adapter.getDraft(), adapter.getThread()]);
    const request = { draft, thread: thread || [] };
    const ui = adapter.displayLanguage && adapter.displayLanguage();
    if (ui) request.ui_language = uiLanguage(ui);
    return Object.assign(request, extra || {});
  }

  /* A cheap fingerprint, so that an unchanged draft is not sent again. `sent_at` is "now" and
   * changes on every read: it is not part of what the user changed. */
  function fingerprint(request) {
    const text = JSON.stringify(request, (key, value) => (key === "sent_at" ? undefined : value));
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return `${text.length}:${h >>> 0}`;
  }

  /* --- Smart Alerts: decide at send time --------------------------------------------------- */

  function blockMessage(response, strings, limit) {
    const max = limit || 500;
    const errors = response.findings.filter((f) => f.severity === "error");
    let text = format(strings.block_intro, { count: errors.length });
    for (const f of errors) {
      const line = `\n• ${f.message}`;
      if (text.length + line.length > max - 2) {
        text += "\n…";
        break;
      }
      text += line;
    }
    return text.slice(0, max);
  }

  /* Returns {allow, message}: block only on `error` findings; fail open on any trouble. */
  async function sendDecision(adapter, client, options) {
    const timeout = (options && options.timeoutMs) || 4000;
    let request;
    try {
      request = await buildRequest(adapter);
    } catch (err) {
      return { allow: true, reason: "draft-unreadable" };
    }
    const strings = (options && options.strings) ||
      Object.assign({}, FALLBACK_STRINGS);
    try {
      const response = await client.check(request, timeout);
      if (response.summary && response.summary.block_send) {
        return { allow: false, message: blockMessage(response, strings), response };
      }
      return { allow: true, response };
    } catch (err) {
      // A checker must never trap a user's mail: server down, slow or confused -> let it go.
      return { allow: true, reason: err instanceof ServerUnavailable ? "server-unavailable" : "error" };
    }
  }

  /* --- Fixes -------------------------------------------------------------------------------- */

  const QUOTE_SELECTORS = [
    "blockquote", "#divRplyFwdMsg", ".gmail_quote", ".moz-cite-prefix", "#appendonsend",
    ".OutlookMessageHeader", "[id^='mail-editor-reference-message']", ".moz-signature",
    "#Signature", ".gmail_signature",
  ];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function textToHtml(text) {
    return String(text).split(/\n{2,}/).map((p) =>
      `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("");
  }

  function isQuote(node) {
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (QUOTE_SELECTORS.some((sel) => el.matches && el.matches(sel))) return true;
    }
    return false;
  }

  /* The author's text nodes in document order, with their offsets in the joined text. */
  function authorText(doc) {
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    const nodes = [];
    let text = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (isQuote(n)) continue;
      nodes.push({ node: n, start: text.length });
      text += n.nodeValue;
    }
    return { nodes, text };
  }

  /* A pattern for `text` whose whitespace matches any run of whitespace or none: the server's
   * new_text has line breaks between paragraphs that the DOM's text nodes do not
   * ("<p>a</p><p>b</p>" joins to "ab"). */
  function loosePattern(text) {
    return String(text).trim().split(/[\s\u00a0]+/).filter(Boolean)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("[\\s\\u00a0]*");
  }

  /* Find `needle` in the author's text, tolerant of whitespace differences. */
  function locate(joined, needle) {
    const want = loosePattern(needle);
    if (!want) return null;
    const m = new RegExp(want).exec(joined.text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  }

  function nodeAt(joined, offset) {
    for (let i = joined.nodes.length - 1; i >= 0; i--) {
      if (joined.nodes[i].start <= offset) return joined.nodes[i];
    }
    return null;
  }

  /* `needle` where it follows `before` (the text before the span in new_text): a one-letter
   * fix ("p" -> "P") must change that letter, not the first "p" of the mail. Without a match
   * in context, only a needle that occurs once is safe to change. */
  function locateAfter(joined, before, needle) {
    const want = loosePattern(needle);
    if (!want) return null;
    for (const size of [40, 12]) {
      // Nothing before the span: it starts the author's text.
      const context = loosePattern(String(before || "").slice(-size)) || "^";
      const m = new RegExp(`(${context})([\\s\\u00a0]*)(${want})`).exec(joined.text);
      if (m) {
        const start = m.index + m[1].length + m[2].length;
        return { start, end: start + m[3].length };
      }
    }
    const all = joined.text.match(new RegExp(want, "g")) || [];
    return all.length === 1 ? locate(joined, needle) : null;
  }

  /* Put `text` in place of `cut` characters at `offset` of a text node; its line breaks become
   * <br> (a "\n" in an HTML text node is only a space: a numbered list ran into one line). */
  function spliceText(node, offset, cut, text) {
    const v = node.nodeValue;
    const head = v.slice(0, offset), tail = v.slice(offset + cut);
    const lines = String(text).split("\n");
    node.nodeValue = head + lines[0] + (lines.length === 1 ? tail : "");
    let prev = node;
    lines.slice(1).forEach((line, i, rest) => {
      const br = node.ownerDocument.createElement("br");
      prev.parentNode.insertBefore(br, prev.nextSibling);
      prev = br;
      const value = i === rest.length - 1 ? line + tail : line;
      if (value) {
        const t = node.ownerDocument.createTextNode(value);
        prev.parentNode.insertBefore(t, prev.nextSibling);
        prev = t;
      }
    });
  }

  /* The changed HTML in the shape it came: a whole document keeps its <head> (styles that also
   * shape the quoted history) and its <body> attributes. */
  function serialize(doc, html) {
    if (!/<(html|head|body)[\s>]/i.test(html)) return doc.body.innerHTML;
    const doctype = doc.doctype ? new XMLSerializer().serializeToString(doc.doctype) : "";
    return doctype + doc.documentElement.outerHTML;
  }

  function replaceInHtml(html, quote, replacement, before) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const joined = authorText(doc);
    const where = before === undefined ? locate(joined, quote) : locateAfter(joined, before, quote);
    if (!where) return null;
    const first = nodeAt(joined, where.start);
    const last = nodeAt(joined, Math.max(where.start, where.end - 1));
    const a = where.start - first.start;
    const b = where.end - last.start;
    if (first === last) {
      spliceText(first.node, a, b - a, replacement);
    } else {
      spliceText(first.node, a, first.node.nodeValue.length - a, replacement);
      let inside = false;
      for (const item of joined.nodes) {
        if (item === first) { inside = true; continue; }
        if (item === last) break;
        if (inside) item.node.nodeValue = "";
      }
      last.node.nodeValue = last.node.nodeValue.slice(b);
    }
    return serialize(doc, html);
  }

  function insertInHtml(html, newText, at, text) {
    if (at === "start" || at === 0) return null;
    const doc = new DOMParser().parseFromString(html, "text/html");
    const joined = authorText(doc);
    if (at === "end") {
      // The end of new_text, not the last text node: that may be the quoted message after an
      // Outlook header block, or the whitespace after the quote.
      const tail = newText.trimEnd().slice(-40);
      const where = tail.trim() ? locate(joined, tail) : null;
      if (where) {
        const item = nodeAt(joined, where.end - 1);
        const offset = where.end - item.start;
        spliceText(item.node, offset, 0, " " + text);
        return serialize(doc, html);
      }
      const last = joined.nodes[joined.nodes.length - 1];
      if (!last) return null;
      spliceText(last.node, last.node.nodeValue.length, 0, " " + text);
      return serialize(doc, html);
    }
    // `at` is an offset in new_text: anchor on the text just before it
    const before = newText.slice(Math.max(0, at - 40), at);
    const where = before.trim() ? locate(joined, before) : null;
    if (!where) return null;
    // locate() matches `before` without its trailing space or line break: step over it, so the
    // text goes where `at` points (the next line or paragraph), not glued to the previous word.
    const pastSpace = /\s$/.test(before);
    let end = where.end;
    while (pastSpace && end < joined.text.length && /[\s\u00a0]/.test(joined.text[end])) end++;
    const item = pastSpace && end < joined.text.length ? nodeAt(joined, end)
      : nodeAt(joined, Math.max(where.start, where.end - 1));
    const offset = end - item.start;
    spliceText(item.node, offset, 0, text);
    return serialize(doc, html);
  }

  /* Apply one finding's fix through the adapter. Resolves to true when the draft changed. */
  async function applyFix(adapter, finding, response) {
    const fix = finding.fix;
    if (!fix) return false;
    if (fix.field === "subject" && typeof fix.set === "string") {
      await adapter.setSubject(fix.set);
      return true;
    }
    if (["to", "cc", "bcc"].includes(fix.field) && Array.isArray(fix.add)) {
      await adapter.addRecipients(fix.field, fix.add);
      return true;
    }
    if (fix.field !== "body") return false;
    const html = await adapter.getBodyHtml();
    let changed = null;
    if (fix.replace) {
      const newText = (response && response.new_text) || "";
      const spanned = newText.slice(fix.replace.start, fix.replace.end);
      const quote = spanned || finding.quote || "";
      const before = spanned ? newText.slice(0, fix.replace.start) : undefined;
      changed = replaceInHtml(html, quote, fix.replace.text, before);
    } else if (typeof fix.insert === "string") {
      if (fix.at === "start" || fix.at === 0) {
        await adapter.prependBody(textToHtml(fix.insert.trim()), fix.insert.trim());
        return true;
      }
      changed = insertInHtml(html, (response && response.new_text) || "", fix.at, fix.insert);
      if (changed === null) {
        await adapter.prependBody(textToHtml(fix.insert.trim()), fix.insert.trim());
        return true;
      }
    }
    if (changed === null) throw new Error("text not found");
    await adapter.setBodyHtml(changed);
    return true;
  }

  /* --- Rendering ------------------------------------------------------------------------------ */

  function h(doc, tag, attrs, children) {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children || []) if (c) el.append(c);
    return el;
  }

  function renderFindings(container, response, strings, onFix) {
    const doc = container.ownerDocument;
    const parts = [];
    const groups = SEVERITIES.map((sev) => [sev, response.findings.filter((f) => f.severity === sev)]);
    if (!response.findings.length) {
      parts.push(h(doc, "p", { class: "all-good", role: "status", text: strings.all_good }));
    }
    for (const [sev, list] of groups) {
      if (!list.length) continue;
      const items = list.map((f, i) => {
        const fixButton = f.fix ? h(doc, "button", {
          class: "fix", type: "button", "data-rule": f.rule,
          "aria-label": `${strings.fix}: ${f.message}`,
          onclick: (e) => onFix(f, e.currentTarget),
          text: strings.fix,
        }) : null;
        return h(doc, "li", { class: `finding ${sev}`, "data-rule": f.rule, tabindex: "-1" }, [
          h(doc, "p", { class: "message", text: f.message }),
          f.quote ? h(doc, "blockquote", { class: "quote", text: f.quote }) : null,
          h(doc, "p", { class: "principle" }, [
            h(doc, "span", { class: "label", text: `${strings.principle}: ` }),
            doc.createTextNode(f.principle),
          ]),
          fixButton,
        ]);
      });
      const details = h(doc, "details", { class: `group ${sev}`, open: sev !== "info" }, [
        h(doc, "summary", {}, [
          h(doc, "span", { class: `dot ${sev}`, "aria-hidden": "true" }),
          doc.createTextNode(`${strings[sev]} `),
          h(doc, "span", { class: "count", text: String(list.length) }),
        ]),
        h(doc, "ul", { class: "findings" }, items),
      ]);
      parts.push(details);
    }
    container.replaceChildren(...parts);
  }

  function renderQuestions(container, response, strings) {
    const doc = container.ownerDocument;
    const qs = response.questions || [];
    if (!qs.length) {
      container.replaceChildren();
      container.hidden = true;
      return;
    }
    container.hidden = false;
    container.replaceChildren(
      h(doc, "h2", { text: strings.questions }),
      h(doc, "ol", { class: "questions" }, qs.map((q) =>
        h(doc, "li", { class: q.answered ? "answered" : "unanswered" }, [
          h(doc, "span", { class: "mark", "aria-hidden": "true", text: q.answered ? "✓" : "•" }),
          h(doc, "span", { class: "q", text: q.text }),
          h(doc, "span", { class: "state", text: q.answered ? strings.answered : strings.unanswered }),
        ]))));
  }

  root.Mailtact = {
    FALLBACK_STRINGS, ServerUnavailable, RequestRejected, format, uiLanguage, createClient,
    buildRequest, fingerprint, blockMessage, sendDecision, applyFix, replaceInHtml, insertInHtml,
    textToHtml, escapeHtml, renderFindings, renderQuestions, h,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
