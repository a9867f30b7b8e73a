"""The explicit list of rules. A new rule is a module in this folder plus one line here."""

from __future__ import annotations

from importlib import import_module

from .meta import RuleMeta

# Module names (in engine.rules), in catalog order.
MODULES = (
    "subject_changed",
)

RULES = tuple(import_module(f"{__package__}.{name}") for name in MODULES)
BY_ID = {module.META.id: module for module in RULES}
METAS: tuple[RuleMeta, ...] = tuple(module.META for module in RULES)


def get(rule_id: str):
    return BY_ID[rule_id]
