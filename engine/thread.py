"""The thread the rules read: from the request, from raw RFC 5322, or recovered from the quote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional

from . import mail
from .mail import raw as raw_mail
from .model import Address, RawMessageIn, ThreadMessageIn, parse_address


@dataclass
class Message:
    """One earlier message, normalized: addresses parsed, body as text without its own quotes."""

    from_: Optional[Address]
    to: list
    cc: list
    subject: str
    date: Optional[datetime]
    date_text: str
    body: str
    attachments: list = field(default_factory=list)
    ours: bool = False

    @property
    def participants(self) -> list:
        return [a for a in [self.from_, *self.to, *self.cc] if a is not None]

    def to_json(self) -> dict:
        return {
            "from": str(self.from_) if self.from_ else None,
            "to": [str(a) for a in self.to],
            "cc": [str(a) for a in self.cc],
            "subject": self.subject,
            "date": self.date.isoformat() if self.date else (self.date_text or None),
            "body": self.body,
            "attachments": list(self.attachments),
        }


def _addr(value) -> Optional[Address]:
    """Best-effort address from quoted headers: a bad one is dropped, never an error."""
    if value is None:
        return None
    if isinstance(value, Address):
        return value
    try:
        if isinstance(value, str):
            parsed = parse_address(value)
            if "@" not in parsed["address"]:
                # A bare display name (quoted headers sometimes give only that).
                return Address.model_construct(name=value.strip(), address="")
            return Address.model_validate(parsed)
        return Address.model_validate(value)
    except Exception:  # noqa: BLE001 - quoted headers are free text; keep what parses
        return None


def _addrs(values) -> list:
    out = []
    for v in values or []:
        a = _addr(v)
        if a is not None:
            out.append(a)
    return out


def _date(value) -> tuple[Optional[datetime], str]:
    if value is None:
        return None, ""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value, value.isoformat()
    text = str(value).strip()
    return mail.parse_date(text), text


def _from_structured(msg: ThreadMessageIn) -> Message:
    parts = mail.read_body(msg.body, msg.body_format)
    date, date_text = _date(msg.date)
    return Message(
        from_=msg.from_,
        to=list(msg.to),
        cc=list(msg.cc),
        subject=msg.subject,
        date=date,
        date_text=date_text,
        body=parts.new_text,
        attachments=[a.name for a in msg.attachments],
    )


def _from_raw(msg: RawMessageIn) -> Message:
    parsed = raw_mail.parse_raw(msg.raw)
    if parsed.html and not parsed.text:
        parts = mail.read_body(parsed.html, "html")
    else:
        parts = mail.read_body(parsed.text or "", "text")
    date, date_text = _date(parsed.date or parsed.date_text or None)
    return Message(
        from_=_addr(parsed.from_),
        to=_addrs(parsed.to),
        cc=_addrs(parsed.cc),
        subject=parsed.subject or "",
        date=date,
        date_text=date_text,
        body=parts.new_text,
        attachments=list(parsed.attachments),
    )


def _from_quoted(q: "mail.QuotedMessage") -> Message:
    date, date_text = _date(q.date or None)
    return Message(
        from_=_addr(q.from_),
        to=_addrs(q.to),
        cc=_addrs(q.cc),
        subject=q.subject or "",
        date=date,
        date_text=date_text,
        body=q.body,
        attachments=[],
    )


def build(items: list, history: list) -> tuple[list[Message], str]:
    """Messages oldest first, and where they came from: request, quoted or none."""
    if items:
        out = []
        for item in items:
            if isinstance(item, RawMessageIn):
                out.append(_from_raw(item))
            else:
                out.append(_from_structured(item))
        return out, "request"
    if history:
        return [_from_quoted(q) for q in history], "quoted"
    return [], "none"
