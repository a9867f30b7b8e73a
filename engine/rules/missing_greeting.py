"""Flags a new text that does not open with a greeting or the client's name (a hint).

Why: "be polite: say hello" — an answer that starts mid-sentence reads curt.
Example: "The invoice is attached." -> "Hello Anna," first.
Quiet in a quick back-and-forth: our own last message in the thread is younger than
`quick_exchange_minutes` (30), people chatting do not greet every line.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

from .courtesy import client_first_name, greeting_line, suggestion
from .meta import Finding, RuleMeta, insert_text

META = RuleMeta(
    id="missing-greeting",
    severity="info",
    principle="greeting",
    params={"quick_exchange_minutes": 30},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    if not text.strip() or greeting_line(ctx) is not None:
        return
    ours = ctx.our_last_message
    if ours is not None and ours.date is not None:
        minutes = ctx.params.get("quick_exchange_minutes", 30)
        if ctx.sent_at - ours.date <= timedelta(minutes=minutes):
            return
    name = client_first_name(ctx)
    template = suggestion(ctx, META.id, "with_name" if name else "without_name")
    greeting = template.replace("{name}", name or "")
    first_line_end = text.find("\n")
    end = first_line_end if first_line_end != -1 else len(text)
    yield ctx.finding(
        "missing",
        field="body",
        span=(0, min(end, 80)),
        fix=insert_text(greeting + "\n\n", "start"),
        suggestion=greeting,
    )
