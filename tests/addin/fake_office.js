/* A fake Office.js for tests: the subset of the Outlook compose API mailtact calls.
 * Configure with window.__fakeConfig = {subject, body, from, to, cc, bcc, attachments,
 * composeType, displayLanguage, bodyType} before this script runs; inspect window.__fakeOutlook. */
(function () {
  "use strict";
  const cfg = window.__fakeConfig || {};
  const state = window.__fakeOutlook = {
    subject: cfg.subject || "",
    body: cfg.body || "",
    bodyType: cfg.bodyType || "html",
    from: cfg.from || null,
    to: (cfg.to || []).slice(), cc: (cfg.cc || []).slice(), bcc: (cfg.bcc || []).slice(),
    attachments: (cfg.attachments || []).slice(),
    composeType: cfg.composeType || "reply",
    notifications: [], handlers: {}, associated: {}, calls: [],
  };
  const ok = (value) => ({ status: "succeeded", value });
  const cbOf = (args) => { for (let i = args.length - 1; i >= 0; i--) if (typeof args[i] === "function") return args[i]; return () => {}; };
  const later = (fn) => setTimeout(fn, 0);
  const asDetail = (a) => typeof a === "string" ? { displayName: a, emailAddress: a } :
    { displayName: a.displayName || a.name || a.emailAddress || a.address, emailAddress: a.emailAddress || a.address };

  function recipients(field) {
    return {
      getAsync(...args) { const cb = cbOf(args); later(() => cb(ok(state[field].map(asDetail)))); },
      addAsync(list, ...args) {
        const cb = cbOf(args);
        state.calls.push(["add", field, list]);
        state[field].push(...list.map(asDetail));
        later(() => { cb(ok()); fire("olkRecipientsChanged"); });
      },
      setAsync(list, ...args) { const cb = cbOf(args); state[field] = list.map(asDetail); later(() => cb(ok())); },
    };
  }

  function fire(type) {
    for (const h of state.handlers[type] || []) later(() => h({ type }));
  }

  const item = {
    itemType: "message",
    subject: {
      getAsync(...args) { const cb = cbOf(args); later(() => cb(ok(state.subject))); },
      setAsync(value, ...args) { const cb = cbOf(args); state.calls.push(["subject", value]); state.subject = value; later(() => cb(ok())); },
    },
    body: {
      getAsync(type, ...args) { const cb = cbOf(args); later(() => cb(ok(state.body))); },
      getTypeAsync(...args) { const cb = cbOf(args); later(() => cb(ok(state.bodyType))); },
      setAsync(value, ...args) { const cb = cbOf(args); state.calls.push(["setBody"]); state.body = value; later(() => cb(ok())); },
      prependAsync(value, ...args) { const cb = cbOf(args); state.calls.push(["prepend", value]); state.body = value + state.body; later(() => cb(ok())); },
    },
    to: recipients("to"), cc: recipients("cc"), bcc: recipients("bcc"),
    from: { getAsync(...args) { const cb = cbOf(args); later(() => cb(ok(state.from && asDetail(state.from)))); } },
    getAttachmentsAsync(...args) { const cb = cbOf(args); later(() => cb(ok(state.attachments.map((a, i) => ({ id: String(i), name: a.name, size: a.size || 1000, isInline: false }))))); },
    getComposeTypeAsync(...args) { const cb = cbOf(args); later(() => cb(ok({ composeType: state.composeType, coercionType: "html" }))); },
    notificationMessages: {
      replaceAsync(key, message, ...args) { const cb = cbOf(args); state.notifications.push(message); later(() => cb(ok())); },
    },
    addHandlerAsync(type, handler, ...args) {
      const cb = cbOf(args); (state.handlers[type] = state.handlers[type] || []).push(handler); later(() => cb(ok()));
    },
  };

  window.Office = {
    context: {
      mailbox: { item, userProfile: { displayName: "Olga Petrova", emailAddress: "olga@lmt.example" } },
      displayLanguage: cfg.displayLanguage || "en-US",
    },
    onReady(cb) { const info = { host: "Outlook", platform: "OfficeOnline" }; later(() => cb && cb(info)); return Promise.resolve(info); },
    CoercionType: { Html: "html", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { RecipientsChanged: "olkRecipientsChanged", AttachmentsChanged: "olkAttachmentsChanged" },
    MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage" } },
    actions: { associate(name, fn) { state.associated[name] = fn; } },
  };
  /* Send: call the associated OnMessageSend handler like Outlook does; resolves with the
   * options given to event.completed. */
  state.send = () => new Promise((resolve) => {
    state.associated.onMessageSendHandler({ type: "olkMessageSend", completed: (opts) => resolve(opts || {}) });
  });
  state.command = (name) => new Promise((resolve) => {
    state.associated[name]({ completed: (opts) => resolve(opts || {}) });
  });
})();
