/* Options: the mailtact server's URL, kept in storage.local. */
(function (root) {
  "use strict";
  const T = root.MailtactThunderbird;
  const $ = (sel) => document.querySelector(sel);

  function say(key, kind) {
    const node = $("#status");
    node.textContent = T.message(key);
    node.className = `status ${kind || ""}`;
  }

  async function reachable(url) {
    try {
      const r = await fetch(`${url}/healthz`, { cache: "no-store" });
      return r.ok;
    } catch (err) {
      return false;
    }
  }

  function onSave(event) {
    event.preventDefault();
    const url = T.normalizeServerUrl($("#server-url").value);
    if (!url) return say("optionsInvalidUrl", "error");
    // ask first, while this is still the user's click
    const granted = T.grantOrigin(url);
    return (async () => {
      $("#server-url").value = url;
      await T.setServerUrl(url);
      say((await granted) ? "optionsSaved" : "optionsPermissionDenied", (await granted) ? "ok" : "error");
    })();
  }

  async function onTest() {
    const url = T.normalizeServerUrl($("#server-url").value);
    if (!url) return say("optionsInvalidUrl", "error");
    say("optionsTesting", "busy");
    const ok = await reachable(url);
    return say(ok ? "optionsReachable" : "optionsUnreachable", ok ? "ok" : "error");
  }

  async function start() {
    T.localize(document);
    $("#server-url").value = await T.getServerUrl();
    $("#form").addEventListener("submit", onSave);
    $("#test").addEventListener("click", onTest);
  }

  root.MailtactOptions = { ready: start() };
})(typeof globalThis !== "undefined" ? globalThis : this);
