"""`mailtact serve` and `mailtact manifest` (registered into the engine's CLI)."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import addin

from .config import KEYS


def add_commands(sub) -> None:
    serve = sub.add_parser("serve", help="run the HTTP server (gunicorn; --dev for Flask's reloader)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    serve.add_argument("--https", action="store_true",
                       help="serve HTTPS with a local certificate (Outlook loads add-ins only "
                            "over HTTPS); created on first use with its own CA")
    serve.add_argument("--dev", action="store_true", help="Flask's development server, reloading")
    serve.add_argument("--demo", action="store_true",
                       help="also print where to try it (the sample pane at /addin/demo.html) "
                            "and how to add it to Outlook; the defaults are demo-ready already")
    for key, (_default, _kind, help_text) in KEYS.items():
        if key in ("RATELIMIT_STORAGE_URI",):
            continue
        serve.add_argument("--" + key.lower().replace("_", "-"), dest=key, help=help_text)
    serve.set_defaults(func=_serve)

    manifest = sub.add_parser("manifest", help="write the Outlook manifest for a deployment URL")
    manifest.add_argument("--url", required=True, help="the server's https URL, e.g. "
                                                       "https://mailtact.example.com")
    manifest.add_argument("-o", "--output", help="file to write (default: stdout)")
    manifest.set_defaults(func=_manifest)


def _manifest(args: argparse.Namespace) -> int:
    parts = urlsplit(args.url)
    if parts.scheme != "https" or not parts.netloc:
        print(f"mailtact manifest: --url must be an https URL, not {args.url!r}", file=sys.stderr)
        return 2
    text = addin.manifest_for(f"https://{parts.netloc}{parts.path.rstrip('/')}")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def certificate(folder: Path) -> tuple[Path, Path, Path]:
    """(server cert, key, CA cert) for localhost in `folder`, created once with trustme."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key, ca_file = folder / "server.pem", folder / "server.key", folder / "ca.pem"
    if not (cert.exists() and key.exists() and ca_file.exists()):
        import trustme

        ca = trustme.CA(organization_name="mailtact local CA")
        issued = ca.issue_cert("localhost", "127.0.0.1", "::1")
        issued.private_key_pem.write_to_path(str(key))
        os.chmod(key, 0o600)
        issued.cert_chain_pems[0].write_to_path(str(cert))
        ca.cert_pem.write_to_path(str(ca_file))
    return cert, key, ca_file


def _trust_hint(ca_file: Path) -> str:
    return (
        f"HTTPS certificate authority: {ca_file}\n"
        "  trust it once so Outlook and your browser accept https://localhost:\n"
        f"  Debian/Ubuntu: sudo cp {ca_file} /usr/local/share/ca-certificates/mailtact.crt "
        "&& sudo update-ca-certificates\n"
        f"  macOS:   security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain "
        f"{ca_file}\n"
        f"  Windows: certutil -user -addstore Root {ca_file}"
    )


def ensure_admin_token(app) -> Optional[str]:
    """Generate, store (hash only) and return a token when none is configured or stored."""
    from .admin import TOKEN_HASH_KEY, token_hash

    if app.config.get("ADMIN_TOKEN"):
        return None
    store = app.extensions["mailtact_store"]
    if store.get_value(TOKEN_HASH_KEY):
        return None
    token = secrets.token_urlsafe(24)
    return token if store.set_value_once(TOKEN_HASH_KEY, token_hash(token)) else None


def _serve(args: argparse.Namespace) -> int:
    from . import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = {key: getattr(args, key) for key in KEYS if getattr(args, key, None) is not None}
    app = create_app(config)
    scheme = "https" if args.https else "http"
    shown_host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0", "::") else args.host
    url = f"{scheme}://{shown_host}:{args.port}"
    if not app.config.get("PUBLIC_URL"):
        app.config["PUBLIC_URL"] = url
    ssl = None
    if args.https:
        cert, key, ca_file = certificate(Path(app.instance_path) / "certs")
        ssl = (str(cert), str(key))
        print(_trust_hint(ca_file))
    token = ensure_admin_token(app)
    if token:
        print(f"Admin token (shown once, only its hash is kept): {token}")
    elif not app.config.get("ADMIN_TOKEN"):
        print("Admin token: set earlier (its hash is in the settings store)")
    print(f"mailtact on {url}  ·  admin {url}/admin  ·  manifest {url}/manifest.xml")
    if args.demo:
        print(f"Try it: open {url}/addin/demo.html — a sample reply (ru/en/es) with the pane "
              "beside it, checked as you type.\n"
              "For Outlook: `mailtact serve --https`, trust the printed CA, then add the add-in "
              f"from https://localhost:{args.port}/manifest.xml")
    sys.stdout.flush()
    if args.dev:
        app.run(host=args.host, port=args.port, debug=True, use_reloader=True, ssl_context=ssl)
        return 0
    return _gunicorn(app, args, ssl)


def _gunicorn(app, args: argparse.Namespace, ssl) -> int:
    from gunicorn.app.base import BaseApplication

    store = app.extensions["mailtact_store"]

    class Server(BaseApplication):
        def load_config(self):
            settings = {
                "bind": f"[{args.host}]:{args.port}" if ":" in args.host else
                        f"{args.host}:{args.port}",
                "workers": max(1, args.workers),
                "preload_app": True,  # language data and lemmatizers load once, before the fork
                "accesslog": None,  # our own log line has no query string and no body
                "errorlog": "-",
                "loglevel": "info",
                "timeout": 30,
                "graceful_timeout": 5,
                "post_fork": lambda _server, _worker: store.dispose(),
            }
            if ssl:
                settings["certfile"], settings["keyfile"] = ssl
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    Server().run()
    return 0
