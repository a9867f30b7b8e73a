"""Hints at a price stated without what it includes.

Why: "spell out what the price includes" — "$4,800" alone invites the question "with delivery?
with support?" and makes the offer impossible to compare.
Example: "Setting up 20 workstations costs $4,800." -> "…The price includes delivery,
installation and one year of support."
A price is a number next to a currency (`currencies`: "$", "₽", "руб.", "euros", "USD"…,
optionally with a multiplier such as "тыс."), so dates, phones and account numbers never count;
nor does an amount in a sentence about a payment or refund (`not_price`). Quiet when the text
says what is (or is not) included anywhere (`includes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..langdata import has_phrase, matcher
from .meta import Finding, RuleMeta

META = RuleMeta(
    id="price-without-inclusions",
    severity="info",
    principle="price",
    params={},
    languages=("ru", "en", "es"),
)

# 4,800 / 380 000 / 4.400 / 1 200,50 / 950
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+|\d+)(?:[.,]\d{1,2})?(?![\d])"


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    if has_phrase(ctx.rule_phrases("includes"), text):
        return
    not_price = matcher(ctx.rule_phrases("not_price"))
    pattern = _amount_pattern(tuple(ctx.rule_phrases("currencies")),
                              tuple(ctx.rule_phrases("multipliers")))
    for sentence in ctx.sentences:
        if not_price.search(sentence.text):
            continue
        m = pattern.search(sentence.text)
        if m:
            start = sentence.start + m.start()
            yield ctx.finding("no_inclusions", field="body",
                              span=(start, sentence.start + m.end()))
            return


def _alternation(items: tuple) -> str:
    parts = []
    for item in sorted(set(items), key=len, reverse=True):
        piece = re.escape(item).replace(r"\*", r"\w*")
        if re.match(r"\w", item):
            piece = r"(?<![^\W\d_])" + piece  # not inside a word; "12k", "4800USD" are fine
        if re.search(r"[\w*]$", item):
            piece += r"(?!\w)"
        parts.append(piece)
    return "|".join(parts)


@lru_cache(maxsize=8)
def _amount_pattern(currencies: tuple, multipliers: tuple) -> re.Pattern:
    cur = _alternation(currencies)
    mult = rf"(?:\s?(?:{_alternation(multipliers)}))?" if multipliers else ""
    return re.compile(rf"(?:{cur})\s?{_NUMBER}{mult}|{_NUMBER}{mult}\s?(?:{cur})",
                      re.IGNORECASE)
