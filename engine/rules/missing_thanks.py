"""Flags a new text with no thanks in it, and offers a thanks line that fits the thread.

Why: "insert thank you and please wherever you can" — thanks is the cheapest courtesy.
Example: "Hi Anna, the invoice is attached." -> "Thank you for the documents." after the greeting
when the client attached something; "for your questions" when they asked; "for your patience"
when we answer late; "for your message" otherwise.
"""

from __future__ import annotations

from typing import Iterator

from ..langdata import has_phrase
from .courtesy import greeting_line, suggestion
from .meta import Finding, RuleMeta, insert_text

META = RuleMeta(
    id="missing-thanks",
    severity="warning",
    principle="thanks",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    if not text.strip() or has_phrase(ctx.phrases("courtesy", "thanks"), text):
        return
    opened = [m for m in ctx.open_client_messages]
    if any(m.attachments for m in opened):
        kind = "suggest_documents"
    elif ctx.analysis.questions:
        kind = "suggest_questions" if len(ctx.analysis.questions) > 1 else "suggest_question"
    elif opened:
        kind = "suggest_message"
    else:
        kind = "suggest_generic"
    line = suggestion(ctx, META.id, kind)
    greeting = greeting_line(ctx)
    at = "start"
    if greeting is not None:
        rest = text[greeting[1]:]
        skipped = len(rest) - len(rest.lstrip())
        at = greeting[1] + skipped
        insert = line + (" " if at < len(text) and text[at - 1:at] != "\n" else "\n\n")
        if at < len(text) and text[at - 1:at] == "\n":
            insert = line + " "
    else:
        insert = line + " "
    yield ctx.finding("missing", field="body", fix=insert_text(insert, at), suggestion=line)
