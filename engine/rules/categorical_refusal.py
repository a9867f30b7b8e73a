"""Flags a bare refusal: "no", "impossible", "мы не можем", "no es posible" with neither a reason
nor an alternative in the same or the next sentence.

Why: "never a bare 'no': explain and offer a way" — a client who hears only "no" hears "we do
not care"; a reason shows respect, an alternative keeps the deal.
Example: "We cannot give a 30% discount." -> "…because the price already includes the volume
discount. Instead, we can add three months of support."
Quiet when the refusal sentence or the next one gives a reason or an alternative (`reasons`:
"because", "потому что", "instead", "вместо этого", "podemos ofrecer"…, or an explanation after
a colon or a dash), on conditions ("if we
cannot…"), on questions, on idioms that only look like refusals ("we can't wait"), and in
quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langdata import matcher
from .meta import Finding, RuleMeta
from .wording import inside, protected_spans

META = RuleMeta(
    id="categorical-refusal",
    severity="warning",
    principle="no-bare-no",
    params={},
    languages=("ru", "en", "es"),
)

_TRAILING = ".!…  "
# A colon or a dash after the refusal, then an explanation of three words or more.
_EXPLAINED_RE = re.compile(r"(?::|\s[—–-])\s*\w+(?:\W+\w+){2,}")


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    spans = protected_spans(text)
    refusals = matcher(ctx.rule_phrases("refusals"))
    bare = matcher(ctx.rule_phrases("bare_answers"))
    idioms = matcher(ctx.rule_phrases("not_refusals"))
    conditions = matcher(ctx.rule_phrases("conditions"))
    reasons = matcher(ctx.rule_phrases("reasons"))
    sentences = ctx.sentences
    for i, sentence in enumerate(sentences):
        said = sentence.text
        if "?" in said or "¿" in said or conditions.search(said):
            continue
        refusal = _refusal(said, refusals, idioms)
        if refusal is None and bare.fullmatch(said.rstrip(_TRAILING)):
            refusal = (0, len(said))
        if refusal is None:
            continue
        start, end = sentence.start + refusal[0], sentence.start + refusal[1]
        if inside(spans, start, end):
            continue
        # The refusal words themselves ("не можем") must not count as "можем", an alternative.
        rest = said[:refusal[0]] + " " * (refusal[1] - refusal[0]) + said[refusal[1]:]
        following = sentences[i + 1].text if i + 1 < len(sentences) else ""
        if reasons.search(rest) or reasons.search(following):
            continue
        if _EXPLAINED_RE.search(said[refusal[1]:]):
            continue  # "we cannot export to XML yet: the format is not approved"
        yield ctx.finding("bare", span=(sentence.start, sentence.end))


def _refusal(said: str, refusals, idioms):
    """(start, end) of the first refusal in a sentence that is not part of an idiom."""
    taken = [m.span() for m in idioms.finditer(said)]
    for m in refusals.finditer(said):
        if not inside(taken, m.start(), m.end()):
            return m.span()
    return None
