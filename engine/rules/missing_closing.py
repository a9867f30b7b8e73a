"""Flags a new text that ends without a courteous closing or wishes (a hint).

Why: "keep the last word: thank and wish well" — the end of a mail is what stays in mind.
Example: "... the invoice is attached.\n\nOlga" -> add "Best regards," before the name.
A closing right before the signature counts ("С уважением,", "Saludos cordiales,").
"""

from __future__ import annotations

from typing import Iterator

from ..langdata import has_phrase
from .courtesy import suggestion
from .meta import Finding, RuleMeta, insert_text

META = RuleMeta(
    id="missing-closing",
    severity="info",
    principle="closing",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    if not text.strip():
        return
    closings = ctx.phrases("courtesy", "closings")
    lines = [line for line in text.split("\n") if line.strip()]
    tail = "\n".join(lines[-3:])
    if has_phrase(closings, tail):
        return
    if ctx.signature and has_phrase(closings, "\n".join(ctx.signature.split("\n")[:2])):
        return
    closing = suggestion(ctx, META.id, "closing")
    # Before a one-word name line ("Olga") the closing goes above it; else at the end.
    last = lines[-1].strip()
    at: object = "end"
    insert = "\n\n" + closing
    if len(lines) > 1 and len(last.split()) <= 2 and last[-1:].isalpha():
        at = text.rstrip().rfind(last)
        insert = closing + "\n"
    yield ctx.finding("missing", field="body", fix=insert_text(insert, at), suggestion=closing)
