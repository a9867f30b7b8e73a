"""HTML to text as a reader sees it, with the quote structure kept as marks.

- Paragraphs and line breaks stay; `<ol>` items get "1. ", "2. ", `<ul>` items "- ".
- `<style>`, `<script>`, `<head>`, comments and hidden elements are dropped; entities decoded.
- `<blockquote>` content gets "> " per line, as plain-text mail quotes it.
- Known quote containers (Gmail `gmail_quote`, Outlook `divRplyFwdMsg` / `appendonsend` /
  the border-top header div, Thunderbird `moz-cite-prefix` / `moz-forward-container`, Yahoo
  `yahoo_quoted`, Outlook for Mac `OLK_SRC_BODY_SECTION`) are preceded by a line holding only
  QUOTE_MARK; signature containers by SIGNATURE_MARK. engine.mail.quotes reads those marks.

The tree is lxml's own (C) HTML tree, walked here. BeautifulSoup with the lxml builder gave the
same text but spent ~1 ms per body building Python objects for every tag (bench/engine.py's
profile); html.parser was slower still. BeautifulSoup remains the naive baseline in the bench.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

QUOTE_MARK = "\ue000"  # private-use characters: never in real text, never whitespace
SIGNATURE_MARK = "\ue001"
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                               encoding="utf-8")

_DROP = {"style", "script", "head", "title", "meta", "link", "noscript", "template", "svg", "object"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
          "table", "tr", "ul", "ol", "dl", "dt", "dd", "pre", "address", "center", "form",
          "fieldset", "figure", "main", "nav", "aside", "hr"}
_QUOTE_CLASSES = {"gmail_quote", "gmail_quote_container", "yahoo_quoted", "moz-cite-prefix",
                  "moz-forward-container", "OLK_SRC_BODY_SECTION", "protonmail_quote",
                  "zmail_extra", "replyquote"}
_QUOTE_IDS = {"divRplyFwdMsg", "appendonsend", "OLK_SRC_BODY_SECTION", "mail-editor-reference-message-container"}
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature", "signature"}
_SIGNATURE_IDS = {"Signature", "signature"}
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BORDER_TOP_RE = re.compile(r"border-top\s*:\s*solid", re.I)
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u2007\u202f\u200b\ufeff]+")
MAX_DEPTH = 400
_HEADER_START_RE = re.compile(r"^\s*(?:From|Date|Sent|To|Cc|Subject|От|Дата|Кому|Тема|De|Para|Asunto|Fecha|Enviado)\s*:", re.I)


def _classes(tag) -> set:
    return set((tag.get("class") or "").split())


def _text_of(tag) -> str:
    return " ".join(t.strip() for t in tag.itertext() if t.strip())


def _is_quote_container(tag) -> bool:
    if tag.get("id") in _QUOTE_IDS or _classes(tag) & _QUOTE_CLASSES:
        return True
    if tag.tag == "div" and _BORDER_TOP_RE.search(tag.get("style") or ""):
        # Outlook desktop: the header block of the quoted message sits in a div with a top border.
        text = _text_of(tag)[:200]
        return ":" in text and "@" in text or bool(re.search(r"\b\w+\s*:", text))
    return False


def _is_signature(tag) -> bool:
    return (tag.get("id") in _SIGNATURE_IDS or bool(_classes(tag) & _SIGNATURE_CLASSES)
            or tag.get("data-smartmail") == "gmail_signature")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = [""]
        self.prefix = ""

    def text(self, s: str) -> None:
        s = _SPACES_RE.sub(" ", s.replace("\n", " "))
        if not s.strip() and (not self.lines[-1] or self.lines[-1].endswith(" ")):
            return
        if not self.lines[-1]:
            s = s.lstrip()
            if not s:
                return
            self.lines[-1] = self.prefix
        self.lines[-1] += s

    def newline(self) -> None:
        last = self.lines[-1]
        if last.strip() in ("", ">") and last == "" :
            return
        self.lines[-1] = last.rstrip()
        self.lines.append("")

    def hard_break(self) -> None:
        self.lines[-1] = self.lines[-1].rstrip() if self.lines[-1] else self.prefix.rstrip()
        self.lines.append("")

    def mark(self, mark: str) -> None:
        self.newline()
        self.lines[-1] = mark
        self.lines.append("")


def _walk(node, out: _Writer, depth: int = 0) -> None:
    """Write the children of `node` (text, elements and their tails)."""
    if depth > MAX_DEPTH:
        out.text(_text_of(node))
        return
    if node.text:
        out.text(node.text)
    for child in node:
        _element(child, out, depth)
        if child.tail:
            out.text(child.tail)


def _element(child, out: _Writer, depth: int) -> None:
    name = child.tag
    if not isinstance(name, str):  # comments, processing instructions, entities
        return
    name = name.lower()
    if name in _DROP or _HIDDEN_RE.search(child.get("style") or ""):
        return
    if name == "br":
        out.hard_break()
        return
    if name == "img":
        return
    if name in ("b", "strong") and _HEADER_START_RE.match(_text_of(child)):
        # "<b>From: x</b><b>Date: y</b>": each header label starts a line.
        out.newline()
    if _is_quote_container(child):
        out.mark(QUOTE_MARK)
    elif _is_signature(child):
        out.mark(SIGNATURE_MARK)
    if name == "blockquote":
        out.newline()
        saved = out.prefix
        out.prefix = saved + "> "
        _walk(child, out, depth + 1)
        out.newline()
        out.prefix = saved
        return
    if name in ("ol", "ul"):
        out.newline()
        try:
            number = int(child.get("start", 1))
        except (TypeError, ValueError):
            number = 1
        for item in child:
            if not isinstance(item.tag, str) or item.tag.lower() != "li":
                continue
            out.newline()
            out.text(f"{number}. " if name == "ol" else "- ")
            _walk(item, out, depth + 1)
            out.newline()
            number += 1
        return
    if name in ("td", "th"):
        _walk(child, out, depth + 1)
        out.text(" ")
        return
    if name in _BLOCK or name == "li":
        out.newline()
        _walk(child, out, depth + 1)
        out.newline()
        if name == "p":
            out.hard_break()
        return
    _walk(child, out, depth + 1)


def _parse(html: str):
    data = html.encode("utf-8", errors="replace")
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def html_to_text(html: str) -> str:
    """Readable text of an HTML body, with quote/signature marks on their own lines."""
    if not html:
        return ""
    root = _parse(html)
    if root is None:  # nothing parseable (e.g. only a comment)
        return ""
    out = _Writer()
    _walk(root, out)
    lines = [line.rstrip() for line in out.lines]
    text = "\n".join(lines)
    text = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", text)
    return text.strip("\n ")
