"""Logging in and bearer tokens, in-process against HQ's SQLite database."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from salesdesk.domain.people import Role
from salesdesk.hq import admin, schema
from salesdesk.hq.accounts import (
    Actor,
    Settings,
    authenticate,
    issue_token,
    login,
    revoke_token,
    token_hash,
)
from salesdesk.hq.answers import ApiError
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import ErrorCode, LoginRequest
from tests.hqtest.server import CHEAP_HASHER

PASSWORD = "正确的密码-123"


@pytest.fixture
def zhang(hq_db: Database) -> uuid.UUID:
    return admin.add_user(hq_db, CHEAP_HASHER, "zhang", PASSWORD, role=Role.SALES)


def _login(db: Database, settings: Settings, password: str, ip: str = "10.0.0.1") -> str:
    request = LoginRequest(username="zhang", password=password, device="laptop")
    return login(db, settings, request, ip).token


def _refusal(db: Database, settings: Settings, password: str, ip: str = "10.0.0.1") -> ApiError:
    with pytest.raises(ApiError) as refused:
        _login(db, settings, password, ip)
    return refused.value


def test_a_token_names_its_user_and_only_its_digest_is_kept(
    hq_db: Database, settings: Settings, zhang: uuid.UUID
) -> None:
    token = _login(hq_db, settings, PASSWORD)
    assert authenticate(hq_db, token) == Actor(zhang, "zhang", Role.SALES)
    with hq_db.read() as conn:
        kept = conn.execute(select(schema.auth_token.c.token_hash)).scalars().all()
    assert kept == [hashlib.sha256(token.encode()).hexdigest()] == [token_hash(token)]


def test_a_revoked_expired_or_unknown_token_asks_to_log_in_again(
    hq_db: Database, settings: Settings, zhang: uuid.UUID
) -> None:
    revoked = _login(hq_db, settings, PASSWORD)
    revoke_token(hq_db, revoked)
    with hq_db.write() as conn:
        expired, _ = issue_token(conn, zhang, "laptop", timedelta(seconds=-1))
    for token in (revoked, expired, "no-such-token"):
        with pytest.raises(ApiError) as refused:
            authenticate(hq_db, token)
        assert (refused.value.status, refused.value.code) == (401, ErrorCode.TOKEN_EXPIRED)


def test_failures_slow_down_their_own_address_only(
    hq_db: Database, settings: Settings, zhang: uuid.UUID
) -> None:
    for _ in range(3):  # typos are free
        assert _refusal(hq_db, settings, "wrong-password").code is ErrorCode.BAD_CREDENTIALS
    # The fourth attempt from that address waits, right password or not: it is not checked.
    throttled = _refusal(hq_db, settings, PASSWORD)
    assert (throttled.status, throttled.code) == (429, ErrorCode.RATE_LIMITED)
    assert throttled.retry_after_s == 1
    # The salesperson at another address logs in at once, and clears only their failures.
    assert _login(hq_db, settings, PASSWORD, ip="10.0.0.2")
    lf = schema.login_failure
    with hq_db.read() as conn:
        left = conn.execute(select(func.count()).where(lf.c.ip == "10.0.0.1")).scalar_one()
    assert left == 3


def test_an_unknown_user_fails_like_a_wrong_password(hq_db: Database, settings: Settings) -> None:
    refused = _refusal(hq_db, settings, PASSWORD)
    assert (refused.status, refused.code) == (401, ErrorCode.BAD_CREDENTIALS)
    assert refused.message == "wrong username or password"
