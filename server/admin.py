"""The admin API (bearer token, never open without one) and the admin page.

The token comes from ADMIN_TOKEN, or else from the hash `mailtact serve` stored when it generated
one. Tokens are compared as SHA-256 digests in constant time; neither the token nor its hash is
ever logged or returned.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Optional

from flask import Blueprint, current_app, jsonify, render_template, request

import engine
from engine.langdata import available_languages
from engine.rules import registry
from engine.settings import UnknownRuleError, merge_override, validate_patch

from .errors import ApiError
from .limits import json_body

bp = Blueprint("admin", __name__)

TOKEN_HASH_KEY = "admin_token_sha256"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _expected_hash() -> Optional[str]:
    token = current_app.config.get("ADMIN_TOKEN")
    if token:
        return token_hash(token)
    return current_app.extensions["mailtact_store"].get_value(TOKEN_HASH_KEY)


def require_admin() -> str:
    """The name of who is acting, or a 503/401 ApiError."""
    expected = _expected_hash()
    if not expected:
        raise ApiError(
            "the admin API is disabled: no admin token is configured (set MAILTACT_ADMIN_TOKEN "
            "or start the server with `mailtact serve`, which generates one)",
            status=503,
        )
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError("send the admin token as 'Authorization: Bearer <token>'",
                       field="Authorization", status=401)
    if not hmac.compare_digest(token_hash(given.strip()), expected):
        raise ApiError("wrong admin token", field="Authorization", status=401)
    return current_app.config.get("ADMIN_TOKEN_NAME") or "admin"


@bp.patch("/api/v1/admin/rules/<rule_id>")
def patch_rule(rule_id: str):
    who = require_admin()
    if rule_id not in registry.BY_ID:
        raise UnknownRuleError(rule_id)  # 404 through the error handler
    meta = registry.BY_ID[rule_id].META
    patch = validate_patch(meta, json_body())  # all checks before anything is written
    store = current_app.extensions["mailtact_store"]
    before, after = store.change_rule(rule_id, who, lambda current: merge_override(current, patch))
    current = engine.Settings(overrides={rule_id: after}).for_rule(meta)
    return jsonify({
        "id": rule_id,
        "enabled": current.enabled,
        "severity": current.severity,
        "params": current.params,
        "override": after,
    })


@bp.get("/api/v1/admin/audit")
def audit_log():
    require_admin()
    try:
        limit = int(request.args.get("limit", 200))
    except ValueError:
        raise ApiError("limit must be a whole number", field="limit") from None
    if not 1 <= limit <= 1000:
        raise ApiError("limit must be between 1 and 1000", field="limit")
    rule = request.args.get("rule") or None
    store = current_app.extensions["mailtact_store"]
    return jsonify({"entries": store.audit_log(limit=limit, rule=rule)})


@bp.get("/api/v1/admin/whoami")
def whoami():
    return jsonify({"who": require_admin()})


@bp.get("/admin")
def admin_page():
    lang = request.args.get("lang") or request.accept_languages.best_match(
        available_languages()) or "en"
    if lang not in available_languages():
        lang = "en"
    return render_template("admin.html", lang=lang)
