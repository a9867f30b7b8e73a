"""What a rule is made of: its metadata, the findings it yields, and the mechanical fixes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Optional

SEVERITIES = ("error", "warning", "info")
SEVERITY_ORDER = {name: i for i, name in enumerate(SEVERITIES)}
SUPPORTED_LANGUAGES = ("ru", "en", "es")


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and defaults. `params` holds default values; their types are the schema."""

    id: str
    severity: str
    principle: str
    params: dict = dataclasses.field(default_factory=dict)
    languages: tuple = SUPPORTED_LANGUAGES
    enabled: bool = True
    # Thread rules read the thread by definition; the others read the new text only.
    reads_thread: bool = False

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.id}: unknown severity {self.severity!r}")


@dataclass
class Finding:
    rule: str
    message_id: str
    severity: str
    message: str
    principle: str
    field: str = "body"
    span: Optional[dict] = None
    quote: Optional[str] = None
    fix: Optional[dict] = None
    data: dict = dataclasses.field(default_factory=dict)

    def sort_key(self) -> tuple:
        start = self.span["start"] if self.span else -1
        return (SEVERITY_ORDER[self.severity], start, self.rule)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "message_id": self.message_id,
            "severity": self.severity,
            "message": self.message,
            "principle": self.principle,
            "field": self.field,
            "span": self.span,
            "quote": self.quote,
            "fix": self.fix,
        }


# Mechanical fixes, in the shapes API.md fixes.


def set_field(field_name: str, value: str) -> dict:
    return {"field": field_name, "set": value}


def add_recipients(field_name: str, addresses: list[str]) -> dict:
    return {"field": field_name, "add": list(addresses)}


def insert_text(text: str, at: Any = "start") -> dict:
    return {"field": "body", "insert": text, "at": at}


def replace_text(start: int, end: int, text: str) -> dict:
    return {"field": "body", "replace": {"start": start, "end": end, "text": text}}
