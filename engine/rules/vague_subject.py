"""Flags a subject nobody could search for: empty, too short, or generic ("Question", "Hello").

Why: "a subject you can find in five years" — mail is filed and searched by subject; "Документы"
finds nothing among a thousand others.
Example: a new message titled "Invoice" -> "March invoice for order 4471"; when the draft sits
on a thread with a descriptive subject, the fix proposes that subject.
A subject is vague when it is empty, has fewer than `min_subject_words` content words (stop
words aside, numbers count), or is one of the `generic` subjects of its language ("Question",
a bare "Invoice"). A new message gets a warning; a reply only when the thread's own subject is
empty or generic, as an info (a reply keeps its thread's subject: `subject-changed`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from .. import subjects
from .. import text as textmod
from ..langdata import matcher
from .meta import Finding, RuleMeta, set_field

META = RuleMeta(
    id="vague-subject",
    severity="warning",
    principle="subject-line",
    params={"min_subject_words": 3},
    languages=("ru", "en", "es"),
)

_TRIM = " \t!?.…:;,-–—"


def check(draft, ctx) -> Iterator[Finding]:
    subject = subjects.strip_prefixes(draft.subject)
    reason = _vagueness(ctx, subject)
    if reason is None:
        return
    quote = draft.subject.strip() or None
    thread_subject = _thread_subject(ctx)
    if ctx.is_reply or ctx.is_forward:
        # A reply keeps the thread's subject (subject-changed insists), so the hint is only
        # worth giving when that subject is useless: empty or generic, not merely short.
        if _vagueness(ctx, thread_subject or subject) not in ("empty", "generic"):
            return
        finding = ctx.finding("thread_vague", field="subject", quote=quote)
        finding.severity = "info"
        yield finding
        return
    fix = None
    if thread_subject is not None and _vagueness(ctx, thread_subject) is None:
        fix = set_field("subject", thread_subject)
    yield ctx.finding(reason, field="subject", quote=quote, fix=fix,
                      min=_min_words(ctx), suggestion=thread_subject or "")


def _min_words(ctx) -> int:
    value = ctx.params.get("min_subject_words", META.params["min_subject_words"])
    return int(value) if isinstance(value, (int, float)) else META.params["min_subject_words"]


def _vagueness(ctx, subject: str) -> Optional[str]:
    """'empty', 'generic', 'short', or None for a descriptive subject."""
    cleaned = subject.strip().strip(_TRIM)
    if not cleaned:
        return "empty"
    if matcher(ctx.rule_phrases("generic")).fullmatch(cleaned):
        return "generic"
    stop = {w.lower() for w in ctx.phrases("stopwords", "stopwords")}
    content = [w for w in textmod.words(cleaned) if w not in stop and (len(w) > 1 or w.isdigit())]
    if len(content) < _min_words(ctx):
        return "short"
    return None


def _thread_subject(ctx) -> Optional[str]:
    """The latest subject of the thread, without reply/forward prefixes."""
    for msg in reversed(ctx.thread):
        stripped = subjects.strip_prefixes(msg.subject)
        if stripped:
            return stripped
    return None
