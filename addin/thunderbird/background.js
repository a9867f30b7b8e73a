/* The extension's event page: check each draft when the user presses Send, and insert an
 * acknowledgement from the compose button's menu. Host calls go through MailtactThunderbird. */
(function (root) {
  "use strict";
  const M = root.Mailtact;
  const T = root.MailtactThunderbird;
  const SEND_TIMEOUT_MS = 4000;
  const ACK_TIMEOUT_MS = 8000;
  // Like Outlook's soft block: pressing Send again on the same unchanged draft sends it, so a
  // false alarm never traps a mail.
  const OVERRIDE_MS = 10 * 60 * 1000;

  const blockKey = (tabId) => `blocked:${tabId}`;

  /* The draft as the server would see it, minus the clock. */
  function draftFingerprint(draft, thread) {
    return M.fingerprint({ draft: Object.assign({}, draft, { sent_at: null }), thread });
  }

  async function checkBeforeSend(tab) {
    try {
      const adapter = T.createAdapter(tab.id);
      // read the draft once: for the fingerprint and for the check
      const drafted = adapter.getDraft();
      const threaded = adapter.getThread();
      const once = Object.assign({}, adapter, { getDraft: () => drafted, getThread: () => threaded });
      const fingerprint = draftFingerprint(await drafted, await threaded);
      const last = await T.recall(blockKey(tab.id));
      if (last && last.fingerprint === fingerprint && Date.now() - last.at < OVERRIDE_MS) {
        await T.remember(blockKey(tab.id), undefined);
        return { cancel: false };
      }
      const [baseUrl, strings] = await Promise.all([
        T.getServerUrl(), T.bundledStrings(adapter.displayLanguage())]);
      const client = M.createClient({ baseUrl, timeoutMs: SEND_TIMEOUT_MS });
      const decision = await M.sendDecision(once, client, { timeoutMs: SEND_TIMEOUT_MS, strings });
      if (decision.allow) {
        await T.remember(blockKey(tab.id), undefined);
        return { cancel: false };
      }
      await T.remember(blockKey(tab.id), { fingerprint, at: Date.now() });
      await adapter.notify(`${decision.message}\n${T.message("sendAgainToOverride")}`);
      await T.openPopup(tab.windowId);
      return { cancel: true };
    } catch (err) {
      // fail open: never hold the user's mail because of us
      return { cancel: false };
    }
  }

  async function insertAcknowledgement(tabId) {
    const adapter = T.createAdapter(tabId);
    const strings = await T.bundledStrings(adapter.displayLanguage());
    try {
      const client = M.createClient({ baseUrl: await T.getServerUrl(), timeoutMs: ACK_TIMEOUT_MS });
      const request = await M.buildRequest(adapter);
      const ack = await client.acknowledge(request);
      await adapter.prependBody(ack.html, ack.text);
      const when = new Date(ack.eta).toLocaleString(M.uiLanguage(adapter.displayLanguage()),
        { weekday: "short", hour: "2-digit", minute: "2-digit" });
      await adapter.notify(M.format(strings.ack_inserted, { when }));
      return true;
    } catch (err) {
      const text = err instanceof M.ServerUnavailable ? strings.server_down : err.message;
      await adapter.notify(`${strings.ack_failed}: ${text}`);
      return false;
    }
  }

  T.onBeforeSend(checkBeforeSend);
  T.addAcknowledgeMenu(insertAcknowledgement);

  root.MailtactBackground = { checkBeforeSend, insertAcknowledgement, draftFingerprint };
})(typeof globalThis !== "undefined" ? globalThis : this);
