"""The app's settings, declared and typed in one place. Secrets never live here (see secrets)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any


@dataclass
class Settings:
    language: str = ""  # "" = follow the system locale; else "zh_CN" or "en"
    hq_url: str = ""
    hq_username: str = ""
    hq_ca_file: str = ""
    visit_days_a: int = 14
    visit_days_b: int = 30
    visit_days_c: int = 90
    time_zone: str = "Asia/Shanghai"  # the salesperson's: "due" and "overdue" (domain/due.py)
    company_name: str = ""  # the letterhead of printed documents ("" = the demo company's)
    company_logo: str = ""  # a PNG or JPEG for the letterhead ("" = none)
    reminder_minutes: int = 15  # how often the reminder digest is shown while the app runs
    last_export_dir: str = ""
    # Outgoing mail (mail/sender.py: SmtpSettings); the password only in the keyring (secrets).
    smtp_host: str = ""
    smtp_port: int = 465
    smtp_security: str = "tls"  # "tls" (implicit, usually 465), "starttls" (587) or "none"
    smtp_sender: str = ""  # the From address: "张三 <zhang@example.cn>" or "zhang@example.cn"
    smtp_login: str = ""  # "" = the server needs no login
    smtp_ca_file: str = ""  # a company CA to trust besides the system's

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in raw.items():
            f = known.get(key)
            if f is not None and isinstance(value, type(getattr(cls(), key))):
                values[key] = value
        return cls(**values)

    def save(self, path: Path) -> None:
        """Writes atomically, so a crash mid-write never leaves a half file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
