"""Flags careless writing: sentences starting in lower case, paragraphs with no final
punctuation, "!!!111", "превед"-style slang, Russian written in Latin letters (a hint).

Why: "capitals, full sentences, punctuation" — a mail typed like a chat message tells the client
that they got a chat-message amount of attention.
Example: "hi anna\n\nspasibo, the invoice is ready" -> "Hi Anna,", "The invoice is ready.",
and "thank you" in the client's language.
Quiet on lists, code, links and e-mail addresses, quoted lines, names and short headings,
greetings and closings ("Best regards" needs no full stop), and the signature (never part of
the new text). A lower-case word after an abbreviation ("5 p.m. tomorrow", "в 10 ч. утра") or
on a wrapped line is no new sentence. The transliteration list is Russian data
(`data/ru/rules/sloppy-writing.yaml`), checked whatever language the draft was detected as.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langdata import has_phrase, language_data, matcher
from .courtesy import greeting_line
from .meta import Finding, RuleMeta, insert_text, replace_text
from .wording import finditer_outside, inside, link_spans, protected_spans

META = RuleMeta(
    id="sloppy-writing",
    severity="info",
    principle="tidy-writing",
    params={},
    languages=("ru", "en", "es"),
)

_LIST_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zа-я][.)]|[-*•–—·+>])\s+", re.I)
_CODE_RE = re.compile(r"^(?: {4,}|\t)\S")
_FENCE_RE = re.compile(r"^\s*```")
_LABEL_RE = re.compile(r"^[^\s:][^:]{0,30}:\s*\S")  # "Login: anna", "Телефон: +7 …"
_ONES_RE = re.compile(r"[!?]+1[!1]*")
_FINAL = ".!?…:;,)]}»\"”'’"
_SHORT_LINE_WORDS = 3


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    if not text.strip():
        return
    links = link_spans(text)
    spans = protected_spans(text)
    lines = _lines(text)
    found = []
    found += _lowercase_starts(ctx, text, lines, links)
    found += _unfinished_paragraphs(ctx, text, lines, links)
    for m in finditer_outside(_ONES_RE, text, links):
        found.append((m.start(), ctx.finding("ones", span=m.span(),
                                             fix=replace_text(m.start(), m.end(), "!"))))
    for m in finditer_outside(matcher(ctx.rule_phrases("slang")), text, spans):
        found.append((m.start(), ctx.finding("slang", span=m.span())))
    translit = language_data("ru").rule_phrases(META.id, "translit")
    m = next(finditer_outside(matcher(translit), text, spans), None)
    if m is not None:  # one hint is enough: the whole text is likely written so
        found.append((m.start(), ctx.finding("translit", span=m.span())))
    for _start, finding in sorted(found, key=lambda item: item[0]):
        yield finding


class _Line:
    """A line of the new text, with what kind of text it holds."""

    def __init__(self, start: int, text: str, paragraph: int, prose: bool):
        self.start = start
        self.end = start + len(text.rstrip())
        self.text = text.strip()
        self.paragraph = paragraph
        self.prose = prose


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    paragraph, pos, fenced = 0, 0, False
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if _FENCE_RE.match(raw):
            fenced = not fenced
            continue
        if not raw.strip():
            paragraph += 1
            continue
        prose = not (fenced or _LIST_RE.match(raw) or _CODE_RE.match(raw))
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(start + lead, raw, paragraph, prose))
    return out


def _line_at(lines: list[_Line], pos: int):
    for i, line in enumerate(lines):
        if line.start <= pos <= line.end:
            return i
    return None


# --- sentences starting in lower case ----------------------------------------------------------


def _lowercase_starts(ctx, text: str, lines: list[_Line], links: list) -> list:
    abbreviations = {a.lower() for a in ctx.rule_phrases("abbreviations")}
    greeting = greeting_line(ctx)
    out = []
    for sentence in ctx.sentences:
        lead = 1 if sentence.text[:1] in "¿¡(" else 0
        first = sentence.text[lead:lead + 1]
        if not (first.isalpha() and first.islower()):
            continue
        index = _line_at(lines, sentence.start)
        if index is None or not lines[index].prose:
            continue
        word = re.match(r"\S*?(?=[,;:.!?…)»\"”]*(?:\s|$))", sentence.text[lead:]).group(0)
        start = sentence.start + lead
        if (inside(links, start, start + len(word))
                or re.search(r"[\d@/_]|\w\.\w", word)
                or any(ch.isupper() for ch in word[1:])):
            continue  # "iPhone", "eBay", "config.yaml", "x@y.com": written as they must be
        line = lines[index]
        before = text[line.start:sentence.start].rstrip()
        if before:
            if _after_abbreviation(before, abbreviations):
                continue
        elif not _starts_new_line(lines, index, greeting):
            continue
        upper = first.upper()
        out.append((start, ctx.finding("lowercase", span=(start, start + len(word)),
                                       fix=replace_text(start, start + 1, upper))))
    return out


def _after_abbreviation(before: str, abbreviations: set) -> bool:
    """The text before ends with an ellipsis or an abbreviation, not with the end of a sentence."""
    if before.endswith(("…", "..", "»", "\"", "”", "'", ")", "]")):
        return True  # «Забыли пароль?» на странице…: the mark belongs to a quotation
    if not before.endswith("."):
        return False  # "!" or "?": a real end
    token = before.split()[-1].lower()
    letters = re.sub(r"\W", "", token)
    return token in abbreviations or len(letters) <= 2 or "." in token[:-1]


def _starts_new_line(lines: list[_Line], index: int, greeting) -> bool:
    """A sentence opening a line is a new sentence unless the line above runs on into it."""
    if index == 0:
        return True
    above = lines[index - 1]
    if greeting is not None and above.start <= greeting[0] < above.end + 1:
        return True  # "Hi Anna,\n\nthank you…"
    if above.text.endswith((":", ";")) or not above.prose:
        return False
    if above.paragraph == lines[index].paragraph:
        return above.text.endswith((".", "!", "?", "…"))
    return not above.text.endswith(",")


# --- paragraphs with no final punctuation ------------------------------------------------------


def _unfinished_paragraphs(ctx, text: str, lines: list[_Line], links: list) -> list:
    greetings = ctx.phrases("courtesy", "greetings")
    closing = matcher(ctx.phrases("courtesy", "closings"))
    greeting = greeting_line(ctx)
    out = []
    paragraphs: dict[int, list[_Line]] = {}
    for line in lines:
        paragraphs.setdefault(line.paragraph, []).append(line)
    for group in paragraphs.values():
        if closing.fullmatch(group[0].text.rstrip(_FINAL + " ")):
            continue  # a closing block: "Best regards\nOlga"
        if (len(group) == 1 and greeting is not None
                and group[0].start <= greeting[0] and greeting[1] >= group[0].end):
            continue  # "Hi Anna" on its own line
        # Trailing name lines ("Olga", "Ольга Петрова") are not prose.
        body = list(group)
        while body and _is_name_or_heading(body[-1]):
            body.pop()
        if not body:
            continue
        last = body[-1]
        tail = re.split(r"(?<=[.!?…])\s+", last.text)[-1]
        if closing.match(tail) and tail != last.text:
            continue  # "… Всего доброго, Ольга": the sign-off closes the line
        if (not last.prose or last.text.rstrip("1").endswith(tuple(_FINAL))
                or _LABEL_RE.match(last.text)
                or inside(links, last.end - 1, last.end)
                or (len(body) == 1 and has_phrase(greetings, last.text[:30])
                    and len(last.text.split()) <= 6)):
            continue
        out.append((last.start, ctx.finding(
            "no_final_punctuation", span=(last.start, last.end),
            fix=insert_text(".", last.end))))
    return out


def _is_name_or_heading(line: _Line) -> bool:
    words = line.text.split()
    return (len(words) <= _SHORT_LINE_WORDS and not line.text.endswith(tuple(_FINAL))
            and not any(ch.isdigit() for ch in line.text))
