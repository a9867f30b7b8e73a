"""Shared text analysis: sentences, client questions and requests, lemmas for answer matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Question:
    text: str
    message_index: int
    lemmas: frozenset = field(default_factory=frozenset)
    answered: bool = False


_SENT_RE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)", re.M)


def sentences(text: str) -> list[Sentence]:
    out = []
    para = 0
    for m in _SENT_RE.finditer(text):
        chunk = m.group(0)
        stripped = chunk.strip()
        if not stripped:
            continue
        start = m.start() + (len(chunk) - len(chunk.lstrip()))
        out.append(Sentence(stripped, start, start + len(stripped), para))
    return out


_WORD_RE = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD_RE.finditer(text or "")]


def lemmas(text: str, lang: str) -> list[str]:
    """One lemma per word token, lower-cased."""
    import simplemma

    code = lang if lang in ("ru", "en", "es") else "en"
    return [simplemma.lemmatize(w, lang=code).lower() for w in words(text)]


def content_lemmas(text: str, lang: str) -> frozenset:
    return frozenset(w for w in lemmas(text, lang) if len(w) > 2)


@dataclass
class Analysis:
    questions: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    client_lemmas: frozenset = frozenset()
    client_text: str = ""


def analyze(ctx) -> Analysis:
    client_text = "\n".join(m.body for m in ctx.open_client_messages)
    return Analysis(client_lemmas=content_lemmas(client_text, ctx.lang), client_text=client_text)
