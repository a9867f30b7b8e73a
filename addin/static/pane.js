/* The task pane: check as the user writes, show findings and the client's questions, apply fixes,
 * insert an acknowledgement. Host-independent: the host is the adapter passed to startPane. */
(function (root) {
  "use strict";
  const M = root.Mailtact;

  // The pane's markup, in one place for every host page (taskpane, Thunderbird popup, demo).
  // Static text only; labels are replaced from i18n/<lang>.json by their data-t keys.
  const MARKUP = `
  <header class="head">
    <h1 id="pane-title"><span class="logo" aria-hidden="true">✓</span> mailtact</h1>
    <p id="status" class="status" role="status" aria-live="polite"></p>
  </header>
  <section id="offline" class="offline" role="alert" hidden>
    <p data-t="server_down">The mailtact server cannot be reached, so this draft was not checked.</p>
    <button id="retry" type="button" data-t="retry">Retry</button>
  </section>
  <section id="findings" class="results" aria-live="polite"></section>
  <section id="questions" class="questions-box" hidden></section>
  <section class="ack-box" aria-labelledby="ack-title">
    <h2 id="ack-title" data-t="ack_title">Acknowledge now</h2>
    <div class="ack-row">
      <label for="eta" data-t="eta">Full answer</label>
      <select id="eta">
        <option value="" data-t="eta_default">end of next working day</option>
        <option value="today" data-t="eta_today">today</option>
        <option value="tomorrow" data-t="eta_tomorrow">tomorrow</option>
        <option value="at" data-t="eta_at">at a date and time</option>
      </select>
      <input id="eta-at" type="datetime-local" aria-label="date and time" hidden>
    </div>
    <button id="ack" type="button" class="primary" data-t="ack_button">Insert acknowledgement</button>
  </section>`;

  /* Fill the page's `<main data-mailtact-pane>` (before anything the host page put in it). */
  function mount(doc) {
    const main = doc.querySelector("[data-mailtact-pane]");
    if (main && !doc.getElementById("findings")) {
      main.insertAdjacentHTML("afterbegin", MARKUP);
      main.setAttribute("aria-labelledby", "pane-title");
    }
  }

  function startPane(options) {
    const adapter = options.adapter;
    const doc = options.document || root.document;
    const client = M.createClient({ baseUrl: options.baseUrl || "", timeoutMs: 8000 });
    const pollMs = options.pollMs || 2000;
    const $ = (sel) => doc.querySelector(sel);
    const state = { checks: 0, renders: 0, fingerprint: null, response: null, strings: null,
                    lastRenderAt: 0, busy: false, again: false };
    root.MailtactPane.state = state;

    function setStatus(text, kind) {
      const node = $("#status");
      node.textContent = text || "";
      node.className = `status ${kind || ""}`;
    }

    function showOffline(show) {
      $("#offline").hidden = !show;
    }

    async function check(force) {
      if (state.busy) { state.again = state.again || force || true; return; }
      state.busy = true;
      try {
        const request = await M.buildRequest(adapter);
        const fp = M.fingerprint(request);
        if (!force && fp === state.fingerprint) return;
        state.fingerprint = fp;
        state.checks += 1;
        setStatus(state.strings.checking, "busy");
        const started = performance.now();
        const response = await client.check(request);
        state.response = response;
        showOffline(false);
        M.renderFindings($("#findings"), response, state.strings, onFix);
        M.renderQuestions($("#questions"), response, state.strings);
        state.renders += 1;
        state.lastRenderAt = performance.now();
        setStatus(M.format(state.strings.checked_in, {
          ms: Math.round(state.lastRenderAt - started) }), "");
        doc.documentElement.lang = response.ui_language || doc.documentElement.lang;
      } catch (err) {
        state.fingerprint = null; // try again on the next tick
        if (err instanceof M.ServerUnavailable) {
          showOffline(true);
          setStatus("", "");
        } else {
          setStatus(err.message, "error");
        }
      } finally {
        state.busy = false;
        if (state.again) { state.again = false; setTimeout(() => check(false), 0); }
      }
    }

    async function onFix(finding, button) {
      try {
        const changed = await M.applyFix(adapter, finding, state.response);
        if (changed) {
          button.textContent = state.strings.fixed;
          button.disabled = true;
          await check(true);
        }
      } catch (err) {
        setStatus(`${state.strings.fix_failed}: ${err.message}`, "error");
      }
    }

    function etaValue() {
      const choice = $("#eta").value;
      if (choice === "at") {
        const at = $("#eta-at").value;
        return at ? new Date(at).toISOString() : undefined;
      }
      return choice || undefined;
    }

    async function insertAcknowledgement() {
      const button = $("#ack");
      button.disabled = true;
      try {
        const eta = etaValue();
        const request = await M.buildRequest(adapter, eta ? { eta } : {});
        const ack = await client.acknowledge(request);
        await adapter.prependBody(ack.html, ack.text);
        const when = new Date(ack.eta).toLocaleString(doc.documentElement.lang || undefined,
          { weekday: "short", hour: "2-digit", minute: "2-digit" });
        await adapter.notify(M.format(state.strings.ack_inserted, { when }));
        setStatus(M.format(state.strings.ack_inserted, { when }), "ok");
        await check(true);
      } catch (err) {
        const text = err instanceof M.ServerUnavailable ? state.strings.server_down : err.message;
        setStatus(`${state.strings.ack_failed}: ${text}`, "error");
      } finally {
        button.disabled = false;
      }
    }

    async function init() {
      // Hosts may call us before the page is parsed (Office.onReady can fire that early).
      if (doc.readyState === "loading") {
        await new Promise((resolve) => doc.addEventListener("DOMContentLoaded", resolve, { once: true }));
      }
      mount(doc);
      const lang = M.uiLanguage(adapter.displayLanguage && adapter.displayLanguage());
      doc.documentElement.lang = lang;
      state.strings = await client.strings(lang);
      for (const node of doc.querySelectorAll("[data-t]")) {
        node.textContent = state.strings[node.dataset.t] || node.textContent;
      }
      $("#retry").addEventListener("click", () => check(true));
      $("#ack").addEventListener("click", insertAcknowledgement);
      $("#eta").addEventListener("change", () => { $("#eta-at").hidden = $("#eta").value !== "at"; });
      if (adapter.onChange) adapter.onChange(() => setTimeout(() => check(false), 150));
      await check(true);
      // Bodies change with every keystroke and hosts send no event for it: look every pollMs,
      // and send only when the draft's fingerprint changed.
      state.timer = setInterval(() => check(false), pollMs);
    }

    state.check = check;
    state.ready = init();
    return state;
  }

  root.MailtactPane = { startPane, mount, state: null };
})(typeof globalThis !== "undefined" ? globalThis : this);
