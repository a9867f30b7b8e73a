"""mailtact's rules engine: the only public door.

- `check(request, settings=None) -> dict`: findings for a draft and its thread (API.md).
- `acknowledge(request, settings=None) -> dict`: a ready acknowledgement text.
- `rules(settings=None, lang="en") -> list[dict]`: the catalog with current settings.
- `RequestError`: the one error a bad request raises; its message names the field path.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Optional, Union

from . import langdata
from .context import Context
from .model import AcknowledgementRequest, CheckRequest, RequestError, validate
from .rules import registry
from .rules.meta import SEVERITIES
from .settings import Settings, UnknownRuleError, select_rules

__all__ = ["check", "acknowledge", "rules", "RequestError", "Settings", "UnknownRuleError"]

log = logging.getLogger("mailtact.engine")

# Load and validate all language data at import: a broken data file fails start-up, not a request.
langdata.load_all()


def _settings(settings: Union[Settings, dict, None]) -> Settings:
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    return Settings(
        overrides=settings.get("overrides") or {},
        own_domains=tuple(settings.get("own_domains") or ()),
    )


def _run(ctx: Context) -> list:
    req = ctx.request
    chosen = select_rules(
        registry.METAS, ctx.settings, req.rules.only, req.rules.disable, set(registry.BY_ID)
    )
    findings = []
    for meta, config in chosen:
        if meta.languages != ("*",) and ctx.lang not in meta.languages:
            continue
        ctx.meta, ctx.config = meta, config
        try:
            findings.extend(registry.BY_ID[meta.id].check(ctx.draft, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not cost the others
            # A rule bug must not block the user's mail; it is reported, never the mail text.
            log.error("rule %s failed: %s", meta.id, type(exc).__name__)
            ctx.rule_errors.append(meta.id)
    ctx.meta = ctx.config = None
    findings.sort(key=lambda f: f.sort_key())
    return findings


def analyze(request: Any, settings: Union[Settings, dict, None] = None) -> tuple[Context, list]:
    """Validate and run the rules; returns the context (for callers that need more) and findings."""
    req = validate(CheckRequest, request)
    ctx = Context(req, _settings(settings))
    return ctx, _run(ctx)


def check(request: Any, settings: Union[Settings, dict, None] = None) -> dict:
    """Check a draft (API.md's check request) and return the check response."""
    started = time.perf_counter()
    ctx, findings = analyze(request, settings)
    counts = {sev: 0 for sev in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    questions = ctx.analysis.questions
    return {
        "language": {"code": ctx.lang, "source": ctx.lang_source},
        "ui_language": ctx.ui_lang,
        "findings": [f.to_json() for f in findings],
        "questions": [{"text": q.text, "answered": q.answered} for q in questions],
        "summary": {**counts, "block_send": counts["error"] > 0},
        "new_text": ctx.new_text,
        "signature": ctx.signature,
        "thread": [m.to_json() for m in ctx.thread],
        "thread_source": ctx.thread_source,
        "rule_errors": ctx.rule_errors,
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
    }


def acknowledge(request: Any, settings: Union[Settings, dict, None] = None) -> dict:
    """Compose an acknowledgement for the client's latest message (API.md)."""
    from .acknowledgement import compose

    req = validate(AcknowledgementRequest, request)
    ctx = Context(req, _settings(settings))
    return compose(ctx, req.eta)


def rules(settings: Union[Settings, dict, None] = None, lang: Optional[str] = "en") -> list[dict]:
    """The catalog: metadata, current settings and examples of every rule."""
    from .examples import examples_for

    conf = _settings(settings)
    code = lang if lang in langdata.available_languages() else "en"
    out = []
    for meta in registry.METAS:
        cfg = conf.for_rule(meta)
        texts = {}
        for lc in langdata.available_languages():
            rt = langdata.language_data(lc).rules.get(meta.id)
            if rt is not None:
                texts[lc] = {
                    "title": rt.title,
                    "description": rt.description,
                    "principle": rt.principle,
                }
        mine = texts.get(code) or texts.get("en") or {}
        out.append(
            {
                "id": meta.id,
                "title": mine.get("title", meta.id),
                "description": mine.get("description", ""),
                "principle": mine.get("principle", meta.principle),
                "severity": cfg.severity,
                "default_severity": meta.severity,
                "enabled": cfg.enabled,
                "default_enabled": meta.enabled,
                "languages": list(meta.languages),
                "params": cfg.params,
                "default_params": meta.params,
                "i18n": texts,
                "examples": examples_for(meta.id),
            }
        )
    return out
