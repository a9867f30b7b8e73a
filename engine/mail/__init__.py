"""Reading mail: HTML to text, new text vs quoted history vs signature, raw RFC 5322.

Public interface used by the rest of the engine (keep it stable):
- `sniff_format(body) -> "html" | "text"`
- `html_to_text(html) -> str`
- `read_body(body, body_format) -> BodyParts` (new text, signature, quoted history oldest first)
- `parse_date(text) -> datetime | None` (ISO, RFC 2822 and localized forms)
- `raw.parse_raw(source) -> RawMessage`
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Optional

from bs4 import BeautifulSoup


@dataclass
class QuotedMessage:
    """An earlier message found in the quoted history; fields as written in its header block."""

    from_: Optional[str] = None
    to: list = field(default_factory=list)
    cc: list = field(default_factory=list)
    subject: str = ""
    date: str = ""
    body: str = ""


@dataclass
class BodyParts:
    new_text: str
    signature: Optional[str] = None
    history: list = field(default_factory=list)
    quoted_text: str = ""


_HTML_RE = re.compile(r"<(?:html|body|div|p|br|span|table|blockquote|a|b|i|font)\b", re.I)


def sniff_format(body: str) -> str:
    return "html" if _HTML_RE.search(body or "") else "text"


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "script", "head"]):
        tag.decompose()
    return soup.get_text("\n").strip()


def read_body(body: str, body_format: Optional[str] = None) -> BodyParts:
    fmt = body_format or sniff_format(body)
    text = html_to_text(body) if fmt == "html" else (body or "")
    lines = text.splitlines()
    keep = []
    for line in lines:
        if line.startswith(">") or re.match(r"^\s*-----Original Message-----", line):
            break
        keep.append(line)
    return BodyParts(new_text="\n".join(keep).strip(), quoted_text="\n".join(lines[len(keep):]))


def parse_date(text: str) -> Optional[datetime]:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value
