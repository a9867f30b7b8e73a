"""Time and date expressions in ru/en/es: "в течение дня", "до 18:00", "к пятнице", "by Friday",
"end of day", "el lunes", "antes de las 18:00", "15 декабря", "12/15", "2026-12-15".

One data-driven module (phrase lists in `data/<lang>/phrases/time.yaml`) shared by every rule
that asks "is a time or date given?" (`ack-without-eta`, `delay-without-new-date`,
`unreported-request`, `missing-call-to-action`, answer matching for "when" questions).
Numbers that are not times (prices, quantities, versions, phones, order numbers) do not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import langdata

# 18:00, 9.30 (only with a clock context), 6 pm, 6pm, 6 p.m.
_CLOCK = r"(?<![\d.,:])(?:[01]?\d|2[0-3])[:](?:[0-5]\d)(?![\d:])"
_AMPM = r"(?<![\d.,:])(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)"
# 2026-12-15, 15.12.2026, 15/12, 12/15/2026 (not 1/2 of something: day/month in range)
_ISO = r"(?<!\d)\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?(?!\d)"
_NUMERIC = r"(?<![\d/])(?<!\d[.,])(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2]|[12]\d|3[01])(?:[./](?:\d{4}|\d{2}))?(?![\d/]|[.,]\d)"


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    kind: str


@lru_cache(maxsize=8)
def _patterns(lang: str) -> list:
    data = langdata.language_data(lang if lang in ("ru", "en", "es") else "en")
    lists = data.phrases.get("time", {})
    months = lists.get("months", [])
    month_words = "|".join(re.escape(m).replace(r"\*", r"\w*") for m in months)
    day = r"(?:0?[1-9]|[12]\d|3[01])"
    out = [
        ("time", re.compile(_CLOCK)),
        ("time", re.compile(_AMPM, re.I)),
        ("date", re.compile(_ISO)),
        ("date", re.compile(_NUMERIC)),
    ]
    if month_words:
        # "15 декабря", "15 de diciembre", "December 15", "Dec 15th", "15th of December"
        out.append(("date", re.compile(
            rf"(?<!\d){day}(?:st|nd|rd|th)?(?:\s+de|\s+of)?\s+(?:{month_words})(?!\w)"
            rf"|(?<!\w)(?:{month_words})\.?\s+{day}(?:st|nd|rd|th)?(?!\d)", re.I)))
    for kind in ("relative", "weekdays"):
        items = lists.get(kind)
        if items:
            out.append(("relative" if kind == "relative" else "weekday", langdata.matcher(items)))
    return out


def find(text: str, lang: str) -> list[TimeMention]:
    """Every time/date mention in `text`, in order, without overlaps."""
    return list(_find(text, lang))


@lru_cache(maxsize=4096)
def _find(text: str, lang: str) -> tuple:
    # Several rules ask about the same sentences in one check: answer each text once.
    found: list[TimeMention] = []
    for kind, pattern in _patterns(lang):
        for m in pattern.finditer(text):
            found.append(TimeMention(m.start(), m.end(), m.group(0), kind))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TimeMention] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return tuple(out)


def has_time(text: str, lang: str) -> bool:
    return bool(find(text, lang))
