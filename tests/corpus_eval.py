"""Runs the clean and noisy corpora (tests/corpus/) with every default rule on.

Shared by tests/test_corpus.py (assertions) and bench/corpus_report.py (the figures).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

import engine
from engine import examples as ex
from engine.langdata import available_languages
from engine.rules import registry

CORPUS = Path(__file__).parent / "corpus"
BLOCKING = ("error", "warning")


def _request(entry: dict, lang: str) -> dict:
    request = ex.build_request(entry, lang, "subject-changed")
    request["rules"] = {"only": None, "disable": []}
    request["language"] = entry.get("language", None)  # detection decides, as in real use
    return request


def load(kind: str, lang: str) -> list:
    path = CORPUS / kind / f"{lang}.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text("utf-8")) or []


def run_clean(lang: str) -> list[tuple[dict, dict]]:
    """(entry, result) for every clean entry of a language."""
    return [(entry, engine.check(_request(entry, lang))) for entry in load("clean", lang)]


def noisy_cases(lang: str) -> list[tuple[str, dict, list]]:
    """(name, request, expected) where expected = [{rule, quote?}].

    Hand-written flawed drafts from noisy/<lang>.yaml, plus every rule's firing examples, run
    here with the whole default catalog on instead of the rule alone.
    """
    out = []
    for entry in load("noisy", lang):
        out.append((entry["name"], _request(entry, lang), entry["expect"]))
    for meta in registry.METAS:
        if not meta.enabled:
            continue
        for i, example in enumerate(ex.load(lang, meta.id).get("fire", [])):
            if example.get("params") or example.get("settings"):
                continue  # needs non-default settings
            request = ex.build_request(example, lang, meta.id)
            request["rules"] = {"only": None, "disable": []}
            expected = [{"rule": meta.id, **({"quote": e["quote"]} if "quote" in e else {})}
                        for e in example["expect"]]
            out.append((f"{meta.id} example {i}", request, expected))
    return out


def match(result: dict, expected: list) -> list:
    """The expected findings that the result lacks."""
    missing = []
    findings = list(result["findings"])
    for want in expected:
        hit = next((f for f in findings if f["rule"] == want["rule"]
                    and ("quote" not in want or f["quote"] == want["quote"])), None)
        if hit is None:
            missing.append(want)
        else:
            findings.remove(hit)
    return missing


def report() -> dict:
    """{lang: {rule: {"fired", "expected", "false_alarms"}}} over both corpora."""
    out = {}
    for lang in available_languages():
        stats = {m.id: Counter() for m in registry.METAS}
        for _entry, result in run_clean(lang):
            for f in result["findings"]:
                if f["severity"] in BLOCKING:
                    stats[f["rule"]]["false_alarms"] += 1
        for _name, request, expected in noisy_cases(lang):
            result = engine.check(request)
            missing = match(result, expected)
            for want in expected:
                stats[want["rule"]]["expected"] += 1
                if want not in missing:
                    stats[want["rule"]]["fired"] += 1
        out[lang] = stats
    return out
