"""Flags a new text that says something is attached when the draft has no attachment.

Why: every major mail client warns about this; a missing file costs a round trip and looks
careless.
Example: "Счёт во вложении." with no file -> attach it before sending.
Quiet when the phrase is only in the quoted history, when it speaks of the client's attachment
("the file you attached", "в вашем вложении"), or when the draft has attachments.
"""

from __future__ import annotations

from typing import Iterator

from ..langdata import has_phrase, matcher
from .meta import Finding, RuleMeta

META = RuleMeta(
    id="forgotten-attachment",
    severity="error",
    principle="attachment",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    if draft.attachments:
        return
    attached = matcher(ctx.phrases("attachments", "attached"))
    theirs = ctx.phrases("attachments", "theirs")
    for sentence in ctx.sentences:
        m = attached.search(sentence.text)
        if not m or has_phrase(theirs, sentence.text):
            continue
        start = sentence.start + m.start()
        yield ctx.finding("missing", field="body", span=(start, sentence.start + m.end()),
                          phrase=m.group(0))
        return
