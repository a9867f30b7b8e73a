"""Rule examples: `data/<lang>/examples/<rule-id>.yaml`, the rule's own tests and its docs.

File shape::

    fire:                       # drafts on which the rule must fire
      - name: reply under a new subject
        draft: {subject: "Re: Оплата", body: "Здравствуйте, Анна! ..."}
        thread:                 # optional, oldest first, as in the check request
          - {from: "Анна Иванова <anna@client.example>", subject: "Счёт за март", body: "..."}
        params: {}              # optional: this rule's params for the example
        expect:                 # one item per finding, in order
          - message: changed    # message id (never the wording)
            field: subject      # optional
            quote: "..."        # optional: the finding's quote; for body findings the span
                                # must be where this text stands in new_text
            fix: {field: subject, set: "Re: Счёт за март"}   # optional, compared exactly
    quiet:                      # realistic drafts on which it must stay quiet
      - name: ...
        draft: {...}

Defaults keep examples short: `draft.from` is our account manager, `draft.to` the sender of the
latest thread message (or a client address), `sent_at` a fixed time, and `language` the folder's.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from .langdata import DATA_DIR, DataError, available_languages

OUR_ADDRESS = {"ru": "Ольга Петрова <olga@lmt.example>", "en": "Olga Petrova <olga@lmt.example>",
               "es": "Olga Petrova <olga@lmt.example>"}
CLIENT_ADDRESS = "client@client.example"
DEFAULT_SENT_AT = "2026-11-20T10:05:00+03:00"
EXAMPLE_KEYS = {"name", "draft", "thread", "params", "expect", "language", "ui_language",
                "own_domains", "note", "settings"}


def _path(lang: str, rule_id: str) -> Path:
    return DATA_DIR / lang / "examples" / f"{rule_id}.yaml"


@lru_cache(maxsize=None)
def load(lang: str, rule_id: str) -> dict:
    """{'fire': [...], 'quiet': [...]} for one rule and language ({} when the file is absent)."""
    path = _path(lang, rule_id)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    if not isinstance(raw, dict) or set(raw) - {"fire", "quiet"}:
        raise DataError(f"{path}: top level must hold only 'fire' and 'quiet'")
    for kind in ("fire", "quiet"):
        for i, ex in enumerate(raw.get(kind) or []):
            if not isinstance(ex, dict) or "draft" not in ex:
                raise DataError(f"{path}: {kind}[{i}] needs a 'draft'")
            unknown = set(ex) - EXAMPLE_KEYS
            if unknown:
                raise DataError(f"{path}: {kind}[{i}] unknown key(s) {sorted(unknown)}")
            if kind == "fire" and not ex.get("expect"):
                raise DataError(f"{path}: fire[{i}] needs 'expect'")
    return {"fire": raw.get("fire") or [], "quiet": raw.get("quiet") or []}


def examples_for(rule_id: str) -> dict:
    out = {}
    for lang in available_languages():
        data = load(lang, rule_id)
        if data:
            out[lang] = data
    return out


def build_request(example: dict, lang: str, rule_id: str) -> dict:
    """The check request an example stands for."""
    draft = copy.deepcopy(example["draft"])
    thread = copy.deepcopy(example.get("thread") or [])
    draft.setdefault("from", OUR_ADDRESS.get(lang, OUR_ADDRESS["en"]))
    if "to" not in draft:
        latest = next((m.get("from") for m in reversed(thread) if "raw" not in m), None)
        draft["to"] = [latest or CLIENT_ADDRESS]
    draft.setdefault("sent_at", DEFAULT_SENT_AT)
    draft.setdefault("subject", "")
    draft.setdefault("body", "")
    return {
        "draft": draft,
        "thread": thread,
        "language": example.get("language", lang),
        "ui_language": example.get("ui_language"),
        "rules": {"only": [rule_id], "disable": []},
    }


def build_settings(example: dict, rule_id: str, enabled: bool = True) -> dict:
    override = {"enabled": enabled}
    if example.get("params"):
        override["params"] = example["params"]
    return {
        "overrides": {rule_id: override},
        "own_domains": example.get("own_domains") or (),
    }
