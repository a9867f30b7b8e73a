"""Flags unsupported guesses in our statements: "наверное", "мне кажется", "I think maybe",
"probably", "quizás", "creo que tal vez" (a hint).

Why: "say only what you are sure of" — a client plans around our words; "probably tomorrow" is
neither a promise nor a date, and it makes the rest of the mail sound unsure too.
Example: "The parts will probably arrive on Monday." -> check, then "The parts arrive on Monday",
or "We will confirm the delivery date today by 3 pm".
Quiet on hedges inside a question to the client ("Would Tuesday perhaps suit you?"), on polite
suggestions (`suggestions`: "perhaps we could…", "quizás le interese…"), and in quotations.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..langdata import matcher
from .meta import Finding, RuleMeta
from .wording import inside, protected_spans

META = RuleMeta(
    id="hedging",
    severity="info",
    principle="certainty",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    spans = protected_spans(text)
    hedges = matcher(ctx.rule_phrases("hedges"))
    suggestions = matcher(ctx.rule_phrases("suggestions"))
    for sentence in ctx.sentences:
        if "?" in sentence.text or "¿" in sentence.text:
            continue  # a question to the client may be tentative
        polite = [m.span() for m in suggestions.finditer(sentence.text)]
        for m in hedges.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if inside(spans, start, end) or inside(polite, m.start(), m.end()):
                continue
            yield ctx.finding("hedge", span=(start, end))
            break  # one hint per sentence
