"""How a sync fails: failures of the environment, each with a code the UI words once
(``ui/messages.py``) and a detail in English for logs.

Raised by the HTTP client and the store writer alike, and part of what the sync loop expects
of them (:mod:`salesdesk.sync.ports`): :class:`OutOfOrder` is how a client tells the loop that
HQ gave up waiting for the batch before. Anything that is not a :class:`SyncError` is a bug and
propagates as is. A cancel is :class:`salesdesk.kit.jobs.Cancelled`, like any job's.
"""

from __future__ import annotations

from salesdesk.kit.errors import KnownError


class SyncError(KnownError):
    """A failure of the environment, with a message the user can act on."""

    code = "sync.failed"


class HQUnreachable(SyncError):
    """No connection to HQ (offline, wrong address, server down, connection cut)."""

    code = "sync.unreachable"


class CertificateInvalid(SyncError):
    """HQ's TLS certificate did not verify: wrong server, or a company CA file is needed."""

    code = "sync.certificate"


class TokenExpired(SyncError):
    """The login expired or was revoked: log in again."""

    code = "sync.token_expired"


class BadCredentials(SyncError):
    """Wrong username or password."""

    code = "sync.bad_credentials"


class RateLimited(SyncError):
    """Too many failed logins; wait before trying again."""

    code = "sync.rate_limited"

    def __init__(self, message: str, retry_after_s: int | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class UpgradeRequired(SyncError):
    """HQ no longer speaks this version's protocol: install the new SalesDesk."""

    code = "sync.upgrade_required"

    def __init__(self, message: str, min_protocol: int | None, max_protocol: int | None) -> None:
        super().__init__(message)
        self.min_protocol = min_protocol
        self.max_protocol = max_protocol


class HQOutdated(SyncError):
    """HQ speaks only older protocols than this SalesDesk: HQ needs the update, not the
    laptop."""

    code = "sync.hq_outdated"

    def __init__(self, message: str, max_protocol: int) -> None:
        super().__init__(message)
        self.max_protocol = max_protocol


class ServerError(SyncError):
    """HQ failed (5xx) or answered something unexpected; try again later."""

    code = "sync.server"


class StoreConflict(SyncError):
    """HQ refuses this store: it belongs to another user, or its op ids were reused."""

    code = "sync.store_conflict"


class OutOfOrder(ServerError):
    """HQ waited in vain for the batch a batch was sent to follow (``after_op_id``); the user
    sees it as any failure of HQ's (its code)."""


class AttachmentRefused(SyncError):
    """HQ refused an attachment's bytes: over the size limit, or not the bytes of its hash
    (nothing was kept at HQ)."""

    code = "sync.attachment_refused"


class AttachmentMissing(SyncError):
    """HQ holds no bytes of an attachment yet (or none this user may see)."""

    code = "sync.attachment_missing"


class UploadMoved(SyncError):
    """A chunk did not start where HQ's bytes of the attachment end (another attempt moved
    them): ask HQ where, and go on from there."""

    code = "sync.upload_moved"


__all__ = [
    "AttachmentMissing", "AttachmentRefused", "BadCredentials", "CertificateInvalid",
    "HQOutdated", "HQUnreachable", "OutOfOrder",
    "RateLimited", "ServerError", "StoreConflict", "SyncError", "TokenExpired", "UpgradeRequired",
    "UploadMoved",
]
