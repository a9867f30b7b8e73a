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

  async function onMessageSendHandler(event) {
    const adapter = createOutlookAdapter(root.Office);
    const client = M.createClient({ baseUrl: serverUrl(), timeoutMs: SEND_TIMEOUT_MS });
    let decision;
    try {
      const ui = await Promise.race([
        strings(client, adapter),
        new Promise((resolve) => setTimeout(() => resolve(Object.assign({}, M.FALLBACK_STRINGS)), 1000)),
      ]);
      decision = await M.sendDecision(adapter, client, { timeoutMs: SEND_TIMEOUT_MS, strings: ui });
      if (!decision.allow) {
        event.completed({
          allowEvent: false,
          errorMessage: decision.message,
          cancelLabel: ui.open_pane,
          commandId: "msgComposeOpenPaneButton",
        });
        return;
      }
    } catch (err) {
      // fail open: never trap the user's mail because of us
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
