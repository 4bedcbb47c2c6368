"""Small fakes shared by the sync loop's unit tests."""

from __future__ import annotations

import threading

import pytest

from salesdesk.sync.errors import HQUnreachable, ServerError, TokenExpired

request_failures = pytest.mark.parametrize(
    "error",
    [HQUnreachable("cannot reach HQ (ConnectError)"), TokenExpired("log in again"),
     ServerError("HQ failed (HTTP 500); try again later")],
    ids=lambda e: type(e).__name__,
)
"""Parametrizes a test's ``error`` over the ways a request to HQ fails."""


def threads_named(prefix: str) -> list[threading.Thread]:
    """The live threads whose name starts with ``prefix`` (a sync helper left running)."""
    return [t for t in threading.enumerate() if t.name.startswith(prefix)]
