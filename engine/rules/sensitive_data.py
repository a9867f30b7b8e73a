"""Flags payment card numbers, IBANs and passwords written into the new text.

Why: "keep clients' data confidential" — mail is forwarded, archived and read on phones; a card
number or a password in it is a leak waiting to happen.
Example: "You paid with the card 4111 1111 1111 1111." -> mask it: "**** **** **** 1111".
A card number is 13-19 digits in card groups (4-4-4-4, 4-6-5, or unbroken), starting like a card
(2-6) and passing the Luhn check; an IBAN must have a valid checksum (python-stdnum); a password
is a value after "password:" / "пароль:" / "contraseña:" that looks like one. Numbers that fail
the checksums, order and phone numbers (a `not_card` word just before them) stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban, luhn

from ..langdata import matcher
from .meta import Finding, RuleMeta, replace_text
from .wording import inside, link_spans

META = RuleMeta(
    id="sensitive-data",
    severity="error",
    principle="confidentiality",
    params={},
    languages=("ru", "en", "es"),
)

# Digit groups joined by single spaces or dashes, not glued to letters, "+", "#", "№" or decimals.
_GROUPS_RE = re.compile(r"(?<![\w+#№/])\d+(?:[ -]\d+)*(?![\w/])")
_IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?=[ ]?[A-Z0-9])")
_IBAN_BODY_RE = re.compile(r"[A-Z0-9]{1,30}(?: [A-Z0-9]{1,4})*")
_CONTEXT_CHARS = 40
_MASK = "*"
_PASSWORD_MASK = "********"


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    skip = link_spans(text)
    found = [(a, b, "card") for a, b in _cards(ctx, text, skip)]
    found += [(a, b, "iban") for a, b in _ibans(text, skip)]
    found += [(a, b, "password") for a, b in _passwords(ctx, text, skip)]
    for start, end, message_id in sorted(found):
        masked = _PASSWORD_MASK if message_id == "password" else _masked(text[start:end])
        yield ctx.finding(message_id, span=(start, end), fix=replace_text(start, end, masked),
                          masked=masked)


def _masked(value: str) -> str:
    """Every letter and digit but the last four replaced; spaces and dashes kept."""
    keep = 4
    out = []
    for ch in reversed(value):
        if ch.isalnum():
            out.append(ch if keep > 0 else _MASK)
            keep -= 1
        else:
            out.append(ch)
    return "".join(reversed(out))


# --- card numbers ------------------------------------------------------------------------------


def _card_grouping(sizes: list[int]) -> bool:
    total = sum(sizes)
    if not 13 <= total <= 19:
        return False
    if len(sizes) == 1:
        return True
    if sizes in ([4, 6, 5], [4, 6, 4]):  # American Express, Diners Club
        return True
    return all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4


def _cards(ctx, text: str, skip: list) -> Iterator[tuple[int, int]]:
    not_card = matcher(ctx.rule_phrases("not_card"))
    card_words = matcher(ctx.rule_phrases("card"))
    for m in _GROUPS_RE.finditer(text):
        if inside(skip, m.start(), m.end()):
            continue
        groups = list(re.finditer(r"\d+", m.group(0)))
        best = None
        # The number may be followed by more digits ("4111 … 1111 2 ноября"): try every run of
        # groups, longest first, and keep the first that is a card.
        for i in range(len(groups)):
            for j in range(len(groups), i, -1):
                chosen = groups[i:j]
                digits = "".join(g.group(0) for g in chosen)
                if not _card_grouping([len(g.group(0)) for g in chosen]):
                    continue
                if digits[0] in "23456" and luhn.is_valid(digits):
                    best = (m.start() + chosen[0].start(), m.start() + chosen[-1].end())
                    break
            if best:
                break
        if best is None:
            continue
        before = text[max(0, best[0] - _CONTEXT_CHARS):best[0]]
        if not_card.search(before) and not card_words.search(before):
            continue  # "order 4111…", "tel. …": a number that only looks like a card
        yield best


# --- IBAN --------------------------------------------------------------------------------------


def _ibans(text: str, skip: list) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _IBAN_START_RE.finditer(text):
        if m.start() < pos or inside(skip, m.start(), m.end()):
            continue
        body = _IBAN_BODY_RE.match(text, m.end() if text[m.end()] != " " else m.end() + 1)
        if body is None:
            continue
        # Longest candidate first, ending at a group boundary ("DE89 3704 … 00 EUR" drops EUR).
        ends = [e.start() for e in re.finditer(r" ", text[m.start():body.end()])]
        ends = [m.start() + e for e in ends] + [body.end()]
        for end in sorted(ends, reverse=True):
            candidate = text[m.start():end]
            if len(candidate.replace(" ", "")) <= 34 and iban.is_valid(candidate):
                pos = end
                yield m.start(), end
                break


# --- passwords ---------------------------------------------------------------------------------


def _passwords(ctx, text: str, skip: list) -> Iterator[tuple[int, int]]:
    words = "|".join(
        re.escape(w).replace(r"\*", r"\w*") for w in ctx.rule_phrases("password")
    )
    # "пароль:", "new password for the portal: …" (up to three words before the colon).
    pattern = re.compile(
        rf"(?<!\w)(?:{words})(?:[ \t]+[^\s:=.!?]+){{0,3}}?[ \t]*[:=][ \t]*(\S+)", re.I)
    for m in pattern.finditer(text):
        raw = m.group(1)
        value = raw.rstrip(",;)»\"'")  # "!" and "." may belong to the password
        start = m.start(1)
        end = start + len(value)
        if not value or not any(ch.isalnum() for ch in value) or inside(skip, start, end):
            continue
        rest = text[m.end(1):].split("\n", 1)[0].strip()
        secret_like = (any(ch.isdigit() for ch in value)
                       or any(not ch.isalnum() and ch not in "-'’" for ch in value)
                       or (any(ch.isupper() for ch in value[1:])
                           and any(ch.islower() for ch in value)))
        alone = not rest and len(value) >= 4
        if secret_like or alone:
            yield start, end
