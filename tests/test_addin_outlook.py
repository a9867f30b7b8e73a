"""The Outlook add-in in real headless Chromium against a real `mailtact serve`; only Office.js
is faked (tests/addin/fake_office.js)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from .addin.browser import ARTIFACTS, launch, outlook_page
from .conftest import RunningServer

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

THREAD_HTML = (
    '<div id="divRplyFwdMsg"><hr><b>От:</b> Анна Иванова &lt;anna@client.example&gt;<br>'
    "<b>Отправлено:</b> 20 ноября 2026 г. 9:40<br>"
    "<b>Кому:</b> Ольга Петрова &lt;olga@lmt.example&gt;<br>"
    "<b>Копия:</b> Борис Смирнов &lt;boris@client.example&gt;<br>"
    "<b>Тема:</b> Счёт за март</div>"
    "<div><p>Добрый день! Пришлите, пожалуйста, счёт за март.</p><p>Анна</p></div>"
)
RU_REPLY = {
    "subject": "Счёт",
    "body": "<p>Анна, добрый день!</p><p>Счёт во вложении.</p><p>Всего доброго,<br>Ольга</p>"
            + THREAD_HTML,
    "from": {"displayName": "Ольга Петрова", "emailAddress": "olga@lmt.example"},
    "to": [{"displayName": "Анна Иванова", "emailAddress": "anna@client.example"}],
    "attachments": [{"name": "Счёт_март.pdf"}],
    "displayLanguage": "ru-RU",
}
# The client wrote ten minutes ago (the pane sends "now" as sent_at; an old date is a slow reply).
_ASKED = datetime.now(timezone.utc) - timedelta(minutes=10)
EN_CLEAN = {
    "subject": "Re: March invoice",
    "body": "<p>Hello Anna,</p><p>Thank you for your question. The invoice is attached.</p>"
            "<p>Best regards,<br>Olga</p>"
            '<div class="gmail_quote"><div>On '
            + _ASKED.strftime("%a, %b %d, %Y at %H:%M") + " +0000 Anna Smith "
            "&lt;anna@client.example&gt; wrote:</div><blockquote>Hello Olga, could you send the "
            "March invoice?<br>Anna</blockquote></div>",
    "from": {"displayName": "Olga Petrova", "emailAddress": "olga@lmt.example"},
    "to": [{"displayName": "Anna Smith", "emailAddress": "anna@client.example"}],
    "attachments": [{"name": "invoice-march.pdf"}],
    "displayLanguage": "en-US",
}


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def _open_pane(browser, server, config, scheme="light"):
    page = outlook_page(browser, config, scheme)
    page.goto(f"{server.url}/addin/taskpane.html")
    page.wait_for_function("window.MailtactPane && MailtactPane.state && MailtactPane.state.renders > 0")
    return page


def _rules(page):
    return page.eval_on_selector_all("li.finding", "els => els.map(e => e.dataset.rule)")


def test_russian_reply_shows_subject_cc_and_thanks(browser, live_server):
    page = _open_pane(browser, live_server, RU_REPLY)
    rules = _rules(page)
    assert {"subject-changed", "reply-all", "missing-thanks"} <= set(rules), rules
    # the UI is Russian for a Russian host
    assert page.locator("#ack").inner_text() == "Вставить подтверждение"
    assert page.locator("button.fix").first.inner_text() == "Исправить"
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert not page.locator("#offline").is_visible()  # the server is up: no alarm
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pane-ru.png"), full_page=True)
    page.context.close()


def test_fix_buttons_change_the_item(browser, live_server):
    page = _open_pane(browser, live_server, RU_REPLY)
    page.click("li.finding[data-rule=subject-changed] button.fix")
    page.wait_for_function("window.__fakeOutlook.subject !== 'Счёт'")
    assert "Счёт за март" in page.evaluate("window.__fakeOutlook.subject")
    page.click("li.finding[data-rule=reply-all] button.fix")
    page.wait_for_function("window.__fakeOutlook.cc.length > 0")
    assert "boris@client.example" in [c["emailAddress"] for c in page.evaluate("window.__fakeOutlook.cc")]
    page.click("li.finding[data-rule=missing-thanks] button.fix")
    page.wait_for_function("/Спасибо|Благодар/.test(window.__fakeOutlook.body)")
    # the quoted history is still there, untouched
    assert "Пришлите, пожалуйста, счёт за март" in page.evaluate("window.__fakeOutlook.body")
    # after the fixes, the pane re-checks and those findings are gone
    page.wait_for_function(
        "!document.querySelector('li.finding[data-rule=subject-changed]') && "
        "!document.querySelector('li.finding[data-rule=reply-all]') && "
        "!document.querySelector('li.finding[data-rule=missing-thanks]')", timeout=10000)
    page.context.close()


def test_acknowledgement_button_inserts_text_naming_the_client(browser, live_server):
    config = {**RU_REPLY, "body": "<p><br></p>" + THREAD_HTML}
    page = _open_pane(browser, live_server, config)
    page.select_option("#eta", "tomorrow")
    page.click("#ack")
    page.wait_for_function("window.__fakeOutlook.calls.some(c => c[0] === 'prepend')")
    body = page.evaluate("window.__fakeOutlook.body")
    assert "Анна" in body.split("divRplyFwdMsg")[0]
    assert "завтра до 18:00" in body
    assert page.evaluate("window.__fakeOutlook.notifications.length") >= 1
    page.context.close()


def test_english_host_gets_english_ui_and_clean_draft(browser, live_server):
    page = _open_pane(browser, live_server, EN_CLEAN)
    assert page.locator("#ack").inner_text() == "Insert acknowledgement"
    loud = page.eval_on_selector_all("li.finding.error, li.finding.warning",
                                     "els => els.map(e => e.dataset.rule)")
    assert loud == []
    assert page.locator("ol.questions li.answered").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pane-en.png"), full_page=True)
    page.context.close()


def test_dark_mode_screenshot(browser, live_server):
    page = _open_pane(browser, live_server, RU_REPLY, scheme="dark")
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(255, 255, 255)"
    page.screenshot(path=str(ARTIFACTS / "pane-ru-dark.png"), full_page=True)
    page.context.close()


def test_keyboard_reaches_the_fix_buttons(browser, live_server):
    page = _open_pane(browser, live_server, RU_REPLY)
    focused = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement && document.activeElement.className"))
    assert "fix" in focused and "primary" in focused
    page.context.close()


def _commands_page(browser, server, config):
    page = outlook_page(browser, config)
    page.goto(f"{server.url}/addin/commands.html")
    page.wait_for_function("!!(window.__fakeOutlook && window.__fakeOutlook.associated.onMessageSendHandler)")
    return page


def test_send_is_blocked_on_an_error(browser, live_server):
    page = _commands_page(browser, live_server, RU_REPLY)
    result = page.evaluate("window.__fakeOutlook.send()")
    assert result["allowEvent"] is False
    assert len(result["errorMessage"]) <= 500
    assert "mailtact" in result["errorMessage"]
    assert result["commandId"] == "msgComposeOpenPaneButton"
    page.context.close()


def test_send_goes_with_warnings_only(browser, live_server):
    config = {**EN_CLEAN, "body": "<p>Hello Anna,</p><p>The invoice is attached.</p>"
                                  "<p>Best regards,<br>Olga</p>"}  # no thanks: a warning only
    page = _commands_page(browser, live_server, config)
    result = page.evaluate("window.__fakeOutlook.send()")
    assert result["allowEvent"] is True
    page.context.close()


def test_send_goes_when_the_server_is_down(browser, tmp_path):
    server = RunningServer(tmp_path)
    page = _commands_page(browser, server, RU_REPLY)
    server.stop()
    result = page.evaluate("window.__fakeOutlook.send()")
    assert result["allowEvent"] is True
    page.context.close()


def test_unchanged_draft_is_not_sent_again(browser, live_server):
    page = _open_pane(browser, live_server, RU_REPLY)
    page.wait_for_timeout(4500)  # two polling periods
    assert page.evaluate("MailtactPane.state.checks") == 1
    page.evaluate("window.__fakeOutlook.subject = 'Счёт за март, исправленный'")
    page.wait_for_function("MailtactPane.state.checks === 2", timeout=5000)
    page.context.close()


def test_pane_says_plainly_when_the_server_is_down(browser, tmp_path):
    server = RunningServer(tmp_path)
    page = _open_pane(browser, server, RU_REPLY)
    assert not page.locator("#offline").is_visible()
    page.evaluate("clearInterval(MailtactPane.state.timer)")
    server.stop()
    page.evaluate("MailtactPane.state.check(true)")
    page.wait_for_selector("#offline", state="visible", timeout=10000)
    assert "недоступен" in page.locator("#offline").inner_text()
    page.context.close()


def test_ribbon_acknowledgement_command(browser, live_server):
    config = {**RU_REPLY, "body": "<p><br></p>" + THREAD_HTML}
    page = _commands_page(browser, live_server, config)
    page.evaluate("window.__fakeOutlook.command('insertAcknowledgement')")
    body = page.evaluate("window.__fakeOutlook.body")
    assert "Анна" in body.split("divRplyFwdMsg")[0]
    page.context.close()


def test_send_goes_when_office_never_answers(browser, live_server):
    page = _commands_page(browser, live_server, RU_REPLY)
    # Office's body read never calls back: the handler's own deadline lets the mail go.
    page.evaluate("Office.context.mailbox.item.body.getAsync = () => {}")
    result = page.evaluate("window.__fakeOutlook.send()")
    assert result["allowEvent"] is True
    page.context.close()
