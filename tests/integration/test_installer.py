"""Packaging is code with a smoke test: build the installer and run the frozen self-test.

The frozen app opens and migrates a store in a fresh data directory and renders the main window
offscreen; a bundle that misses a data file (migrations, pypinyin's dictionaries, fonts) or a
hidden import fails here rather than on a salesperson's laptop. The same self-test also runs from
source with demo data, which is what ``salesdesk --data-dir DIR --demo --self-test`` promises.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQLITE_MAGIC = b"SQLite format 3\x00"


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The frozen app must not lean on the source tree or the venv.
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(var, None)
    return env


def _run(
    cmd: list[str], *, timeout: float, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd, env=env
    )
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} exited {proc.returncode}\n"
        f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-8000:]}"
    )
    return proc


def _stores(data_dir: Path) -> list[Path]:
    """SQLite databases in ``data_dir``, recognised by their header, whatever their name."""
    found = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path.stat().st_size >= 100:
            with path.open("rb") as f:
                if f.read(16) == SQLITE_MAGIC:
                    found.append(path)
    return found


def _revision(store: Path) -> str | None:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        has = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()


def _assert_migrated_store(data_dir: Path) -> Path:
    from salesdesk.db.migrate import HEAD_REVISION

    stores = [s for s in _stores(data_dir) if _revision(s) is not None]
    assert stores, f"no migrated SQLite store in {data_dir}: {sorted(data_dir.rglob('*'))}"
    assert [_revision(s) for s in stores] == [HEAD_REVISION] * len(stores)
    return stores[0]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_frozen_installer_runs_its_self_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "build"
    _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work}",
            str(ROOT / "build_installer.spec"),
        ],
        timeout=840,
        cwd=ROOT,
    )
    bundle = dist / "SalesDesk"
    exe = bundle / ("SalesDesk.exe" if sys.platform == "win32" else "SalesDesk")
    assert exe.is_file()
    internal = bundle / "_internal"
    # The layout salesdesk.paths and salesdesk.db.migrate rely on when frozen.
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    migrations = internal / "salesdesk" / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("*.py"))
    assert (internal / "pypinyin" / "pinyin_dict.json").is_file()
    # China's holidays, which china_calendar() reads (the self-test below loads them).
    assert (internal / "salesdesk" / "domain" / "calendars" / "cn.json").is_file()
    # PDFium, which prints documents on a QPrinter, and the version files pypdfium2 reads.
    assert list((internal / "pypdfium2_raw").glob("*pdfium*"))
    assert (internal / "pypdfium2_raw" / "version.json").is_file()
    assert (internal / "pypdfium2" / "version.json").is_file()
    # The version comes from pyproject.toml, and importlib.metadata finds it in the bundle.
    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert (internal / f"salesdesk-{version}.dist-info" / "METADATA").is_file()
    # What the desktop installer must not carry.
    for unwanted in ("fastapi", "uvicorn", "psycopg", "pytest", "tkinter"):
        assert not (internal / unwanted).exists(), unwanted

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    # Run from an unrelated directory so nothing resolves against the source tree.
    _run(
        [str(exe), "--self-test", "--data-dir", str(data_dir)],
        timeout=120,
        cwd=tmp_path,
        env=_env(),
    )
    _assert_migrated_store(data_dir)


def test_self_test_from_source_creates_the_demo_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), "--demo", "--self-test"],
        timeout=180,
        cwd=tmp_path,
        # From source: the checkout's package, whether or not it is installed in this venv.
        env=dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        ),
    )
    store = _assert_migrated_store(data_dir)
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        (customers,) = conn.execute("SELECT count(*) FROM customers").fetchone()
    finally:
        conn.close()
    assert customers > 0, "--demo on an empty data directory should create demo customers"
