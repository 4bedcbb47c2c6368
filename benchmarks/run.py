"""Run every benchmark in this folder and pass their JSON lines through.

    python benchmarks/run.py              # all of them
    python benchmarks/run.py customers    # only benchmarks/customers.py

Each benchmark is a script that prints one JSON object per line,
``{"metric": NAME, "value": NUMBER, "unit": UNIT}``. They run one after another (timings on a
2-core machine are not worth much when two benchmarks compete), each in its own process with the
repository's ``.venv`` interpreter when there is one (``./scripts/test`` or ``./scripts/start``
creates it), else with the interpreter running this script. Lines that are not such objects go
to stderr, so stdout stays machine-readable. The exit code is non-zero if any benchmark failed or
printed no metric.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def venv_python() -> str:
    for candidate in (ROOT / ".venv" / "bin" / "python", ROOT / ".venv" / "Scripts" / "python.exe"):
        if candidate.is_file():
            return str(candidate)
    return sys.executable


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(
        p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_")
    )
    if not names:
        return found
    by_name = {p.stem: p for p in found}
    unknown = [n for n in names if n.removesuffix(".py") not in by_name]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(by_name)}")
    return [by_name[n.removesuffix(".py")] for n in names]


def is_metric(line: str) -> bool:
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("metric"), str)
        and isinstance(obj.get("value"), int | float)
        and isinstance(obj.get("unit"), str)
    )


def run_one(python: str, script: Path) -> bool:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")  # benchmarks never open real windows
    print(f"[benchmarks] {script.name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    metrics = 0
    with subprocess.Popen(
        [python, str(script)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as proc:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.rstrip("\n")
            if is_metric(line):
                metrics += 1
                print(line, flush=True)
            elif line.strip():
                print(f"[{script.stem}] {line}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    ok = proc.returncode == 0 and metrics > 0
    print(
        f"[benchmarks] {script.name}: exit {proc.returncode}, {metrics} metric(s), {elapsed:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    scripts = benchmarks(sys.argv[1:] if argv is None else argv)
    if not scripts:
        print("[benchmarks] no benchmark scripts found", file=sys.stderr)
        return 1
    python = venv_python()
    failed = [s.name for s in scripts if not run_one(python, s)]
    if failed:
        print(f"[benchmarks] failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
