/* Outlook adapter: the only code that touches Office.js. Used by the task pane and by the
 * event/command runtime (commands.js). */
(function (root) {
  "use strict";

  function asyncCall(target, method, ...args) {
    return new Promise((resolve, reject) => {
      target[method](...args, (result) => {
        if (result.status === "succeeded" || result.status === root.Office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
        } else {
          reject(new Error((result.error && result.error.message) || `${method} failed`));
        }
      });
    });
  }

  function address(detail) {
    if (!detail) return null;
    const name = detail.displayName && detail.displayName !== detail.emailAddress ? detail.displayName : "";
    return name ? { name, address: detail.emailAddress } : { address: detail.emailAddress };
  }

  function createOutlookAdapter(office) {
    const Office = office || root.Office;
    const item = () => Office.context.mailbox.item;
    const Html = Office.CoercionType.Html;

    async function composeType() {
      if (!item().getComposeTypeAsync) return null;
      try {
        const value = await asyncCall(item(), "getComposeTypeAsync");
        const kind = String((value && value.composeType) || "").toLowerCase();
        return kind === "newmail" ? "new" : kind || null;
      } catch (err) {
        return null;
      }
    }

    async function recipients(field) {
      const list = await asyncCall(item()[field], "getAsync");
      return (list || []).map(address).filter(Boolean);
    }

    return {
      host: "outlook",
      displayLanguage: () => Office.context.displayLanguage || "en-US",
      async getDraft() {
        const it = item();
        const [subject, body, to, cc, bcc, attachments, kind, from] = await Promise.all([
          asyncCall(it.subject, "getAsync"),
          asyncCall(it.body, "getAsync", Html),
          recipients("to"), recipients("cc"), recipients("bcc"),
          it.getAttachmentsAsync ? asyncCall(it, "getAttachmentsAsync").catch(() => []) : [],
          composeType(),
          it.from && it.from.getAsync ? asyncCall(it.from, "getAsync").catch(() => null) : null,
        ]);
        const draft = {
          subject: subject || "",
          body: body || "",
          body_format: "html",
          to, cc, bcc,
          attachments: (attachments || []).filter((a) => !a.isInline).map((a) => ({
            name: a.name, size: a.size })),
          compose_type: kind,
          sent_at: new Date().toISOString(),
        };
        const sender = address(from) || (Office.context.mailbox.userProfile && {
          name: Office.context.mailbox.userProfile.displayName,
          address: Office.context.mailbox.userProfile.emailAddress });
        if (sender && sender.address) draft.from = sender;
        return draft;
      },
      // Office's compose API gives no thread: the server recovers it from the quoted history.
      async getThread() { return []; },
      setSubject: (text) => asyncCall(item().subject, "setAsync", text),
      addRecipients: (field, addresses) => asyncCall(item()[field], "addAsync", addresses),
      getBodyHtml: () => asyncCall(item().body, "getAsync", Html),
      setBodyHtml: (html) => asyncCall(item().body, "setAsync", html, { coercionType: Html }),
      async prependBody(html, text) {
        const body = item().body;
        const type = body.getTypeAsync ? await asyncCall(body, "getTypeAsync").catch(() => "html")
          : "html";
        if (String(type).toLowerCase() === "text" && text) {
          return asyncCall(body, "prependAsync", `${text}\n\n`,
                           { coercionType: Office.CoercionType.Text });
        }
        return asyncCall(body, "prependAsync", html, { coercionType: Html });
      },
      notify(text) {
        const it = item();
        if (!it.notificationMessages) return Promise.resolve();
        return asyncCall(it.notificationMessages, "replaceAsync", "mailtact", {
          type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
          message: String(text).slice(0, 150),
          icon: "Icon.16x16",
          persistent: false,
        }).catch(() => undefined);
      },
      onChange(handler) {
        const it = item();
        for (const type of ["RecipientsChanged", "AttachmentsChanged"]) {
          if (Office.EventType[type] && it.addHandlerAsync) {
            it.addHandlerAsync(Office.EventType[type], handler, () => undefined);
          }
        }
      },
    };
  }

  root.MailtactOutlook = { createOutlookAdapter, asyncCall };

  // In the task pane: start when Office is ready.
  if (root.document && root.document.getElementById && root.MailtactPane && root.Office) {
    root.Office.onReady(() => {
      root.MailtactPane.startPane({ adapter: createOutlookAdapter(root.Office),
                                    baseUrl: root.location.origin });
    });
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
