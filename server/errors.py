"""Typed API errors and the one handler that turns every failure into the JSON of API.md."""

from __future__ import annotations

import logging
from typing import Optional

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from engine import RequestError, UnknownRuleError

log = logging.getLogger("mailtact.server")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, field: Optional[str] = None, status: Optional[int] = None,
                 code: Optional[str] = None):
        if field and not message.startswith(field):
            message = f"{field}: {message}"  # the message names the field, as RequestError's do
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status
            self.code = code or _HTTP_CODES.get(status, "error")
        elif code is not None:
            self.code = code


def error_response(status: int, code: str, message: str, field: Optional[str] = None):
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    response = jsonify({"error": body})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.field)

    @app.errorhandler(RequestError)
    def _request_error(exc: RequestError):
        return error_response(400, "bad_request", str(exc), exc.field or None)

    @app.errorhandler(UnknownRuleError)
    def _unknown_rule(exc: UnknownRuleError):
        return error_response(404, "not_found", str(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "error")
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            message = f"request body is larger than {limit} bytes"
        elif status == 429:
            message = f"too many requests: {exc.description}"
        elif status == 404:
            message = "no such endpoint"
        elif status == 405:
            message = "method not allowed here"
        else:
            message = exc.description or exc.name
        response = error_response(status, code, message)
        if status == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        if status == 429 and getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # The type only: a message might quote the mail.
        log.error("unexpected %s", type(exc).__name__)
        return error_response(500, "internal_error", "internal error; the request was not stored")
