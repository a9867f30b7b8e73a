/* Outlook's command and event runtime: the "Insert acknowledgement" button and the Smart Alerts
 * OnMessageSend check. Classic Outlook loads this file alone (the JavaScript-only runtime), so the
 * server ships it as commands.bundle.js = core.js + outlook.js + this file, with its own URL. */
(function (root) {
  "use strict";
  const M = root.Mailtact;
  const { createOutlookAdapter } = root.MailtactOutlook;
  // Replaced with the server's public URL when the server sends commands.bundle.js.
  const SERVER_URL = "https://localhost:3000";
  const SEND_TIMEOUT_MS = 4000;
  const SEND_DEADLINE_MS = 5000;

  function serverUrl() {
    const origin = root.location && root.location.origin;
    return origin && origin !== "null" && /^https?:/.test(origin) ? origin : SERVER_URL;
  }

  async function strings(client, adapter) {
    try {
      return await client.strings(adapter.displayLanguage());
    } catch (err) {
      return Object.assign({}, M.FALLBACK_STRINGS);
    }
  }

  async function decide() {
    const adapter = createOutlookAdapter(root.Office);
    const client = M.createClient({ baseUrl: serverUrl(), timeoutMs: SEND_TIMEOUT_MS });
    const ui = await Promise.race([
      strings(client, adapter),
      new Promise((resolve) => setTimeout(() => resolve(Object.assign({}, M.FALLBACK_STRINGS)), 1000)),
    ]);
    const decision = await M.sendDecision(adapter, client, { timeoutMs: SEND_TIMEOUT_MS, strings: ui });
    return Object.assign({ ui }, decision);
  }

  async function onMessageSendHandler(event) {
    let decision = { allow: true };
    try {
      // One deadline for everything, reading the draft from Office included: a host call that
      // never answers must not hold the user's mail either.
      decision = await Promise.race([
        decide(),
        new Promise((resolve) => setTimeout(() => resolve({ allow: true, reason: "timeout" }),
                                            SEND_DEADLINE_MS)),
      ]);
    } catch (err) {
      decision = { allow: true, reason: "error" }; // fail open: never trap the user's mail
    }
    if (!decision.allow) {
      event.completed({
        allowEvent: false,
        errorMessage: decision.message,
        cancelLabel: decision.ui.open_pane,
        commandId: "msgComposeOpenPaneButton",
      });
      return;
    }
    event.completed({ allowEvent: true });
  }

  async function insertAcknowledgement(event) {
    const adapter = createOutlookAdapter(root.Office);
    const client = M.createClient({ baseUrl: serverUrl(), timeoutMs: 8000 });
    try {
      const ui = await strings(client, adapter);
      const request = await M.buildRequest(adapter);
      const ack = await client.acknowledge(request);
      await adapter.prependBody(ack.html, ack.text);
      const when = new Date(ack.eta).toLocaleString(M.uiLanguage(adapter.displayLanguage()),
        { weekday: "short", hour: "2-digit", minute: "2-digit" });
      await adapter.notify(M.format(ui.ack_inserted, { when }));
    } catch (err) {
      const text = err instanceof M.ServerUnavailable ? M.FALLBACK_STRINGS.server_down : err.message;
      await adapter.notify(`${M.FALLBACK_STRINGS.ack_failed}: ${text}`);
    } finally {
      if (event && event.completed) event.completed();
    }
  }

  root.MailtactCommands = { onMessageSendHandler, insertAcknowledgement };
  if (root.Office && root.Office.actions && root.Office.actions.associate) {
    root.Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
    root.Office.actions.associate("insertAcknowledgement", insertAcknowledgement);
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
