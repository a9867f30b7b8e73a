"""The Outlook manifest: well-formed, every resid resolves, every URL https and served from
addin/static, Smart Alerts wired to an associated handler, strings localized; the runtime bundle
is fresh; `mailtact manifest` and /manifest.xml carry the deployment URL."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

import addin
from addin.build import bundle_text
from engine.cli import main as cli_main

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "v10": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v11": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def root():
    return ET.parse(addin.MANIFEST).getroot()


def _all_urls(text: str) -> list[str]:
    return re.findall(r'(?:DefaultValue|Value)="(https?://[^"]+)"|<AppDomain>([^<]+)<', text)


def test_well_formed_mail_app(root):
    assert root.get(XSI_TYPE) == "MailApp"
    assert root.find("o:Hosts/o:Host", NS).get("Name") == "Mailbox"
    overrides = root.find("v10:VersionOverrides/v11:VersionOverrides", NS)
    assert overrides is not None
    sets = overrides.find("v11:Requirements/bt:Sets", NS)
    major, minor = sets.get("DefaultMinVersion").split(".")
    assert (int(major), int(minor)) >= (1, 12)  # Smart Alerts


def test_every_resid_resolves(root):
    text = addin.MANIFEST.read_text(encoding="utf-8")
    ids = set(re.findall(r'<bt:(?:Image|Url|String) id="([^"]+)"', text))
    used = set(re.findall(r'resid="([^"]+)"', text))
    assert used and used <= ids, used - ids


def test_every_url_is_https_and_its_file_exists():
    text = addin.MANIFEST.read_text(encoding="utf-8")
    urls = [a or b for a, b in _all_urls(text)]
    assert urls
    for url in urls:
        assert url.startswith("https://"), url
        if "/addin/" in url:
            name = url.split("/addin/", 1)[1]
            assert (addin.STATIC_DIR / name).is_file(), url


def test_icons_exist_in_every_size():
    for size in (16, 32, 64, 80, 128):
        data = (addin.STATIC_DIR / "assets" / f"icon-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)


def test_compose_buttons_and_send_event(root):
    text = addin.MANIFEST.read_text(encoding="utf-8")
    assert 'xsi:type="MessageComposeCommandSurface"' in text
    assert '<Action xsi:type="ShowTaskpane">' in text
    assert "<FunctionName>insertAcknowledgement</FunctionName>" in text
    event = re.search(r'<LaunchEvent Type="OnMessageSend" FunctionName="(\w+)" SendMode="(\w+)"',
                      text)
    assert event and event.group(2) in ("SoftBlock", "PromptUser")
    assert 'Override type="javascript" resid="JSRuntime.Url"' in text
    commands = (addin.STATIC_DIR / "commands.js").read_text(encoding="utf-8")
    for handler in (event.group(1), "insertAcknowledgement"):
        assert f'associate("{handler}"' in commands
    # the Smart Alerts dialog's button opens the pane by the control's id
    assert 'commandId: "msgComposeOpenPaneButton"' in commands
    assert 'id="msgComposeOpenPaneButton"' in text


def test_strings_are_localized():
    text = addin.MANIFEST.read_text(encoding="utf-8")
    for string_id in ("CheckButton.Label", "AckButton.Label", "CheckButton.Tooltip",
                      "AckButton.Tooltip"):
        block = re.search(rf'<bt:String id="{re.escape(string_id)}".*?</bt:String>', text, re.S)
        assert block, string_id
        assert 'Locale="ru-RU"' in block.group(0) and 'Locale="es-ES"' in block.group(0)


def test_runtime_bundle_is_fresh():
    bundle = (addin.STATIC_DIR / "commands.bundle.js").read_text(encoding="utf-8")
    assert bundle == bundle_text(), "run `python -m addin.build`"


def test_manifest_command_writes_the_deployment_url(tmp_path, capsys):
    out = tmp_path / "manifest.xml"
    assert cli_main(["manifest", "--url", "https://mail.example.com:8443/", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    ET.fromstring(text.encode("utf-8"))
    assert "https://localhost:3000" not in text
    assert "https://mail.example.com:8443/addin/taskpane.html" in text
    assert cli_main(["manifest", "--url", "http://insecure.example"]) == 2
    assert "https" in capsys.readouterr().err


def test_server_serves_manifest_and_bundle_with_its_url(tmp_path):
    from server import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT": "",
                      "PUBLIC_URL": "https://mailtact.corp.example"})
    client = app.test_client()
    manifest = client.get("/manifest.xml")
    assert manifest.status_code == 200 and manifest.mimetype == "application/xml"
    assert "https://mailtact.corp.example/addin/commands.html" in manifest.get_data(as_text=True)
    bundle = client.get("/addin/commands.bundle.js").get_data(as_text=True)
    assert 'SERVER_URL = "https://mailtact.corp.example"' in bundle
    assert client.get("/addin/taskpane.html").status_code == 200
    assert client.get("/addin/../server/__init__.py").status_code == 404
