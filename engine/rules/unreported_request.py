"""Flags each thing the client asked us to do that the reply neither reports done nor dates.

Why: "report what you did" — a client who asked for a call or a document wants to know that it
happened, or when it will; silence on it means a second e-mail asking again.
Example: the client wrote "Please send the signed contract."; the reply says "We will send the
contract soon." -> say "We sent the contract today" or "We will send it by Friday".
A request counts as reported when a sentence of the new text speaks of the same action (shares a
lemma key with the request) and either says it is done (past tense, "attached", "already") or
gives a time or date ("by Friday", "завтра", "el lunes"). The client's requests are read once in
engine.text (`ctx.analysis.requests`, phrase lists `phrases/requests.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import text as textmod
from .. import timeexpr
from ..langdata import matcher
from .meta import Finding, RuleMeta
from .verbs import done_spans

META = RuleMeta(
    id="unreported-request",
    severity="warning",
    principle="report",
    params={},
    languages=("ru", "en", "es"),
    reads_thread=True,
)


def check(draft, ctx) -> Iterator[Finding]:
    requests = ctx.analysis.requests
    if not requests:
        return
    lang = ctx.lang if ctx.lang in textmod.LANGS else "en"
    done = matcher(ctx.rule_phrases("done"))
    reports = []  # keys of the sentences that say "done" or "when"
    for sentence in ctx.sentences:
        if (done.search(sentence.text) or done_spans(sentence.text, lang)
                or timeexpr.has_time(sentence.text, lang)):
            reports.append(textmod.keys(sentence.text, lang))
    said = [" ".join(textmod.words(r.text)) for r in requests]
    seen = set()
    for number, request in enumerate(requests, start=1):
        if said[number - 1] in seen:
            continue  # the client repeated the request (e.g. in a reminder): one finding
        seen.add(said[number - 1])
        # Two requests often share a word ("update the address… send the updated invoice"):
        # only what sets this request apart may mark it reported (as in engine.text's answers).
        others = [r.lemmas for r, words in zip(requests, said, strict=True)
                  if words != said[number - 1]]
        shared = frozenset.intersection(*others) if others else frozenset()
        action = (request.lemmas - shared) or request.lemmas
        if any(action & keys for keys in reports):
            continue
        yield ctx.finding("unreported", field="body", quote=request.text, number=number)
