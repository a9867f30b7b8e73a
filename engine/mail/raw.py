"""Raw RFC 5322 messages through mail-parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

import mailparser


@dataclass
class RawMessage:
    from_: Optional[str] = None
    to: list = field(default_factory=list)
    cc: list = field(default_factory=list)
    subject: str = ""
    date: Optional[datetime] = None
    date_text: str = ""
    text: str = ""
    html: str = ""
    attachments: list = field(default_factory=list)


def _pairs(values) -> list:
    return [f"{n} <{a}>" if n else a for n, a in (values or []) if a]


def parse_raw(source: str) -> RawMessage:
    msg = mailparser.parse_from_string(source)
    froms = _pairs(msg.from_)
    return RawMessage(
        from_=froms[0] if froms else None,
        to=_pairs(msg.to),
        cc=_pairs(msg.cc),
        subject=msg.subject or "",
        date=msg.date,
        text="\n".join(msg.text_plain),
        html="\n".join(msg.text_html),
        attachments=[a.get("filename") for a in msg.attachments if a.get("filename")],
    )
