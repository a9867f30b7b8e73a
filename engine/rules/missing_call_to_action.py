"""Flags a reply of three or more sentences whose last paragraph leaves the next step open.

Why: "end with a summary and a call to action" — a client who finishes reading should know what
happens next and what, if anything, we expect from them.
Example: "…The renewal price stays the same. All updates remain included." -> end with "To
renew, just reply to confirm, and we will send the invoice the same day."
The last paragraph is the last one with content: the greeting and the closing lines at the end
("Best regards,", "Хороших выходных!", "Sorry for the trouble." — `courtesy_endings`, the name)
are skipped. It has a next step when it asks something ("?"),
gives a time or date (engine.timeexpr), or says what comes next or what we ask for
(`next_step`: "please", "let me know", "we will", "ждём", "quedamos a la espera", Spanish
futures; Russian futures and imperatives from their grammar, engine.rules.verbs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import text as textmod
from .. import timeexpr
from ..langdata import matcher
from .courtesy import greeting_line
from .meta import Finding, RuleMeta
from .verbs import next_step_spans

META = RuleMeta(
    id="missing-call-to-action",
    severity="warning",
    principle="call-to-action",
    params={},
    languages=("ru", "en", "es"),
)

_MIN_SENTENCES = 3
# A closing line is short: "Best regards," / "Thank you again, and have a great weekend!"
_CLOSING_WORDS = 10
# "Olga", "Olga Petrova", "O. Petrova": a signature name left in the text.
_NAME_WORD = r"(?:[^\W\d_][\w'-]*|[^\W\d_]\.)"
_NAME_LINE_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}},?$")


def check(draft, ctx) -> Iterator[Finding]:
    content = _content_sentences(ctx)
    if len(content) < _MIN_SENTENCES:
        return
    last = [s for s in content if s.paragraph == content[-1].paragraph]
    lang = ctx.lang if ctx.lang in textmod.LANGS else "en"
    next_step = matcher(ctx.rule_phrases("next_step"))
    for sentence in last:
        if ("?" in sentence.text or timeexpr.has_time(sentence.text, lang)
                or next_step.search(sentence.text) or next_step_spans(sentence.text, lang)):
            return
    yield ctx.finding("missing", field="body", span=(last[0].start, last[-1].end))


def _content_sentences(ctx) -> list:
    """The sentences of the new text without the greeting and the closing lines at its end."""
    greeting = greeting_line(ctx)
    sentences = [s for s in ctx.sentences if greeting is None or s.end > greeting[1]]
    closings = matcher([*ctx.phrases("courtesy", "closings"),
                        *ctx.rule_phrases("courtesy_endings")])
    while sentences and _closing_line(sentences[-1].text, closings):
        sentences.pop()
    return sentences


def _closing_line(text: str, closings) -> bool:
    """"Best regards,", "Sorry for the trouble.", "¡Gracias de nuevo y buen fin de semana!", or a
    bare name."""
    stripped = text.strip().lstrip("¡¿«\"“(")
    if closings.match(stripped) and len(textmod.words(stripped)) <= _CLOSING_WORDS:
        return True
    return bool(_NAME_LINE_RE.match(stripped)) and all(
        w[:1].isupper() for w in stripped.rstrip(",").split())
