"""Accounts at HQ: logging in (slowed down by :mod:`salesdesk.hq.throttle` after failures),
bearer tokens (issued, checked, revoked; only their SHA-256 is stored).

The functions take a :class:`~salesdesk.hq.db.Database` (or a connection inside the caller's
transaction) and protocol objects, so tests call them in-process and the HTTP layer
(:mod:`salesdesk.hq.api.accounts`) stays a thin adapter.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from salesdesk.domain.people import Role
from salesdesk.hq import schema, throttle
from salesdesk.hq.answers import ApiError
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import ErrorCode, LoginRequest, LoginResponse

TOKEN_LIFETIME = timedelta(days=30)


@dataclass(frozen=True)
class Actor:
    """Who is writing: a logged-in user, or HQ's own command line."""

    user_id: uuid.UUID
    username: str
    role: Role


@dataclass
class Settings:
    """How accounts are kept: the password hasher and how long a token lives."""

    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    token_lifetime: timedelta = TOKEN_LIFETIME


def token_hash(token: str) -> str:
    """Only this digest is stored, so a copy of the database gives no working token."""
    return hashlib.sha256(token.encode()).hexdigest()


_DUMMY_HASH: dict[int, str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = id(hasher)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(8))
    return _DUMMY_HASH[key]


def login(db: Database, settings: Settings, req: LoginRequest, ip: str) -> LoginResponse:
    """Checks a password and issues a new token.

    Failures slow down the (username, address) they came from (:mod:`salesdesk.hq.throttle`),
    not the username everywhere: the real user at their own laptop still gets in while a
    stranger elsewhere guesses. A throttled attempt is refused (429, Retry-After) before the
    password is looked at.
    """
    now = datetime.now(UTC)
    lf = schema.login_failure
    with db.read() as conn:
        since = now - throttle.WINDOW
        mine = conn.execute(
            select(func.count(), func.max(lf.c.at))
            .where(lf.c.username == req.username, lf.c.ip == ip, lf.c.at > since)
        ).one()
        by_ip = conn.execute(
            select(func.count(), func.min(lf.c.at)).where(lf.c.ip == ip, lf.c.at > since)
        ).one()
        account = conn.execute(
            select(schema.users, schema.credential.c.password_hash)
            .join(schema.credential, schema.credential.c.user_id == schema.users.c.id)
            .where(schema.users.c.username == req.username)
        ).mappings().first()
    wait = None
    if mine[0]:
        wait = throttle.retry_after_s(mine[1] + throttle.delay_after(mine[0]), now)
    if wait is None and by_ip[0] >= throttle.MAX_FAILURES_PER_ADDRESS:
        wait = throttle.retry_after_s(by_ip[1] + throttle.WINDOW, now)
    if wait is not None:
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, "too many failed logins; try again later",
            retry_after_s=wait,
        )
    ok = False
    try:
        ok = settings.hasher.verify(
            account["password_hash"] if account else _dummy_hash(settings.hasher), req.password
        )
    except (VerificationError, InvalidHashError):
        ok = False
    usable = account is not None and account["active"] and account["deleted_at"] is None
    if not ok or not usable:
        with db.write() as conn:
            conn.execute(insert(lf).values(username=req.username, ip=ip, at=now))
        raise ApiError(401, ErrorCode.BAD_CREDENTIALS, "wrong username or password")
    assert account is not None
    with db.write() as conn:
        token, expires = issue_token(conn, account["id"], req.device, settings.token_lifetime)
        # Only this address's failures: a stranger's elsewhere keep slowing the stranger.
        conn.execute(delete(lf).where(lf.c.username == req.username, lf.c.ip == ip))
        if settings.hasher.check_needs_rehash(account["password_hash"]):
            conn.execute(
                update(schema.credential)
                .where(schema.credential.c.user_id == account["id"])
                .values(password_hash=settings.hasher.hash(req.password), changed_at=now)
            )
    return LoginResponse(
        token=token,
        user_id=account["id"],
        username=account["username"],
        display_name=account["display_name"],
        role=account["role"],
        expires_at_ms=int(expires.timestamp() * 1000),
    )


def issue_token(
    conn: Connection, user_id: uuid.UUID, device: str, lifetime: timedelta = TOKEN_LIFETIME
) -> tuple[str, datetime]:
    """A new random bearer token; only its SHA-256 is stored."""
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(schema.auth_token).values(
            token_hash=token_hash(token), user_id=user_id, device=device, created_at=now,
            expires_at=now + lifetime,
        )
    )
    return token, now + lifetime


def authenticate(db: Database, token: str) -> Actor:
    """The user behind a bearer token, or 401 if it is unknown, expired or revoked."""
    with db.read() as conn:
        return authenticate_in(conn, token)


_TOKEN_USER = (
    select(schema.auth_token.c.expires_at, schema.auth_token.c.revoked_at, schema.users.c.id,
           schema.users.c.username, schema.users.c.role, schema.users.c.active,
           schema.users.c.deleted_at)
    .join(schema.users, schema.users.c.id == schema.auth_token.c.user_id)
    .where(schema.auth_token.c.token_hash == bindparam("hash"))
)
"""Built once, like the other statements every request runs: building and cache-keying a
statement costs Python ~90 us, about what running a small one costs."""


def authenticate_in(conn: Connection, token: str) -> Actor:
    """:func:`authenticate` inside a transaction the caller already holds."""
    rec = conn.execute(_TOKEN_USER, {"hash": token_hash(token)}).mappings().first()
    now = datetime.now(UTC)
    if (
        rec is None
        or rec["revoked_at"] is not None
        or rec["expires_at"] <= now
        or not rec["active"]
        or rec["deleted_at"] is not None
    ):
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "please log in again")
    return Actor(rec["id"], rec["username"], Role(rec["role"]))


def revoke_token(db: Database, token: str) -> None:
    with db.write() as conn:
        conn.execute(
            update(schema.auth_token)
            .where(schema.auth_token.c.token_hash == token_hash(token))
            .values(revoked_at=datetime.now(UTC))
        )


def revoke_user_tokens(conn: Connection, user_id: uuid.UUID) -> int:
    result = conn.execute(
        update(schema.auth_token)
        .where(schema.auth_token.c.user_id == user_id, schema.auth_token.c.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )
    return int(result.rowcount)
