"""Shared Playwright setup: Debian's Chromium (never a downloaded browser), the fake Office.js
routed in place of Microsoft's CDN, and nothing else from outside loopback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FAKE_OFFICE = (Path(__file__).parent / "fake_office.js").read_text(encoding="utf-8")
OFFICE_URL = "https://appsforoffice.microsoft.com/**"
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def launch(playwright):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (`make test` installs it)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=["--no-sandbox", "--disable-gpu"])


def outlook_page(browser, config: dict, color_scheme: str = "light"):
    """A page whose Office is the fake, configured with `config` (subject, body, to, ...)."""
    context = browser.new_context(viewport={"width": 420, "height": 900},
                                  color_scheme=color_scheme)
    page = context.new_page()
    page.add_init_script(f"window.__fakeConfig = {json.dumps(config, ensure_ascii=False)};")
    page.route(OFFICE_URL, lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=FAKE_OFFICE))
    return page
