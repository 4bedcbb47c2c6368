"""Every string the interface shows has a Chinese translation, and the compiled file is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # type: ignore[import-not-found]  # noqa: E402 - scripts/, put on sys.path above, is no package


def test_translation_source_covers_the_code(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.fail("pyside6-lupdate is missing from the environment")
    ts = tmp_path / "current.ts"
    shutil.copy(translations.TS, ts)
    subprocess.run([lupdate, *translations.sources(), "-no-obsolete", "-ts", str(ts)],
                   check=True, cwd=ROOT, capture_output=True)
    assert translations.unfinished(ts) == []


def test_compiled_translations_match_the_source(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.fail("pyside6-lrelease is missing from the environment")
    qm = tmp_path / "fresh.qm"
    subprocess.run([lrelease, str(translations.TS), "-qm", str(qm)], check=True,
                   capture_output=True)
    assert qm.read_bytes() == translations.QM.read_bytes(), "run scripts/translations.py"
