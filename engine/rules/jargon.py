"""Flags the team's jargon: "задеплоить", "кастомный", "бэкенд", "deploy", "cron", "endpoint",
"staging", "customizar"…

Why: "speak the client's language, not ours" — a term the client does not know makes them
guess, or ask, or feel talked down to.
Example: "We will deploy the hotfix to prod tonight." -> "Tonight we will install the
correction on the live system."
The glossary is the language's `glossary` list plus the setting `jargon` (extra terms of the
team, matched in every language, same syntax: `*` for the rest of a word). Quiet when the client
used the same term in the thread (same lemmas: "deploy" after their "deployed"), and in links
and code.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..langdata import matcher
from .meta import Finding, RuleMeta
from .wording import client_keys, client_used_term, finditer_outside, link_spans, term_keys

META = RuleMeta(
    id="jargon",
    severity="warning",
    principle="client-language",
    params={"jargon": []},
    languages=("ru", "en", "es"),
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    terms = list(ctx.rule_phrases("glossary")) + [
        t.strip() for t in ctx.params.get("jargon", []) if t.strip()
    ]
    found = list(finditer_outside(matcher(terms), text, link_spans(text)))
    if not found:
        return
    theirs = client_keys(ctx)  # the whole thread's words: read only when there is a term
    seen = set()
    for m in found:
        keys = term_keys(m.group(0), ctx.lang)
        if keys in seen or client_used_term(ctx, m.group(0), theirs):
            continue
        seen.add(keys)
        yield ctx.finding("term", span=m.span())
