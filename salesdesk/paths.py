"""Every on-disk location, in one place. ``--data-dir`` overrides the platform default."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "SalesDesk"


def resources_dir() -> Path:
    """``resources/`` of a source checkout, or of the PyInstaller bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @classmethod
    def default(cls, data_dir: Path | None = None) -> Paths:
        if data_dir is None:
            from platformdirs import user_data_dir

            data_dir = Path(user_data_dir(APP_NAME, appauthor=False))
        return cls(data_dir.expanduser().resolve())

    @property
    def store(self) -> Path:
        return self.data_dir / "salesdesk.sqlite3"

    @property
    def backups(self) -> Path:
        """Automatic copies taken before a migration or a restore."""
        return self.data_dir / "backups"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def complaint_calendar(self) -> Path:
        """The business calendar complaints are timed on, as the user edited it (JSON)."""
        return self.data_dir / "complaint-calendar.json"

    @property
    def complaint_policy(self) -> Path:
        """The committed times by severity, as the user edited them (JSON)."""
        return self.data_dir / "complaint-policy.json"

    @property
    def attachments(self) -> Path:
        """Complaint attachments' bytes, content-addressed: ``ab/cdef…`` by SHA-256."""
        return self.data_dir / "attachments"

    @property
    def crash_reports(self) -> Path:
        return self.data_dir / "crash-reports"
