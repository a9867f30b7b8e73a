"""Flags pompous official clichés and sentences too long to read in one breath (a hint).

Why: "write like you talk to a friend over dinner: short, simple" — "доводим до вашего
сведения" and "please be advised" add nothing but distance, and a 40-word sentence is read twice.
Example: "Please be advised that the invoice will be issued in the shortest possible time." ->
"We will send the invoice today."
Long means more than `max_sentence_words` (35) words. Quiet on quoted text (a contract clause in
quotation marks or a "> " line), links and code; attachments are never read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..langdata import matcher
from ..text import words
from .meta import Finding, RuleMeta
from .wording import finditer_outside, inside, protected_spans

META = RuleMeta(
    id="bureaucratese",
    severity="info",
    principle="plain-words",
    params={"max_sentence_words": 35},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    spans = protected_spans(text)
    found = []
    for m in finditer_outside(matcher(ctx.rule_phrases("cliches")), text, spans):
        found.append((m.start(), ctx.finding("cliche", span=m.span())))
    limit = ctx.params.get("max_sentence_words", 35)
    for sentence in ctx.sentences:
        if inside(spans, sentence.start, sentence.end):
            continue
        count = sum(1 for w in words(sentence.text) if not w.isdigit())
        if count > limit:
            found.append((sentence.start, ctx.finding(
                "long_sentence", span=(sentence.start, sentence.end), words=count, max=limit)))
    for _start, finding in sorted(found, key=lambda item: item[0]):
        yield finding
