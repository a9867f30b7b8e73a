"""Shared text analysis: sentences, client questions and requests, lemmas for answer matching.

Computed once per request (`ctx.analysis`, `ctx.sentences`) and read by every rule.

Answer matching compares *keys*: the lemma (pymorphy3 for Russian, simplemma for the others) cut to its first five letters, so that
"оплатить"/"оплату" or "factura"/"facturar" meet. A question counts as answered when a sentence
of the new text shares one of its distinctive keys (keys that not every other question shares),
when the draft answers with a numbered list of at least as many items, or when it says the
question is being clarified ("уточняем", "we are checking", "lo estamos verificando").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma

from . import langdata
from .names import MORPH as _MORPH

LANGS = ("ru", "en", "es")
_WORD_RE = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
_ABBREV_RE = re.compile(
    r"(?:\b(?:т\.\s?е|т\.\s?к|т\.\s?д|т\.\s?п|и\.\s?о|e\.g|i\.e|etc|vs|approx|no|nr|mr|mrs|ms|dr|"
    r"sr|sra|srta|ud|uds|st|ул|д|г|руб|тыс|стр|им|тел|см|etc|p\.s)\.)$",
    re.I,
)
_END_RE = re.compile(r"[.!?…]+[\"»”')\]]*")
_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•–])\s+")
KEY_LEN = 5


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Question:
    text: str
    message_index: int
    lemmas: frozenset = field(default_factory=frozenset)
    answered: bool = False


@dataclass
class Request:
    text: str
    message_index: int
    lemmas: frozenset = field(default_factory=frozenset)


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into `text`; a line break ends a sentence, and so does a list item."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            para += 1 if out and out[-1].paragraph == para else 0
            continue
        start = line_start + (len(line) - len(line.lstrip()))
        i = start - line_start
        seg_start = i
        for m in _END_RE.finditer(line):
            end = m.end()
            before = line[seg_start : m.start() + 1]
            following = line[end : end + 2]
            if m.group(0).startswith(".") and (
                _ABBREV_RE.search(before.rstrip(".") + ".")
                or (m.start() > 0 and line[m.start() - 1].isdigit() and following[:1].isdigit())
                or (following[:1].isalnum())
            ):
                continue
            if following[:1].isalnum() and not following[:1].isupper():
                continue
            if re.fullmatch(r"\s*\d{1,2}\.", before):
                continue  # "1. " opening a list item
            _add(out, line, line_start, seg_start, end, para)
            seg_start = end
        _add(out, line, line_start, seg_start, len(line), para)
    return out


def _add(out: list, line: str, offset: int, a: int, b: int, para: int) -> None:
    piece = line[a:b]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    start = offset + a + lead
    out.append(Sentence(stripped, start, start + len(stripped), para))


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD_RE.finditer(text or "")]


@lru_cache(maxsize=65536)
def _lemma(word: str, lang: str) -> str:
    if lang == "ru":
        # pymorphy3's dictionary is memory-mapped (0.1 s to load); simplemma's Russian one
        # takes 1.3 s to decode, which would double the server's start-up.
        return _MORPH.parse(word)[0].normal_form
    return simplemma.lemmatize(word, lang=lang).lower()


def lemmas(text: str, lang: str) -> list[str]:
    """One lemma per word token, lower-cased."""
    code = lang if lang in LANGS else "en"
    return [_lemma(w, code) for w in words(text)]


@lru_cache(maxsize=8)
def _stopwords(lang: str) -> frozenset:
    try:
        data = langdata.language_data(lang).phrase_list("stopwords", "stopwords")
    except (langdata.DataError, FileNotFoundError):
        return frozenset()
    out = set()
    for w in data:
        out.add(w.lower())
        out.add(_lemma(w.lower(), lang if lang in LANGS else "en"))
    return frozenset(out)


def content_lemmas(text: str, lang: str) -> frozenset:
    stop = _stopwords(lang)
    return frozenset(w for w in lemmas(text, lang) if len(w) > 2 and w not in stop
                     and not w.isdigit())


def keys(text: str, lang: str) -> frozenset:
    """Matching keys: content lemmas cut to KEY_LEN letters (numbers kept whole)."""
    return frozenset(k[:KEY_LEN] if not k.isdigit() else k for k in content_lemmas(text, lang))


def _preload() -> None:
    # Lemmatizer dictionaries load on first use: pay that at import, not on the first request.
    for lang, word in (("ru", "счёта"), ("en", "invoices"), ("es", "facturas")):
        _lemma(word, lang)


_preload()


# --- client questions and requests --------------------------------------------------------------


def _phrases(lang: str, topic: str, name: str) -> list[str]:
    try:
        return langdata.language_data(lang).phrase_list(topic, name)
    except (langdata.DataError, FileNotFoundError):
        return []


def client_questions(messages: list, lang: str) -> list[Question]:
    indirect = langdata.matcher(_phrases(lang, "questions", "indirect"))
    rhetorical = langdata.matcher(_phrases(lang, "questions", "rhetorical"))
    out: list[Question] = []
    for index, msg in enumerate(messages):
        for s in sentences(msg.body):
            text = s.text
            is_direct = "?" in text
            if not is_direct and not indirect.search(text):
                continue
            if rhetorical.search(text) and len(words(text)) <= 8:
                continue
            text = _question_part(text) if is_direct else text
            k = keys(text, lang)
            if not k:
                continue
            out.append(Question(text=text, message_index=index, lemmas=k))
    return out


def _question_part(text: str) -> str:
    """"Hola: ¿quién firma?" -> "¿quién firma?": Spanish marks where the question starts."""
    start = text.find("¿")
    if start > 0:
        return text[start:].strip()
    return text.strip()


def client_requests(messages: list, lang: str) -> list[Request]:
    pattern = langdata.matcher(_phrases(lang, "requests", "request"))
    out: list[Request] = []
    for index, msg in enumerate(messages):
        for s in sentences(msg.body):
            if pattern.search(s.text):
                out.append(Request(text=s.text, message_index=index, lemmas=keys(s.text, lang)))
    return out


def mark_answers(questions: list[Question], new_text: str, draft_sentences: list, lang: str) -> None:
    if not questions:
        return
    clarifying = langdata.matcher(_phrases(lang, "questions", "clarifying"))
    if clarifying.search(new_text):
        for q in questions:
            q.answered = True
        return
    numbered = [s for s in draft_sentences if re.match(r"^\s*\d{1,2}[.)]\s", s.text)]
    if len(numbered) >= len(questions) > 1:
        for q in questions:
            q.answered = True
        return
    sentence_keys = [keys(s.text, lang) for s in draft_sentences]
    all_keys = frozenset().union(*sentence_keys) if sentence_keys else frozenset()
    when = langdata.matcher(_phrases(lang, "time", "when_words"))
    from .timeexpr import has_time

    draft_has_time = has_time(new_text, lang)
    for q in questions:
        if draft_has_time and when.search(q.text):
            q.answered = True  # "when …?" answered by a time or date
            continue
        others = [o.lemmas for o in questions if o is not q]
        shared_by_all = frozenset.intersection(*others) if others else frozenset()
        distinctive = q.lemmas - shared_by_all if others else q.lemmas
        target = distinctive or q.lemmas
        q.answered = bool(target & all_keys)


# --- per request -----------------------------------------------------------------------------------


@dataclass
class Analysis:
    questions: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    client_lemmas: frozenset = frozenset()
    client_text: str = ""


def analyze(ctx) -> Analysis:
    messages = ctx.open_client_messages
    client_text = "\n".join(m.body for m in messages)
    lang = ctx.lang if ctx.lang in LANGS else "en"
    questions = client_questions(messages, lang)
    mark_answers(questions, ctx.new_text, ctx.sentences, lang)
    return Analysis(
        questions=questions,
        requests=client_requests(messages, lang),
        client_lemmas=content_lemmas(client_text, lang),
        client_text=client_text,
    )
