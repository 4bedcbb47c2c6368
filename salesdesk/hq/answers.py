"""What HQ's use cases answer with besides their data: a failure the client must act on
(:class:`ApiError`, which the HTTP layer turns into an ``ErrorBody``) and the server's time."""

from __future__ import annotations

from datetime import UTC, datetime

from salesdesk.sync.protocol import ErrorCode


class ApiError(Exception):
    """A failure the client must act on (log in again, upgrade, slow down)."""

    def __init__(
        self, status: int, code: ErrorCode, message: str, *, retry_after_s: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after_s = retry_after_s


def now_ms() -> int:
    """The server's time in milliseconds since the epoch (``server_time_ms`` of answers)."""
    return int(datetime.now(UTC).timestamp() * 1000)
