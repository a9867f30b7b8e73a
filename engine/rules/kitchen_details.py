"""Flags internal details the client does not need: sick or vacationing staff, holidays of
officials, storms, power cuts, "our director does not want…", "the developer forgot".

Why: "keep the smell of the kitchen in the kitchen" — the client bought a result, not our
troubles; excuses read as blame-shifting and make us look disorganised.
Example: "The invoice is late because our accountant is sick." -> "The invoice will come on
Monday, November 23."
Quiet when it is the client's own topic: the phrase's main word (its longest content word)
appears in the open client messages ("Is Anna still on vacation?" -> "Anna is back from
vacation on Monday"), and in quotations.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..langdata import matcher
from ..text import KEY_LEN, content_lemmas
from .meta import Finding, RuleMeta
from .wording import client_keys, finditer_outside, protected_spans

META = RuleMeta(
    id="kitchen-details",
    severity="warning",
    principle="kitchen",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    pattern = matcher(ctx.rule_phrases("internal"))
    found = list(finditer_outside(pattern, text, protected_spans(text)))
    if not found:
        return
    theirs = client_keys(ctx, ctx.open_client_messages)
    sentences_seen = set()
    for m in found:
        topic = _main_key(m.group(0), ctx.lang)
        if topic is not None and topic in theirs:
            continue  # the client brought it up
        sentence = next((s.start for s in ctx.sentences if s.start <= m.start() < s.end), None)
        if sentence in sentences_seen:
            continue
        sentences_seen.add(sentence)
        yield ctx.finding("internal", span=m.span())


def _main_key(phrase: str, lang: str):
    """The key of the longest content word: "отпуске" in "в отпуске", "developer" in "the
    developer forgot", "director" in "our director does not want"."""
    found = sorted(content_lemmas(phrase, lang), key=lambda w: (-len(w), w))
    return found[0][:KEY_LEN] if found else None
