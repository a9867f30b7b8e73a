/* The demo host: a form on this page plays the compose window (an adapter like Outlook's). */
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const list = (value) => value.split(/[;,]\s*(?=[^,;]*@)/).map((s) => s.trim()).filter(Boolean);
  let handler = null;

  const adapter = {
    host: "demo",
    displayLanguage: () => new URLSearchParams(location.search).get("lang") || navigator.language,
    async getDraft() {
      return {
        from: $("#d-from").value, to: list($("#d-to").value), cc: list($("#d-cc").value),
        subject: $("#d-subject").value, body: $("#d-body").innerHTML, body_format: "html",
        compose_type: "reply", sent_at: new Date().toISOString(),
      };
    },
    async getThread() { return []; },
    async setSubject(text) { $("#d-subject").value = text; },
    async addRecipients(field, addresses) {
      const input = $(`#d-${field}`);
      input.value = [...list(input.value), ...addresses].join(", ");
    },
    async getBodyHtml() { return $("#d-body").innerHTML; },
    async setBodyHtml(html) { $("#d-body").innerHTML = html; },
    async prependBody(html) { $("#d-body").innerHTML = html + $("#d-body").innerHTML; },
    async notify() {},
    onChange(fn) { handler = fn; },
  };

  async function load(lang) {
    const sample = await fetch(`samples/${lang}.json`).then((r) => r.json());
    for (const key of ["from", "to", "cc", "subject"]) $(`#d-${key}`).value = sample[key];
    $("#d-body").innerHTML = sample.body;
    if (handler) handler();
  }

  for (const button of document.querySelectorAll("[data-sample]")) {
    button.addEventListener("click", () => load(button.dataset.sample));
  }
  for (const id of ["#d-to", "#d-cc", "#d-subject", "#d-from"]) {
    $(id).addEventListener("change", () => handler && handler());
  }
  const lang = Mailtact.uiLanguage(adapter.displayLanguage());
  load(lang).then(() => MailtactPane.startPane({ adapter, baseUrl: location.origin.replace(/\/$/, "") }));
})();
