"""Flags informal abbreviations and chat slang: "спс", "пжл", "щас", "т.к.", "thx", "pls", "btw",
"asap", "u", "gonna", "xq", "tb".

Why: "no abbreviations the client did not use first" — a shortcut saves the writer a second and
costs the reader one, and it reads as if the client was not worth the full word.
Example: "Thx, will send it asap." -> "Thank you, we will send it today by 5 pm."
Quiet when the client used the same abbreviation in the thread ("asap" after their "ASAP"), on
standard abbreviations (they are simply not in the lists: "т.е.", "etc.", "e.g.", "ООО"), and in
links, addresses, code and quotations.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..langdata import matcher
from .meta import Finding, RuleMeta
from .wording import client_forms, finditer_outside, normal_form, protected_spans

META = RuleMeta(
    id="abbreviation",
    severity="warning",
    principle="abbreviations",
    params={},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    pattern = matcher(ctx.rule_phrases("informal"))
    found = list(finditer_outside(pattern, text, protected_spans(text)))
    if not found:
        return
    # Only now read the client's messages (a 50-message thread is most of the cost).
    theirs = client_forms(pattern, ctx.client_messages)
    seen = set()
    for m in found:
        form = normal_form(m.group(0))
        if form in theirs or form in seen:
            continue
        seen.add(form)
        yield ctx.finding("informal", span=m.span())
