"""The OpenAPI 3.1 document, generated from the pydantic models the engine validates with.

Nothing here restates a field: request and response shapes come from engine.model, so the
document changes when the models do.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic.json_schema import models_json_schema

from engine import model

VERSION = "0.1.0"
REF = "#/components/schemas/{model}"

_ERRORS = {
    "400": "Bad request: the message names the field",
    "413": "Request body too large",
    "415": "Content-Type is not application/json",
    "429": "Rate limit exceeded",
}
_ADMIN_ERRORS = {
    "400": "Bad value: the message names the field",
    "401": "No or wrong admin token",
    "404": "Unknown rule",
    "503": "No admin token configured: the admin API is disabled",
}


def _error_responses(codes: dict) -> dict:
    return {
        code: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorResponse")}}},
        }
        for code, text in codes.items()
    }


def _json_body(name: str) -> dict:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=name)}}},
    }


def _ok(name: str, description: str = "OK") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=name)}}},
    }


@lru_cache(maxsize=1)
def document() -> dict:
    inputs = [model.CheckRequest, model.AcknowledgementRequest, model.RulePatch]
    outputs = [model.CheckResponse, model.AcknowledgementResponse, model.RuleOut,
               model.AuditEntry, model.ErrorResponse]
    _, schemas = models_json_schema(
        [(m, "validation") for m in inputs] + [(m, "serialization") for m in outputs],
        ref_template=REF,
    )
    components = schemas.get("$defs", {})
    # Addresses and attachments are also accepted as plain strings ("Name <addr>", "file.pdf").
    for name in ("Address", "Attachment"):
        if name in components:
            components[name] = {"anyOf": [{"type": "string"}, components[name]],
                                "title": name}
    components["RulesResponse"] = {
        "type": "object",
        "properties": {"rules": {"type": "array", "items": {"$ref": REF.format(model="RuleOut")}}},
        "required": ["rules"],
    }
    components["AuditResponse"] = {
        "type": "object",
        "properties": {"entries": {"type": "array",
                                   "items": {"$ref": REF.format(model="AuditEntry")}}},
        "required": ["entries"],
    }
    bearer = [{"adminToken": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mailtact",
            "version": VERSION,
            "description": "A pre-send coach for mail to clients: checks a draft and its thread "
                           "against the rule catalog, composes acknowledgements.",
        },
        "paths": {
            "/api/v1/check": {"post": {
                "operationId": "check",
                "summary": "Check a draft and its thread",
                "requestBody": _json_body("CheckRequest"),
                "responses": {"200": _ok("CheckResponse"), **_error_responses(_ERRORS)},
            }},
            "/api/v1/acknowledgement": {"post": {
                "operationId": "acknowledgement",
                "summary": "Compose an acknowledgement for the client's latest message",
                "requestBody": _json_body("AcknowledgementRequest"),
                "responses": {"200": _ok("AcknowledgementResponse"),
                              **_error_responses(_ERRORS)},
            }},
            "/api/v1/rules": {"get": {
                "operationId": "rules",
                "summary": "The rule catalog with current settings and examples",
                "parameters": [{"name": "lang", "in": "query", "required": False,
                                "schema": {"type": "string"}}],
                "responses": {"200": _ok("RulesResponse")},
            }},
            "/api/v1/admin/rules/{rule_id}": {"patch": {
                "operationId": "patchRule",
                "summary": "Turn a rule on or off, change its severity or params",
                "security": bearer,
                "parameters": [{"name": "rule_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "requestBody": _json_body("RulePatch"),
                "responses": {"200": {"description": "The rule's new settings"},
                              **_error_responses({**_ERRORS, **_ADMIN_ERRORS})},
            }},
            "/api/v1/admin/audit": {"get": {
                "operationId": "audit",
                "summary": "Every settings change, newest first",
                "security": bearer,
                "parameters": [{"name": "limit", "in": "query", "required": False,
                                "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                               {"name": "rule", "in": "query", "required": False,
                                "schema": {"type": "string"}}],
                "responses": {"200": _ok("AuditResponse"),
                              **_error_responses(_ADMIN_ERRORS)},
            }},
            "/healthz": {"get": {
                "operationId": "health",
                "summary": "Liveness and store check",
                "responses": {"200": {"description": "OK"}},
            }},
        },
        "components": {
            "schemas": components,
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
        },
    }
