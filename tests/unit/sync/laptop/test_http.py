"""The laptop tells which side needs the update when HQ and it speak different protocols."""

from __future__ import annotations

import httpx
import pytest

from salesdesk.sync.errors import HQOutdated, UpgradeRequired
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Hello


def hello_from(protocol_min: int, protocol_max: int) -> HQClient:
    answer = Hello(server="salesdesk-hq test", protocol_min=protocol_min,
                   protocol_max=protocol_max, server_time_ms=0).model_dump_json()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=answer))
    return HQClient("http://hq.test", transport=transport)


def test_an_hq_older_than_the_laptop_is_named_as_needing_the_update() -> None:
    with hello_from(1, PROTOCOL_VERSION - 1) as client, pytest.raises(HQOutdated) as raised:
        client.hello()
    assert raised.value.max_protocol == PROTOCOL_VERSION - 1


def test_an_hq_past_the_laptops_protocol_asks_the_laptop_to_upgrade() -> None:
    client = hello_from(PROTOCOL_VERSION + 1, PROTOCOL_VERSION + 2)
    with client, pytest.raises(UpgradeRequired):
        client.hello()


def test_an_hq_that_speaks_the_laptops_protocol_is_fine() -> None:
    with hello_from(1, PROTOCOL_VERSION) as client:
        assert client.hello().protocol_max == PROTOCOL_VERSION


def test_a_client_announces_the_protocol_it_is_set_to_speak() -> None:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers[PROTOCOL_HEADER])
        return httpx.Response(200, content=Hello(
            server="salesdesk-hq test", protocol_min=1, protocol_max=PROTOCOL_VERSION,
            server_time_ms=0).model_dump_json())

    with HQClient("http://hq.test", transport=httpx.MockTransport(answer)) as client:
        assert client.protocol == PROTOCOL_VERSION
        client.hello()
        client.protocol = 1
        client.hello()
    assert sent == [str(PROTOCOL_VERSION), "1"]
