"""Request limits: size (413, via MAX_CONTENT_LENGTH), JSON only (415/400), rate (429)."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .errors import ApiError

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_app(app: Flask) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    app.config["RATELIMIT_HEADERS_ENABLED"] = True
    limiter.init_app(app)


def api_limit() -> str:
    return current_app.config.get("RATE_LIMIT") or ""


def api_limit_exempt() -> bool:
    return not api_limit()


def json_body() -> Any:
    """The request's JSON document, or a 415/400 ApiError that says what is wrong."""
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise ApiError(
            f"Content-Type must be application/json, not '{mimetype or 'none'}'",
            field="Content-Type", status=415,
        )
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise ApiError("the request body is empty; send a JSON object", field="body")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(f"the body is not valid UTF-8 (byte {exc.start})", field="body") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ApiError("the JSON document is nested too deeply", field="body") from None
    except ValueError as exc:
        raise ApiError(f"malformed JSON: {exc}", field="body") from None
