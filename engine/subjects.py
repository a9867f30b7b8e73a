"""Subjects: strip reply/forward prefixes, compare subjects as people read them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_DATA = yaml.safe_load((Path(__file__).parent / "data" / "subject_prefixes.yaml").read_text("utf-8"))
_REPLY = set(p.lower() for p in _DATA["reply"])
_FORWARD = set(p.lower() for p in _DATA["forward"])
_PREFIX_RE = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]\s*)?(?P<word>[^\W\d_]{1,12})\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*",
    re.UNICODE,
)


def strip_prefixes(subject: str) -> str:
    """The subject without any chain of `Re:`, `Fwd:`, `Отв:`, `RV:`… prefixes."""
    text = subject or ""
    while True:
        m = _PREFIX_RE.match(text)
        if not m or m.group("word").lower() not in (_REPLY | _FORWARD):
            break
        text = text[m.end():]
    return text.strip()


def normalize(subject: str) -> str:
    """For comparison: prefixes stripped, whitespace folded, case folded."""
    return re.sub(r"\s+", " ", strip_prefixes(subject)).strip().casefold()


def is_forward_subject(subject: str) -> bool:
    m = _PREFIX_RE.match(subject or "")
    return bool(m) and m.group("word").lower() in _FORWARD and m.group("word").lower() not in _REPLY
