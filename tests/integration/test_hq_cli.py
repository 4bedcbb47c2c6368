"""``salesdesk-hq`` as HQ staff type it: serve says where it listens; assign takes a name."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select as sql_select

from salesdesk.hq import admin, schema
from salesdesk.hq.db import Database, migrate, open_database
from tests.hqtest.server import CHEAP_HASHER, REPO, free_port

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _hq(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "salesdesk.hq", *args], cwd=REPO, env=ENV,
                          capture_output=True, text=True, timeout=60, check=False,
                          **kwargs)  # type: ignore[call-overload]  # the caller's subprocess.run options


@pytest.fixture
def hq_db(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    migrate(url)
    db = open_database(url)
    admin.demo(db, CHEAP_HASHER)  # 12 customers; 苏州墙煌建材 and 苏州中建装饰 are in 苏州
    yield url, db
    db.dispose()


def _owner(db: Database, name: str) -> str:
    c, u = schema.customers, schema.users
    with db.read() as conn:
        return conn.execute(
            sql_select(u.c.username).join(c, c.c.assigned_to_id == u.c.id).where(c.c.name == name)
        ).scalar_one()


def _id(db: Database, name: str) -> uuid.UUID:
    with db.read() as conn:
        return conn.execute(
            sql_select(schema.customers.c.id).where(schema.customers.c.name == name)
        ).scalar_one()


@contextmanager
def _serving(tmp_path: Path, port: int, *args: str) -> Iterator[str]:
    """``salesdesk-hq serve`` running; yields the first line it prints."""
    with subprocess.Popen(
        [sys.executable, "-u", "-m", "salesdesk.hq", "serve", "--db",
         f"sqlite:///{tmp_path / 'hq.sqlite3'}", "--port", str(port), *args],
        cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "HQ printed nothing within 30 s"
            yield proc.stdout.readline().strip()
        finally:
            proc.terminate()
            proc.wait(20)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_says_where_it_listens_once_it_answers(tmp_path, workers):
    port = free_port()
    with _serving(tmp_path, port, "--workers", str(workers)) as line:
        plural = "worker" if workers == 1 else "workers"
        assert line == f"SalesDesk HQ listening on http://127.0.0.1:{port} ({workers} {plural})"
        # Printed only once it answers: a request right now succeeds, with no retry.
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200


def test_serve_with_docs_says_where_they_are(tmp_path):
    port = free_port()
    with _serving(tmp_path, port, "--docs") as line:
        assert line.endswith(f"; API documentation at http://127.0.0.1:{port}/docs")
        assert httpx.get(f"http://127.0.0.1:{port}/docs", timeout=5).status_code == 200


def test_assign_takes_a_name(hq_db):
    url, db = hq_db
    assert _owner(db, "苏州墙煌建材有限公司") == "zhangwei"
    done = _hq("assign", "墙煌", "lina", "--db", url)
    assert done.returncode == 0, done.stderr
    cid = _id(db, "苏州墙煌建材有限公司")
    assert done.stdout.strip() == f"苏州墙煌建材有限公司 ({cid}) -> lina"
    assert _owner(db, "苏州墙煌建材有限公司") == "lina"
    # The full name, and the id, still do.
    assert _hq("assign", "苏州墙煌建材有限公司", "zhangwei", "--db", url).returncode == 0
    assert _hq("assign", str(cid), "lina", "--db", url).returncode == 0
    assert _owner(db, "苏州墙煌建材有限公司") == "lina"


def test_assign_with_several_matches_lists_them_and_changes_nothing(hq_db):
    url, db = hq_db
    before = {n: _owner(db, n) for n in ("苏州墙煌建材有限公司", "苏州中建装饰有限公司")}
    asked = _hq("assign", "苏州", "lina", "--db", url)
    assert asked.returncode == 2
    assert "2 customers match '苏州'" in asked.stderr
    for name in before:
        assert f"{name}  苏州  ({_id(db, name)})" in asked.stderr
    assert {n: _owner(db, n) for n in before} == before
    missing = _hq("assign", "不存在的公司", "lina", "--db", url)
    assert missing.returncode == 1 and "no customer matches '不存在的公司'" in missing.stderr


def test_assign_with_too_many_matches_asks_for_more(tmp_path):
    url = f"sqlite:///{tmp_path / 'many.sqlite3'}"
    migrate(url)
    db = open_database(url)
    admin.demo(db, CHEAP_HASHER, customers=admin.MAX_MATCHES + 1)
    db.dispose()
    asked = _hq("assign", "有限公司", "lina", "--db", url)
    assert asked.returncode == 2
    assert f"more than {admin.MAX_MATCHES} customers match '有限公司'" in asked.stderr


def test_assign_on_a_terminal_asks_which_one(hq_db):
    url, db = hq_db
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "salesdesk.hq", "assign", "苏州", "lina",
                             "--db", url], cwd=REPO, env=ENV, stdin=child, stdout=child,
                            stderr=child)
    os.close(child)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"Which one" not in seen and time.monotonic() < deadline:
            if select.select([main], [], [], 0.5)[0]:
                seen += os.read(main, 4096)
        assert b"Which one (1-2" in seen, seen.decode(errors="replace")
        listed = re.search(r"(\d)\. 苏州中建装饰有限公司", seen.decode())
        assert listed is not None
        os.write(main, listed.group(1).encode() + b"\n")
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    assert _owner(db, "苏州中建装饰有限公司") == "lina"


def _department(db: Database, username: str) -> str:
    u = schema.users
    with db.read() as conn:
        return str(conn.execute(
            sql_select(u.c.department).where(u.c.username == username)).scalar_one())


def test_hq_staff_get_a_department_on_creation_and_can_change_it(hq_db):
    url, db = hq_db
    made = _hq("user", "add", "wangwl", "--role", "hq", "--department", "logistics",
               "--password-stdin", "--db", url, input="wangwl-pass\n")
    assert made.returncode == 0, made.stderr
    assert _department(db, "wangwl") == "logistics"
    moved = _hq("user", "department", "wangwl", "quality", "--db", url)
    assert moved.returncode == 0, moved.stderr
    assert _department(db, "wangwl") == "quality"
    listed = _hq("user", "list", "--db", url)
    assert "[quality]" in next(line for line in listed.stdout.splitlines()
                               if line.startswith("wangwl"))
    assert _hq("user", "department", "wangwl", "", "--db", url).returncode == 0
    assert _department(db, "wangwl") == ""


def test_a_department_is_for_hq_staff_and_must_be_known(hq_db):
    url, db = hq_db
    refused = _hq("user", "department", "zhangwei", "logistics", "--db", url)
    assert refused.returncode == 1
    assert "only HQ staff work in a department" in refused.stderr
    unknown = _hq("user", "department", "hq", "kitchen", "--db", url)
    assert unknown.returncode == 2 and "invalid choice: 'kitchen'" in unknown.stderr
    sales = _hq("user", "add", "liu", "--department", "finance", "--password-stdin",
                "--db", url, input="liuyang-pass\n")
    assert sales.returncode == 1 and "only HQ staff" in sales.stderr
    # Nothing refused changed anything (the demo put "hq" in the sales office).
    assert _department(db, "zhangwei") == "" and _department(db, "hq") == "sales_admin"
