"""Admin API and settings store, on SQLite and on a real PostgreSQL server: tokens, validation
before any write, audit log, restarts, concurrent changes."""

from __future__ import annotations

import threading

import pytest

from .conftest import ADMIN_TOKEN

pytestmark = []


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'settings.db'}"
    url = request.getfixturevalue("postgres_url")
    # a fresh schema per test: drop what an earlier test left
    from sqlalchemy import create_engine, text

    eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with eng.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS rule_overrides, audit_log, server_values"))
    eng.dispose()
    return url


def _app(tmp_path, url, **extra):
    from server import create_app

    return create_app({"INSTANCE_PATH": str(tmp_path / "inst"), "DATABASE_URL": url,
                       "ADMIN_TOKEN": ADMIN_TOKEN, "RATE_LIMIT": "", **extra})


AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _rule(client, rule_id):
    rules = client.get("/api/v1/rules").get_json()["rules"]
    return next(r for r in rules if r["id"] == rule_id)


def test_changes_survive_a_restart_and_are_audited(tmp_path, database_url):
    client = _app(tmp_path, database_url).test_client()
    assert client.patch("/api/v1/admin/rules/missing-greeting", json={"enabled": False},
                        headers=AUTH).status_code == 200
    response = client.patch("/api/v1/admin/rules/missing-greeting",
                            json={"severity": "warning", "params": {"quick_exchange_minutes": 10}},
                            headers=AUTH)
    assert response.status_code == 200, response.get_json()
    # a new app on the same database: a restart
    again = _app(tmp_path, database_url).test_client()
    rule = _rule(again, "missing-greeting")
    assert rule["enabled"] is False and rule["severity"] == "warning"
    assert rule["params"]["quick_exchange_minutes"] == 10
    entries = again.get("/api/v1/admin/audit", headers=AUTH).get_json()["entries"]
    assert [e["after"] for e in entries] == [
        {"enabled": False, "severity": "warning", "params": {"quick_exchange_minutes": 10}},
        {"enabled": False},
    ]
    assert entries[1]["before"] == {} and all(e["who"] == "admin" for e in entries)
    assert ADMIN_TOKEN not in str(entries)


def test_a_disabled_rule_stops_firing(tmp_path, database_url):
    client = _app(tmp_path, database_url).test_client()
    request = {"draft": {"from": "olga@lmt.example", "subject": "Re: Счёт",
                         "body": "Счёт во вложении."}}
    fired = {f["rule"] for f in client.post("/api/v1/check", json=request).get_json()["findings"]}
    assert "forgotten-attachment" in fired
    client.patch("/api/v1/admin/rules/forgotten-attachment", json={"enabled": False},
                 headers=AUTH)
    fired = {f["rule"] for f in client.post("/api/v1/check", json=request).get_json()["findings"]}
    assert "forgotten-attachment" not in fired


@pytest.mark.parametrize("body,status,field", [
    ({"enabled": "no"}, 400, "enabled"),
    ({"severity": "fatal"}, 400, "severity"),
    ({"params": {"quick_exchange_minutes": "soon"}}, 400, "params.quick_exchange_minutes"),
    ({"params": {"quick_exchange_minutes": -5}}, 400, "params.quick_exchange_minutes"),
    ({"params": {"quick_exchange_minutes": 2.5}}, 400, "params.quick_exchange_minutes"),
    ({"params": {"nope": 1}}, 400, "params.nope"),
    ({"enabled": False, "colour": "red"}, 400, "colour"),
    ({}, 400, "body"),
    ([], 400, "body"),
])
def test_bad_patches_write_nothing(tmp_path, database_url, body, status, field):
    client = _app(tmp_path, database_url).test_client()
    response = client.patch("/api/v1/admin/rules/missing-greeting", json=body, headers=AUTH)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["field"] == field and error["message"].startswith(field)
    assert client.get("/api/v1/admin/audit", headers=AUTH).get_json()["entries"] == []
    assert _rule(client, "missing-greeting")["enabled"] is True


