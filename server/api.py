"""The public API: check, acknowledgement, rules, OpenAPI document, health."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

import engine
from engine.langdata import available_languages
from engine.rules import registry

from . import openapi
from .limits import api_limit, api_limit_exempt, json_body, limiter

bp = Blueprint("api", __name__)


def engine_settings() -> engine.Settings:
    """Admin overrides from the store (read per request: every worker sees every change)."""
    store = current_app.extensions["mailtact_store"]
    return engine.Settings(
        overrides=store.overrides(), own_domains=tuple(current_app.config["OWN_DOMAINS"] or ())
    )


@bp.post("/api/v1/check")
@limiter.limit(api_limit, exempt_when=api_limit_exempt)
def check():
    return jsonify(engine.check(json_body(), engine_settings()))


@bp.post("/api/v1/acknowledgement")
@limiter.limit(api_limit, exempt_when=api_limit_exempt)
def acknowledgement():
    return jsonify(engine.acknowledge(json_body(), engine_settings()))


@bp.get("/api/v1/rules")
def rules():
    lang = request.args.get("lang") or request.accept_languages.best_match(available_languages())
    return jsonify({"rules": engine.rules(engine_settings(), lang or "en")})


@bp.get("/api/v1/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


@bp.get("/healthz")
def healthz():
    store = current_app.extensions["mailtact_store"]
    store.overrides()  # the store answers
    return jsonify({"status": "ok", "rules": len(registry.METAS), "version": openapi.VERSION})
