"""Workarounds for PySide6 behaviour that would otherwise hurt SalesDesk."""

from __future__ import annotations

import sys


def disable_feature_import_scan() -> None:
    """Stops shiboken from reading the source of every module imported after PySide6.

    PySide6 replaces ``__import__`` to support ``from __feature__ import snake_case``; for each
    new module it calls ``inspect.getsource``. Done from a worker thread (our writer thread
    imports SQLAlchemy after the first paint) this corrupts memory and crashes the process
    ("none_dealloc: deallocating None"). SalesDesk never uses ``__feature__``, so the scan can
    answer "no" without reading anything.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", lambda module: False)  # noqa: B010 - private name
