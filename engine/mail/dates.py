"""Dates as mail clients write them in quote headers, in many languages.

Fast paths first (ISO 8601, RFC 2822, English forms via dateutil), then dateparser restricted to
the languages whose header labels were seen. The wall-clock time is kept as written; a UTC offset
is attached only when the text names one (`GMT+3`, `+0300`, `EEST`...). Results are cached.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Optional

from dateutil import parser as du_parser

_OFFSET_RE = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b")
_NUM_OFFSET_RE = re.compile(r"(?<![\d:])(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})\b\s*$")
_ZONES = {"EEST": 3, "EET": 2, "CEST": 2, "CET": 1, "BST": 1, "GMT": 0, "UTC": 0, "MSK": 3,
          "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
          "PDT": -7, "Z": 0}
_ZONE_RE = re.compile(r"\b(?P<zone>" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\b\s*$")
_NOISE_RE = re.compile(r"\s+(?:at|um|à|a las|a la|в|kl\.|klo|om|alle|às|o)\s+(?=\d)", re.I)
_PAREN_RE = re.compile(r"\([^)]*\)")
MAX_DATE_CHARS = 120
# parsedate_to_datetime is lenient to a fault ("7:09:41 PM" loses its PM): only real RFC 2822.
_RFC2822_RE = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def _tz(sign: str, hours: str, minutes: Optional[str]) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _split_zone(text: str) -> tuple[str, Optional[timezone]]:
    m = _OFFSET_RE.search(text)
    if m:
        return (text[: m.start()] + text[m.end():]).strip(), _tz(m["sign"], m["h"], m["m"])
    m = _NUM_OFFSET_RE.search(text)
    if m:
        return text[: m.start()].strip(), _tz(m["sign"], m["h"], m["m"])
    m = _ZONE_RE.search(text)
    if m:
        return text[: m.start()].strip(), timezone(timedelta(hours=_ZONES[m["zone"]]))
    return text, None


@lru_cache(maxsize=2048)
def _parse(text: str, languages: tuple) -> Optional[datetime]:
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if _RFC2822_RE.match(text):
        try:
            value = parsedate_to_datetime(text)
            if value is not None:
                return value
        except (TypeError, ValueError, IndexError):
            pass
    clean = _PAREN_RE.sub(" ", text)
    clean, zone = _split_zone(clean)
    clean = _NOISE_RE.sub(" ", clean).strip(" ,")
    value = None
    if re.fullmatch(r"[\w\s,.:/-]+", clean, re.ASCII):
        try:
            value = du_parser.parse(clean, fuzzy=False, dayfirst="/" in clean and "en" not in languages)
        except (ValueError, OverflowError, TypeError):
            value = None
    if value is None:
        value = _dateparser(clean, languages)
    if value is None:
        return None
    if zone is not None:
        value = value.replace(tzinfo=zone)
    return value


def _dateparser(text: str, languages: tuple) -> Optional[datetime]:
    import dateparser  # slow import: only reached for localized dates in quoted headers

    try:
        return dateparser.parse(
            text,
            languages=list(languages) or None,
            settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past",
                      "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None


def parse_date(text: str, languages=()) -> Optional[datetime]:
    """A datetime for a date as written (naive when the text names no zone), or None."""
    if not text:
        return None
    return _parse(str(text), tuple(languages))
