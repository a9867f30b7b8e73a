"""Configuration: `create_app(config)` keys win over `MAILTACT_<KEY>` environment variables.

The keys of API.md's table, plus a few for running the service. Values are parsed and checked
here once, so a typo in the environment fails start-up with the key's name, not a request later.
"""

from __future__ import annotations

import os
from typing import Any, Optional

DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024

# key -> (default, kind, help)
KEYS: dict[str, tuple[Any, str, str]] = {
    "DATABASE_URL": (None, "str", "SQLAlchemy URL of the settings store (default: SQLite file "
                                  "in the instance folder)"),
    "ADMIN_TOKEN": (None, "str", "bearer token for /api/v1/admin/* (unset: admin API answers 503 "
                                 "unless `mailtact serve` stored a generated one)"),
    "ADMIN_TOKEN_NAME": ("admin", "str", "who the audit log says made a change with that token"),
    "ALLOWED_ORIGINS": ("", "list", "CORS origins allowed to call the API (comma-separated; "
                                    "default: only the server's own origin)"),
    "MAX_REQUEST_BYTES": (DEFAULT_MAX_REQUEST_BYTES, "int", "larger request bodies get 413"),
    "OWN_DOMAINS": ("", "list", "our side's mail domains (comma-separated; default: the domain "
                                "of draft.from)"),
    "RATE_LIMIT": ("600 per minute", "str", "per-client limit on the API (Flask-Limiter syntax; "
                                            "empty: no limit)"),
    "RATELIMIT_STORAGE_URI": ("memory://", "str", "where rate-limit counters live"),
    "PUBLIC_URL": (None, "str", "the server's public https URL, written into /manifest.xml "
                                "(default: the URL the request came to)"),
    "INSTANCE_PATH": (None, "str", "folder for the SQLite file and certificates"),
}


class ConfigError(ValueError):
    """A configuration value that cannot be used; names the key."""


def _parse(key: str, kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: must be a whole number, got {value!r}") from None
        if number <= 0:
            raise ConfigError(f"{key}: must be positive")
        return number
    if kind == "list":
        if isinstance(value, (list, tuple)):
            items = value
        else:
            items = str(value).split(",")
        return [item.strip() for item in items if str(item).strip()]
    return str(value) if value != "" else (None if kind == "str" and key != "RATE_LIMIT" else "")


def resolve(config: Optional[dict] = None, environ: Optional[dict] = None) -> dict:
    """The effective configuration: explicit keys, then MAILTACT_ variables, then defaults."""
    config = dict(config or {})
    environ = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for key, (default, kind, _help) in KEYS.items():
        if key in config:
            raw = config.pop(key)
        elif f"MAILTACT_{key}" in environ:
            raw = environ[f"MAILTACT_{key}"]
        else:
            raw = default
        out[key] = _parse(key, kind, raw)
    out.update(config)  # Flask's own keys (TESTING, ...) pass through
    return out
