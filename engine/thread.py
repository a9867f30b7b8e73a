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
    # The date as shown to clients of the API: ISO with the offset only when one was known.
    date_json: Optional[str] = None
    # The message's own signature block (its sender's name often lives there).
    signature: Optional[str] = None

    @property
    def participants(self) -> list:
        return [a for a in [self.from_, *self.to, *self.cc] if a is not None]

    def to_json(self) -> dict:
        return {
            "from": str(self.from_) if self.from_ else None,
            "to": [str(a) for a in self.to],
            "cc": [str(a) for a in self.cc],
            "subject": self.subject,
            "date": self.date_json or (self.date.isoformat() if self.date else None)
            or (self.date_text or None),
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


def _date(value, languages=(), default_tz=timezone.utc) -> tuple[Optional[datetime], str, Optional[str]]:
    """(aware datetime for arithmetic, the text as written, the ISO form for the API).

    A date written without a zone keeps its wall-clock time in the API form (no invented
    offset); for arithmetic it is read in `default_tz` (the draft's zone).
    """
    if value is None or value == "":
        return None, "", None
    if isinstance(value, datetime):
        parsed, text = value, value.isoformat()
    else:
        text = str(value).strip()
        parsed = mail.parse_date(text, languages)
    if parsed is None:
        return None, text, None
    shown = parsed.isoformat()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed, text, shown


def _from_structured(msg: ThreadMessageIn, tz) -> Message:
    parts = mail.read_body(msg.body, msg.body_format)
    date, date_text, shown = _date(msg.date, default_tz=tz)
    return Message(
        from_=msg.from_,
        to=list(msg.to),
        cc=list(msg.cc),
        subject=msg.subject,
        date=date,
        date_text=date_text,
        body=parts.new_text,
        signature=parts.signature,
        attachments=[a.name for a in msg.attachments],
        date_json=shown,
    )


def _from_raw(msg: RawMessageIn, tz) -> Message:
    parsed = raw_mail.parse_raw(msg.raw)
    if parsed.html and not parsed.text:
        parts = mail.read_body(parsed.html, "html")
    else:
        parts = mail.read_body(parsed.text or "", "text")
    date, date_text, shown = _date(parsed.date or parsed.date_text or None, default_tz=tz)
    return Message(
        from_=_addr(parsed.from_),
        to=_addrs(parsed.to),
        cc=_addrs(parsed.cc),
        subject=parsed.subject or "",
        date=date,
        date_text=date_text,
        body=parts.new_text,
        signature=parts.signature,
        attachments=list(parsed.attachments),
        date_json=shown,
    )


def _from_quoted(q: "mail.QuotedMessage", tz, subject: str) -> Message:
    date, date_text, shown = _date(q.date or None, q.languages, default_tz=tz)
    return Message(
        from_=_addr(q.from_),
        to=_addrs(q.to),
        cc=_addrs(q.cc),
        # Quotes without a header block (or with one that omits the subject) belong to the
        # draft's thread: they carry its subject.
        subject=q.subject or subject,
        date=date,
        date_text=date_text,
        body=q.body,
        attachments=[],
        date_json=shown or (date_text or None),
    )


def build(items: list, history, tz=timezone.utc, subject: str = "") -> tuple[list[Message], str]:
    """Messages oldest first, and where they came from: request, quoted or none.

    `history` is the quoted messages, or a callable giving them (parsed only when needed)."""
    if items:
        out = []
        for item in items:
            if isinstance(item, RawMessageIn):
                out.append(_from_raw(item, tz))
            else:
                out.append(_from_structured(item, tz))
        return out, "request"
    if callable(history):
        history = history()
    if history:
        from .subjects import strip_prefixes

        base = strip_prefixes(subject)
        return [_from_quoted(q, tz, base) for q in history], "quoted"
    return [], "none"
