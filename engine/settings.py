"""Layered settings: rule defaults -> admin overrides -> per-request narrowing.

The engine holds no state: the server keeps the admin overrides in its store and passes them in.
`validate_patch` is the one validator of an admin change, so the server never writes a value the
engine would reject.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .model import RequestError
from .rules.meta import SEVERITIES, RuleMeta

PATCH_KEYS = {"enabled", "severity", "params"}


class UnknownRuleError(LookupError):
    def __init__(self, rule_id: str):
        self.rule_id = rule_id
        super().__init__(f"unknown rule '{rule_id}'")


@dataclass
class RuleConfig:
    enabled: bool
    severity: str
    params: dict


@dataclass
class Settings:
    """Admin overrides (rule id -> {enabled, severity, params}) and organisation-wide values."""

    overrides: dict = field(default_factory=dict)
    own_domains: tuple = ()

    def for_rule(self, meta: RuleMeta) -> RuleConfig:
        over = self.overrides.get(meta.id) or {}
        params = copy.deepcopy(meta.params)
        params.update(over.get("params") or {})
        return RuleConfig(
            enabled=meta.enabled if over.get("enabled") is None else over["enabled"],
            severity=over.get("severity") or meta.severity,
            params=params,
        )


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _check_param(path: str, default: Any, value: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise RequestError(path, "must be true or false")
        return value
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RequestError(path, "must be a whole number")
        if value < 0:
            raise RequestError(path, "must not be negative")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RequestError(path, "must be a number")
        if value != value or value in (float("inf"), float("-inf")) or value < 0:
            raise RequestError(path, "must be a finite, non-negative number")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise RequestError(path, "must be a string")
        if len(value) > 200:
            raise RequestError(path, "is too long (200 characters at most)")
        return value
    if isinstance(default, list):
        if not isinstance(value, list):
            raise RequestError(path, "must be a list")
        if len(value) > 1000:
            raise RequestError(path, "is too long (1000 items at most)")
        proto = default[0] if default else None
        for i, item in enumerate(value):
            if proto is None:
                if not isinstance(item, str) or not item.strip() or len(item) > 200:
                    raise RequestError(f"{path}[{i}]", "must be a non-empty string")
            else:
                _check_param(f"{path}[{i}]", proto, item)
        return value
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise RequestError(path, "must be an object")
        for key, item in value.items():
            if not isinstance(key, str):
                raise RequestError(path, "keys must be strings")
            if key in default:
                _check_param(f"{path}.{key}", default[key], item)
            elif not isinstance(item, (str, list)):
                raise RequestError(f"{path}.{key}", "must be a string or a list of strings")
        return value
    raise RequestError(path, f"cannot be set (type {_type_name(default)})")


def validate_patch(meta: RuleMeta, patch: Any) -> dict:
    """Check an admin change of one rule; returns the normalized patch or raises RequestError."""
    if not isinstance(patch, dict):
        raise RequestError("body", "must be a JSON object")
    unknown = set(patch) - PATCH_KEYS
    if unknown:
        raise RequestError(sorted(unknown)[0], "unknown field (allowed: enabled, severity, params)")
    if not patch:
        raise RequestError("body", "nothing to change (give enabled, severity or params)")
    out: dict = {}
    if "enabled" in patch:
        if not isinstance(patch["enabled"], bool):
            raise RequestError("enabled", "must be true or false")
        out["enabled"] = patch["enabled"]
    if "severity" in patch:
        if patch["severity"] not in SEVERITIES:
            raise RequestError("severity", f"must be one of {', '.join(SEVERITIES)}")
        out["severity"] = patch["severity"]
    if "params" in patch:
        params = patch["params"]
        if not isinstance(params, dict):
            raise RequestError("params", "must be an object")
        checked = {}
        for name, value in params.items():
            if name not in meta.params:
                allowed = ", ".join(sorted(meta.params)) or "none"
                raise RequestError(f"params.{name}", f"unknown parameter (allowed: {allowed})")
            checked[name] = _check_param(f"params.{name}", meta.params[name], value)
        out["params"] = checked
    return out


def merge_override(current: Optional[dict], patch: dict) -> dict:
    """The stored override after applying a validated patch."""
    merged = copy.deepcopy(current or {})
    for key in ("enabled", "severity"):
        if key in patch:
            merged[key] = patch[key]
    if "params" in patch:
        merged.setdefault("params", {}).update(patch["params"])
    return merged


def select_rules(
    metas: Iterable[RuleMeta],
    settings: Settings,
    only: Optional[list[str]],
    disable: list[str],
    known: set[str],
) -> list[tuple[RuleMeta, RuleConfig]]:
    """The rules that run for one request: enabled by the admin, narrowed by the request."""
    for i, rule_id in enumerate(only or []):
        if rule_id not in known:
            raise RequestError(f"rules.only[{i}]", f"unknown rule '{rule_id}'")
    for i, rule_id in enumerate(disable):
        if rule_id not in known:
            raise RequestError(f"rules.disable[{i}]", f"unknown rule '{rule_id}'")
    chosen = []
    only_set = set(only) if only is not None else None
    for meta in metas:
        cfg = settings.for_rule(meta)
        if not cfg.enabled:
            continue
        if only_set is not None and meta.id not in only_set:
            continue
        if meta.id in disable:
            continue
        chosen.append((meta, cfg))
    return chosen
