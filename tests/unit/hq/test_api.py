"""HQ's routers and their dependencies, in-process (httpx over ASGI, no server): what the
integration tests hold a real server to, checked where it is assembled."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from salesdesk.domain.people import Role
from salesdesk.hq import admin
from salesdesk.hq.accounts import Settings
from salesdesk.hq.api.deps import MAX_PROTOCOL, MIN_PROTOCOL
from salesdesk.hq.api.errors import validation_message
from salesdesk.hq.app import create_app
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.hqtest.server import CHEAP_HASHER

HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


class Client:
    """One request at a time to the app in this process (its lifespan, which freezes the
    garbage collector's view of the process, is not run)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://hq") as http:
                return await http.request(method, path, **kwargs)

        return anyio.run(send)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)


@pytest.fixture
def client(hq_db: Database, settings: Settings) -> Client:
    return Client(create_app(hq_db, settings, docs=True))


def test_every_operation_is_documented_and_healthz_is_not(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert list(paths) == [f"{API_PREFIX}/{name}"
                           for name in ("hello", "login", "logout", "push", "pull",
                                        "blobs/{sha256}")]
    assert client.get("/healthz").json() == {"status": "ok"}


def test_hello_needs_neither_login_nor_protocol_header(client: Client) -> None:
    hello = client.get(f"{API_PREFIX}/hello").json()
    assert (hello["protocol_min"], hello["protocol_max"]) == (MIN_PROTOCOL, MAX_PROTOCOL)


@pytest.mark.parametrize("version", [None, "0", str(MAX_PROTOCOL + 1), "x"])
def test_a_client_without_a_protocol_this_server_speaks_is_told_to_upgrade(
    client: Client, version: str | None
) -> None:
    headers = {} if version is None else {PROTOCOL_HEADER: version}
    answer = client.post(f"{API_PREFIX}/pull", headers=headers, json={})
    assert answer.status_code == 426
    body = answer.json()
    assert body["code"] == "upgrade_required"
    assert (body["min_protocol"], body["max_protocol"]) == (MIN_PROTOCOL, MAX_PROTOCOL)


def test_bad_requests_get_an_error_body(client: Client) -> None:
    as_json = {**HEADERS, "content-type": "application/json"}
    not_text = client.post(f"{API_PREFIX}/login", headers=as_json, content=b"\x80 not json")
    assert (not_text.status_code, not_text.json()["code"]) == (400, "invalid")
    not_json = client.post(f"{API_PREFIX}/login", headers=as_json, content=b"{nope")
    assert (not_json.status_code, not_json.json()["code"]) == (422, "invalid")
    unfit = client.post(f"{API_PREFIX}/login", headers=HEADERS, json={"username": 7})
    assert (unfit.status_code, unfit.json()["code"]) == (422, "invalid")
    no_token = client.post(f"{API_PREFIX}/pull", headers=HEADERS, json={})
    assert (no_token.status_code, no_token.json()["code"]) == (401, "token_expired")
    unknown = client.get("/nowhere")
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Not Found"}


def test_logging_out_ends_the_token(client: Client, hq_db: Database) -> None:
    admin.add_user(hq_db, CHEAP_HASHER, "zhang", "zhang-password", role=Role.SALES)
    token = client.post(f"{API_PREFIX}/login", headers=HEADERS,
                        json={"username": "zhang", "password": "zhang-password"}).json()["token"]
    auth = {**HEADERS, "Authorization": f"Bearer {token}"}
    assert client.post(f"{API_PREFIX}/logout", headers=auth).status_code == 204
    again = client.post(f"{API_PREFIX}/logout", headers=auth)
    assert (again.status_code, again.json()["code"]) == (401, "token_expired")


def test_a_validation_message_says_where_without_echoing_the_value() -> None:
    exc = RequestValidationError([
        {"loc": ("body", "password"), "msg": "String should have at most 200 characters",
         "input": "secret-value"},
        {"loc": ("body", "name\udcff"), "msg": "Field required"},
    ])
    message = validation_message(exc)
    assert "secret-value" not in message
    assert message.startswith("body.password: String should have at most 200 characters; ")
    assert message.encode("utf-8")  # a lone surrogate in a field name is escaped
