"""The one place that touches the OS keyring: HQ tokens and SMTP passwords live only there.

If the machine has no keyring backend (a bare Linux without a Secret Service), secrets are kept
in this process's memory for the session only and the UI says so: they are never written to
disk in plain text.
"""

from __future__ import annotations

import contextlib
import threading

SERVICE = "SalesDesk"


class SecretStore:
    """Secrets by name (e.g. ``hq-token:https://hq.example.com/alice``)."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()
        self._persistent: bool | None = None

    @property
    def persistent(self) -> bool:
        """Whether secrets survive a restart (a real keyring backend is available)."""
        if self._persistent is None:
            import keyring
            from keyring.backends import fail, null

            self._persistent = not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring)
        return self._persistent

    def set(self, name: str, secret: str) -> bool:
        """Stores a secret; returns False if it is kept for this session only."""
        import keyring
        from keyring.errors import KeyringError

        with self._lock:
            self._session[name] = secret
        if not self.persistent:
            return False
        try:
            keyring.set_password(self._service, name, secret)
        except KeyringError:
            self._persistent = False
            return False
        return True

    def get(self, name: str) -> str | None:
        with self._lock:
            if name in self._session:
                return self._session[name]
        if not self.persistent:
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            secret = keyring.get_password(self._service, name)
        except KeyringError:
            return None
        if secret is not None:
            with self._lock:
                self._session[name] = secret
        return secret

    def delete(self, name: str) -> None:
        with self._lock:
            self._session.pop(name, None)
        if not self.persistent:
            return
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):  # nothing to delete
            keyring.delete_password(self._service, name)
