"""Updates the Qt translation sources from the code and compiles them.

    python scripts/translations.py            # lupdate (keeps existing translations) + lrelease
    python scripts/translations.py --check    # fails if any string lacks a translation

Sources are English in the code; resources/translations/salesdesk_zh_CN.ts holds Chinese.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "salesdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[str]:
    files = [*sorted((ROOT / "salesdesk" / "ui").rglob("*.py")), ROOT / "salesdesk" / "app.py"]
    return [str(f.relative_to(ROOT)) for f in files]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found; install PySide6-Essentials in this environment")
    return found


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if translation.get("type") == "unfinished" or not all((t or "").strip() for t in texts):
            source = message.findtext("source") or ""
            missing.append(source)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = unfinished(TS)
        for source in missing:
            print(f"untranslated: {source!r}")
        return 1 if missing else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(TS)], check=True, cwd=ROOT
    )
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
