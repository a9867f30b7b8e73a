"""Judges the peer corpora (../shared/corpora) exactly as their README describes.

Shared by tests/test_corpora.py (>= 95 % per source) and bench/corpora_report.py (figures).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Optional

import engine
from engine.mail import parse_date

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def available() -> bool:
    return CORPORA.is_dir() and any(CORPORA.glob("*/cases.jsonl"))


def cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CORPORA.glob("*/cases.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                out.append((path.parent.name, json.loads(line)))
    return out


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip().casefold()


def contains(haystack: str, needle: str) -> bool:
    """Whitespace-folded, case-insensitive, not starting or ending inside a word."""
    h, n = _fold(haystack), _fold(needle)
    if not n:
        return True
    left = r"(?<!\w)" if re.match(r"\w", n) else ""
    right = r"(?!\w)" if re.search(r"\w$", n) else ""
    return re.search(left + re.escape(n) + right, h) is not None


def build_request(folder: str, case: dict) -> dict:
    base = CORPORA / folder
    data = (base / case["input_file"]).read_bytes()
    fmt = case["format"]
    if fmt == "eml":
        msg = BytesParser(policy=policy.default).parsebytes(data)
        part = msg.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else ""
        body_format = "text"
    else:
        body = data.decode("utf-8", errors="replace")
        body_format = fmt
    subject = "Re: test"
    if case.get("subject_file"):
        subject = (base / case["subject_file"]).read_text("utf-8").strip()
    return {"draft": {"subject": subject, "body": body, "body_format": body_format,
                      "from": "me@our.example", "to": ["client@example.com"]}}


def _address_of(value: Optional[str]) -> tuple[str, str]:
    """(address, display name) of "Name <addr>", "addr" or a bare name."""
    value = (value or "").strip()
    m = re.search(r"<([^<>@\s]+@[^<>\s]+)>", value)
    if m:
        return m.group(1).lower(), value[: m.start()].strip().strip('"').casefold()
    if "@" in value:
        return value.strip("<>").lower(), ""
    return "", value.strip('"').casefold()


def _same_date(got: Optional[str], want: dict) -> bool:
    if not want.get("date"):
        return True  # the source states no date
    if not got:
        return False
    if _fold(got) == _fold(want.get("date", "")):
        return True
    parsed = _parse_any(got)
    if parsed is None:
        return False
    minutes = want.get("date_minute")
    if minutes is None:
        return False
    minutes = minutes if isinstance(minutes, list) else [minutes]
    if parsed.strftime("%Y-%m-%dT%H:%M") in minutes:
        return True
    offset = want.get("date_utc_offset")
    if offset and parsed.tzinfo is not None:
        for minute in minutes:
            want_dt = datetime.fromisoformat(f"{minute}{offset}")
            if abs((parsed - want_dt).total_seconds()) < 60:
                return True
    return False


def _parse_any(text: str) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return parse_date(text)


def judge(folder: str, case: dict) -> list[str]:
    """The reasons a case fails (empty when it passes)."""
    try:
        result = engine.check(build_request(folder, case))
    except Exception as exc:  # noqa: BLE001 - a crash is a failed case, reported as such
        return [f"crashed: {type(exc).__name__}: {exc}"]
    new_text = result["new_text"]
    problems = []
    for line in case.get("must_contain", []):
        if not contains(new_text, line):
            problems.append(f"lost new text: {line!r}")
    for line in case.get("must_not_contain", []):
        if contains(new_text, line):
            problems.append(f"kept history: {line!r}")
    fwd = case.get("forwarded")
    if fwd:
        want_addr, want_name = _address_of(fwd.get("from"))
        ok = False
        seen = []
        for msg in result["thread"]:
            addr, name = _address_of(msg.get("from"))
            same_sender = (addr == want_addr) if want_addr else (name == want_name)
            same_subject = _fold(msg.get("subject")) == _fold(fwd.get("subject"))
            same_date = _same_date(msg.get("date"), fwd)
            seen.append((msg.get("from"), msg.get("subject"), msg.get("date")))
            if same_sender and same_subject and same_date:
                ok = True
                break
        if not ok:
            problems.append(f"forwarded headers not recovered: want {fwd.get('from')!r} "
                            f"{fwd.get('subject')!r} {fwd.get('date')!r}, got {seen}")
    return problems


def report() -> dict:
    """{source folder: (passed, total, [(case id, problems)])}."""
    stats: dict = defaultdict(lambda: [0, 0, []])
    for folder, case in cases():
        problems = judge(folder, case)
        entry = stats[folder]
        entry[1] += 1
        if problems:
            entry[2].append((case["id"], problems))
        else:
            entry[0] += 1
    return dict(stats)
