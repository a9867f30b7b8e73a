"""Split a body into new text, signature and quoted history; recover the quoted messages.

Works on text lines (HTML is first turned into text by engine.mail.html, which marks the quote
containers it recognises). History starts at the first of:
- a quote-container mark from the HTML (Gmail, Outlook, Thunderbird, Yahoo, Apple);
- a separator line ("-----Original Message-----", "---------- Forwarded message ---------",
  "Begin forwarded message:", "-------- Пересылаемое сообщение --------", a line of underscores);
- a header block ("From: … / Sent: … / To: … / Subject: …" in any language of data/*/mail.yaml);
- an attribution line ("On …, Anna <a@x> wrote:", "… написал(а):", "El … escribió:",
  "Den … skrev …:"), possibly wrapped over two or three lines;
- a block of ">"-quoted lines. Unquoted lines between quote blocks are replies written inline,
  so they stay in the new text.

Signature: from a "-- " line, a mobile signature ("Sent from my iPhone"), an HTML signature
container, or the short block (name, title, phone) after a sign-off line. The sign-off itself
("Best regards,", "С уважением,") stays in the new text: rules look for a courteous closing.

Each quoted message keeps its header fields as written; its body is split again, so nested
quotes become older messages. Messages come out oldest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import getaddresses
from typing import Optional

from . import labels as lb
from .html import QUOTE_MARK, SIGNATURE_MARK

MAX_LINES = 20000
MAX_DEPTH = 30
_ADDR_RE = re.compile(r"<?([\w.+'%-]+@[\w-]+(?:\.[\w-]+)+)>?")
_MAILTO_RE = re.compile(r"\[mailto:([^\]\s]+)\]", re.I)
_LEAD_WORD_RE = re.compile(r"^\s*(?:[^\W\d]{1,8}\.?\s+){1,2}(?=\S*\d)")
_QUOTED_RE = re.compile(r"^[ \t]*>")


@dataclass
class QuotedMessage:
    """An earlier message found in the quoted history; fields as written in its header block."""

    from_: Optional[str] = None
    to: list = field(default_factory=list)
    cc: list = field(default_factory=list)
    subject: str = ""
    date: str = ""
    body: str = ""
    languages: list = field(default_factory=list)


@dataclass
class Split:
    new_lines: list
    signature_lines: Optional[list]
    quoted_lines: list
    # What the quoted messages are made of; parsed only when someone asks for `messages`
    # (a request that brings its own thread never needs the quoted one recovered).
    history_lines: Optional[list] = None
    forwarded_units: list = field(default_factory=list)
    depth: int = 0
    _messages: Optional[list] = None

    @property
    def messages(self) -> list:
        """The quoted messages, newest first."""
        if self._messages is None:
            messages: list = []
            if self.depth < MAX_DEPTH:
                if self.history_lines is not None:
                    messages = _parse_history(self.history_lines, self.depth + 1)
                for unit in reversed(self.forwarded_units):
                    messages = messages + _parse_history(unit, self.depth + 1)
            self._messages = messages
        return self._messages


# --- recognising boundaries ----------------------------------------------------------------


def _is_quoted(line: str) -> bool:
    return bool(_QUOTED_RE.match(line))


def _header_at(lines: list, i: int) -> Optional[str]:
    m = lb.HEADER_RE.match(lines[i])
    return lb.header_field(m["label"]) if m else None


def _is_header_block(lines: list, i: int) -> bool:
    first = _header_at(lines, i)
    if first not in ("from", "date", "subject", "to"):
        return False
    seen = {first}
    for m in lb.INLINE_HEADER_RE.finditer(lines[i]):
        seen.add(lb.header_field(m["label"] or m["glued"]))
    j, blanks = i + 1, 0
    while j < len(lines) and j <= i + 8:
        line = lines[j]
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
        else:
            fld = _header_at(lines, j)
            if fld:
                seen.add(fld)
        j += 1
    if "from" in seen and len(seen) >= 2:
        return True
    return len(seen & {"date", "subject", "to"}) >= 2 and first != "to"


def _attribution_at(lines: list, i: int) -> int:
    """Number of lines (1-3) of an attribution starting at i, or 0."""
    line = lines[i].strip()
    if not line or _is_quoted(lines[i]) or len(line) > 300:
        return 0
    for span in (1, 2, 3):
        if i + span > len(lines):
            break
        text = " ".join(part.strip() for part in lines[i : i + span])
        if span > 1 and not lines[i + span - 1].strip():
            break
        if len(text) > 400:
            break
        if _looks_like_attribution(text):
            return span
        if span == 1 and not re.search(r"\d|@", text):
            break
    return 0


def _looks_like_attribution(text: str) -> bool:
    text = text.strip().strip("-–—").strip()
    if _DATE_NAME_ADDR_RE.match(text):
        return True
    if not text.endswith((":", "：")) and not lb.WROTE_RE.search(text):
        return False
    if not re.search(r"\d", text) and "@" not in text:
        return False
    if lb.WROTE_RE.search(text):
        return True
    # "Den 24. nov. 2025 kl. 10.00 skrev Peter Petersen <peter@example.com>:"
    words = "|".join(re.escape(w) for w in lb.VOCAB.wrote)
    return bool(re.search(rf"(?<!\w)(?:{words})(?!\w).*[:：]\s*$", text, re.I))


# "2014-10-17 11:28 GMT+03:00 Postmaster <postmaster@x.org>:" (no verb, ends at the address).
_DATE_NAME_ADDR_RE = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[^<>]{0,80}<?[\w.+'%-]+@[\w-]+(?:\.[\w-]+)+>?\s*[:：]$"
)


def _is_separator(line: str) -> bool:
    return bool(lb.SEPARATOR_RE.match(line) or lb.UNDERSCORE_RE.match(line))


def _boundary(lines: list, i: int) -> Optional[tuple]:
    line = lines[i]
    if line.strip() == QUOTE_MARK:
        return ("mark", 1)
    if not line.strip():
        return None
    if _is_separator(line):
        return ("separator", 1)
    if lb.DASHES_RE.match(line) and i + 1 < len(lines):
        nxt = next((k for k in range(i + 1, min(len(lines), i + 3)) if lines[k].strip()), None)
        if nxt is not None and _is_header_block(lines, nxt):
            return ("separator", 1)
    if _is_header_block(lines, i):
        return ("headers", 0)
    span = _attribution_at(lines, i)
    if span:
        return ("attribution", span)
    if _is_quoted(line):
        return ("quote", 0)
    return None


# --- splitting -------------------------------------------------------------------------------


def _quote_block_end(lines: list, i: int) -> int:
    """End (exclusive) of the '>' block starting at i; blank lines inside it belong to it."""
    j = i
    last = i
    while j < len(lines):
        if _is_quoted(lines[j]):
            last = j
        elif lines[j].strip():
            break
        j += 1
    return last + 1


def split_lines(lines: list, depth: int = 0) -> Split:
    new: list = []
    quoted: list = []
    forwarded_units: list = []
    i = 0
    n = len(lines)
    history_from: Optional[int] = None
    while i < n:
        b = _boundary(lines, i)
        if b is None:
            new.append(lines[i])
            i += 1
            continue
        kind, span = b
        if kind == "quote":
            end = _quote_block_end(lines, i)
            rest_has_text = any(
                l.strip() and not _is_quoted(l) and l.strip() != QUOTE_MARK for l in lines[end:]
            )
            if rest_has_text and _inline_reply_follows(lines, end):
                quoted.extend(lines[i:end])
                i = end
                continue
            history_from = i
            break
        if kind == "separator":
            after = i + 1
            while after < n and not lines[after].strip():
                after += 1
            if after < n and _is_quoted(lines[after]):
                end = _quote_block_end(lines, after)
                if _inline_reply_follows(lines, end):
                    # "Begin forwarded message:" + a quoted message, then the author goes on.
                    quoted.extend(lines[i:end])
                    forwarded_units.append(lines[i:end])
                    i = end
                    continue
        if kind == "attribution":
            after = i + span
            while after < n and not lines[after].strip():
                after += 1
            if after < n and _is_quoted(lines[after]):
                end = _quote_block_end(lines, after)
                if _inline_reply_follows(lines, end) and new_text_is_thin(new):
                    # Bottom-posted or inline reply under "On … wrote:".
                    quoted.extend(lines[i:end])
                    i = end
                    continue
        history_from = i
        break
    history = None
    if history_from is not None:
        history = lines[history_from:]
        quoted.extend(history)
    new, signature = _split_signature(new)
    return Split(new, signature, quoted, history, forwarded_units, depth)


def new_text_is_thin(new: list) -> bool:
    return sum(1 for l in new if l.strip()) <= 2


def _inline_reply_follows(lines: list, end: int) -> bool:
    """Unquoted text after a quote block that is the author's (not another boundary)."""
    j = end
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines):
        return False
    if _boundary(lines, j) is not None:
        return False
    rest = [l for l in lines[j:] if l.strip()]
    if not rest:
        return False
    own, _sig = _split_signature(rest)
    return any(l.strip() for l in own) and not lb.MOBILE_RE.match(rest[0])


