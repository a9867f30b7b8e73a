"""People's names: the first name to greet someone by, from a display name.

"Anna Ivanova", "Иванова Анна", "Ivanova, Anna", "Dr. Anna Ivanova", "Анна Сергеевна Иванова" all
give "Anna"/"Анна". Russian names are told apart with pymorphy3's Name/Surn/Patr tags; other
languages take the first word after courtesy titles (data: `phrases/names.yaml`). A display name
that is only an address gives no name: we never guess from "a.ivanova@...".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import pymorphy3

from . import langdata

MORPH = pymorphy3.MorphAnalyzer()  # loaded at import (~0.1 s), shared with engine.text
_WORD_RE = re.compile(r"[^\W\d_][\w'-]*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=4096)
def _russian_role(word: str) -> str:
    """'name', 'surname', 'patronymic' or '' for one Cyrillic word (most likely reading)."""
    best = {"Name": 0.0, "Surn": 0.0, "Patr": 0.0}
    for parse in MORPH.parse(word):
        for tag in best:
            if tag in parse.tag:
                best[tag] = max(best[tag], parse.score)
    tag, score = max(best.items(), key=lambda kv: kv[1])
    if score == 0:
        return ""
    return {"Name": "name", "Surn": "surname", "Patr": "patronymic"}[tag]


def _titles() -> frozenset:
    titles = set()
    for code in langdata.available_languages():
        phrases = langdata.language_data(code).phrases.get("names", {})
        titles.update(t.lower().rstrip(".") for t in phrases.get("titles", ()))
    return frozenset(titles)


def first_name(display_name: Optional[str]) -> Optional[str]:
    """The first name in a display name, or None when there is none to be sure of."""
    name = (display_name or "").strip().strip("\"'").strip()
    if not name or "@" in name:
        return None
    if "," in name:  # "Ivanova, Anna" / "García López, Lucía"
        name = name.partition(",")[2].strip()
    titles = _titles()
    words = [w for w in _WORD_RE.findall(name) if w.lower().rstrip(".") not in titles]
    if not words:
        return None
    if _CYRILLIC_RE.search(words[0]) and len(words) >= 2:
        roles = [_russian_role(w.lower()) for w in words[:3]]
        if "name" in roles:
            return words[roles.index("name")]
        if roles[0] == "surname" and roles[1] not in ("surname", ""):
            return words[1]
    if len(words[0]) == 1:  # "A. Ivanova": an initial is no name to greet by
        return None
    return words[0]


_SIGNED_RE = re.compile(r"^[^\W\d_][\w'.-]*(?:\s+[^\W\d_][\w'.-]*){0,2}$")


def signed_name(body: str, closings: list) -> Optional[str]:
    """The first name a message is signed with: the line after a closing ("Best regards,\nAnna
    Smith"), or a lone known Russian first name on the last line ("...\nАнна")."""
    lines = [line.strip() for line in (body or "").splitlines() if line.strip()][-4:]
    if not lines:
        return None
    closing = langdata.matcher(closings)
    for i in range(len(lines) - 1):
        line = lines[i].rstrip(",!.")
        m = closing.fullmatch(line.lower()) or closing.fullmatch(line)
        candidate = lines[i + 1]
        if m and _SIGNED_RE.match(candidate) and all(w[:1].isupper() for w in candidate.split()):
            return first_name(candidate)
    last = lines[-1]
    if _CYRILLIC_RE.search(last) and _SIGNED_RE.match(last) and len(last.split()) <= 2:
        word = last.split()[0]
        if word[:1].isupper() and _russian_role(word.lower()) == "name":
            return word
    return None
