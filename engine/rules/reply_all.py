"""Flags participants of the client's latest message who were dropped from the reply.

Why: "reply to all" keeps every participant informed; a silently dropped colleague of the
client learns nothing and the client has to forward our answer.
Example: Anna wrote to us with Boris in Cc; the reply goes to Anna only -> add Boris to Cc.
Not on forwards, not when the client wrote to us alone, never for no-reply addresses, and not
for addresses we already left out on purpose in an earlier reply of this thread.
"""

from __future__ import annotations

import re
from typing import Iterator

from .meta import Finding, RuleMeta, add_recipients

META = RuleMeta(
    id="reply-all",
    severity="error",
    principle="reply-all",
    params={"ignore_addresses": []},
    languages=("ru", "en", "es"),
    reads_thread=True,
)

_NO_REPLY_RE = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|notifications?)"
    r"(?:[-+_.][^@]*)?@", re.I
)


def check(draft, ctx) -> Iterator[Finding]:
    if ctx.is_forward or not ctx.is_reply:
        return
    latest = ctx.latest_client_message
    if latest is None:
        return
    participants = [a for a in latest.participants if a.address]
    others = {a.key: a for a in participants if not ctx.is_ours(a)}
    if len(others) <= 1:
        return  # a single correspondent: nothing to keep
    present = {a.key for a in draft.recipients}
    ignored = {a.lower() for a in ctx.params.get("ignore_addresses", [])}
    dropped_before = _dropped_on_purpose(ctx, latest)
    missing = [
        a for key, a in others.items()
        if key not in present and key not in ignored and key not in dropped_before
        and not _NO_REPLY_RE.match(key)
    ]
    if not missing:
        return
    addresses = [a.address for a in missing]
    yield ctx.finding(
        "missing",
        field="cc",
        fix=add_recipients("cc", addresses),
        addresses=", ".join(addresses),
        count=len(addresses),
    )


def _dropped_on_purpose(ctx, latest) -> set:
    """Addresses that an earlier message of ours left out although they were on the thread."""
    dropped: set = set()
    seen: set = set()
    for msg in ctx.thread:
        if msg is latest:
            break
        keys = {a.key for a in msg.participants if a.address}
        if msg.ours:
            dropped |= seen - keys - {a.key for a in msg.participants if ctx.is_ours(a)}
        seen |= keys
    return dropped
