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


@dataclass
class Analysis:
    questions: list = field(default_factory=list)
    requests: list = field(default_factory=list)


def analyze(ctx) -> Analysis:
    return Analysis()
