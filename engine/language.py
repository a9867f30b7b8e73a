"""Which language a draft is written in: hint > detection among supported languages > fallbacks.

langdetect, run over all of its 55 profiles, reads short Russian as Bulgarian or Macedonian and
short Spanish as Catalan or Portuguese. We build a detector factory with only the profiles of the
languages we have data for, seed it (same answer every run), and decide cheap cases before it:
- Cyrillic script -> Russian (the only Cyrillic language we support);
- marks that only Spanish uses among our languages (¿ ¡ ñ, accented vowels) -> Spanish;
- very short texts without such marks take the thread's language, when the thread has one;
- a text of 12+ words with 5+ function words of one language and 5x fewer of the other is that
  language without running the n-gram detector.
`source` says which path decided: hint, script, detected, thread, default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from .rules.meta import SUPPORTED_LANGUAGES

_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_SPANISH_MARKS = re.compile(r"[ñ¿¡]|\b(?:el|los|las|una?|por|para|que|con|gracias|hola|usted|"
                            r"buenos|buenas|saludos)\b", re.I)
_ENGLISH_MARKS = re.compile(r"\b(?:the|and|you|your|thanks|thank|hello|hi|please|we|is|are|"
                            r"will|regards|dear)\b", re.I)
_WORD = re.compile(r"\w+")
MAX_DETECT_CHARS = 600
SHORT_WORDS = 4


def _factory() -> DetectorFactory:
    """A langdetect factory that knows only our languages, seeded for determinism."""
    factory = DetectorFactory()
    factory.seed = 0
    profiles = Path(langdetect.__file__).parent / "profiles"
    codes = [c for c in SUPPORTED_LANGUAGES if (profiles / c).exists()]
    for index, code in enumerate(codes):
        profile = json.loads((profiles / code).read_text("utf-8"))
        factory.add_profile(langdetect.utils.lang_profile.LangProfile(**profile), index,
                            len(codes))
    return factory


_FACTORY = _factory()


def _langdetect(text: str) -> Optional[str]:
    try:
        detector = _FACTORY.create()
        detector.append(text[:MAX_DETECT_CHARS])
        code = detector.detect()
    except LangDetectException:
        return None
    return code if code in SUPPORTED_LANGUAGES else None


def _by_script(text: str) -> Optional[str]:
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr and cyr >= lat:
        return "ru"
    return None


def _by_marks(text: str) -> Optional[str]:
    es = len(_SPANISH_MARKS.findall(text))
    en = len(_ENGLISH_MARKS.findall(text))
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None


def _decisive_marks(text: str) -> Optional[str]:
    es = len(_SPANISH_MARKS.findall(text))
    en = len(_ENGLISH_MARKS.findall(text))
    if es >= 5 and en * 5 <= es:
        return "es"
    if en >= 5 and es * 5 <= en:
        return "en"
    return None


def detect(text: str, hint: Optional[str] = None, context: Iterable[str] = ()) -> tuple[str, str]:
    """(code, source) for the draft text; `context` are thread bodies, latest first."""
    if hint:
        return hint, "hint"
    text = (text or "").strip()
    script = _by_script(text)
    if script:
        return script, "script"
    words = _WORD.findall(text)
    decisive = _decisive_marks(text) if len(words) >= 12 else None
    if decisive:
        # A longer text full of one language's function words and none of the other's: n-gram
        # statistics would say the same, at ~1 ms more per check.
        return decisive, "detected"
    if len(words) >= SHORT_WORDS:
        code = _langdetect(text)
        if code:
            return code, "detected"
    marked = _by_marks(text) if words else None
    if marked:
        return marked, "detected"
    for body in context:
        body = (body or "").strip()
        if not body:
            continue
        code = _by_script(body) or (_langdetect(body) if len(_WORD.findall(body)) >= 3 else None)
        if code:
            return code, "thread"
    if words:
        code = _langdetect(text)
        if code:
            return code, "detected"
    return "en", "default"


def supported(code: Optional[str]) -> bool:
    return code in SUPPORTED_LANGUAGES
