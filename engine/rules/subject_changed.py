"""Flags a reply whose subject no longer matches the thread.

Why: clients file and search mail by subject; a changed subject splits the thread.
Example: the thread is "Счёт за март", the reply says "Re: Оплата" -> suggest "Re: Счёт за март".
"""

from __future__ import annotations

from typing import Iterator

from .. import subjects
from .meta import Finding, RuleMeta, set_field

META = RuleMeta(
    id="subject-changed",
    severity="error",
    principle="subject",
    params={},
    languages=("ru", "en", "es"),
    reads_thread=True,
)


def check(draft, ctx) -> Iterator[Finding]:
    if not ctx.is_reply or ctx.is_forward:
        return
    # Compare with the latest thread message that has a subject: if the thread itself changed
    # subject earlier, the latest subject is the one people now file under.
    original = next((m.subject for m in reversed(ctx.thread) if m.subject.strip()), None)
    if original is None:
        return
    if subjects.normalize(draft.subject) == subjects.normalize(original):
        return
    prefix = _reply_prefix(draft.subject, original)
    suggestion = f"{prefix}{subjects.strip_prefixes(original)}"
    yield ctx.finding(
        "changed",
        field="subject",
        fix=set_field("subject", suggestion),
        original=subjects.strip_prefixes(original),
        current=draft.subject.strip(),
        suggestion=suggestion,
    )


def _reply_prefix(current: str, original: str) -> str:
    """Keep the reply prefix the author's client used ("Re: ", "RE: ", "Отв: "), else "Re: "."""
    stripped = subjects.strip_prefixes(current)
    head = current[: len(current) - len(current.lstrip())]
    prefix = current.strip()[: max(0, len(current.strip()) - len(stripped))]
    return (prefix.strip() + " ") if prefix.strip() else (head + "Re: ").lstrip()
