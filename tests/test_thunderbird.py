"""The Thunderbird MailExtension: the built .xpi, and its background, popup and options pages in
real headless Chromium against a real `mailtact serve`. Only `messenger.*` is faked (FAKE_MESSENGER
below); the pages and scripts are served from the built .xpi itself."""

from __future__ import annotations

import json
import os
import re
import urllib.request
import zipfile
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from addin.thunderbird import build

from .conftest import free_port

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SHARED = ("core.js", "pane.js", "pane.css")
LANGS = ("en", "ru", "es")
TAB = 7
ORIGINAL_ID = 42

# The subset of Thunderbird's `messenger` API that thunderbird.js calls. Configure with
# window.__tbConfig = {tabId, details, attachments, messages, identities, storage, uiLanguage,
# locale}; inspect and drive through window.__tb (send, install, clickMenu, details, calls...).
FAKE_MESSENGER = r"""
(() => {
  "use strict";
  const cfg = window.__tbConfig || {};
  const clone = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));
  const tb = window.__tb = {
    details: clone(cfg.details || {}), attachments: clone(cfg.attachments || []),
    storage: clone(cfg.storage || {}), notifications: [], popups: [], menus: [], calls: [],
    listeners: {},
  };
  const event = (name) => ({
    addListener: (fn) => { (tb.listeners[name] = tb.listeners[name] || []).push(fn); },
    removeListener: () => {}, hasListener: () => false,
  });
  async function fire(name, ...args) {
    const out = [];
    for (const fn of tb.listeners[name] || []) out.push(await fn(...args));
    return out;
  }
  const tab = (id) => ({ id, windowId: 3, type: "messageCompose", active: true });
  function pick(all, keys) {
    if (keys === null || keys === undefined) return clone(all);
    const out = {};
    if (typeof keys === "string" || Array.isArray(keys)) {
      for (const k of [].concat(keys)) if (k in all) out[k] = clone(all[k]);
    } else {
      for (const [k, d] of Object.entries(keys)) out[k] = k in all ? clone(all[k]) : d;
    }
    return out;
  }
  function message(id) {
    const m = (cfg.messages || {})[String(id)];
    if (!m) throw new Error(`message ${id} not found`);
    return m;
  }
  function composeTab(tabId) {
    if (tabId !== cfg.tabId) throw new Error(`no compose tab ${tabId}`);
  }
  window.messenger = {
    compose: {
      async getComposeDetails(tabId) {
        composeTab(tabId);
        tb.calls.push(["getComposeDetails", tabId]);
        return clone(tb.details);
      },
      async setComposeDetails(tabId, changes) {
        composeTab(tabId);
        tb.calls.push(["setComposeDetails", tabId, clone(changes)]);
        Object.assign(tb.details, clone(changes));
      },
      async listAttachments(tabId) { composeTab(tabId); return clone(tb.attachments); },
      onBeforeSend: event("compose.onBeforeSend"),
      onAttachmentAdded: event("compose.onAttachmentAdded"),
      onAttachmentRemoved: event("compose.onAttachmentRemoved"),
      onIdentityChanged: event("compose.onIdentityChanged"),
    },
    messages: {
      // Manifest V3: the raw source comes as a DOM File
      async getRaw(id) {
        tb.calls.push(["getRaw", id]);
        return new File([message(id).raw], "message.eml", { type: "message/rfc822" });
      },
      async get(id) {
        tb.calls.push(["get", id]);
        const h = clone(message(id).header);
        return Object.assign(h, { id, date: new Date(h.date) });
      },
      async getFull(id) { tb.calls.push(["getFull", id]); return clone(message(id).full); },
      async listAttachments(id) { return clone(message(id).attachments || []); },
    },
    identities: { async get(id) { return clone((cfg.identities || {})[id] || null); } },
    accounts: { async list() { return []; } },
    storage: {
      local: {
        async get(keys) { return pick(tb.storage, keys); },
        async set(items) { Object.assign(tb.storage, clone(items)); },
        async remove(keys) { for (const k of [].concat(keys)) delete tb.storage[k]; },
      },
    },
    notifications: {
      async create(id, options) { tb.notifications.push(clone(options)); return id; },
    },
    i18n: {
      getUILanguage: () => cfg.uiLanguage || "en-US",
      getMessage: (key) => ((cfg.locale || {})[key] || {}).message || "",
    },
    runtime: {
      getURL: (path) => `${location.origin}/tb/${String(path).replace(/^\//, "")}`,
      onInstalled: event("runtime.onInstalled"),
      async openOptionsPage() { tb.calls.push(["openOptionsPage"]); },
    },
    menus: {
      create(props) { tb.menus.push(clone(props)); return props.id; },
      onClicked: event("menus.onClicked"),
    },
    composeAction: {
      async openPopup(options) { tb.popups.push(clone(options || {})); return true; },
    },
    tabs: { async query() { return [tab(cfg.tabId)]; } },
    permissions: {
      async request(p) { tb.calls.push(["permissions.request", clone(p)]); return true; },
    },
  };
  window.browser = window.messenger;
  // Thunderbird's side of the events
  tb.send = (tabId) => fire("compose.onBeforeSend", tab(tabId), clone(tb.details));
  tb.install = () => fire("runtime.onInstalled", { reason: "install" });
  tb.clickMenu = (menuItemId, tabId) => fire("menus.onClicked", { menuItemId }, tab(tabId));
  tb.setCalls = () => tb.calls.filter((c) => c[0] === "setComposeDetails");
})();
"""

