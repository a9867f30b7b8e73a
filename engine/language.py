"""Which language a draft is written in: hint > detection among supported languages > script."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from .rules.meta import SUPPORTED_LANGUAGES

_CYRILLIC = re.compile(r"[а-яё]", re.I)
_SPANISH = re.compile(r"[ñ¿¡áéíóú]", re.I)


def detect(text: str, hint: Optional[str] = None, context: Iterable[str] = ()) -> tuple[str, str]:
    """(code, source): source is `hint`, `detected`, `thread`, `script` or `default`."""
    if hint:
        return hint, "hint"
    if _CYRILLIC.search(text or ""):
        return "ru", "script"
    if _SPANISH.search(text or ""):
        return "es", "script"
    return "en", "default"


def supported(code: Optional[str]) -> bool:
    return code in SUPPORTED_LANGUAGES
