"""SalesDesk is Chinese first: the language it opens in when none is chosen (issue 11, item 8).

A locale that names no language (C/POSIX, LANG unset) opened the app in English. Each case
starts the real command in a process with that locale only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LC_NUMERIC")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ({}, "zh_CN"),  # LANG unset
        ({"LANG": "C"}, "zh_CN"),
        ({"LANG": "POSIX"}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "zh_CN"),
        ({"LANG": "de_DE.UTF-8"}, "zh_CN"),  # a language SalesDesk does not speak
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C", "LANGUAGE": "de:en"}, "en"),  # English is the user's fallback
    ],
    ids=lambda v: ",".join(f"{k}={x}" for k, x in v.items()) or "unset" if isinstance(v, dict)
    else v,
)
def test_language_without_a_choice_follows_the_locale_chinese_first(
    tmp_path: Path, locale: dict[str, str], expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update(locale, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(tmp_path / "data"), "--self-test"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    found = re.search(r"language (\S+),", proc.stdout)
    assert found is not None, proc.stdout
    assert found.group(1) == expected
