"""Sync with HQ as the UI sees it: log in, sync now, what happened, what was overwritten.

The HTTP client, the loop and the store bookkeeping live in :mod:`salesdesk.sync.laptop`; this
service adds what a person needs around them: the token kept only in the OS keyring (or this
session's memory when there is none), the server address in the settings, tiers recomputed when
new orders arrive, and the conflicts the user lost, described readably.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import JobState
from salesdesk.secrets import SecretStore
from salesdesk.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from salesdesk.sync.laptop.http import HQClient
    from salesdesk.sync.laptop.loop import SyncReport
    from salesdesk.sync.laptop.store import LocalStore


class NotLoggedIn(KnownError):
    """Sync was asked for before a login (or after the token was dropped)."""

    code = "sync.not_logged_in"


@dataclass(frozen=True)
class Conflict:
    """A value of ours that lost a merge at HQ, or a change HQ refused, and what HQ kept.

    ``field`` is the field's name (``*``: a new record HQ refused as a whole). ``reason`` is
    None for a lost merge (``won_by`` then names who made the winning change), else why HQ
    refused: ``reassigned`` or ``refused`` (``detail``: HQ's own words, in English).
    """

    id: int
    at: datetime
    entity: str
    record: str  # the customer's name (and the contact's), for people; "" if unknown
    field: str
    lost_value: str
    won_value: str
    won_by: str
    reason: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    username: str
    logged_in: bool
    token_persistent: bool
    last_synced: datetime | None
    pending_changes: int
    conflicts: list[Conflict]


@dataclass(frozen=True)
class SyncOutcome:
    pushed: int
    rejected: int
    pulled: int
    evicted: int
    conflicts: int
    seconds: float
    finished_at: datetime
    attachments_sent: int = 0
    attachments_received: int = 0
    attachments_waiting: int = 0  # to upload or download: tried again next sync
    attachments_refused: int = 0  # by HQ: over the limit, or not the bytes of their hash

    @property
    def changes(self) -> Changes:
        """A pull may bring customers, people and tiers; the outbox and conflicts change."""
        return Changes(customers=True, people=True, tiers=True, sync_state=True)


@dataclass(frozen=True)
class LoginOutcome:
    persistent: bool  # the token is kept across restarts (keyring), or for this session only

    @property
    def changes(self) -> Changes:
        """A login binds the store to a user and role: who may change what."""
        return Changes(people=True, sync_state=True)


def token_key(url: str, username: str) -> str:
    """The keyring entry that holds the HQ token of ``username`` at ``url``."""
    return f"hq-token:{url.rstrip('/')}:{username}"


def _show(value: Any, people: dict[str, str]) -> str:
    """A wire value as people read it: a person by name, a list as its items, a time in
    the machine's local time."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_show(v, people) for v in value)
    if isinstance(value, str):
        if value in people:
            return people[value]
        if len(value) >= 19 and value[10:11] == "T":
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if moment.tzinfo is not None:
                return moment.astimezone().strftime("%Y-%m-%d %H:%M")
        return value
    if isinstance(value, dict):  # a whole refused record, as stores before 0003 kept it
        return str(value.get("name") or "")
    return json.dumps(value, ensure_ascii=False)


class SyncService:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        secrets: SecretStore,
        save_settings: Callable[[], None],
        *,
        on_pulled: Callable[[], None] | None = None,
        attachments: Path | None = None,
    ) -> None:
        self._engine = engine
        self._attachments = attachments  # the data dir's attachments: their bytes sync too
        self._settings = settings
        self._secrets = secrets
        self._save_settings = save_settings
        self._on_pulled = on_pulled
        self._store: LocalStore | None = None

    @property
    def store(self) -> LocalStore:
        if self._store is None:
            from salesdesk.sync.laptop.store import LocalStore

            self._store = LocalStore(self._engine)
        return self._store

    def _client(self, url: str, ca_file: str, token: str | None = None) -> HQClient:
        from salesdesk.sync.laptop.http import HQClient

        return HQClient(url, token=token, ca_file=ca_file or None)

    def _token(self) -> str | None:
        s = self._settings
        if not s.hq_url or not s.hq_username:
            return None
        return self._secrets.get(token_key(s.hq_url, s.hq_username))

    # --- what the page shows -----------------------------------------------------------------

    def status(self) -> SyncStatus:
        s = self._settings
        return SyncStatus(
            server_url=s.hq_url,
            username=s.hq_username,
            logged_in=self._token() is not None,
            token_persistent=self._secrets.persistent,
            last_synced=self.store.last_synced(),
            pending_changes=self.store.pending_count(),
            conflicts=self.conflicts(),
        )

    def is_logged_in(self) -> bool:
        return self._token() is not None

    def conflicts(self, limit: int = 200) -> list[Conflict]:
        from salesdesk.db.conflicts import recent_conflicts
        from salesdesk.db.people import people_names
        from salesdesk.db.session import session_factory

        with session_factory(self._engine)() as session:  # a read: no write lock
            people = people_names(session)
            return [
                Conflict(
                    id=c.id, at=c.at, entity=c.entity, record=c.record or record,
                    field=c.field, lost_value=_show(c.lost_value, people),
                    won_value=_show(c.won_value, people),
                    won_by="" if c.reason else c.won_by,
                    reason=c.reason, detail=c.won_by if c.reason else "",
                )
                for c, record in recent_conflicts(session, limit)
            ]

    # --- actions -----------------------------------------------------------------------------

    def login(self, url: str, username: str, password: str, ca_file: str = "") -> LoginOutcome:
        """Logs in; says whether the token is kept across restarts (keyring) or not.

        Raises:
            salesdesk.sync.errors.SyncError: unreachable, bad certificate, wrong password,
                rate-limited, an HQ that needs a newer SalesDesk, or an HQ older than this
                SalesDesk (HQOutdated).
            salesdesk.sync.errors.StoreConflict: this store belongs to another user.
        """
        url = url.strip().rstrip("/")
        username = username.strip()
        with self._client(url, ca_file) as client:
            client.hello()
            result = client.login(username, password, device=socket.gethostname())
        self.store.bind_user(result.user_id, result.username, result.role)
        s = self._settings
        if s.hq_url and s.hq_username and (s.hq_url, s.hq_username) != (url, username):
            self._secrets.delete(token_key(s.hq_url, s.hq_username))
        s.hq_url, s.hq_username, s.hq_ca_file = url, result.username, ca_file
        self._save_settings()
        return LoginOutcome(self._secrets.set(token_key(url, result.username), result.token))

    def logout(self) -> None:
        """Revokes the token at HQ when reachable, and forgets it here in any case."""
        from salesdesk.sync.errors import SyncError

        token = self._token()
        s = self._settings
        if token is not None:
            try:
                with self._client(s.hq_url, s.hq_ca_file, token) as client:
                    client.logout()
            except SyncError:
                pass  # offline: the token is forgotten here and expires at HQ
        self._secrets.delete(token_key(s.hq_url, s.hq_username))

    def sync_now(self, state: JobState) -> SyncOutcome:
        """Pushes local changes, pulls HQ's; a cancelled or failed sync resumes next time.

        Raises:
            NotLoggedIn: there is no token; the user must log in.
            salesdesk.sync.errors.TokenExpired: the token was refused and has been forgotten.
            salesdesk.sync.errors.SyncError: other failures of the environment.
            salesdesk.kit.jobs.Cancelled: the user cancelled.
        """
        from salesdesk.sync.errors import TokenExpired
        from salesdesk.sync.laptop.loop import sync

        token = self._token()
        if token is None:
            raise NotLoggedIn
        s = self._settings
        try:
            # No hello first: every request carries the protocol version, and a server that
            # no longer speaks it answers 426 (UpgradeRequired) to the sync's own requests.
            with self._client(s.hq_url, s.hq_ca_file, token) as client:
                report: SyncReport = sync(client, self.store, state,
                                          attachments=self._attachments)
        except TokenExpired:
            self._secrets.delete(token_key(s.hq_url, s.hq_username))
            raise
        if (report.pulled or report.evicted) and self._on_pulled is not None:
            self._on_pulled()
        return SyncOutcome(
            pushed=report.pushed, rejected=report.rejected, pulled=report.pulled,
            evicted=report.evicted, conflicts=report.conflicts, seconds=report.seconds,
            finished_at=report.finished_at or datetime.now(UTC),
            attachments_sent=report.attachments.uploaded,
            attachments_received=report.attachments.downloaded,
            attachments_waiting=(report.attachments.waiting_upload
                                 + report.attachments.waiting_download),
            attachments_refused=report.attachments.refused,
        )


def drain_outbox(store: Path, settings: Settings, secrets: SecretStore) -> int:
    """Sends the outbox of a store about to be migrated; returns how many changes went.

    Does nothing when nobody is logged in. Environment failures propagate (the caller goes on
    with the migration, which keeps the outbox).
    """
    token = secrets.get(token_key(settings.hq_url, settings.hq_username)) if (
        settings.hq_url and settings.hq_username) else None
    if token is None:
        return 0
    from salesdesk.db.session import create_store_engine
    from salesdesk.sync.laptop.http import HQClient
    from salesdesk.sync.laptop.loop import push_all
    from salesdesk.sync.laptop.store import LocalStore

    engine = create_store_engine(store)
    try:
        local = LocalStore(engine)
        with HQClient(settings.hq_url, token=token, ca_file=settings.hq_ca_file or None,
                      timeout=15) as client:
            client.hello()
            return push_all(client, local).pushed
    finally:
        engine.dispose()


__all__ = ["Conflict", "NotLoggedIn", "SyncOutcome", "SyncService", "SyncStatus", "drain_outbox"]
