"""Flags rude or aggressive wording: insults, put-downs, shouting in capitals, "!!!" and "?!".

Why: "never answer rudely, whatever the client wrote" — a curt line is what the client
remembers of the whole exchange, and it is forwarded to their manager.
Example: "As I already told you, the draft is attached." -> say it again, kindly, without the
reproach. "PLEASE READ THE CONTRACT" -> write it in normal case.
Quiet on acronyms (PDF, VAT, ООО, ИНН: the `acronyms` lists, the draft's language plus the
English one, since Latin acronyms are international), on company names in capitals next to a
legal form or in quotation marks, on product names (a run inside a sentence without function
words: "the licence for ACME TOOLS SUPPLY renews"), on one "!", and on quoted words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langdata import language_data, matcher
from ..text import lemmas
from .meta import Finding, RuleMeta, replace_text
from .wording import finditer_outside, inside, protected_spans

META = RuleMeta(
    id="rude-tone",
    severity="error",
    principle="tone",
    params={},
    languages=("ru", "en", "es"),
)

# Letters only: a token with a digit ("A4", "1C") is a code, never shouting.
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_MARKS_RE = re.compile(r"[!?]{2,}")
_SHOUT_WORDS = 3
# A run of this many words is shouting even inside a sentence and without function words.
_NAME_WORDS = 5


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    spans = protected_spans(text)
    found = []
    for m in finditer_outside(matcher(ctx.rule_phrases("rude")), text, spans):
        found.append((m.start(), ctx.finding("rude", span=m.span())))
    for start, end, fix in _shouting(ctx, text, spans):
        found.append((start, ctx.finding("shouting", span=(start, end),
                                         fix=replace_text(start, end, fix))))
    for m in finditer_outside(_MARKS_RE, text, spans):
        marks = m.group(0)
        if marks.count("!") >= 3 or ("!" in marks and "?" in marks):
            calm = "?" if "?" in marks else "!"
            found.append((m.start(), ctx.finding("punctuation", span=m.span(),
                                                 fix=replace_text(m.start(), m.end(), calm))))
    for _start, finding in sorted(found, key=lambda item: item[0]):
        yield finding


def _acronyms(ctx) -> frozenset:
    words = set(ctx.rule_phrases("acronyms"))
    if ctx.data.code != "en":
        words |= set(language_data("en").rule_phrases(META.id, "acronyms"))
    return frozenset(w.upper() for w in words)


def _shouting(ctx, text: str, spans: list) -> Iterator[tuple[int, int, str]]:
    """(start, end, the run in normal case) for runs of 3+ capitalised non-acronym words."""
    acronyms = _acronyms(ctx)
    legal = matcher(ctx.rule_phrases("legal_forms"))
    run: list[re.Match] = []
    for m in list(_TOKEN_RE.finditer(text)) + [None]:
        word = m.group(0) if m else ""
        caps = bool(m) and word.isupper() and not inside(spans, m.start(), m.end())
        joined = bool(run) and m is not None and text[run[-1].end():m.start()].strip(" \t") == ""
        if caps and (joined or not run):
            run.append(m)
            continue
        if run:
            yield from _judge(ctx, text, run, acronyms, legal)
        run = [m] if caps else []


def _has_function_word(ctx, words: list[str]) -> bool:
    """Names are nouns; shouting is a sentence, with "the", "не", "el", "please", "you"…"""
    stop = {w.lower() for w in ctx.phrases("stopwords", "stopwords")}
    lowered = [w.lower() for w in words]
    return any(w in stop for w in lowered + lemmas(" ".join(lowered), ctx.data.code))


def _judge(ctx, text, run, acronyms, legal) -> Iterator[tuple[int, int, str]]:
    words = [m.group(0) for m in run]
    loud = [w for w in words if len(w) > 1 and w not in acronyms]
    if len(loud) < _SHOUT_WORDS or any(legal.fullmatch(w) for w in words):
        return
    start, end = run[0].start(), run[-1].end()
    # "ООО ТОРГОВЫЙ ДОМ ВОСТОК", "NORTE MADRID S.L.": a registered name, not a raised voice.
    previous = re.search(r"([\w.]+)[\s«\"“„]*$", text[:start])
    if previous and legal.fullmatch(previous.group(1)):
        return
    after = end + len(re.match(r"[\s,»\"”]*", text[end:]).group(0))
    if any(legal.match(text, pos) for pos in [m.start() for m in run] + [after]):
        return
    before = text[:start].rstrip(" \t")
    opens_sentence = not before or before[-1] in ".!?…:\n¡¿"
    if not opens_sentence and len(loud) < _NAME_WORDS and not _has_function_word(ctx, words):
        return  # "the licence for ACME TOOLS SUPPLY renews": a product name inside a sentence
    calm = [w if w in acronyms else w.lower() for w in words]
    if opens_sentence and calm[0] != words[0]:
        calm[0] = calm[0][:1].upper() + calm[0][1:]
    pieces, last = [], start
    for m, word in zip(run, calm, strict=True):
        pieces.append(text[last:m.start()] + word)
        last = m.end()
    yield start, end, "".join(pieces)
