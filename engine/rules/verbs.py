"""Verb forms read by the follow-up rules (unreported-request, missing-call-to-action,
first-person-voice): is something reported as done, coming next, asked of the client, and who
speaks ("пришлю" or "пришлём")?

Russian verbs carry this in their endings, which pymorphy3 tags reliably ("отправили" past,
"пришлём" future, "напишите" imperative), so it is read from the tags. English and
Spanish forms are regular enough to be phrase lists (`re:` patterns) in each rule's data, so for
them these functions find nothing and the rule's lists do the work.
A rule module stays one rule; this holds what several of them read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import MORPH

_CYRILLIC_WORD_RE = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.I)

Span = tuple[int, int]


@lru_cache(maxsize=16384)
def _tag(word: str):
    return MORPH.parse(word.lower())[0].tag


def _spans(text: str, lang: str, wanted) -> list[Span]:
    if lang != "ru":
        return []
    return [m.span() for m in _CYRILLIC_WORD_RE.finditer(text) if wanted(_tag(m.group(0)))]


def _done(tag) -> bool:
    # "отправили", "поменяла"; short passive participles: "счёт отправлен".
    return "past" in tag or "PRTS" in tag


def _asked(tag) -> bool:
    # "напишите", "подтвердите": what we ask the client to do.
    return "VERB" in tag and "impr" in tag


def _ahead(tag) -> bool:
    # "водитель позвонит", "счёт придёт", "будет готов": what happens next, whoever does it.
    return "VERB" in tag and "futr" in tag


def done_spans(text: str, lang: str) -> list[Span]:
    """Verbs in the past tense and short passive participles (Russian)."""
    return _spans(text, lang, _done)


def next_step_spans(text: str, lang: str) -> list[Span]:
    """Future verbs and imperatives: a step that comes next, or that we ask for (Russian)."""
    return _spans(text, lang, lambda tag: _ahead(tag) or _asked(tag))


def first_person_spans(text: str, lang: str, plural: bool) -> list[Span]:
    """Verbs in the first person singular ("пришлю") or plural ("пришлём") (Russian)."""
    number = "plur" if plural else "sing"
    return _spans(text, lang, lambda tag: "VERB" in tag and "1per" in tag and number in tag)
