"""Fuzzing the HTTP API: schemathesis over the OpenAPI document (in-process, against the real
app and store) plus hypothesis over hostile bodies: never a 5xx, every 4xx a JSON error."""

from __future__ import annotations

import json
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from server import create_app

from .conftest import ADMIN_TOKEN

APP = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="mailtact-fuzz-"),
                  "ADMIN_TOKEN": ADMIN_TOKEN, "RATE_LIMIT": "", "TESTING": True})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


def _is_json_error(response) -> None:
    if 400 <= response.status_code < 500:
        body = json.loads(response.content)
        assert set(body) == {"error"}, body
        assert body["error"]["code"] and body["error"]["message"], body


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_openapi_fuzz(case):
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"} if "/admin/" in case.path else None
    response = case.call(headers=headers)
    case.validate_response(response, checks=[not_a_server_error])
    _is_json_error(response)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(["draft", "thread", "from", "to", "cc", "body", "subject",
                                       "raw", "rules", "only", "disable", "eta", "language",
                                       "attachments", "sent_at", "date", "name", "address"]),
                      children, max_size=6),
    max_leaves=30,
)


@given(json_values)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("path", ["/api/v1/check", "/api/v1/acknowledgement"])
def test_random_json_never_500(path, value):
    client = APP.test_client()
    response = client.post(path, data=json.dumps(value), content_type="application/json")
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    if response.status_code == 400:
        error = response.get_json()["error"]
        assert error["message"]


@given(st.binary(max_size=300))
@settings(max_examples=100, deadline=None)
def test_random_bytes_never_500(data):
    response = APP.test_client().post("/api/v1/check", data=data, content_type="application/json")
    assert response.status_code in (200, 400)
    assert response.get_json()["error"]["code"] == "bad_request" or response.status_code == 200


@given(st.dictionaries(st.sampled_from(["enabled", "severity", "params", "x"]), json_values,
                       max_size=3))
@settings(max_examples=80, deadline=None)
def test_random_patches_never_500(body):
    response = APP.test_client().patch(
        "/api/v1/admin/rules/missing-greeting", data=json.dumps(body),
        content_type="application/json", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code in (200, 400), response.get_data(as_text=True)