CONTENT_TYPES = {".js": "text/javascript", ".html": "text/html", ".css": "text/css",
                 ".json": "application/json", ".png": "image/png"}


# --- the mail -------------------------------------------------------------------------------

def minutes_ago(minutes: int) -> datetime:
    # recent, so that no rule about reply times has a say in these tests
    return (datetime.now(UTC) - timedelta(minutes=minutes)).replace(microsecond=0)


def original_message() -> str:
    """Anna's message as Thunderbird stores it: encoded headers, an 8-bit UTF-8 body."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = "Анна Иванова <anna@client.example>"
    msg["To"] = "Ольга Петрова <olga@lmt.example>"
    msg["Subject"] = "Счёт за март"
    msg["Date"] = format_datetime(minutes_ago(20))
    msg["Message-ID"] = "<march-invoice@client.example>"
    msg.set_content("Добрый день!\n\nКогда будет готов счёт за март?\n\nАнна\n", cte="8bit")
    return msg.as_bytes().decode("utf-8")


HEAD = '<head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head>'
TB_QUOTE = ('<div class="moz-cite-prefix">20.11.2026 9:40, Анна Иванова пишет:<br></div>'
            '<blockquote type="cite">Добрый день!<br><br>Когда будет готов счёт за март?<br><br>'
            "Анна</blockquote>")
ANSWER = ("<p>Добрый день, Анна!</p><p>Спасибо за письмо. Счёт за март будет готов завтра "
          "к 12:00.</p><p>С уважением,<br>Ольга</p>")
NO_THANKS = ("<p>Добрый день, Анна!</p><p>Счёт за март будет готов завтра к 12:00.</p>"
             "<p>С уважением,<br>Ольга</p>")


def html_doc(body: str) -> str:
    return f"<!DOCTYPE html><html>{HEAD}<body>{body}</body></html>"


def ru_reply(subject: str = "Re: Счёт за март", body: str = ANSWER, **changes) -> dict:
    """Compose details of Olga's reply. No quote in the body: the thread can only come from
    messages.getRaw(relatedMessageId)."""
    details = {
        "identityId": "id1", "type": "reply", "relatedMessageId": ORIGINAL_ID,
        "subject": subject, "to": ["Анна Иванова <anna@client.example>"], "cc": [], "bcc": [],
        "isPlainText": False, "body": html_doc(body), "plainTextBody": "",
    }
    details.update(changes)
    return details


def config(xpi_dir: Path, details: dict, server_url: str, **extra) -> dict:
    lang = extra.pop("ui", "ru")
    locale = json.loads((xpi_dir / "_locales" / lang / "messages.json").read_text("utf-8"))
    return {
        "tabId": TAB, "details": details, "attachments": [],
        "messages": {str(ORIGINAL_ID): {"raw": original_message()}},
        "identities": {"id1": {"id": "id1", "name": "Ольга Петрова", "email": "olga@lmt.example"}},
        "storage": {"serverUrl": server_url}, "uiLanguage": f"{lang}-{lang.upper()}",
        "locale": locale, **extra,
    }


# --- the .xpi -------------------------------------------------------------------------------

class References(HTMLParser):
    """Local files a page loads (script src, stylesheet href)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        ref = a.get("src") if tag == "script" else a.get("href") if tag == "link" else None
        if ref and not re.match(r"^[a-z]+:", ref):
            self.found.append(ref)


