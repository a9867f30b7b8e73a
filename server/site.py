"""Pages and files: the add-in's static files, its manifest with this server's URL, the index."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request, send_from_directory

import addin

bp = Blueprint("site", __name__)


def public_url() -> str:
    return current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")


@bp.get("/addin/<path:name>")
def addin_file(name: str):
    if name == "commands.bundle.js":
        # Classic Outlook runs this file outside any page: it needs this server's URL inside.
        text = (addin.STATIC_DIR / name).read_text(encoding="utf-8")
        return Response(text.replace(addin.DEV_URL, public_url()),
                        mimetype="text/javascript", headers={"Cache-Control": "max-age=300"})
    return send_from_directory(addin.STATIC_DIR, name, max_age=300)


@bp.get("/manifest.xml")
def manifest():
    if not addin.MANIFEST.exists():
        return Response("manifest missing from this installation", status=404)
    return Response(addin.manifest_for(public_url()), mimetype="application/xml")


@bp.get("/")
def index():
    return render_template("index.html", url=public_url())
