"""Flags each client question that nothing in the new text addresses.

Why: "as many answers as questions, in the order asked" — an unanswered question costs a second
round trip and the client's trust.
Example: the client asked "Когда будет счёт?" and "Можно ли оплатить картой?"; the reply only
sends the invoice -> one finding quoting the card question.
What counts as answered is decided once in engine.text (shared keys with an answer sentence, a
numbered list with one item per question, or a "we are checking" line).
"""

from __future__ import annotations

from typing import Iterator

from .meta import Finding, RuleMeta

META = RuleMeta(
    id="unanswered-question",
    severity="error",
    principle="answers",
    params={},
    languages=("ru", "en", "es"),
    reads_thread=True,
)


def check(draft, ctx) -> Iterator[Finding]:
    for number, question in enumerate(ctx.analysis.questions, start=1):
        if question.answered:
            continue
        yield ctx.finding("unanswered", field="body", quote=question.text, number=number)
