"""Request validation: every bad request is one RequestError naming the field path."""

from __future__ import annotations

import pytest

import engine
from engine import RequestError


def _draft(**kw):
    base = {"subject": "Re: Invoice", "body": "Hello", "from": "olga@lmt.example",
            "to": ["anna@client.example"]}
    base.update(kw)
    return {"draft": base}


@pytest.mark.parametrize(
    "request_, field",
    [
        ({}, "draft"),
        ({"draft": "x"}, "draft"),
        (_draft(to=["not an address"]), "draft.to[0]"),
        (_draft(to=["ok@client.example", "Bad <nope>"]), "draft.to[1]"),
        (_draft(cc=[{"name": "A"}]), "draft.cc[0].address"),
        (_draft(body_format="pdf"), "draft.body_format"),
        (_draft(sent_at="yesterday-ish"), "draft.sent_at"),
        (_draft(attachments=[{"size": 3}]), "draft.attachments[0].name"),
        (_draft(attachments=[{"name": "a.pdf", "size": -1}]), "draft.attachments[0].size"),
        ({**_draft(), "thread": [{"raw": ""}]}, "thread[0].raw"),
        ({**_draft(), "thread": [{"from": "nobody"}]}, "thread[0].from"),
        ({**_draft(), "thread": "x"}, "thread"),
        ({**_draft(), "language": "russian!"}, "language"),
        ({**_draft(), "rules": {"only": ["no-such-rule"]}}, "rules.only[0]"),
        ({**_draft(), "rules": {"disable": ["nope"]}}, "rules.disable[0]"),
        ({**_draft(), "rules": {"bogus": 1}}, "rules.bogus"),
    ],
)
def test_bad_requests_name_the_field(request_, field):
    with pytest.raises(RequestError) as info:
        engine.check(request_)
    assert str(info.value).startswith(f"{field}: "), str(info.value)
    assert info.value.field == field


def test_not_an_object():
    with pytest.raises(RequestError) as info:
        engine.check(["draft"])
    assert info.value.field == "request"


def test_addresses_as_strings_or_objects_and_defaults():
    result = engine.check(
        {
            "draft": {
                "subject": "Счёт",
                "body": "<p>Здравствуйте!</p>",
                "from": {"name": "Olga", "address": "olga@lmt.example"},
                "to": "Anna Ivanova <anna@client.example>",
                "cc": [{"address": "Boris <boris@client.example>"}],
            }
        }
    )
    assert result["thread_source"] == "none"
    assert "Здравствуйте" in result["new_text"]
    assert set(result["summary"]) == {"error", "warning", "info", "block_send"}


def test_language_hint_wins():
    result = engine.check({**_draft(body="Hola, Lucía"), "language": "ru-RU"})
    assert result["language"] == {"code": "ru", "source": "hint"}
