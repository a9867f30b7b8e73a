"""The `mailtact` command: `check` lints drafts like a compiler; `serve` and `manifest` come from
the server package (registered lazily, so the engine itself never imports Flask).

    mailtact check draft.eml request.json -      # .eml drafts, request JSON, or stdin
    mailtact check --format json --lang ru --disable missing-greeting draft.eml

Exit status: 0 clean (warnings allowed), 1 when an `error` finding is present, 2 on unreadable
input (with a one-line message on stderr).
"""

from __future__ import annotations

import argparse
import email.policy
import importlib
import json
import sys
from collections.abc import Sequence
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path
from typing import Optional

from .model import RequestError


class InputError(Exception):
    """A file that cannot be read as a draft or a request."""


def _addresses(values: list) -> list[str]:
    return [f"{n} <{a}>" if n else a for n, a in getaddresses([str(v) for v in values]) if a]


def request_from_eml(data: bytes) -> dict:
    """A check request from an RFC 5322 draft: headers, body (HTML preferred), attachment names.

    The thread is left empty, so the engine recovers it from the quoted history in the body.
    """
    msg = BytesParser(policy=email.policy.default).parsebytes(data)
    if not msg.keys():
        raise InputError("not an email message (no headers)")
    body_part = msg.get_body(preferencelist=("html", "plain"))
    body, body_format = "", "text"
    if body_part is not None:
        try:
            body = body_part.get_content()
        except (LookupError, UnicodeError):
            payload = body_part.get_payload(decode=True) or b""
            body = payload.decode("utf-8", errors="replace")
        body_format = "html" if body_part.get_content_subtype() == "html" else "text"
    attachments = []
    for part in msg.iter_attachments():
        name = part.get_filename()
        if name:
            size = len(part.get_payload(decode=True) or b"")
            attachments.append({"name": name, "size": size})
    subject = str(msg.get("Subject", "") or "")
    draft: dict = {
        "subject": subject,
        "body": body,
        "body_format": body_format,
        "to": _addresses(msg.get_all("To", [])),
        "cc": _addresses(msg.get_all("Cc", [])),
        "bcc": _addresses(msg.get_all("Bcc", [])),
        "attachments": attachments,
    }
    senders = _addresses(msg.get_all("From", []))
    if senders:
        draft["from"] = senders[0]
    if msg.get("Date"):
        try:
            draft["sent_at"] = msg["Date"].datetime.isoformat()
        except (AttributeError, TypeError, ValueError):
            pass
    if msg.get("In-Reply-To") or msg.get("References"):
        draft["compose_type"] = "reply"
    return {"draft": draft}


def load_request(name: str, stdin=None) -> dict:
    """Read one input: `-` (stdin: JSON or .eml), a `.json` request, or an `.eml` draft."""
    try:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
        else:
            data = Path(name).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    stripped = data.lstrip()
    if name.endswith(".json") or stripped.startswith(b"{"):
        try:
            request = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not valid JSON: {exc}") from None
        if not isinstance(request, dict):
            raise InputError("the JSON must be a check request object")
        return request
    return request_from_eml(data)


def _lint_lines(name: str, result: dict) -> list[str]:
    lines = []
    for f in result["findings"]:
        where = f["field"]
        if f.get("span"):
            where += f":{f['span']['start']}"
        lines.append(f"{name}: {where}: {f['severity']} {f['rule']}: {f['message']}")
    return lines


def _check(args: argparse.Namespace) -> int:
    import engine

    status = 0
    outputs = []
    for name in args.files:
        try:
            request = load_request(name)
            if args.lang:
                request["language"] = args.lang
            if args.ui_lang:
                request["ui_language"] = args.ui_lang
            if args.disable:
                rules = request.get("rules") if isinstance(request.get("rules"), dict) else {}
                rules = dict(rules)
                rules["disable"] = list(rules.get("disable") or []) + list(args.disable)
                request["rules"] = rules
            result = engine.check(request)
        except (InputError, RequestError) as exc:
            print(f"mailtact: {name}: {exc}", file=sys.stderr)
            return 2
        if result["summary"]["block_send"]:
            status = 1
        if args.format == "json":
            outputs.append(result if len(args.files) == 1 else {"file": name, **result})
        else:
            for line in _lint_lines(name, result):
                print(line)
    if args.format == "json":
        print(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False,
                         indent=2))
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailtact", description="Pre-send coach for mail to clients."
    )
    sub = parser.add_subparsers(dest="command", metavar="{check,serve,manifest}")
    check = sub.add_parser("check", help="check drafts (.eml or request .json, - for stdin)")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", help="language of the draft (ISO 639-1), skips detection")
    check.add_argument("--ui-lang", help="language of the messages")
    check.add_argument("--disable", action="append", default=[], metavar="RULE",
                       help="turn a rule off for this run (repeatable)")
    check.set_defaults(func=_check)
    try:
        server_cli = importlib.import_module("server.cli")
    except ImportError:
        server_cli = None
    if server_cli is not None:
        server_cli.add_commands(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