def _split_signature(lines: list) -> tuple[list, Optional[list]]:
    for idx, line in enumerate(lines):
        stripped = line.rstrip()
        if stripped == SIGNATURE_MARK or stripped in ("-- ", "--") or line == "-- ":
            return _trim(lines[:idx]), _trim(lines[idx + 1 :]) or None
        if lb.MOBILE_RE.match(line):
            return _trim(lines[:idx]), _trim(lines[idx:])
    # A sign-off followed by a short name/title/phone block.
    content = [k for k, l in enumerate(lines) if l.strip()]
    for pos in reversed(content[-7:]):
        if lb.SIGN_OFF_RE.match(lines[pos]):
            tail = [l for l in lines[pos + 1 :] if l.strip()]
            if tail and len(tail) <= 6 and all(_signature_like(l) for l in tail):
                return _trim(lines[: pos + 1]), _trim(lines[pos + 1 :])
            break
    return _trim(lines), None


def _signature_like(line: str) -> bool:
    s = line.strip()
    if len(s) > 60:
        return False
    if re.search(r"[.!?]\s*$", s) and not re.search(r"\b(?:Ltd|Inc|LLC|GmbH|S\.A|Co)\.$", s):
        return bool(re.search(r"@|\d{3}|www\.|https?://", s))
    return True


