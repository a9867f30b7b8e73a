"""Flags a delay or a missed deadline announced without a new date or time.

Why: "be honest about delays and set a new deadline" — "the delivery is delayed" alone leaves
the client unable to plan; "…it will arrive on Tuesday, November 24" restores trust.
Example: "Unfortunately the order is delayed." -> add when it will arrive now.
A date counts when it stands in the delay's paragraph or after it (engine.timeexpr), except the
old deadline: a date right after "we won't make it" / "не успеваем к" / "no llegaremos a tiempo
para" (`missed`), or next to "as planned" / "как планировали" / "como estaba previsto" (`old_date`).
Not for an apology for a slow reply ("sorry for the delay", `phrases/courtesy.yaml: patience`)
nor for "without delay" (`no_delay`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import text as textmod
from .. import timeexpr
from ..langdata import matcher
from .meta import Finding, RuleMeta

META = RuleMeta(
    id="delay-without-new-date",
    severity="warning",
    principle="delays",
    params={},
    languages=("ru", "en", "es"),
)

# "won't make it by Friday": a date this close after a missed-deadline phrase is the old one.
_OLD_DEADLINE_GAP_RE = re.compile(r"[\s,]*(?:[^\W\d_]{1,6}\s+){0,2}", re.UNICODE)
# "as planned … on Friday": how far an old-date marker reaches.
_MARKER_REACH = 30


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    lang = ctx.lang if ctx.lang in textmod.LANGS else "en"
    delays = _delays(ctx, text)
    if not delays:
        return
    start, end = delays[0]
    paragraph_start = _paragraph_start(ctx, start)
    missed = [m.span() for m in matcher(ctx.rule_phrases("missed")).finditer(text)]
    old = [m.span() for m in matcher(ctx.rule_phrases("old_date")).finditer(text)]
    for mention in timeexpr.find(text, lang):
        if mention.start >= paragraph_start and not _old_deadline(text, mention, missed, old):
            return
    yield ctx.finding("no_new_date", field="body", span=(start, end))


def _delays(ctx, text: str) -> list[tuple[int, int]]:
    """Delay phrases that are not an apology for our slow reply, nor "without delay"."""
    apologies = matcher(ctx.phrases("courtesy", "patience"))
    about_reply = matcher(ctx.rule_phrases("reply_words"))
    excluded = [m.span() for m in matcher(ctx.rule_phrases("no_delay")).finditer(text)]
    for m in apologies.finditer(text):
        after = text[m.end():]
        # "Sorry for the delay." / "…for the delay in replying": our reply, not the order.
        if not after.strip() or re.match(r"\s*[.,!;:)\n]", after) or about_reply.match(
                after.lstrip()):
            excluded.append(m.span())
    out = []
    for kind in ("delay", "missed"):
        for m in matcher(ctx.rule_phrases(kind)).finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in excluded):
                out.append(m.span())
    return sorted(out)


def _paragraph_start(ctx, position: int) -> int:
    paragraph = next((s.paragraph for s in ctx.sentences if s.start <= position < s.end), None)
    starts = [s.start for s in ctx.sentences if s.paragraph == paragraph]
    return min(starts) if starts else position


def _old_deadline(text: str, mention, missed: list, old: list) -> bool:
    for _start, end in missed:
        if end <= mention.start and _OLD_DEADLINE_GAP_RE.fullmatch(text[end:mention.start]):
            return True
    return any(abs(mention.start - b) <= _MARKER_REACH or abs(a - mention.end) <= _MARKER_REACH
               for a, b in old)
