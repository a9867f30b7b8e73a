"""Flags an acknowledgement that promises an answer later but never says when.

Why: "acknowledge at once and say when the full answer comes" — "we received it, we'll get back
to you" leaves the client guessing and writing again; "…by 5 pm today" lets them plan.
Example: "Thank you, we have received your questions and will get back to you." -> add a time:
"…and will get back to you today by 5 pm."
Fires when the new text confirms receipt (`received`), promises an answer later or says we are
on it (`later`), gives no time or date (engine.timeexpr), and says nothing else: a sentence
that is neither acknowledgement nor courtesy means the draft answers the substance too.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import text as textmod
from .. import timeexpr
from ..langdata import matcher
from .meta import Finding, RuleMeta

META = RuleMeta(
    id="ack-without-eta",
    severity="warning",
    principle="eta",
    params={},
    languages=("ru", "en", "es"),
)

# Shorter sentences ("Olga", "Hi Anna,") carry no substance.
_MIN_SUBSTANCE_WORDS = 3


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    lang = ctx.lang if ctx.lang in textmod.LANGS else "en"
    received = matcher(ctx.rule_phrases("received"))
    later = matcher(ctx.rule_phrases("later"))
    promise = later.search(text)
    if promise is None or not received.search(text) or timeexpr.has_time(text, lang):
        return
    courtesy = matcher([*ctx.phrases("courtesy", "thanks"), *ctx.phrases("courtesy", "greetings"),
                        *ctx.phrases("courtesy", "closings"), *ctx.phrases("courtesy", "patience")])
    for sentence in ctx.sentences:
        if len(textmod.words(sentence.text)) < _MIN_SUBSTANCE_WORDS:
            continue
        if not any(p.search(sentence.text) for p in (received, later, courtesy)):
            return  # the draft answers the substance, not only acknowledges
    yield ctx.finding("no_eta", field="body", span=promise.span())
