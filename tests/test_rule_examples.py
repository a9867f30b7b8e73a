"""Every rule's examples, in every language it claims: the generic tester (ESLint-style)."""

from __future__ import annotations

import pytest

import engine
from engine import examples as ex
from engine.langdata import available_languages
from engine.rules import registry


def _cases(kind: str):
    for meta in registry.METAS:
        for lang in available_languages():
            data = ex.load(lang, meta.id)
            for i, example in enumerate(data.get(kind, [])):
                yield pytest.param(meta, lang, example, id=f"{meta.id}-{lang}-{kind}{i}")


def _run(meta, lang, example):
    request = ex.build_request(example, lang, meta.id)
    settings = ex.build_settings(example, meta.id)
    result = engine.check(request, settings=settings)
    assert result["rule_errors"] == [], "a rule raised"
    return result


@pytest.mark.parametrize("meta,lang,example", list(_cases("fire")))
def test_fires(meta, lang, example):
    result = _run(meta, lang, example)
    got = [f for f in result["findings"] if f["rule"] == meta.id]
    expected = example["expect"]
    assert len(got) == len(expected), (example["name"], got)
    for finding, want in zip(got, expected):
        assert finding["message_id"] == want["message"], example["name"]
        if "field" in want:
            assert finding["field"] == want["field"], example["name"]
        if "quote" in want:
            assert finding["quote"] == want["quote"], example["name"]
            if finding["field"] == "body" and finding["span"] is not None:
                s = finding["span"]
                assert result["new_text"][s["start"] : s["end"]] == want["quote"]
        if "fix" in want:
            assert finding["fix"] == want["fix"], example["name"]
        assert finding["message"] and "{" not in finding["message"], finding["message"]


@pytest.mark.parametrize("meta,lang,example", list(_cases("quiet")))
def test_stays_quiet(meta, lang, example):
    result = _run(meta, lang, example)
    got = [f for f in result["findings"] if f["rule"] == meta.id]
    assert got == [], (example["name"], got)


@pytest.mark.parametrize("meta", registry.METAS, ids=lambda m: m.id)
def test_every_rule_has_examples_in_every_language(meta):
    """The meta-test: a rule that claims a language ships 3+ firing and 5+ quiet examples in it."""
    langs = available_languages() if meta.languages == ("*",) else meta.languages
    for lang in langs:
        data = ex.load(lang, meta.id)
        assert len(data.get("fire", [])) >= 3, f"{meta.id}: fewer than 3 firing examples in {lang}"
        assert len(data.get("quiet", [])) >= 5, f"{meta.id}: fewer than 5 quiet examples in {lang}"


@pytest.mark.parametrize("meta", registry.METAS, ids=lambda m: m.id)
def test_every_rule_has_texts_in_every_language(meta):
    from engine.langdata import language_data

    for lang in available_languages():
        rule_text = language_data(lang).rules.get(meta.id)
        assert rule_text is not None, f"{meta.id}: no data/{lang}/rules/{meta.id}.yaml"
