"""Pulled pages are read without a model per row, and still refuse anything malformed: HQ's
answer becomes a clear ServerError, and a bad field value leaves nothing of its page behind."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from salesdesk.db.session import create_store_engine
from salesdesk.domain.entities import ENTITY
from salesdesk.domain.wire import encode
from salesdesk.sync.errors import ServerError
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.laptop.store import LocalStore
from salesdesk.sync.protocol import (
    ConflictNotice,
    Cursor,
    Eviction,
    PullPage,
    PullRequest,
    RowState,
)
from salesdesk.sync.pulled import MalformedPage, PulledPage, read_page, uuid_hexes

CUSTOMER = uuid.UUID("01a20b08-e1ee-7848-ac38-98902eeb5c93")


def _fields(entity: str, **values: Any) -> dict[str, Any]:
    """Every field of the entity, as HQ sends them: the defaults, then ``values``."""
    now = datetime.now(UTC)
    defaults = {f.name: encode(f.default_value(now)) for f in ENTITY[entity].fields
                if not f.required}
    return {**defaults, **values}


def _customer(row_id: uuid.UUID, name: str = "常州建材有限公司") -> RowState:
    return RowState(entity="customers", id=row_id, version=7, deleted=False,
                    fields=_fields("customers", name=name))


def _page(rows: list[RowState]) -> PullPage:
    return PullPage(
        rows=rows,
        evictions=[Eviction(customer_id=uuid.uuid4(), version=3)],
        conflicts=[ConflictNotice(id=4, entity="customers", row_id=CUSTOMER, field="name",
                                  lost_value="a", won_value="b", won_by="hq", at_ms=5)],
        cursor=Cursor(version=7, entity="contacts", id=CUSTOMER), upper=9, has_more=True,
        server_time_ms=11,
    )


def _rows() -> list[RowState]:
    contact = RowState(entity="contacts", id=uuid.uuid4(), version=7, deleted=False,
                       fields=_fields("contacts", customer_id=str(CUSTOMER), name="王经理"))
    return [_customer(CUSTOMER), contact, _customer(uuid.uuid4(), "苏州钢铁")]


def test_a_page_reads_as_its_model_does() -> None:
    page = _page(_rows())
    read = read_page(page.model_dump_json().encode())
    assert read == PulledPage.of(page)
    assert [g.entity for g in read.rows] == ["customers", "contacts"]
    assert read.rows[0].ids == [CUSTOMER.hex, page.rows[2].id.hex]
    assert read.row_count == 3


def _valid() -> dict[str, Any]:
    return json.loads(_page(_rows()).model_dump_json())


def _broken(change: Any) -> bytes:
    raw = _valid()
    change(raw)
    return json.dumps(raw).encode()


BROKEN: dict[str, Any] = {
    "not json": b'{"rows": [',
    "not an object": b"[]",
    "no rows": _broken(lambda p: p.pop("rows")),
    "rows not a list": _broken(lambda p: p.update(rows={})),
    "no cursor": _broken(lambda p: p.pop("cursor")),
    "unknown key": _broken(lambda p: p.update(extra=1)),
    "upper not a number": _broken(lambda p: p.update(upper="many")),
    "bad eviction": _broken(lambda p: p["evictions"][0].update(customer_id="x")),
    "row not an object": _broken(lambda p: p["rows"].append("row")),
    "row without id": _broken(lambda p: p["rows"][0].pop("id")),
    "row with another key": _broken(lambda p: p["rows"][0].update(extra=1)),
    "row key renamed": _broken(lambda p: p["rows"][0].update(extra=p["rows"][0].pop("id"))),
    "id not a uuid": _broken(lambda p: p["rows"][1].update(id="01a20b08")),
    "id a number": _broken(lambda p: p["rows"][1].update(id=5)),
    "two ids in one": _broken(
        lambda p: p["rows"][1].update(id=f"{uuid.uuid4()}\n{uuid.uuid4()}")
    ),
    "version a string": _broken(lambda p: p["rows"][0].update(version="7")),
    "version a bool": _broken(lambda p: p["rows"][0].update(version=True)),
    "deleted a number": _broken(lambda p: p["rows"][0].update(deleted=0)),
    "entity a number": _broken(lambda p: p["rows"][0].update(entity=1)),
    "fields a list": _broken(lambda p: p["rows"][0].update(fields=[])),
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_malformed_page_is_refused(content: bytes) -> None:
    with pytest.raises(MalformedPage):
        read_page(content)


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_the_client_reports_a_malformed_page_as_a_server_error(content: bytes) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    with HQClient("http://hq.test", token="t", transport=transport) as client, pytest.raises(
        ServerError, match="does not understand"
    ):
        client.pull(PullRequest(client_id=uuid.uuid4(), cursor=Cursor(version=0)))


def test_uuids_convert_as_uuid_does() -> None:
    plain = [str(uuid.uuid4()) for _ in range(5)]
    moved = plain[3].replace("-", "")
    odd = [plain[0].upper(), "{" + plain[1] + "}", plain[2].replace("-", ""),
           "-".join([moved[:3], moved[3:9], moved[9:20], moved[20:21], moved[21:]]),
           "0x" + plain[4][2:].replace("-", ""), plain[4][:-1] + " "]  # int() takes both
    for values in ([], plain, odd, plain * 2, [*plain, odd[0]], [odd[3], *plain]):
        assert uuid_hexes(values) == [uuid.UUID(v).hex for v in values]
    broken = [f"{plain[0]}\n{plain[1]}", plain[0] + "\n", "nope", None, plain[0][:-1] + "g",
              moved[:-1] + "---x-", "-" + moved[:31] + "----"]
    for bad in ([plain[0], b] for b in broken):
        with pytest.raises(ValueError):
            uuid_hexes(bad)


@pytest.fixture
def local(store: Path) -> Any:
    engine = create_store_engine(store)
    yield LocalStore(engine)
    engine.dispose()


def test_a_value_the_store_cannot_hold_fails_the_whole_page(local: LocalStore) -> None:
    good = _page(_rows())
    bad = _page([*_rows(), _customer(uuid.uuid4(), "x" * 201)])  # names hold 200 characters
    before = local.pull_position()
    with pytest.raises(ServerError, match=r"customers\.name"):
        local.apply_page(read_page(bad.model_dump_json().encode()))
    assert local.pull_position() == before
    with local.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customers").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_conflict").scalar() == 0
    local.apply_page(read_page(good.model_dump_json().encode()))
    assert local.pull_position()[0] == good.cursor
    with local.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customers").scalar() == 2
