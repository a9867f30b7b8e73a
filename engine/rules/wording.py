"""Helpers shared by the wording rules (tone, jargon, abbreviations, clichés, hedges, refusals,
internal details, tidy writing): what part of the new text is not the author's own prose, and
which words the client already used.

A rule module stays one rule; this holds what several of them read.
- `protected_spans(text)`: URLs, e-mail addresses, code and quotations ("…", «…», `…`): words
  there are names, addresses or someone else's words, not our wording.
- `client_keys(ctx, messages)`: lemma keys (engine.text.KEY_LEN letters) of the client's words,
  so "задеплоить" in the draft meets "задеплоили" in the client's mail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Optional

from .. import text as textmod

_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>«»\"]+", re.I)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PATH_RE = re.compile(r"(?<![\w/])(?:[\w-]+\.)+(?:com|org|net|ru|es|io|example|html?|php)\b[^\s]*",
                      re.I)
_CODE_RE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_QUOTE_RE = re.compile(
    r"«[^«»\n]{1,300}»|“[^“”\n]{1,300}”|„[^„“”\n]{1,300}[“”]|\"[^\"\n]{1,300}\"")
_CODE_LINE_RE = re.compile(r"^(?: {4,}|\t)\S.*$|^\s*>.*$", re.M)

Span = tuple[int, int]


@lru_cache(maxsize=64)
def link_spans(text: str) -> tuple[Span, ...]:
    """URLs, e-mail addresses, domain names and code: never prose, in any rule.

    Cached: a dozen rules ask about the same new text in one check."""
    out: list[Span] = []
    for pattern in (_URL_RE, _EMAIL_RE, _PATH_RE, _CODE_RE, _CODE_LINE_RE):
        out.extend(m.span() for m in pattern.finditer(text))
    return tuple(sorted(out))


@lru_cache(maxsize=64)
def protected_spans(text: str) -> tuple[Span, ...]:
    """Links and code (see `link_spans`) plus quotations: words the author did not choose."""
    return tuple(sorted(link_spans(text) + tuple(m.span() for m in _QUOTE_RE.finditer(text))))


def inside(spans: Iterable[Span], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of `spans`."""
    return any(a < end and start < b for a, b in spans)


def finditer_outside(pattern: re.Pattern, text: str, spans: Iterable[Span]):
    """Matches of `pattern` in `text` that do not touch a protected span."""
    for m in pattern.finditer(text):
        if m.end() > m.start() and not (spans and inside(spans, m.start(), m.end())):
            yield m


# --- the client's vocabulary ---------------------------------------------------------------------


def _lang(ctx) -> str:
    return ctx.lang if ctx.lang in textmod.LANGS else "en"


def term_keys(term: str, lang: str) -> frozenset:
    """Lemma keys of every word of a term (stop words kept: a term is short and chosen)."""
    return frozenset(k[: textmod.KEY_LEN] for k in textmod.lemmas(term, lang))


def client_keys(ctx, messages: Optional[list] = None) -> frozenset:
    """Lemma keys of all words the client wrote in `messages` (default: all client messages)."""
    msgs = ctx.client_messages if messages is None else messages
    lang = _lang(ctx)
    keys: set = set()
    for msg in msgs:
        keys.update(term_keys(msg.body or "", lang))
    return frozenset(keys)


def client_used_term(ctx, term: str, keys: frozenset) -> bool:
    """The client used the same term: every lemma key of `term` is among the client's keys."""
    mine = term_keys(term, _lang(ctx))
    return bool(mine) and mine <= keys


def normal_form(token: str) -> str:
    """An abbreviation without case, dots and spaces: "т. к." and "тк" are one form."""
    return re.sub(r"[\s.]+", "", token.lower())


def client_forms(pattern: re.Pattern, messages: list) -> frozenset:
    """Normal forms of what `pattern` finds in the client's messages."""
    return frozenset(
        normal_form(m.group(0)) for msg in messages for m in pattern.finditer(msg.body or "")
    )
