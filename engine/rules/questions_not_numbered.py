"""Flags two or more questions to the client asked in running text instead of a numbered list.

Why: "ask several questions as a numbered list" — in a paragraph the second question gets lost;
numbered, each gets its own answer ("1. …, 2. …").
Example: "Which date suits you? Who will sign the contract?" -> the fix turns them into
"1. Which date suits you?\n2. Who will sign the contract?".
Not counted: questions already in a numbered (or bulleted) list, greeting questions ("How are
you?", `phrases/questions.yaml: rhetorical`), and a "?" inside quotation marks, a URL or code
("click «Forgot password?»").
The fix keeps every word: what stands between two questions stays with the question before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import text as textmod
from ..langdata import matcher
from .meta import Finding, RuleMeta, replace_text
from .wording import inside, protected_spans

META = RuleMeta(
    id="questions-not-numbered",
    severity="warning",
    principle="numbered-questions",
    params={},
    languages=("ru", "en", "es"),
)

_LIST_LINE_RE = re.compile(r"\s*(?:\d{1,2}[.)]|[-*•–])\s+")
# A greeting question is short: "How are you?" / "Как ваши дела?" (as in engine.text).
_RHETORICAL_WORDS = 8


def check(draft, ctx) -> Iterator[Finding]:
    text = ctx.new_text
    questions = _questions(ctx, text)
    if len(questions) < 2:
        return
    start, end = questions[0][0], questions[-1][1]
    items = []
    nexts = [q[0] for q in questions[1:]] + [end]
    for (q_start, _), following in zip(questions, nexts, strict=True):
        items.append(_capitalised(re.sub(r"\s+", " ", text[q_start:following]).strip()))
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    replace_from = start
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        # The first question shares its line with other text: the list starts on a new line.
        replace_from = len(text[:start].rstrip(" \t"))
        listed = "\n" + listed
    replace_to = end
    line_end = text.find("\n", end)
    if text[end:len(text) if line_end == -1 else line_end].strip():
        # Text follows the last question on its line: it goes on the line after the list.
        replace_to = end + len(text[end:]) - len(text[end:].lstrip(" \t"))
        listed += "\n"
    yield ctx.finding("not_numbered", field="body", span=(start, end),
                      fix=replace_text(replace_from, replace_to, listed), count=len(questions))


def _capitalised(item: str) -> str:
    """"¿quién firma?" -> "¿Quién firma?": a list item starts with a capital."""
    m = re.search(r"[^\W\d_]", item)
    return item if m is None else item[:m.start()] + m.group(0).upper() + item[m.end():]

def _questions(ctx, text: str) -> list[tuple[int, int]]:
    """(start, end) of each question to the client in running text."""
    protected = protected_spans(text)
    rhetorical = matcher(ctx.phrases("questions", "rhetorical"))
    out = []
    for sentence in ctx.sentences:
        mark = sentence.text.rfind("?")
        if mark == -1 or inside(protected, sentence.start + mark, sentence.start + mark + 1):
            continue
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if _LIST_LINE_RE.match(text, line_start):
            continue  # already laid out as a list
        if (rhetorical.search(sentence.text)
                and len(textmod.words(sentence.text)) <= _RHETORICAL_WORDS):
            continue
        # "Hola, Lucía: ¿quién firma?": the question starts at "¿".
        opening = sentence.text.find("¿")
        offset = opening if opening > 0 else 0
        out.append((sentence.start + offset, sentence.end))
    return out
