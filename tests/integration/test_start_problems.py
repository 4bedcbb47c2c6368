"""A store SalesDesk cannot open gives a window that says why and offers the ways forward.

Issue 11, item 4: a truncated store, a foreign file at the store's path, or a data folder the
user may not write ended the process with a traceback and no window; a store from a newer
SalesDesk left empty -wal/-shm files beside it. Every test starts the real entry point
(``salesdesk.__main__.main``) in its own process through tests/integration/start_driver.py,
which answers the window as a user would, and checks that the damaged file and its folder are
exactly as they were (hashes of every file).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from salesdesk.db.migrate import backup_copy

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("start_driver.py")


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with its SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def start(answers: str, *args: str, as_user: list[str] | None = None,
          env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    """Runs the app's real start; returns its exit code, what the driver saw, and stderr."""
    cmd = [*(as_user or []), sys.executable, str(DRIVER), answers, "--", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=env or _env(), check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, f"no report; exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(lines[-1][len("REPORT "):]), proc.stderr


def _automatic_backup(store: Path, name: str, age_days: int) -> Path:
    backups = store.parent / "backups"
    path = backups / name
    backup_copy(store, path)
    when = path.stat().st_mtime - age_days * 86400
    os.utime(path, (when, when))
    return path


def test_truncated_store_lists_backups_and_a_restore_brings_the_data_back(
    demo_data_dir: Path,
) -> None:
    store = demo_data_dir / "salesdesk.sqlite3"
    older = _automatic_backup(store, "salesdesk-before-0002_customer_tax_id-20261101T080000Z"
                              ".sqlite3", age_days=30)
    newer = _automatic_backup(store, "salesdesk-replaced-20261201T080000Z.sqlite3", age_days=2)
    with store.open("r+b") as f:
        f.truncate(store.stat().st_size // 2)
    damaged = hashlib.sha256(store.read_bytes()).hexdigest()
    before = folder_state(demo_data_dir)

    code, seen, _ = start("quit", "--data-dir", str(demo_data_dir), "--lang", "zh_CN")
    assert code == 1
    assert seen["window"] is None
    (dialog,) = seen["dialogs"]
    assert dialog["headline"] == "客户数据已损坏"
    assert str(store) in dialog["text"] and "未对其做任何改动" in dialog["text"]
    assert dialog["details"] == "详细信息：database disk image is malformed"  # for support
    assert dialog["buttons"] == ["恢复所选备份", "选择其他数据文件夹…", "退出"]
    assert [line.split(" · ")[1] for line in dialog["backups"]] == [newer.name, older.name]
    assert dialog["restore"]
    assert folder_state(demo_data_dir) == before  # not a byte, not a side file

    code, seen, _ = start("restore:1", "--data-dir", str(demo_data_dir), "--lang", "en")
    assert code == 0
    assert seen["dialogs"][0]["headline"] == "The customer data is damaged"
    assert seen["window"] == {"data_dir": str(demo_data_dir), "customers": 200,
                              "language": "en"}
    (kept,) = (demo_data_dir / "backups").glob("salesdesk-damaged-*.sqlite3")
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == damaged
    assert hashlib.sha256(older.read_bytes()).hexdigest() == before[f"backups/{older.name}"]


def test_a_backup_that_cannot_be_restored_is_said_and_changes_nothing(
    demo_data_dir: Path,
) -> None:
    store = demo_data_dir / "salesdesk.sqlite3"
    broken = demo_data_dir / "backups" / "salesdesk-replaced-20261201T080000Z.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"\0" * 4096)
    with store.open("r+b") as f:
        f.truncate(store.stat().st_size // 2)
    before = folder_state(demo_data_dir)

    code, seen, _ = start("restore:0,quit", "--data-dir", str(demo_data_dir), "--lang", "en")
    assert code == 1
    assert seen["messages"] == [
        f"{broken} is not a SalesDesk backup, or it is damaged. Nothing was changed."]
    assert len(seen["dialogs"]) == 2  # the window comes back with the same choices
    assert folder_state(demo_data_dir) == before


def _text_file(store: Path) -> None:
    store.write_text("客户名单\n苏州汇能钢结构有限公司\n", encoding="utf-8")


def _other_database(store: Path) -> None:
    conn = sqlite3.connect(store)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", [_text_file, _other_database], ids=["text", "sqlite"])
def test_a_foreign_file_at_the_store_path_is_never_written(tmp_path: Path, make: Any) -> None:
    data = tmp_path / "data"
    data.mkdir()
    make(data / "salesdesk.sqlite3")
    before = folder_state(data)

    code, seen, _ = start("quit", "--data-dir", str(data), "--lang", "en")
    assert code == 1
    (dialog,) = seen["dialogs"]
    assert dialog["headline"] == "The data file is not a SalesDesk file"
    assert dialog["backups"] == [] and not dialog["restore"]
    assert folder_state(data) == before


def test_choosing_another_data_folder_opens_there(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _text_file(data / "salesdesk.sqlite3")
    before = folder_state(data)
    other = tmp_path / "elsewhere"
    other.mkdir()

    code, seen, _ = start(f"folder:{other}", "--data-dir", str(data), "--lang", "en")
    assert code == 0
    assert seen["window"]["data_dir"] == str(other)
    assert seen["window"]["customers"] == 0
    assert (other / "salesdesk.sqlite3").exists()
    assert folder_state(data) == before


def test_a_store_from_a_newer_salesdesk_leaves_its_folder_as_it_was(demo_data_dir: Path) -> None:
    store = demo_data_dir / "salesdesk.sqlite3"
    conn = sqlite3.connect(store)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = folder_state(demo_data_dir)

    code, seen, _ = start("quit", "--data-dir", str(demo_data_dir), "--lang", "en")
    assert code == 2
    (dialog,) = seen["dialogs"]
    assert "9999_from_the_future" in dialog["text"]
    assert not dialog["restore"]  # an older backup would lose what the newer version wrote
    assert folder_state(demo_data_dir) == before  # no empty -wal / -shm left behind


def _as_unprivileged_user() -> list[str]:
    """The command prefix that runs as a user who may not write a root-owned folder.

    CI runs as root, who may write anywhere: run as ``nobody`` then, keeping only the
    capability to read and search directories (the interpreter lives under /root), not to
    write them. As an ordinary user, the folder's mode alone refuses writing.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is needed to drop root's privileges")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]


def test_a_data_folder_the_user_may_not_write(tmp_path: Path, demo_data_dir: Path) -> None:
    as_user = _as_unprivileged_user()
    demo_data_dir.chmod(0o555)
    home = tmp_path / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    env = _env(HOME=str(home), XDG_RUNTIME_DIR=str(home))
    # The test is only worth something if that user really cannot write there.
    probe = subprocess.run(
        [*as_user, sys.executable, "-c",
         f"open({str(demo_data_dir / 'probe')!r}, 'w')"],
        capture_output=True, text=True, env=env, check=False)
    assert probe.returncode != 0 and "PermissionError" in probe.stderr, probe.stderr
    before = folder_state(demo_data_dir)
    cleanup: list[Path] = []
    try:
        code, seen, _ = start("quit", "--data-dir", str(demo_data_dir), "--lang", "zh_CN",
                              as_user=as_user, env=env)
        assert code == 1
        (dialog,) = seen["dialogs"]
        assert dialog["headline"] == "SalesDesk 无权写入数据文件夹"
        assert str(demo_data_dir) in dialog["text"]
        assert dialog["buttons"] == ["选择其他数据文件夹…", "退出"]
        assert folder_state(demo_data_dir) == before

        # Outside pytest's private temporary folder, so the user reaches it as usual.
        writable = Path(tempfile.mkdtemp(prefix="salesdesk-mine-"))
        cleanup.append(writable)
        writable.chmod(0o777)
        code, seen, _ = start(f"folder:{writable}", "--data-dir", str(demo_data_dir),
                              as_user=as_user, env=env)
        assert code == 0
        assert seen["window"]["data_dir"] == str(writable)
        assert folder_state(demo_data_dir) == before
    finally:
        demo_data_dir.chmod(0o755)
        for folder in cleanup:
            shutil.rmtree(folder)


def test_self_test_on_a_damaged_store_says_why_and_exits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _text_file(data / "salesdesk.sqlite3")
    proc = subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data), "--self-test",
         "--lang", "en"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=_env(), check=False)
    assert proc.returncode == 1
    assert "not a SalesDesk file" in proc.stderr
    assert "Traceback" not in proc.stderr
