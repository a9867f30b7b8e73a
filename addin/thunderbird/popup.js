/* The compose button's popup: the shared pane on the compose window it was opened from. */
(function (root) {
  "use strict";
  const T = root.MailtactThunderbird;

  async function start() {
    T.localize(document);
    document.getElementById("settings").addEventListener("click", () => T.openOptions());
    const [tabId, baseUrl] = await Promise.all([T.activeComposeTabId(), T.getServerUrl()]);
    document.getElementById("server").textContent = baseUrl;
    return root.MailtactPane.startPane({ adapter: T.createAdapter(tabId), baseUrl });
  }

  root.MailtactPopup = { ready: start() };
})(typeof globalThis !== "undefined" ? globalThis : this);
