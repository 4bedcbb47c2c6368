"""Fixtures shared by the service tests of HQ-owned fields (assignment, ownership)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import User
from salesdesk.db.session import LocalSession, unit_of_work


@pytest.fixture
def people(factory: sessionmaker[LocalSession]) -> dict[str, uuid.UUID]:
    """Users as if pulled from HQ: two salespeople, one who left, and HQ staff."""
    users = {
        "zhang": User(username="zhang", display_name="张伟", role="sales"),
        "li": User(username="li", display_name="李娜", role="sales"),
        "chen": User(username="chen", display_name="陈静", role="sales", active=False),
        "hq": User(username="hq", display_name="总部销售部", role="hq"),
    }
    with unit_of_work(factory) as session:
        session.info["outbox"] = False  # as if pulled from HQ
        session.add_all(users.values())
        session.flush()
        return {name: u.id for name, u in users.items()}
