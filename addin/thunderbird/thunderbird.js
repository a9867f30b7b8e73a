/* Thunderbird adapter: the only code that touches `messenger.*`. It gives the core its adapter
 * (createAdapter) and gives background.js, popup.js and options.js the few host services they
 * need (settings, send hook, menu, popup, notifications), so that tests fake exactly this API. */
(function (root) {
  "use strict";

  const DEFAULT_SERVER_URL = "https://localhost:3000";
  const MENU_ACK = "mailtact-insert-acknowledgement";
  // The server takes 2 MiB per request by default: a bigger original goes as a structured
  // message (headers and text) instead of its raw source with every attachment inside.
  const RAW_LIMIT_BYTES = 1024 * 1024;

  const api = () => root.messenger || root.browser;

  /* --- addresses -------------------------------------------------------------------------- */

  function recipients(value) {
    const list = Array.isArray(value) ? value : value ? [value] : [];
    // getComposeDetails gives "Name <addr>" strings; contact/list references need an address
    // book permission we do not ask for.
    return list.filter((r) => typeof r === "string" && r.trim());
  }

  function bareAddress(text) {
    const m = /<([^>]+)>\s*$/.exec(String(text));
    return (m ? m[1] : String(text)).trim().toLowerCase();
  }

  function mailbox(identity) {
    if (!identity || !identity.email) return null;
    return identity.name ? { name: identity.name, address: identity.email } : { address: identity.email };
  }

  const COMPOSE_TYPES = { reply: "reply", forward: "forward", redirect: "forward", new: "new" };

  /* --- bodies ----------------------------------------------------------------------------- */

  function escapeHtml(text) {
    return String(text).replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]));
  }

  function parseHtml(html) {
    return new DOMParser().parseFromString(String(html || ""), "text/html");
  }

  function serialize(doc) {
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
  }

  /* A plain-text body as HTML for the core: one <pre> (the newline after <pre> is eaten by the
   * parser, so one is added to keep a leading blank line). */
  function textToPre(text) {
    return `<pre>\n${escapeHtml(text || "")}</pre>`;
  }

  /* Back to plain text: exact for the <pre> we gave, readable for anything else. */
  function htmlToText(html) {
    const doc = parseHtml(html);
    const only = doc.body.children.length === 1 ? doc.body.firstElementChild : null;
    if (only && only.tagName === "PRE" && !doc.body.textContent.replace(only.textContent, "").trim()) {
      return only.textContent;
    }
    for (const br of doc.querySelectorAll("br")) br.replaceWith("\n");
    for (const p of doc.querySelectorAll("p, div")) p.append("\n\n");
    return doc.body.textContent.replace(/\n{3,}/g, "\n\n").trim();
  }

  /* --- the original message --------------------------------------------------------------- */

  async function sourceBytes(raw) {
    if (typeof raw === "string") return Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff);
    return new Uint8Array(await raw.arrayBuffer());
  }

  function decodeSource(bytes) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (err) {
      // 8-bit parts in a legacy charset: keep every byte as one character
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }

  function textPart(part, type) {
    if (!part) return null;
    if ((part.contentType || "").toLowerCase() === type && typeof part.body === "string" &&
        !(part.headers && /attachment/i.test(String(part.headers["content-disposition"] || "")))) {
      return part.body;
    }
    for (const child of part.parts || []) {
      const found = textPart(child, type);
      if (found !== null) return found;
    }
    return null;
  }

  async function structuredMessage(m, id) {
    const [header, full, attachments] = await Promise.all([
      m.messages.get(id),
      m.messages.getFull(id),
      m.messages.listAttachments ? m.messages.listAttachments(id).catch(() => []) : [],
    ]);
    const plain = textPart(full, "text/plain");
    const html = plain === null ? textPart(full, "text/html") : null;
    return {
      from: header.author || null,
      to: recipients(header.recipients),
      cc: recipients(header.ccList),
      subject: header.subject || "",
      date: header.date ? new Date(header.date).toISOString() : null,
      body: plain !== null ? plain : html || "",
      body_format: plain !== null ? "text" : "html",
      attachments: (attachments || []).map((a) => ({ name: a.name })),
    };
  }

  async function originalMessage(m, id) {
    const raw = await m.messages.getRaw(id);
    const size = typeof raw === "string" ? raw.length : raw.size;
    if (size > RAW_LIMIT_BYTES) return structuredMessage(m, id);
    return { raw: decodeSource(await sourceBytes(raw)) };
  }

  /* --- the adapter ------------------------------------------------------------------------ */

  function createAdapter(tabId, messenger) {
    const m = messenger || api();
    const details = () => m.compose.getComposeDetails(tabId);
    const set = (changes) => m.compose.setComposeDetails(tabId, changes);

    async function sender(d) {
      if (typeof d.from === "string" && d.from.trim()) return d.from;
      if (!d.identityId) return null;
      try {
        if (m.identities && m.identities.get) return mailbox(await m.identities.get(d.identityId));
        for (const account of await m.accounts.list(false)) {
          const found = (account.identities || []).find((i) => i.id === d.identityId);
          if (found) return mailbox(found);
        }
      } catch (err) { /* no identity: the server takes our side's domain from elsewhere */ }
      return null;
    }

    async function attachments() {
      try {
        const list = await m.compose.listAttachments(tabId);
        return (list || []).map((a) => (typeof a.size === "number" ? { name: a.name, size: a.size }
          : { name: a.name }));
      } catch (err) {
        return [];
      }
    }

    return {
      host: "thunderbird",
      displayLanguage: () => m.i18n.getUILanguage(),
      async getDraft() {
        const [d, files] = await Promise.all([details(), attachments()]);
        const plain = Boolean(d.isPlainText);
        const draft = {
          subject: d.subject || "",
          body: plain ? d.plainTextBody || "" : d.body || "",
          body_format: plain ? "text" : "html",
          to: recipients(d.to), cc: recipients(d.cc), bcc: recipients(d.bcc),
          attachments: files,
          compose_type: COMPOSE_TYPES[d.type] || null,
          sent_at: new Date().toISOString(),
        };
        const from = await sender(d);
        if (from) draft.from = from;
        return draft;
      },
      // The message being answered, whole: better than what survives in the quote.
      async getThread() {
        const d = await details();
        if (!d.relatedMessageId || !["reply", "forward", "redirect"].includes(d.type)) return [];
        try {
          return [await originalMessage(m, d.relatedMessageId)];
        } catch (err) {
          return []; // the server falls back to the quoted history
        }
      },
      setSubject: (text) => set({ subject: text }),
      async addRecipients(field, addresses) {
        const current = recipients((await details())[field]);
        const have = new Set(current.map(bareAddress));
        const added = addresses.filter((a) => !have.has(bareAddress(a)));
        return set({ [field]: current.concat(added) });
      },
      async getBodyHtml() {
        const d = await details();
        return d.isPlainText ? textToPre(d.plainTextBody) : d.body || "";
      },
      async setBodyHtml(html) {
        const d = await details();
        if (d.isPlainText) return set({ plainTextBody: htmlToText(html) });
        // keep the document's head (charset, styles): only the body's content changes
        const doc = parseHtml(d.body);
        doc.body.innerHTML = parseHtml(html).body.innerHTML;
        return set({ body: serialize(doc) });
      },
      async prependBody(html, text) {
        const d = await details();
        if (d.isPlainText) {
          return set({ plainTextBody: `${String(text || htmlToText(html)).trim()}\n\n${d.plainTextBody || ""}` });
        }
        const doc = parseHtml(d.body);
        doc.body.insertAdjacentHTML("afterbegin", html);
        return set({ body: serialize(doc) });
      },
      async notify(text) {
        try {
          await m.notifications.create(`mailtact-${Date.now()}`, {
            type: "basic",
            title: m.i18n.getMessage("extensionName") || "mailtact",
            message: String(text),
            iconUrl: m.runtime.getURL("icons/icon-64.png"),
          });
        } catch (err) { /* a missing notification must not break a send or a fix */ }
      },
      onChange(handler) {
        const mine = (tab) => tab && tab.id === tabId && handler();
        for (const name of ["onAttachmentAdded", "onAttachmentRemoved", "onIdentityChanged"]) {
          if (m.compose[name]) m.compose[name].addListener(mine);
        }
      },
    };
  }

  /* --- host services ---------------------------------------------------------------------- */

  /* "https://host[:port]" from what the user typed, or null. */
  function normalizeServerUrl(text) {
    let url;
    try {
      url = new URL(String(text || "").trim());
    } catch (err) {
      return null;
    }
    if (!["https:", "http:"].includes(url.protocol) || !url.hostname) return null;
    return (url.origin + url.pathname).replace(/\/+$/, "");
  }

  async function getServerUrl() {
    const stored = await api().storage.local.get({ serverUrl: DEFAULT_SERVER_URL });
    return normalizeServerUrl(stored.serverUrl) || DEFAULT_SERVER_URL;
  }

  function setServerUrl(url) {
    return api().storage.local.set({ serverUrl: url });
  }

  /* Ask for the right to call `url`. Call it first thing in a click handler: Thunderbird shows
   * the prompt only during a user action. Resolves to true when granted. */
  function grantOrigin(url) {
    const u = new URL(url);
    const origins = [`${u.protocol}//${u.hostname}/*`];
    try {
      return Promise.resolve(api().permissions.request({ origins })).catch(() => false);
    } catch (err) {
      return Promise.resolve(false);
    }
  }

  /* Short-lived state that must outlive a suspended event page but not Thunderbird itself. */
  const scratch = () => api().storage.session || api().storage.local;

  async function recall(key) {
    const stored = await scratch().get(key);
    return stored[key];
  }

  function remember(key, value) {
    return value === undefined ? scratch().remove(key) : scratch().set({ [key]: value });
  }

  /* The core's strings in `lang`, from the copy inside the extension (no server needed). */
  async function bundledStrings(lang) {
    const M = root.Mailtact;
    try {
      const r = await fetch(api().runtime.getURL(`i18n/${M.uiLanguage(lang)}.json`));
      if (r.ok) return Object.assign({}, M.FALLBACK_STRINGS, await r.json());
    } catch (err) { /* English will do */ }
    return Object.assign({}, M.FALLBACK_STRINGS);
  }

  /* handler(tab) -> Promise<{cancel}>; registered synchronously, as event pages require. */
  function onBeforeSend(handler) {
    api().compose.onBeforeSend.addListener((tab) => handler(tab));
  }

  function addAcknowledgeMenu(handler) {
    const m = api();
    m.runtime.onInstalled.addListener(() => {
      m.menus.create({ id: MENU_ACK, title: m.i18n.getMessage("menuInsertAcknowledgement"),
                       contexts: ["compose_action"] });
    });
    m.menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === MENU_ACK && tab) handler(tab.id);
    });
  }

  async function openPopup(windowId) {
    try {
      return await api().composeAction.openPopup(windowId ? { windowId } : undefined);
    } catch (err) {
      return false;
    }
  }

  async function activeComposeTabId() {
    const tabs = await api().tabs.query({ active: true, currentWindow: true });
    return tabs.length ? tabs[0].id : null;
  }

  function message(key) {
    return api().i18n.getMessage(key) || "";
  }

  /* Fill [data-i18n] elements of a page from _locales. */
  function localize(doc) {
    doc.documentElement.lang = api().i18n.getUILanguage();
    for (const node of doc.querySelectorAll("[data-i18n]")) {
      const text = message(node.dataset.i18n);
      if (text) node.textContent = text;
    }
  }

  function openOptions() {
    return api().runtime.openOptionsPage();
  }

  root.MailtactThunderbird = {
    DEFAULT_SERVER_URL, MENU_ACK, RAW_LIMIT_BYTES, createAdapter, normalizeServerUrl,
    getServerUrl, setServerUrl, grantOrigin, recall, remember, bundledStrings, onBeforeSend,
    addAcknowledgeMenu, openPopup, activeComposeTabId, message, localize, openOptions,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
