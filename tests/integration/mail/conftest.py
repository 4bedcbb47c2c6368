from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.mailtest.server import SmtpServer, smtp_server


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server on loopback, started for the test."""
    with smtp_server() as server:
        yield server