def manifest_references(manifest: dict) -> list[str]:
    refs = list(manifest["background"]["scripts"])
    refs += list(manifest["icons"].values())
    action = manifest["compose_action"]
    refs += [action["default_popup"], *action["default_icon"].values()]
    refs.append(manifest["options_ui"]["page"])
    return refs


def test_xpi_contents(tmp_path):
    out = build.build(tmp_path / "mailtact.xpi")
    with zipfile.ZipFile(out) as xpi:
        assert xpi.testzip() is None
        names = set(xpi.namelist())
        assert xpi.namelist()[0] == "manifest.json"
        manifest = json.loads(xpi.read("manifest.json"))
        assert manifest["manifest_version"] == 3
        gecko = manifest["browser_specific_settings"]["gecko"]
        assert gecko["id"] and gecko["strict_min_version"] == "128.0"
        permissions = set(manifest["permissions"])
        assert {"compose", "messagesRead", "storage", "notifications"} <= permissions
        assert any("localhost" in p for p in manifest["host_permissions"])
        assert manifest["background"]["scripts"][-1] == "background.js"
        # every file the manifest and its pages name is inside
        refs = manifest_references(manifest)
        for page in [r for r in refs if r.endswith(".html")]:
            parser = References()
            parser.feed(xpi.read(page).decode("utf-8"))
            assert parser.found, page
            refs += parser.found
        assert not [r for r in refs if r not in names]
        # the shared core, byte for byte, and the pane's strings
        for name in SHARED:
            assert xpi.read(name) == (build.STATIC_DIR / name).read_bytes()
        assert {f"i18n/{lang}.json" for lang in LANGS} <= names
        # the manifest's strings in every language, with the same keys
        keys = set(re.findall(r"__MSG_(\w+)__", json.dumps(manifest)))
        assert manifest["default_locale"] == "en"
        seen = []
        for lang in LANGS:
            messages = json.loads(xpi.read(f"_locales/{lang}/messages.json"))
            assert keys <= set(messages), lang
            assert all(v["message"].strip() for v in messages.values()), lang
            seen.append(set(messages))
        assert seen[0] == seen[1] == seen[2]
    # the same sources give the same bytes
    assert build.build(tmp_path / "again.xpi").read_bytes() == out.read_bytes()


