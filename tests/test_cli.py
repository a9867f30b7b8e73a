"""`mailtact check`: linter lines, JSON output, exit codes, .eml drafts with quoted history."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from email.message import EmailMessage

import pytest

from engine import cli

OUTLOOK_REPLY_HTML = """<html><body>
<div>Здравствуйте, Анна!</div><div>Счёт во вложении. Всего доброго, Ольга</div>
<div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%">
<font face="Calibri"><b>От:</b> Анна Иванова &lt;anna@client.example&gt;<br>
<b>Отправлено:</b> 17 ноября 2026 г. 10:02<br>
<b>Кому:</b> Ольга Петрова &lt;olga@lmt.example&gt;<br>
<b>Копия:</b> boris@client.example<br>
<b>Тема:</b> Счёт за март</font><div>&nbsp;</div></div>
<div>Добрый день! Пришлите, пожалуйста, счёт за март.</div>
</body></html>"""


def _eml(tmp_path, subject="Re: Оплата", attach=False) -> str:
    msg = EmailMessage()
    msg["From"] = "Ольга Петрова <olga@lmt.example>"
    msg["To"] = "Анна Иванова <anna@client.example>"
    msg["Subject"] = subject
    msg["In-Reply-To"] = "<abc@client.example>"
    msg.set_content("Здравствуйте, Анна! Счёт во вложении.")
    msg.add_alternative(OUTLOOK_REPLY_HTML, subtype="html")
    if attach:
        msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf",
                           filename="invoice.pdf")
    path = tmp_path / "draft.eml"
    path.write_bytes(bytes(msg))
    return str(path)


def test_eml_reply_recovers_thread_and_flags_subject(tmp_path, capsys):
    path = _eml(tmp_path)
    status = cli.main(["check", "--format", "json", path])
    result = json.loads(capsys.readouterr().out)
    assert result["thread_source"] == "quoted"
    assert result["thread"], "the quoted Outlook message must become a thread message"
    assert result["thread"][-1]["subject"] == "Счёт за март"
    assert "anna@client.example" in result["thread"][-1]["from"]
    assert any(f["rule"] == "subject-changed" for f in result["findings"])
    assert status == 1


def test_lint_lines_and_disable(tmp_path, capsys):
    path = _eml(tmp_path)
    status = cli.main(["check", path])
    out = capsys.readouterr().out
    assert f"{path}: subject: error subject-changed: " in out
    status = cli.main(["check", "--disable", "subject-changed", path])
    out = capsys.readouterr().out
    assert "subject-changed" not in out
    assert status in (0, 1)


def test_request_json_and_stdin(tmp_path, capsys, monkeypatch):
    request = {"draft": {"subject": "Re: A", "body": "Hi", "from": "o@lmt.example",
                         "to": ["a@client.example"]},
               "thread": [{"from": "a@client.example", "subject": "B", "body": "Hello"}]}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(request))
    assert cli.main(["check", str(path)]) == 1
    assert "subject-changed" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(request).encode())))
    assert cli.main(["check", "--format", "json", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["block_send"] is True


@pytest.mark.parametrize(
    "content, expect",
    [(b"{not json", "not valid JSON"), (b"[1, 2]", "check request object"),
     (b'{"draft": {"to": ["x"]}}', "draft.to[0]"), (b"", "no headers")],
)
def test_unreadable_input_exit_2(tmp_path, capsys, content, expect):
    path = tmp_path / ("bad.json" if content.startswith((b"{", b"[")) else "bad.eml")
    path.write_bytes(content)
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert expect in err and len(err.splitlines()) == 1


def test_missing_file_exit_2(capsys):
    assert cli.main(["check", "/nonexistent/draft.eml"]) == 2
    assert "No such file" in capsys.readouterr().err


def test_console_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0
    assert "check" in proc.stdout