def test_unknown_rule_404(client):
    response = client.patch("/api/v1/admin/rules/no-such-rule", json={"enabled": False},
                            headers=AUTH)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": ADMIN_TOKEN},
                                     {"Authorization": "Basic " + ADMIN_TOKEN}])
def test_wrong_or_missing_token_401(client, headers):
    for response in (
        client.patch("/api/v1/admin/rules/reply-all", json={"enabled": False}, headers=headers),
        client.get("/api/v1/admin/audit", headers=headers),
    ):
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"


def test_no_token_configured_is_503_never_open(tmp_path):
    from server import create_app

    client = create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT": ""}).test_client()
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer anything"}):
        response = client.patch("/api/v1/admin/rules/reply-all", json={"enabled": False},
                                headers=headers)
        assert response.status_code == 503
        assert "token" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/admin/audit").status_code == 503


def test_generated_token_is_stored_as_a_hash(tmp_path):
    from server import create_app
    from server.admin import TOKEN_HASH_KEY
    from server.cli import ensure_admin_token

    app = create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT": ""})
    token = ensure_admin_token(app)
    assert token and len(token) >= 24
    assert ensure_admin_token(app) is None  # once only
    stored = app.extensions["mailtact_store"].get_value(TOKEN_HASH_KEY)
    assert stored != token and len(stored) == 64
    client = app.test_client()
    assert client.get("/api/v1/admin/audit",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/api/v1/admin/audit",
                      headers={"Authorization": "Bearer x"}).status_code == 401
    db = (tmp_path / "mailtact.db").read_bytes()
    assert token.encode() not in db


def test_concurrent_patches_lose_nothing(tmp_path, database_url):
    app = _app(tmp_path, database_url)
    workers, each = 8, 6
    errors: list = []

    def work(n):
        client = app.test_client()
        for i in range(each):
            value = n * 100 + i
            response = client.patch("/api/v1/admin/rules/missing-greeting",
                                    json={"params": {"quick_exchange_minutes": value}},
                                    headers=AUTH)
            if response.status_code != 200:
                errors.append(response.get_json())

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    client = app.test_client()
    entries = client.get("/api/v1/admin/audit?limit=1000", headers=AUTH).get_json()["entries"]
    assert len(entries) == workers * each
    # the log is a chain: each change saw the state the previous one wrote
    chain = list(reversed(entries))
    for earlier, later in zip(chain, chain[1:]):
        assert later["before"] == earlier["after"]
    final = _rule(client, "missing-greeting")["params"]["quick_exchange_minutes"]
    assert final == entries[0]["after"]["params"]["quick_exchange_minutes"]


def test_audit_limit_validation(client):
    assert client.get("/api/v1/admin/audit?limit=abc", headers=AUTH).status_code == 400
    assert client.get("/api/v1/admin/audit?limit=0", headers=AUTH).status_code == 400


def test_admin_page_is_localized(client):
    for lang in ("en", "ru", "es"):
        page = client.get(f"/admin?lang={lang}")
        assert page.status_code == 200
        assert f'lang="{lang}"' in page.get_data(as_text=True)
        strings = client.get(f"/static/i18n/{lang}.json").get_json()
        assert strings["sign_in"] and strings["rules"]
    assert "Войти" in client.get("/static/i18n/ru.json").get_data(as_text=True)


def test_sqlite_reads_after_a_write_do_not_wait_for_the_write_lock(tmp_path):
    # WAL lets readers run beside a writer; a pooled connection that once wrote must not keep
    # taking BEGIN IMMEDIATE for every read (each check waited, then failed, behind a writer).
    import sqlite3
    import time

    from server.store import Store

    path = tmp_path / "settings.db"
    store = Store(f"sqlite:///{path}")
    store.change_rule("missing-thanks", "admin", lambda current: {"enabled": False})
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another worker in the middle of a change
    try:
        started = time.monotonic()
        assert store.overrides() == {"missing-thanks": {"enabled": False}}
        assert time.monotonic() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()
