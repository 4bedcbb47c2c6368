"""The services' warm-up, in a process of its own (it changes the whole process's collector)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import gc, json, sys
from pathlib import Path
from salesdesk.paths import Paths
from salesdesk.services.container import AppServices
from salesdesk.settings import Settings
paths = Paths.default(Path(sys.argv[1]))
services = AppServices(paths, Settings())
services.warm_up()
gc.collect()
tracked = len(gc.get_objects())  # what a full collection still walks
services.warm_up()  # again (the tier refresh does): nothing more to do
print(json.dumps({"tracked": tracked, "frozen": gc.get_freeze_count()}))
services.close()
"""


def test_what_the_write_side_loads_is_kept_out_of_full_collections(data_dir: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        capture_output=True, text=True, check=True, timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    # SQLAlchemy, the models and the engine are some 80,000 objects; a full collection after
    # the warm-up walks only what came later.
    assert figures["frozen"] > 50_000
    assert figures["tracked"] < 5_000
