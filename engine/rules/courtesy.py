"""Helpers shared by the courtesy rules (thanks, greeting, closing): where the greeting line is,
what the client is called. A rule module stays one rule; this holds what several of them read."""

from __future__ import annotations

import re
from typing import Optional

from ..langdata import matcher
from ..names import first_name

_ADDRESSEE_RE = re.compile(r"^[^\W\d_][\w'-]{1,30}(?:\s[^\W\d_][\w'-]{1,30})?,\s*$")
_NAME_LINE_RE = re.compile(r"^[^\W\d_][\w .'-]{0,40}[,!:]\s*$")


def greeting_line(ctx) -> Optional[tuple[int, int]]:
    """(start, end) of the opening greeting of the new text ("Hi Anna,", "Анна, добрый день!").

    The greeting may open a longer line ("Hi Anna, the invoice is attached."): it ends at the
    first , ! or : after both the greeting word and the client's name.
    """
    text = ctx.new_text
    first = text.split("\n", 1)[0]
    if not first.strip():
        return None
    start = len(first) - len(first.lstrip())
    greetings = matcher(ctx.phrases("courtesy", "greetings"))
    head = first[: start + 60]
    g = greetings.search(head)
    if g and g.start() > start + 25:
        g = None
    name = client_first_name(ctx)
    n = None
    if name:
        idx = head.lower().find(name.lower())
        if idx != -1 and idx <= start + 25:
            n = (idx, idx + len(name))
    if g is None and n is None:
        if _NAME_LINE_RE.match(first) and len(first.split()) <= 3:
            return start, len(first)
        return None
    if g is not None and n is None and g.start() > start:
        # "Ирина, добрый день!" with a name we could not read: one word and a comma may open it;
        # a greeting word later in a sentence is not an opening.
        if not _ADDRESSEE_RE.match(first[start:g.start()]):
            return None
    after = max(x[1] for x in (
        (g.start(), g.end()) if g else None, n) if x is not None)
    cut = re.search(r"[,!:]", first[after:])
    end = after + cut.end() if cut else len(first)
    return start, end


def client_first_name(ctx) -> Optional[str]:
    """The first name of the client we answer (latest client message, else the first To)."""
    latest = ctx.latest_client_message
    if latest is None:
        recipients = ctx.draft.to
        name = recipients[0].name if recipients else ""
    else:
        name = latest.from_.name if latest.from_ else ""
    return first_name(name)


def suggestion(ctx, rule_id: str, name: str) -> str:
    """The first phrase of a rule's suggestion list, in the draft's language."""
    return ctx.data.rule_phrases(rule_id, name)[0]