def _trim(lines: list) -> list:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return [l.replace(QUOTE_MARK, "").replace(SIGNATURE_MARK, "") for l in lines[start:end]]


# --- history -----------------------------------------------------------------------------------


def _unquote(lines: list) -> list:
    out = []
    for line in lines:
        m = re.match(r"^[ \t]*> ?", line)
        out.append(line[m.end():] if m else line)
    return out


def _dedent(lines: list) -> list:
    indents = [len(l) - len(l.lstrip(" \t")) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return [l[cut:] if l.strip() else "" for l in lines]


def _address_list(value: str) -> list:
    value = _MAILTO_RE.sub(r"<\1>", value).replace(";", ",")
    out = []
    for name, addr in getaddresses([value]):
        if addr and "@" in addr:
            out.append(f"{name} <{addr}>" if name else addr)
    return out


def _sender(value: str) -> Optional[str]:
    value = _MAILTO_RE.sub(r"<\1>", value).strip().strip("*").strip()
    if not value:
        return None
    found = _address_list(value)
    if found:
        return found[0]
    return value.strip('"').strip() or None


def _read_headers(lines: list, i: int) -> tuple[dict, list, int]:
    fields: dict = {}
    seen_labels: list = []
    last = None
    j = i
    n = len(lines)
    while j < n:
        line = lines[j]
        if not line.strip():
            nxt = j + 1
            while nxt < n and not lines[nxt].strip():
                nxt += 1
            if fields and nxt < n and _header_at(lines, nxt) and nxt - j <= 2:
                j = nxt
                continue
            break
        m = lb.HEADER_RE.match(line)
        if m:
            pieces = _inline_pieces(m["label"], m["value"])
            for label, value in pieces:
                fld = lb.header_field(label)
                seen_labels.append(label)
                if fld in fields and fld != "date":
                    continue
                fields[fld] = value.strip().strip("*").strip()
                last = fld
            j += 1
            continue
        if last in ("to", "cc") and ("@" in line or line.startswith((" ", "\t"))) and ":" not in line:
            fields[last] += " " + line.strip()
            j += 1
            continue
        if last == "subject" and j + 1 < n and _header_at(lines, j + 1):
            # A subject wrapped onto a second line, inside the header block.
            fields["subject"] += " " + line.strip()
            j += 1
            continue
        break
    return fields, seen_labels, j


def _inline_pieces(label: str, value: str) -> list:
    pieces = []
    cur_label, cur_value = label, value
    while True:
        m = lb.INLINE_HEADER_RE.search(cur_value)
        if not m:
            pieces.append((cur_label, cur_value))
            return pieces
        pieces.append((cur_label, cur_value[: m.start()]))
        cur_label, cur_value = m["label"] or m["glued"], cur_value[m.end():]


_NAMED_ADDR_RE = re.compile(
    r"(?:[\"„“«]\s*(?P<qname>[^\"„“”«»<>]+?)\s*[\"”“»]\s*)?<(?P<addr>[\w.+'%-]+@[\w-]+(?:\.[\w-]+)+)>"
)
_BARE_ADDR_RE = re.compile(r"(?<![\w<])(?P<addr>[\w.+'%-]+@[\w-]+(?:\.[\w-]+)+)")
_NUMERIC_DATE_RE = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\.?,?(?:\s*(?:kl\.|klo|at|um|à|alle|o|в|a las)?\s*"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
)
_AMPM_RE = re.compile(r"^\s*[AaPp]\.?[Mm]\.?\s+")


def _parse_attribution(text: str) -> tuple[Optional[str], str]:
    """(sender, date as written) of "On DATE, NAME <addr> wrote:" in its many word orders."""
    text = re.sub(r"\s+", " ", text.strip()).strip("-–—").rstrip(":：").strip()
    text = _MAILTO_RE.sub(r"<\1>", text)
    words = "|".join(re.escape(w) for w in sorted(lb.VOCAB.wrote, key=len, reverse=True))
    wrote = re.search(rf"(?<!\w)(?:{words})(?:\(\W?\w{{0,3}}\))?(?!\w)", text, re.I)
    sender, rest = None, text
    m = _NAMED_ADDR_RE.search(text)
    if m:
        addr = m["addr"]
        name = (m["qname"] or "").strip()
        left = text[: m.start()]
        if not name:
            # The words right before "<addr>", back to a comma or the wrote-word.
            tail = re.split(r",|(?<!\w)(?:" + words + r")(?!\w)", left, flags=re.I)[-1]
            tail = _AMPM_RE.sub("", re.sub(r"^.*\d[^\s]*", "", tail)).strip(" ,")
            name = tail
            left = left[: len(left) - len(tail) - (len(left) - len(left.rstrip()))] if tail else left
        sender = f"{name} <{addr}>" if name else addr
        rest = left + " " + text[m.end():]
    else:
        b = _BARE_ADDR_RE.search(text)
        if b:
            sender = b["addr"]
            rest = text[: b.start()] + " " + text[b.end():]
    if wrote:
        rest = rest.replace(wrote.group(0), " ")
    d = _NUMERIC_DATE_RE.search(rest)
    if d:
        date = d.group(0)
    else:
        date = rest
        if sender is None and "," in date:
            date, who = date.rsplit(",", 1)
            sender = who.strip(' "') or None
        elif sender is None:
            date, who = _split_date_name(date)
            sender = who.strip(' "') or None
        date = _LEAD_WORD_RE.sub("", date.strip(" ,"))
    return sender, date.strip(" ,")


def _split_date_name(text: str) -> tuple[str, str]:
    """"On 01/03/11 7:07 PM Russell Brown" -> ("On 01/03/11 7:07 PM", "Russell Brown")."""
    m = re.search(r"^(.*\d(?:\s*[AaPp]\.?[Mm]\.?)?)\s+(\D+)$", text.strip())
    if m:
        return m.group(1), m.group(2)
    return text, ""


def _parse_history(lines: list, depth: int) -> list:
    i = 0
    n = len(lines)
    while i < n and not lines[i].strip():
        i += 1
    if i >= n:
        return []
    b = _boundary(lines, i)
    kind = b[0] if b else None
    msg = QuotedMessage()
    if kind == "mark":
        rest = lines[i + 1 :]
        k = 0
        while k < len(rest) and not rest[k].strip():
            k += 1
        if k < len(rest) and _boundary(rest, k) is not None:
            return _parse_history(rest, depth)
        return _body_message(msg, rest, depth)
    if kind == "quote":
        end = _quote_block_end(lines, i)
        inner = _unquote(lines[i:end])
        k = 0
        while k < len(inner) and not inner[k].strip():
            k += 1
        if k < len(inner) and _boundary(inner, k) is not None and _boundary(inner, k)[0] != "quote":
            return _parse_history(inner, depth)
        return _body_message(msg, inner, depth)
    if kind == "separator":
        i += 1
        while i < n and not lines[i].strip():
            i += 1
        # Forward/original headers may themselves be quoted ("> From: …").
        if i < n and _is_quoted(lines[i]):
            return _parse_history(_unquote(lines[i:]), depth)
    if i < n and kind in ("separator", "headers", None) and _header_at(lines, i):
        fields, seen, i = _read_headers(lines, i)
        msg.from_ = _sender(fields.get("from", "")) if fields.get("from") else None
        msg.to = _address_list(fields.get("to", ""))
        msg.cc = _address_list(fields.get("cc", ""))
        msg.subject = fields.get("subject", "")
        msg.date = fields.get("date", "")
        msg.languages = lb.header_languages(seen)
    elif kind == "attribution":
        span = b[1]
        msg.from_, msg.date = _parse_attribution(" ".join(l.strip() for l in lines[i : i + span]))
        i += span
    return _body_message(msg, lines[i:], depth)


def _body_message(msg: QuotedMessage, body: list, depth: int) -> list:
    k = 0
    while k < len(body) and not body[k].strip():
        k += 1
    body = body[k:]
    non_blank = [l for l in body if l.strip()]
    if non_blank and all(_is_quoted(l) for l in non_blank):
        # The whole body is quoted: a reply quoting its own history has no new text.
        inner = _unquote(body)
        sub = split_lines(inner, depth)
        if not sub.messages and sub.new_lines:
            msg.body = "\n".join(sub.new_lines).strip()
            return [msg]
        msg.body = "\n".join(sub.new_lines).strip()
        return [msg, *sub.messages]
    body = _dedent(body)
    sub = split_lines(body, depth)
    msg.body = "\n".join(sub.new_lines).strip()
    return [msg, *sub.messages]
