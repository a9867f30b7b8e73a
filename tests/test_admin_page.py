"""The admin page in real Chromium against a real server: sign in, switch a rule off, change a
severity, see the audit log; wrong tokens are told so; Russian page."""

from __future__ import annotations

import json
import urllib.request

import pytest

from .addin.browser import ARTIFACTS, launch
from .conftest import ADMIN_TOKEN

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def page_factory():
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        yield lambda: browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
        browser.close()


def _rule(server, rule_id):
    with urllib.request.urlopen(f"{server.url}/api/v1/rules") as response:
        rules = json.load(response)["rules"]
    return next(r for r in rules if r["id"] == rule_id)


def test_sign_in_toggle_and_audit(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server.url}/admin?lang=en")
    page.fill("#token", "wrong")
    page.click("#login button")
    page.wait_for_selector("#login-error", state="visible")
    assert "Wrong token" in page.inner_text("#login-error")
    page.fill("#token", ADMIN_TOKEN)
    page.click("#login button")
    page.wait_for_selector("article.rule[data-rule=missing-closing]")
    was = _rule(live_server, "missing-closing")["enabled"]
    page.click("article.rule[data-rule=missing-closing] input[role=switch]")
    page.wait_for_selector("#audit tbody tr")
    assert _rule(live_server, "missing-closing")["enabled"] is (not was)
    page.select_option("article.rule[data-rule=missing-greeting] select", "warning")
    page.wait_for_function("document.querySelectorAll('#audit tbody tr').length >= 2")
    assert _rule(live_server, "missing-greeting")["severity"] == "warning"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-en.png"))
    # restore for the other tests sharing the server
    page.click("article.rule[data-rule=missing-closing] input[role=switch]")
    page.select_option("article.rule[data-rule=missing-greeting] select", "info")
    page.wait_for_function("document.querySelectorAll('#audit tbody tr').length >= 4")
    page.context.close()


def test_russian_admin_page(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server.url}/admin?lang=ru")
    page.wait_for_function("document.querySelector('#login button').textContent === 'Войти'")
    page.fill("#token", ADMIN_TOKEN)
    page.click("#login button")
    page.wait_for_selector("article.rule[data-rule=reply-all]")
    assert "Отвечайте всем" in page.inner_text("article.rule[data-rule=reply-all]")
    page.context.close()
