"""The explicit list of rules. A new rule is a module in this folder plus one line here."""

from __future__ import annotations

from importlib import import_module

from .meta import RuleMeta

# Module names (in engine.rules), in catalog order.
# Lines still commented out are rules being written now: a rule lands with its line.
MODULES = (
    "subject_changed",
    # thread and question rules
    "unanswered_question",
    "unreported_request",
    # courtesy and recipients
    "reply_all",
    "missing_thanks",
    "missing_greeting",
    "missing_closing",
    "forgotten_attachment",
    "slow_reply",
    "missing_call_to_action",
    # tone and wording
    "rude_tone",
    "kitchen_details",
    "jargon",
    "abbreviation",
    "bureaucratese",
    "hedging",
    "sloppy_writing",
    "first_person_voice",
    # content and structure
    "ack_without_eta",
    "categorical_refusal",
    "vague_subject",
    "price_without_inclusions",
    "delay_without_new_date",
    "sensitive_data",
    "questions_not_numbered",
)

RULES = tuple(import_module(f"{__package__}.{name}") for name in MODULES)
BY_ID = {module.META.id: module for module in RULES}
METAS: tuple[RuleMeta, ...] = tuple(module.META for module in RULES)


def get(rule_id: str):
    return BY_ID[rule_id]
