"""Known errors: failures of the world the user can act on, as opposed to bugs.

A service raises a :class:`KnownError` subclass with a stable ``code`` (and ``params`` for the
words that vary, such as a file name or a row number). The UI words each code once, in the
user's language (``ui/messages.py: known_text``); ``ui/errors.py`` shows any known error it is
handed and treats everything else as a bug (a crash dialog, never a traceback). After
qutebrowser's ``KnownError`` / ``BugError`` split.

Codes are dotted by feature (``sync.unreachable``, ``imports.table``, ``store.damaged``) so a
feature's failures are found together; a test checks that every code raised has its words. A
class that only groups others (``TableError``, ``PlanOutdated``) sets no code of its own.
"""

from __future__ import annotations

from typing import ClassVar


class KnownError(Exception):
    """A failure with a code the UI words. ``detail`` is for logs and reports, in English;
    the user sees the code's words, filled with ``params``."""

    code: ClassVar[str] = "known"

    def __init__(self, detail: str = "", **params: str | int) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.params: dict[str, str | int] = params


def all_codes() -> dict[str, type[KnownError]]:
    """Every known error class that has been imported, by code (for the wording test)."""
    found: dict[str, type[KnownError]] = {}
    pending: list[type[KnownError]] = [KnownError]
    while pending:
        cls = pending.pop()
        if "code" in vars(cls):  # a family base that sets no code of its own is never raised
            found.setdefault(cls.code, cls)
        pending.extend(cls.__subclasses__())
    return found
