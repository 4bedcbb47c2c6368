"""Whether HQ is up (``/healthz``, for a load balancer; not in the OpenAPI document) and
which protocol versions it speaks (``hello``); neither needs a login."""

from __future__ import annotations

from fastapi import APIRouter

import salesdesk
from salesdesk.hq.answers import now_ms
from salesdesk.hq.api.deps import MAX_PROTOCOL, MIN_PROTOCOL
from salesdesk.sync.protocol import API_PREFIX, Hello

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(f"{API_PREFIX}/hello", response_model=Hello)
def hello() -> Hello:
    """Which protocol versions this server speaks; needs no login."""
    return Hello(
        server="salesdesk-hq " + salesdesk.__version__,
        protocol_min=MIN_PROTOCOL,
        protocol_max=MAX_PROTOCOL,
        server_time_ms=now_ms(),
    )
