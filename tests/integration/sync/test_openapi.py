"""HQ's API says what it does: schemathesis against a real HQ, and what every answer carries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from salesdesk.domain.people import Role
from salesdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.hqtest.server import process_server

CONFIG = Path(__file__).with_name("schemathesis.toml")
HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


@pytest.fixture(scope="module")
def documented_hq(hq_url: str):
    """HQ serving its API documentation (``serve --docs``)."""
    with process_server(hq_url, args=["--docs"]) as base:
        yield base


def _schemathesis(base: str, workdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The schemathesis command line; run in ``workdir``, where it keeps its cache (of crashes
    to replay), so every run starts afresh and nothing lands in the repository."""
    # negative_data_rejection is left out: pydantic's lax mode takes `false` for 0 in integer
    # fields (push's after_op_id, pull's conflicts_since), a leniency, not an answer the
    # document fails to describe. Every other check runs: no 5xx, every status, header, content
    # type and body documented, a missing protocol header refused, valid requests accepted.
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
         f"{base}/openapi.json", "--checks", "all", "--exclude-checks",
         "negative_data_rejection", "--max-examples", "40", "--seed", "11", "--no-color",
         "--generation-database", "none", "--request-timeout", "10", *extra],
        check=False, cwd=workdir, capture_output=True, text=True, timeout=180,
    )


def test_schemathesis_finds_nothing_without_a_login(documented_hq, tmp_path):
    result = _schemathesis(documented_hq, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "8 selected" in result.stdout  # every operation was tried


def test_schemathesis_finds_nothing_with_a_salespersons_token(documented_hq, accounts, tmp_path):
    username, password, _ = accounts.make(Role.SALES)
    token = httpx.post(f"{documented_hq}{API_PREFIX}/login", headers=HEADERS,
                       json={"username": username, "password": password}).json()["token"]
    # Logging out would end the token: logout is tried by the run without one.
    result = _schemathesis(documented_hq, tmp_path, "-H", f"Authorization: Bearer {token}",
                           "--exclude-path", f"{API_PREFIX}/logout")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "7 selected" in result.stdout


def test_the_document_says_the_protocol_header_is_required(documented_hq):
    doc = httpx.get(documented_hq + "/openapi.json").json()
    assert {"/api/v1/hello", "/api/v1/login", "/api/v1/logout", "/api/v1/push",
            "/api/v1/pull"} <= set(doc["paths"])
    for path in ("login", "logout", "push", "pull"):
        operation = doc["paths"][f"{API_PREFIX}/{path}"]["post"]
        (header,) = [p for p in operation["parameters"] if p["name"] == PROTOCOL_HEADER]
        assert header["required"] is True
        assert {"400", "422", "426"} <= set(operation["responses"])
    assert "409" in doc["paths"][f"{API_PREFIX}/push"]["post"]["responses"]
    blobs = doc["paths"][f"{API_PREFIX}/blobs/{{sha256}}"]
    assert set(blobs) == {"head", "put", "get"}
    for operation in blobs.values():
        (header,) = [p for p in operation["parameters"] if p["name"] == PROTOCOL_HEADER]
        assert header["required"] is True
        assert {"401", "404", "422", "426"} <= set(operation["responses"])
    assert {"409", "413"} <= set(blobs["put"]["responses"])


def test_errors_are_error_bodies_and_never_500(hq):
    login = f"{hq}{API_PREFIX}/login"
    no_json = httpx.post(login, headers={**HEADERS, "Content-Type": "application/json"},
                         content=b"\x80 not json")
    assert no_json.status_code == 400 and no_json.json()["code"] == "invalid"
    # A body that is a lone surrogate: FastAPI's answer echoed it and failed to encode it (500).
    odd = httpx.post(login, headers={**HEADERS, "Content-Type": "application/json"},
                     content=b'"\\ud800"')
    assert odd.status_code == 422 and odd.json()["code"] == "invalid"
    missing = httpx.post(login, json={"username": "a", "password": "b"})
    assert missing.status_code == 426 and missing.json()["max_protocol"] == PROTOCOL_VERSION


def test_documentation_is_off_unless_asked_for(hq, documented_hq):
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert httpx.get(hq + path).status_code == 404
        assert httpx.get(documented_hq + path).status_code == 200


def test_every_answer_carries_security_headers_and_no_cors(hq):
    answers = [
        httpx.get(f"{hq}{API_PREFIX}/hello", headers={"Origin": "https://evil.example"}),
        httpx.post(f"{hq}{API_PREFIX}/pull", headers=HEADERS, json={}),  # 401
        httpx.post(f"{hq}{API_PREFIX}/login", headers=HEADERS, json={}),  # 422
        httpx.get(f"{hq}/no/such/page"),  # 404
        httpx.options(f"{hq}{API_PREFIX}/login", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}),
    ]
    assert [a.status_code for a in answers] == [200, 401, 422, 404, 405]
    for answer in answers:
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in answer.headers  # plain HTTP
        assert not any(h.lower().startswith("access-control-") for h in answer.headers)


def test_cors_only_for_the_origins_configured(hq_url):
    with process_server(hq_url, args=["--cors-origin", "https://crm.example"]) as base:
        hello = f"{base}{API_PREFIX}/hello"
        allowed = httpx.get(hello, headers={"Origin": "https://crm.example"})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://crm.example"
        other = httpx.get(hello, headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other.headers
        assert other.headers["X-Content-Type-Options"] == "nosniff"
