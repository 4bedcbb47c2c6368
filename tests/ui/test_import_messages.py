"""Every failure the import and export raise is worded, in English and in Chinese, with its
file name or reason filled in (``ui/messages._KNOWN``), so the dialogs never fall back to the
crash dialog for a known failure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from salesdesk.domain.validation import ErrorCode, FieldError
from salesdesk.kit.errors import KnownError, all_codes
from salesdesk.services.imports.customers import AssignmentRefused
from salesdesk.services.imports.export import ExportError
from salesdesk.services.imports.orders import OrderPlan, OrderWriteError
from salesdesk.services.imports.plan import (
    ImportRefused,
    PlanOutdated,
    RowIssue,
    StoreWriteError,
)
from salesdesk.services.imports.table import TableError, TableProblem
from salesdesk.ui import i18n, messages

PATH = Path("/data/客户名单.xlsx")


def raised() -> list[KnownError]:
    """One of each error the import and export raise."""
    plan = OrderPlan((), (RowIssue(3, FieldError("amount", ErrorCode.AMOUNT), "x"),), (), 1)
    return [
        *(TableError.of(PATH, problem, "Permission denied") for problem in TableProblem),
        AssignmentRefused(),
        ImportRefused(plan),
        StoreWriteError("disk I/O error"),
        OrderWriteError("database is locked"),
        ExportError(PATH, "No space left on device"),
    ]


def test_every_import_code_is_raised_here() -> None:
    """A new import error joins ``raised`` (and so gets words); TableError and PlanOutdated
    themselves are only bases."""
    codes = {c for c in all_codes() if c.startswith("imports.")} - {TableError.code,
                                                                    PlanOutdated.code}
    assert codes == {e.code for e in raised()}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_import_error_has_words(qapp: QApplication, language: str) -> None:
    i18n.install(qapp, language)
    try:
        texts = {e.code: (e, messages.known_text(e)) for e in raised()}
    finally:
        i18n.install(qapp, "en")
    for code, (error, text) in texts.items():
        assert text, code
        assert "{" not in text, text  # every parameter filled
        if code.startswith("imports.table."):
            assert PATH.name in text
        if code == "imports.export":
            assert str(PATH) in text and "No space left on device" in text
        if code.endswith("store_write"):
            assert error.detail in text
        assert bool(re.search(r"[\u4e00-\u9fff]", text.replace(PATH.name, ""))) == (
            language == "zh_CN"), text
