"""Property: whatever the request, `engine.check` answers or raises RequestError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine import RequestError

text = st.text(max_size=300)
html_tags = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<br>", "<blockquote type=\"cite\">", "</blockquote>",
     "<div id=\"divRplyFwdMsg\">", "<div class=\"gmail_quote\">", "<ol><li>", "</li></ol>",
     "<style>p{}</style>", "<script>x()</script>", "&nbsp;", "&amp;", "<b>From:</b>", "<hr>",
     "-----Original Message-----", "\n> ", "\nOn Mon, Jan 1, 2024 at 10:00 AM X <x@y.z> wrote:\n",
     "<table><tr><td>", "</td></tr></table>", "<!--", "-->", "<![CDATA[", "<"]
)
html = st.lists(st.one_of(text, html_tags), max_size=30).map("".join)
address = st.one_of(
    st.emails().map(str),
    st.builds(lambda n, a: f"{n} <{a}>", st.text(max_size=20), st.emails()),
    st.fixed_dictionaries({"name": st.text(max_size=10), "address": st.emails()}),
    text,
)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
anything = st.recursive(
    json_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=8,
)
dates = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["17 ноября 2026 г. 10:02", "martes, 17 de noviembre de 2026 10:02",
                     "Tuesday, November 17, 2026 10:02 AM", "Tue, 17 Nov 2026 10:02:00 +0300",
                     "31/02/2026", "yesterday", ""]),
    text,
)
structured = st.fixed_dictionaries(
    {},
    optional={
        "from": st.one_of(address, anything),
        "to": st.one_of(st.lists(address, max_size=3), anything),
        "cc": st.lists(address, max_size=3),
        "subject": st.one_of(text, anything),
        "date": dates,
        "body": st.one_of(html, text),
        "body_format": st.sampled_from(["html", "text", "pdf", None]),
        "attachments": st.lists(st.one_of(st.fixed_dictionaries({"name": text}), text), max_size=2),
    },
)
raw_message = st.builds(
    lambda h, b: {"raw": f"From: {h}\r\nSubject: {h}\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n{b}"},
    text, text,
)
draft = st.fixed_dictionaries(
    {},
    optional={
        "subject": st.one_of(text, anything),
        "body": st.one_of(html, text, anything),
        "body_format": st.sampled_from(["html", "text", None, "x"]),
        "from": st.one_of(address, anything),
        "to": st.one_of(st.lists(address, max_size=4), anything),
        "cc": st.lists(address, max_size=3),
        "bcc": st.lists(address, max_size=2),
        "attachments": st.lists(st.fixed_dictionaries({"name": text}), max_size=2),
        "compose_type": st.sampled_from(["reply", "replyAll", "forward", "new", None, ""]),
        "sent_at": st.one_of(dates, anything),
    },
)
request = st.fixed_dictionaries(
    {"draft": st.one_of(draft, anything)},
    optional={
        "thread": st.one_of(st.lists(st.one_of(structured, raw_message, anything), max_size=4),
                            anything),
        "language": st.one_of(st.sampled_from(["ru", "en", "es", "de", "xx", "", None]), anything),
        "ui_language": st.sampled_from(["ru", "en", "es", "de", None]),
        "rules": st.one_of(st.fixed_dictionaries({}, optional={"disable": st.lists(text, max_size=2)}),
                           anything),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(request)
def test_check_never_crashes(req):
    try:
        result = engine.check(req)
    except RequestError as exc:
        assert exc.field and str(exc).startswith(exc.field)
        return
    assert isinstance(result["new_text"], str)
    assert result["rule_errors"] == []
    assert result["summary"]["block_send"] == (result["summary"]["error"] > 0)
    for finding in result["findings"]:
        span = finding["span"]
        if span is not None:
            assert 0 <= span["start"] <= span["end"] <= len(result["new_text"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(html, st.lists(structured, max_size=3))
def test_random_html_bodies(body, thread):
    req = {"draft": {"subject": "Re: x", "body": body, "from": "o@lmt.example",
                     "to": ["a@client.example"]}, "thread": thread}
    try:
        result = engine.check(req)
    except RequestError:
        return
    assert result["rule_errors"] == []