def test_build_command_line(tmp_path, capsys):
    assert build.main(["-o", str(tmp_path / "x.xpi")]) == 0
    assert (tmp_path / "x.xpi").exists() and "wrote" in capsys.readouterr().out


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def xpi_dir(tmp_path_factory):
    """The built extension, unpacked: what Thunderbird would load."""
    folder = tmp_path_factory.mktemp("xpi")
    with zipfile.ZipFile(build.build(folder / "mailtact.xpi")) as xpi:
        xpi.extractall(folder / "ext")
    return folder / "ext"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (`make test` installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(live_server):
    # load the language data once, so that no test meets a cold server inside the send timeout
    body = json.dumps({"draft": {"subject": "Re: Счёт", "body": "Анна, добрый день!"}}).encode()
    request = urllib.request.Request(live_server.url + "/api/v1/check", data=body,
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=60).read()
    return live_server


class Extension:
    """One page of the extension with a fake `messenger`; `checks` collects the requests the
    page sent to /api/v1/check."""

    def __init__(self, browser, xpi_dir: Path, server, cfg: dict):
        self.context = browser.new_context(viewport={"width": 420, "height": 900})
        self.page = self.context.new_page()
        self.base = f"{server.url}/tb/"
        self.checks: list[dict] = []
        self.xpi_dir = xpi_dir
        self.manifest = json.loads((xpi_dir / "manifest.json").read_text("utf-8"))
        self.page.add_init_script(f"window.__tbConfig = {json.dumps(cfg, ensure_ascii=False)};")
        self.page.add_init_script(FAKE_MESSENGER)
        self.page.route(f"{server.url}/tb/**", self._serve)
        self.page.route(f"{server.url}/api/v1/check", self._record)

    def _serve(self, route):
        name = urlparse(route.request.url).path[len("/tb/"):]
        if name == "background.html":
            # Thunderbird runs the manifest's background scripts in a page of its own
            scripts = "".join(f'<script src="{s}"></script>'
                              for s in self.manifest["background"]["scripts"])
            route.fulfill(status=200, content_type="text/html",
                          body=f"<!doctype html><meta charset='utf-8'>{scripts}")
            return
        path = self.xpi_dir / name
        if not path.is_file():
            route.fulfill(status=404, body="not in the xpi")
            return
        route.fulfill(status=200, body=path.read_bytes(),
                      content_type=CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

    def _record(self, route):
        self.checks.append(route.request.post_data_json)
        route.continue_()

    def open(self, page: str, ready: str):
        self.page.goto(self.base + page)
        self.page.wait_for_function(ready)
        return self

    def tb(self, expression: str):
        return self.page.evaluate(f"(async () => {{ {expression} }})()")

    def close(self):
        self.context.close()


@pytest.fixture
def extension(browser, xpi_dir, server):
    opened = []

    def open_(page: str, details: dict, server_url: str | None = None, **extra) -> Extension:
        cfg = config(xpi_dir, details, server_url or server.url, **extra)
        ext = Extension(browser, xpi_dir, server, cfg)
        opened.append(ext)
        ready = {"background.html": "window.MailtactBackground",
                 "popup.html": "window.MailtactPane && MailtactPane.state && "
                               "MailtactPane.state.renders > 0",
                 "options.html": "document.querySelector('#server-url').value"}[page]
        return ext.open(page, ready)

    yield open_
    for ext in opened:
        ext.close()


@pytest.mark.browser
def test_send_is_stopped_on_an_error_with_the_thread_from_get_raw(extension):
    ext = extension("background.html", ru_reply(subject="Re: Документы"))
    assert ext.tb("return __tb.send(7)") == [{"cancel": True}]
    # the request: Thunderbird's draft, and Anna's message whole, from getRaw
    (request,) = ext.checks
    draft = request["draft"]
    assert draft["subject"] == "Re: Документы" and draft["body_format"] == "html"
    assert draft["from"] == {"name": "Ольга Петрова", "address": "olga@lmt.example"}
    assert draft["to"] == ["Анна Иванова <anna@client.example>"]
    assert draft["compose_type"] == "reply" and request["ui_language"] == "ru"
    (original,) = request["thread"]
    assert set(original) == {"raw"} and "Когда будет готов счёт за март?" in original["raw"]
    assert ["getRaw", ORIGINAL_ID] in ext.tb("return __tb.calls")
    # the user is told why, and the pane opens on the compose window
    (note,) = ext.tb("return __tb.notifications")
    assert "Re: Счёт за март" in note["message"]
    assert ext.tb("return __tb.popups") == [{"windowId": 3}]
    # Send again on the unchanged draft: the user has decided, the mail goes
    assert ext.tb("return __tb.send(7)") == [{"cancel": False}]
    assert len(ext.checks) == 1
    # a later attempt is checked again; once the subject is restored it passes
    assert ext.tb("return __tb.send(7)") == [{"cancel": True}]
    ext.tb("__tb.details.subject = 'Re: Счёт за март'")
    assert ext.tb("return __tb.send(7)") == [{"cancel": False}]


@pytest.mark.browser
def test_send_goes_through_with_only_warnings(extension, server):
    ext = extension("background.html", ru_reply(body=NO_THANKS))
    assert ext.tb("return __tb.send(7)") == [{"cancel": False}]
    assert len(ext.checks) == 1
    assert ext.tb("return __tb.notifications") == []
    assert ext.tb("return __tb.popups") == []
    # the server did find the warning: the draft was checked, not waved through
    request = urllib.request.Request(server.url + "/api/v1/check",
                                     data=json.dumps(ext.checks[0]).encode(),
                                     headers={"Content-Type": "application/json"})
    response = json.loads(urllib.request.urlopen(request, timeout=30).read())
    assert response["summary"]["warning"] >= 1 and response["summary"]["error"] == 0


@pytest.mark.browser
def test_send_fails_open_when_the_server_is_down(extension):
    closed = f"http://127.0.0.1:{free_port()}"
    ext = extension("background.html", ru_reply(subject="Re: Документы"), server_url=closed)
    assert ext.tb("return __tb.send(7)") == [{"cancel": False}]
    assert ext.tb("return __tb.notifications") == []


@pytest.mark.browser
def test_menu_inserts_an_acknowledgement_naming_the_client(extension):
    ext = extension("background.html", ru_reply(body="<p><br></p>" + TB_QUOTE))
    ext.tb("await __tb.install()")
    (menu,) = ext.tb("return __tb.menus")
    assert menu["contexts"] == ["compose_action"] and menu["title"] == "Вставить подтверждение"
    ext.tb(f"__tb.clickMenu({json.dumps(menu['id'])}, 7)")
    ext.page.wait_for_function("__tb.setCalls().length > 0")
    body = ext.tb("return __tb.details.body")
    ack = body.split('class="moz-cite-prefix"')[0]
    assert "Анна" in ack and "получили" in ack
    assert '<meta http-equiv="content-type"' in body  # the head survives
    assert "Когда будет готов счёт за март?" in body  # and so does the quote
    assert len(ext.tb("return __tb.notifications")) == 1


@pytest.mark.browser
def test_acknowledgement_in_a_plain_text_reply(extension):
    quote = "\n\n20.11.2026 9:40, Анна Иванова пишет:\n> Когда будет готов счёт за март?\n"
    details = ru_reply(isPlainText=True, body="", plainTextBody=quote)
    ext = extension("background.html", details)
    assert ext.tb("return MailtactBackground.insertAcknowledgement(7)") is True
    text = ext.tb("return __tb.details.plainTextBody")
    assert text.startswith("Анна") and "<" not in text
    assert text.endswith(quote)


@pytest.mark.browser
def test_popup_shows_findings_applies_fixes_and_acknowledges(extension):
    ext = extension("popup.html", ru_reply(subject="Re: Документы", body="<p><br></p>" + TB_QUOTE))
    rules = ext.page.eval_on_selector_all("li.finding", "els => els.map(e => e.dataset.rule)")
    assert "subject-changed" in rules
    ARTIFACTS.mkdir(exist_ok=True)
    ext.page.screenshot(path=str(ARTIFACTS / "thunderbird-popup-ru.png"), full_page=True)
    assert ext.page.locator("#ack").inner_text() == "Вставить подтверждение"
    assert ext.page.locator("#settings").inner_text() == "Настройки сервера"
    ext.page.click("li.finding[data-rule=subject-changed] button.fix")
    ext.page.wait_for_function("__tb.details.subject === 'Re: Счёт за март'")
    ext.page.wait_for_function("!document.querySelector('li.finding[data-rule=subject-changed]')")
    ext.page.select_option("#eta", "tomorrow")
    ext.page.click("#ack")
    ext.page.wait_for_function("/получили/.test(__tb.details.body)")
    body = ext.tb("return __tb.details.body")
    assert "завтра" in body.split('class="moz-cite-prefix"')[0]
    ext.page.click("#settings")
    assert ["openOptionsPage"] in ext.tb("return __tb.calls")


@pytest.mark.browser
def test_a_huge_original_goes_as_a_structured_message(extension):
    sent = minutes_ago(20)
    big = {
        "raw": "X" * (1024 * 1024 + 10),
        "header": {"author": "Анна Иванова <anna@client.example>",
                   "recipients": ["olga@lmt.example"], "ccList": ["boris@client.example"],
                   "subject": "Счёт за март", "date": sent.isoformat()},
        "full": {"contentType": "multipart/mixed", "parts": [
            {"contentType": "text/plain", "body": "Когда будет готов счёт за март?"},
            {"contentType": "application/pdf", "name": "scan.pdf",
             "headers": {"content-disposition": ["attachment"]}}]},
        "attachments": [{"name": "scan.pdf", "size": 5_000_000}],
    }
    ext = extension("background.html", ru_reply(subject="Re: Документы"),
                    messages={str(ORIGINAL_ID): big})
    assert ext.tb("return __tb.send(7)") == [{"cancel": True}]
    (original,) = ext.checks[0]["thread"]
    assert original["subject"] == "Счёт за март" and original["cc"] == ["boris@client.example"]
    assert original["body"] == "Когда будет готов счёт за март?"
    assert original["attachments"] == [{"name": "scan.pdf"}]
    assert original["date"] == sent.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@pytest.mark.browser
def test_options_keep_the_server_url(extension, server):
    ext = extension("options.html", ru_reply(), server_url=None, storage={}, ui="en")
    assert ext.page.input_value("#server-url") == "https://localhost:3000"
    ext.page.screenshot(path=str(ARTIFACTS / "thunderbird-options-en.png"))
    ext.page.fill("#server-url", "ftp://nope")
    ext.page.click("#save")
    assert "https://" in ext.page.inner_text("#status")
    assert ext.tb("return __tb.storage") == {}
    ext.page.fill("#server-url", " https://mailtact.example.com:8443/ ")
    ext.page.click("#save")
    ext.page.wait_for_function("__tb.storage.serverUrl")
    assert ext.tb("return __tb.storage") == {"serverUrl": "https://mailtact.example.com:8443"}
    assert ["permissions.request", {"origins": ["https://mailtact.example.com/*"]}] in \
        ext.tb("return __tb.calls")
    assert ext.page.inner_text("#status") == "Saved."
    # the connection test calls the server's health check
    ext.page.fill("#server-url", server.url)
    ext.page.click("#test")
    ext.page.wait_for_function("document.querySelector('#status').className.includes('ok')")


@pytest.mark.browser
def test_fixes_in_a_plain_text_reply_stay_plain_text(extension):
    text = "Добрый день, Анна!\n\nСчёт за март будет готов завтра к 12:00.\n\nС уважением,\nОльга\n"
    ext = extension("popup.html", ru_reply(isPlainText=True, body="", plainTextBody=text))
    assert ext.checks[0]["draft"]["body_format"] == "text"
    ext.page.click("li.finding[data-rule=missing-thanks] button.fix")
    ext.page.wait_for_function("/Спасибо/.test(__tb.details.plainTextBody)")
    fixed = ext.tb("return __tb.details.plainTextBody")
    assert "<" not in fixed and "&" not in fixed
    assert fixed.startswith("Добрый день, Анна!\n\n") and fixed.endswith("С уважением,\nОльга\n")
