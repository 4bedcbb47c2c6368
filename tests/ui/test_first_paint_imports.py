"""What the window's first paint imports: docs/ARCHITECTURE.md (Start-up) says SQLAlchemy loads
after the window is shown, on the writer thread. Checked in a fresh process, since this one
has long loaded it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# The pages' modules the first paint builds that no longer reach SQLAlchemy: the Customers page
# with its timeline (entries from services/timeline_entries.py) and promise badge, and the
# Complaints page (its board's columns from db/complaint_board.py).
LIGHT = ("salesdesk.ui.customers.page", "salesdesk.ui.customers.timeline",
         "salesdesk.ui.promises.customer_badge", "salesdesk.ui.complaints.page")


def loaded_after(code: str, *args: str) -> list[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules " \
        "if m.split('.')[0] in ('sqlalchemy', 'alembic'))))\n"
    done = subprocess.run([sys.executable, "-c", probe, *args], check=False, text=True,
                          capture_output=True, timeout=120, cwd=Path(__file__).parents[2])
    if done.returncode:
        raise RuntimeError(done.stderr)
    names: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return names


@pytest.mark.parametrize("module", LIGHT)
def test_the_customer_timeline_and_the_complaints_page_load_no_sqlalchemy(module: str) -> None:
    assert loaded_after(f"import {module}") == []
