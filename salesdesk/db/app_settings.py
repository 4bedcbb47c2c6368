"""The local ``app_setting`` table: small values this laptop keeps (never synced)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from salesdesk.db.models import AppSetting


def get_setting(session: Session, key: str) -> Any:
    """A value from the local ``app_setting`` table, or None."""
    row = session.get(AppSetting, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    elif row.value != value:
        row.value = value
