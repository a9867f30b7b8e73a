"""Flags statements in the voice the team did not choose: "I" where the company speaks as "we",
or "we" where each manager writes as "I". Off by default: a team decides and turns it on.

Why: teams disagree on "I" vs "we"; once a team has chosen, one voice across all its mail reads
as one company ("we decided" is a decision; "I decided" sounds like a whim).
Example (`voice` = "we"): "I decided not to give a discount." -> "We decided not to give a
discount." With `voice` = "i": "We will send the contract today." -> "I will send…".
Subject forms only (`singular` / `plural` lists; Russian verbs by person from their grammar):
"our price list" is fine in either voice. Personal courtesy stays personal ("I hope you are well",
`personal`), and "as we agreed" includes the client (`inclusive`). Quoted words (the client's
own) and the signature are never read.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import text as textmod
from ..langdata import matcher
from .meta import Finding, RuleMeta
from .verbs import first_person_spans
from .wording import inside, protected_spans

META = RuleMeta(
    id="first-person-voice",
    severity="info",
    principle="voice",
    params={"voice": "we"},
    languages=("ru", "en", "es"),
    enabled=False,
)


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    lang = ctx.lang if ctx.lang in textmod.LANGS else "en"
    wanted_i = str(ctx.params.get("voice", "we")).strip().lower() in ("i", "я", "yo")
    # The voice the team did not choose is what we look for.
    other = matcher(ctx.rule_phrases("plural" if wanted_i else "singular"))
    excused = matcher(ctx.rule_phrases("inclusive" if wanted_i else "personal"))
    protected = protected_spans(text)
    for sentence in ctx.sentences:
        if excused.search(sentence.text):
            continue
        hits = [(sentence.start + m.start(), sentence.start + m.end())
                for m in other.finditer(sentence.text)]
        hits += [(sentence.start + a, sentence.start + b)
                 for a, b in first_person_spans(sentence.text, lang, plural=wanted_i)]
        if any(not inside(protected, a, b) for a, b in hits):
            yield ctx.finding("use_i" if wanted_i else "use_we", field="body",
                              span=(sentence.start, sentence.end))
