"""Flags a reply sent long after the client's latest message without a word about the wait.

Why: "answer fast: ideally 15 minutes, never over 2 hours" — when the limit is gone, the least
we owe is to thank the client for their patience or apologise for the wait.
Example: the client wrote on Thursday at 14:00, the reply goes on Friday at 10:05 (5 working
hours later) -> open with "Thank you for your patience."
Only working time counts (params `work_start`, `work_end`, `work_days`, `timezone`: the team's
working hours, shared with the acknowledgement's default promise), so a message from Friday
evening answered on Monday at 9:30 is not late. Quiet when no client message waits for us, and
when the text already thanks for patience or apologises (`phrases/courtesy.yaml: patience`).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import workhours
from ..langdata import has_phrase
from .courtesy import greeting_line, suggestion
from .meta import Finding, RuleMeta, insert_text

META = RuleMeta(
    id="slow-reply",
    severity="warning",
    principle="speed",
    # hours may be fractional (1.5): a float default makes the settings validator accept them
    params={**workhours.DEFAULTS, "max_reply_hours": 2.0},
    languages=("ru", "en", "es"),
    reads_thread=True,
)

# workhours counts at most two months and then adds this much, "late whatever we count".
_BEYOND_COUNT = 1e9


def check(draft, ctx) -> Iterator[Finding]:
    if not ctx.open_client_messages:
        return
    latest = ctx.open_client_messages[-1]
    if latest.date is None:
        return
    waited = workhours.from_params(ctx.params).working_seconds(latest.date, ctx.sent_at)
    limit = float(ctx.params.get("max_reply_hours", META.params["max_reply_hours"]))
    if waited <= limit * 3600:
        return
    if has_phrase(ctx.phrases("courtesy", "patience"), ctx.new_text):
        return
    line = suggestion(ctx, META.id, "suggest")
    yield ctx.finding("slow", field="body", fix=insert_text(line + " ", _after_greeting(ctx)),
                      hours=_hours(waited), limit=f"{limit:g}", suggestion=line)


def _after_greeting(ctx):
    """Where the thanks goes: first thing after the greeting, else at the start."""
    greeting = greeting_line(ctx)
    if greeting is None:
        return "start"
    text = ctx.new_text
    rest = text[greeting[1]:]
    at = greeting[1] + len(rest) - len(rest.lstrip())
    return at if at < len(text) else "end"


def _hours(seconds: float) -> str:
    if seconds >= _BEYOND_COUNT:
        return f"{round((seconds - _BEYOND_COUNT) / 3600)}+"
    return str(max(1, round(seconds / 3600)))
