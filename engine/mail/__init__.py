"""Reading mail: HTML to text, new text vs quoted history vs signature, raw RFC 5322.

Public interface used by the rest of the engine:
- `sniff_format(body) -> "html" | "text"`
- `html_to_text(html) -> str` (engine.mail.html)
- `read_body(body, body_format) -> BodyParts` (new text, signature, quoted history oldest first)
- `parse_date(text, languages=()) -> datetime | None` (engine.mail.dates)
- `raw.parse_raw(source) -> RawMessage` (engine.mail.raw, through mail-parser)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .dates import parse_date
from .html import QUOTE_MARK, SIGNATURE_MARK, html_to_text
from .labels import ATTRIBUTION_AFTER_TEXT_RE, SEPARATOR_THEN_HEADER_RE
from .quotes import QuotedMessage, Split, split_lines

__all__ = ["BodyParts", "QuotedMessage", "html_to_text", "parse_date", "read_body",
           "sniff_format"]

MAX_BODY_CHARS = 2_000_000


@dataclass
class BodyParts:
    new_text: str
    signature: Optional[str] = None
    quoted_text: str = ""
    split: Optional[Split] = None

    @property
    def history(self) -> list:
        """The quoted messages (QuotedMessage), oldest first; recovered on first use."""
        return list(reversed(self.split.messages)) if self.split is not None else []


_HTML_RE = re.compile(
    r"<(?:html|body|div|p|br|span|table|blockquote|a|b|i|font|ul|ol|li|h[1-6])\b[^>]*>", re.I
)


def sniff_format(body: str) -> str:
    return "html" if _HTML_RE.search((body or "")[:20000]) else "text"


def read_body(body: str, body_format: Optional[str] = None) -> BodyParts:
    """Split a body into what the author wrote now, the signature, and the quoted messages."""
    body = (body or "")[:MAX_BODY_CHARS]
    fmt = body_format or sniff_format(body)
    text = html_to_text(body) if fmt == "html" else body.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff").replace("\u00a0", " ").replace("\u202f", " ")
    text = SEPARATOR_THEN_HEADER_RE.sub(lambda m: m["sep"] + "\n", text)
    text = ATTRIBUTION_AFTER_TEXT_RE.sub(lambda m: m["pre"] + "\n" + m["attr"], text)
    lines = text.split("\n")
    split = split_lines(lines)
    new_text = "\n".join(split.new_lines).strip()
    signature = "\n".join(split.signature_lines).strip() if split.signature_lines else None
    quoted = "\n".join(split.quoted_lines).replace(QUOTE_MARK, "").replace(SIGNATURE_MARK, "")
    return BodyParts(
        new_text=new_text,
        signature=signature or None,
        quoted_text=quoted.strip(),
        split=split,
    )
