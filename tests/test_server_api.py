"""The public API over HTTP: same answers as the engine, JSON errors naming the field, limits,
CORS, the OpenAPI document, and no mail content in the logs."""

from __future__ import annotations

import json
import logging

import pytest

import engine
from engine.model import CheckResponse, ErrorResponse, RuleOut

REQUEST = {
    "draft": {
        "from": "Olga Petrova <olga@lmt.example>",
        "to": ["Anna Ivanova <anna@client.example>"],
        "subject": "Re: Счёт за март",
        "body": "Анна, добрый день! Счёт будет готов сегодня до 18:00. Всего доброго, Ольга",
        "sent_at": "2026-11-20T10:05:00+03:00",
    },
    "thread": [{
        "from": "Anna Ivanova <anna@client.example>",
        "to": ["olga@lmt.example"],
        "cc": ["boris@client.example"],
        "subject": "Счёт за март",
        "date": "2026-11-20T09:40:00+03:00",
        "body": "Добрый день! Когда будет готов счёт? И можно ли оплатить картой?",
    }],
}


def _error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    ErrorResponse.model_validate(body)
    if field is not None:
        assert body["error"]["field"] == field
        assert body["error"]["message"].startswith(field) or field in body["error"]["message"] \
            or status in (415,)
    return body["error"]


def test_check_matches_the_engine(client):
    response = client.post("/api/v1/check", json=REQUEST)
    assert response.status_code == 200
    body = response.get_json()
    CheckResponse.model_validate(body)
    direct = engine.check(REQUEST)
    strip = lambda r: {k: v for k, v in r.items() if k != "elapsed_ms"}  # noqa: E731
    assert strip(body) == json.loads(json.dumps(strip(direct)))
    rules = {f["rule"] for f in body["findings"]}
    assert {"reply-all", "unanswered-question"} <= rules
    assert body["summary"]["block_send"] is True


def test_bad_field_is_named(client):
    bad = {"draft": {**REQUEST["draft"], "to": ["not an address"]}}
    err = _error(client.post("/api/v1/check", json=bad), 400, "draft.to[0]")
    assert err["code"] == "bad_request"


@pytest.mark.parametrize("payload,field", [
    ({}, "draft"),
    ({"draft": "text"}, "draft"),
    ({"draft": {"subject": 5}}, "draft.subject"),
    ({"draft": {"sent_at": "yesterday-ish"}}, "draft.sent_at"),
    ({"draft": {}, "thread": [{"raw": ""}]}, "thread[0].raw"),
    ({"draft": {}, "rules": {"only": ["no-such-rule"]}}, "rules.only[0]"),
    ({"draft": {}, "language": "русский"}, "language"),
])
def test_bad_requests(client, payload, field):
    _error(client.post("/api/v1/check", json=payload), 400, field)


def test_malformed_json_and_content_type(client):
    _error(client.post("/api/v1/check", data="{", content_type="application/json"), 400, "body")
    _error(client.post("/api/v1/check", data="", content_type="application/json"), 400, "body")
    _error(client.post("/api/v1/check", data=json.dumps(REQUEST), content_type="text/plain"),
           415, "Content-Type")
    _error(client.post("/api/v1/check", data=b'{"draft": "\xff"}',
                       content_type="application/json"), 400, "body")
    _error(client.post("/api/v1/check", json=[1, 2]), 400, "request")


def test_deep_nesting_is_a_400(client):
    deep = "[" * 100000 + "]" * 100000
    _error(client.post("/api/v1/check", data=deep, content_type="application/json"), 400)


def test_oversize_is_a_413(tmp_path):
    from server import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "MAX_REQUEST_BYTES": 1000,
                      "RATE_LIMIT": ""})
    big = {"draft": {"body": "x" * 2000}}
    err = _error(app.test_client().post("/api/v1/check", json=big), 413)
    assert err["code"] == "too_large"


def test_huge_recipient_list_is_a_400(client):
    many = {"draft": {"to": [f"user{i}@client.example" for i in range(5000)]}}
    _error(client.post("/api/v1/check", json=many), 400, "draft.to")


def test_html_bomb_is_answered(client):
    bomb = "<div>" * 20000 + "Hello" + "</div>" * 20000
    response = client.post("/api/v1/check", json={"draft": {"body": bomb, "body_format": "html"}})
    assert response.status_code == 200


def test_rate_limit_429(tmp_path):
    from server import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    codes = [client.post("/api/v1/check", json={"draft": {}}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429
    err = client.post("/api/v1/check", json={"draft": {}}).get_json()["error"]
    assert err["code"] == "rate_limited"


def test_unknown_endpoint_and_method(client):
    assert _error(client.get("/api/v1/nothing"), 404)["code"] == "not_found"
    assert _error(client.get("/api/v1/check"), 405)["code"] == "method_not_allowed"


def test_rules_listing(client):
    body = client.get("/api/v1/rules?lang=ru").get_json()
    ids = [r["id"] for r in body["rules"]]
    assert "subject-changed" in ids and "reply-all" in ids
    for rule in body["rules"]:
        RuleOut.model_validate(rule)
    subject = next(r for r in body["rules"] if r["id"] == "subject-changed")
    assert subject["title"] != subject["id"] and subject["examples"]


def test_cors_only_for_allowed_origins(tmp_path):
    from server import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT": "",
                      "ALLOWED_ORIGINS": "https://outlook.office.com"})
    client = app.test_client()
    ok = client.options("/api/v1/check", headers={
        "Origin": "https://outlook.office.com", "Access-Control-Request-Method": "POST"})
    assert ok.headers.get("Access-Control-Allow-Origin") == "https://outlook.office.com"
    evil = client.post("/api/v1/check", json={"draft": {}},
                       headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in evil.headers


def test_no_cors_by_default(client):
    response = client.post("/api/v1/check", json={"draft": {}},
                           headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_openapi_document_comes_from_the_models(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    schemas = doc["components"]["schemas"]
    draft = schemas["Draft"]["properties"]
    assert {"subject", "body", "from", "to", "cc", "bcc", "attachments", "sent_at"} <= set(draft)
    finding = schemas["FindingOut"]["properties"]
    assert {"rule", "severity", "message", "principle", "field", "span", "quote",
            "fix"} <= set(finding)
    assert "eta" in schemas["AcknowledgementRequest"]["properties"]
    for path in ("/api/v1/check", "/api/v1/acknowledgement", "/api/v1/rules",
                 "/api/v1/admin/rules/{rule_id}", "/api/v1/admin/audit", "/healthz"):
        assert path in doc["paths"]


def test_mail_content_never_logged(app, client, admin_headers, caplog):
    secret = "Zebra-Quasar-7781"
    request = json.loads(json.dumps(REQUEST))
    request["draft"]["body"] += " " + secret
    request["thread"][0]["body"] += " " + secret
    request["draft"]["subject"] += " " + secret
    with caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        client.post("/api/v1/check", json=request)
        client.post("/api/v1/check", json={"draft": {"to": [secret]}})
        client.post("/api/v1/check", data="{" + secret, content_type="application/json")
        client.post("/api/v1/acknowledgement", json=request)
        client.patch("/api/v1/admin/rules/jargon-nope", json={}, headers=admin_headers)
        client.get("/api/v1/rules")
    text = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert caplog.records, "the server logs requests"
    assert secret not in text
    assert "Анна, добрый день" not in text
    assert admin_headers["Authorization"].split()[1] not in text


def test_healthz(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["rules"] >= 7
