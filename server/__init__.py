"""mailtact's HTTP server: the engine over HTTP, the add-in's files, the admin API and page.

`create_app(config)` builds the app (API.md's configuration table); views parse, call the engine
and serialize, nothing else.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Optional

from flask import Flask, g, request
from flask_cors import CORS

from . import admin, api, errors, limits, site
from .config import resolve
from .store import Store

log = logging.getLogger("mailtact.server")

__all__ = ["create_app"]


def create_app(config: Optional[dict] = None) -> Flask:
    conf = resolve(config)
    instance = conf.get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=str(Path(instance).resolve()) if instance else None,
                instance_relative_config=True)
    app.config.update(conf)
    app.config["MAX_CONTENT_LENGTH"] = conf["MAX_REQUEST_BYTES"]
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    os.makedirs(app.instance_path, exist_ok=True)

    url = conf["DATABASE_URL"] or "sqlite:///" + os.path.join(app.instance_path, "mailtact.db")
    app.extensions["mailtact_store"] = Store(url)

    errors.init_app(app)
    limits.init_app(app)
    origins = conf["ALLOWED_ORIGINS"]
    # No origins configured: the add-in and the admin page are served from this server, so the
    # same-origin policy is all they need and no other site may call the API.
    CORS(app, resources={r"/api/*": {"origins": origins or []}},
         allow_headers=["Content-Type", "Authorization"], max_age=600)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(site.bp)

    @app.before_request
    def _start():
        g.started = time.perf_counter()

    @app.after_request
    def _log(response):
        # Method, path, status, sizes and time only: never a body, a query string or a header.
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %s %sB in, %.1f ms", request.method, request.path, response.status_code,
                 request.content_length or 0, elapsed)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    return app


def store_of(app: Flask) -> Store:
    return app.extensions["mailtact_store"]
