"""The vocabulary of quoted mail, loaded from `engine/data/<lang>/mail.yaml` (any language).

Quote headers ("From:/От:/De:"), separators ("-----Original Message-----", "Пересылаемое
сообщение"), attribution verbs ("wrote:", "написал(а):", "escribió:"), mobile signatures and
sign-offs. A new language is a new file; all files are compiled into a few regexes at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..langdata import DATA_DIR, DataError

FIELDS = ("from", "date", "to", "cc", "subject", "reply_to")
KEYS = {"headers", "separators", "wrote", "mobile_signatures", "sign_offs"}


@dataclass
class MailVocabulary:
    label_field: dict = field(default_factory=dict)  # casefolded label -> field
    label_langs: dict = field(default_factory=dict)  # casefolded label -> {lang}
    labels_as_written: set = field(default_factory=set)
    separators: list = field(default_factory=list)
    wrote: list = field(default_factory=list)
    mobile: list = field(default_factory=list)
    sign_offs: list = field(default_factory=list)


def _load() -> MailVocabulary:
    vocab = MailVocabulary()
    for path in sorted(DATA_DIR.glob("*/mail.yaml")):
        lang = path.parent.name
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        unknown = set(data) - KEYS
        if unknown:
            raise DataError(f"{path}: unknown key(s) {sorted(unknown)}")
        for fld, labels in (data.get("headers") or {}).items():
            if fld not in FIELDS:
                raise DataError(f"{path}: headers.{fld} is not one of {FIELDS}")
            for label in labels:
                key = str(label).casefold()
                vocab.labels_as_written.add(str(label))
                vocab.label_field.setdefault(key, fld)
                vocab.label_langs.setdefault(key, set()).add(lang)
        vocab.separators += [str(s) for s in data.get("separators") or []]
        vocab.wrote += [str(s) for s in data.get("wrote") or []]
        vocab.mobile += [str(s) for s in data.get("mobile_signatures") or []]
        vocab.sign_offs += [str(s) for s in data.get("sign_offs") or []]
    return vocab


VOCAB = _load()


def _alternation(items) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


_LABELS = _alternation(VOCAB.label_field)
# "From: x", "*From:* x", "**From**: x", "From : x", "送信元：x", with an optional tab after ":".
HEADER_RE = re.compile(
    rf"^[ \t>]*[*_]{{0,2}}(?P<label>{_LABELS})[*_]{{0,2}}[ \t]*[:：][*_]{{0,2}}[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
# Yahoo and some webmails put several headers on one line: "От: A <a@x>Кому: b@x".
INLINE_HEADER_RE = re.compile(
    rf"(?:(?<=[>\"»\]])\s*(?i:(?P<label>{_LABELS}))"
    # Glued to the previous value ("…GMT+1Subject:"): only capitalised, as clients write them.
    rf"|(?<=\S)(?P<glued>{_alternation(l for l in VOCAB.labels_as_written if l[:1].isupper())}))"
    rf"[ \t]*[:：](?!//)"
)
# A separator is the phrase between runs of dashes ("-----Original Message-----") or ending in a
# colon ("Begin forwarded message:"); a bare "Original message" line is someone's text.
_SEPS = _alternation(VOCAB.separators)
SEPARATOR_RE = re.compile(
    rf"^[ \t>]*(?:[-–—_=*]{{2,}}[ \t]*(?:{_SEPS})[ \t]*(?:[-–—_=*]{{2,}})?[ \t]*:?"
    rf"|(?:{_SEPS})[ \t]*:)[ \t]*$",
    re.IGNORECASE,
)
# Yahoo puts the first header on the separator's line: "----- Forwarded Message ----- From: …".
SEPARATOR_THEN_HEADER_RE = re.compile(
    rf"^(?P<sep>[ \t]*[-–—_=*]{{2,}}[ \t]*(?:{_SEPS})[ \t]*[-–—_=*]{{2,}})[ \t]*"
    rf"(?=(?:{_LABELS})[ \t]*[:：])",
    re.IGNORECASE | re.MULTILINE,
)
UNDERSCORE_RE = re.compile(r"^[ \t>]*_{10,}[ \t]*$")
DASHES_RE = re.compile(r"^[ \t>]*-{5,}[ \t]*$")
WROTE_RE = re.compile(rf"(?:{_alternation(VOCAB.wrote)})[ \t]*[:：]?[ \t]*$", re.IGNORECASE)
MOBILE_RE = re.compile(rf"^[ \t]*(?:{_alternation(VOCAB.mobile)})\b", re.IGNORECASE)
SIGN_OFF_RE = re.compile(
    rf"^[ \t]*(?:{_alternation(VOCAB.sign_offs)})[ \t]*[,!.]?[ \t]*$", re.IGNORECASE
)


def header_field(label: str) -> str:
    return VOCAB.label_field[label.casefold()]


def header_languages(labels) -> list[str]:
    out: list[str] = []
    for label in labels:
        for lang in sorted(VOCAB.label_langs.get(label.casefold(), ())):
            if lang not in out:
                out.append(lang)
    return out


def data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*/mail.yaml"))

# "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" — the reply and the attribution
# share a line; the attribution gets its own.
ATTRIBUTION_AFTER_TEXT_RE = re.compile(
    rf"^(?P<pre>[^\n]*?\S)[ \t-]*(?P<attr>(?:On|Am|Le|El|Em|Il|Op|Den|Dne|Dnia)[ \t][^\n]{{5,250}}?"
    rf"(?:{_alternation(VOCAB.wrote)})[ \t]*:)[ \t]*$",
    re.MULTILINE,
)
