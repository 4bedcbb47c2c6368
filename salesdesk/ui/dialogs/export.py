"""Export the customer list as it is filtered now, to CSV or XLSX, off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from salesdesk.domain.enums import Category
from salesdesk.ui import messages
from salesdesk.ui.models.customer_table import header_text

if TYPE_CHECKING:
    from salesdesk.kit.jobs import JobState
    from salesdesk.services.exporting import ExportResult
    from salesdesk.ui.main_window import MainWindow


def export_headers(columns: Sequence[str]) -> list[str]:
    """A header per column in the user's language, each one the import recognises again."""
    headers = []
    for column in columns:
        if column in ("name", "tier", "sales_12m"):
            headers.append(header_text(column))
        elif column == "salesperson":  # by login: the one name HQ and every store agree on
            headers.append(QCoreApplication.translate("Export", "Salesperson login"))
        else:
            headers.append(messages.field_label(column))
    return headers


def export_customers(window: MainWindow, target: Path | None = None) -> None:
    """Asks where to save (unless ``target`` is given), then exports with progress and cancel."""
    from salesdesk.kit.jobs import Cancelled
    from salesdesk.services.exporting import EXPORT_COLUMNS, CustomerExporter, ExportError

    settings = window.services.settings
    if target is None:
        start = Path(settings.last_export_dir or Path.home()) / "customers.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("Export", "Export customers"),
            str(start),
            QCoreApplication.translate("Export", "Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx")
        settings.last_export_dir = str(target.parent)
    query = window.customers.current_query()
    headers = export_headers(EXPORT_COLUMNS)
    labels = {"category": {c.value: messages.category_label(c.value) for c in Category}}
    exporter = CustomerExporter(window.services.paths.store)

    progress = QProgressDialog(
        QCoreApplication.translate("Export", "Exporting customers…"),
        QCoreApplication.translate("Export", "Cancel"),
        0,
        0,
        window,
    )
    progress.setObjectName("exportProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    chosen = target

    def job(state: JobState) -> ExportResult:
        return exporter.export(
            query,
            chosen,
            headers,
            state,
            labels=labels,
            sheet_title=QCoreApplication.translate("Export", "Customers"),
        )

    def on_progress(done: int, total: int, _message: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)

    def done(result: ExportResult) -> None:
        progress.reset()
        window.statusBar().showMessage(
            QCoreApplication.translate("Export", "Exported %1 customers to %2")
            .replace("%1", f"{result.rows:,}")
            .replace("%2", str(result.path)),
            10000,
        )
        window.export_finished.emit(result)

    def failed(exc: BaseException) -> None:
        progress.reset()
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage(
                QCoreApplication.translate("Export", "Export cancelled; no file was written."), 8000
            )
        elif isinstance(exc, ExportError):
            window.errors.inform(
                QCoreApplication.translate("Export", "Could not write %1: %2")
                .replace("%1", str(exc.path))
                .replace("%2", exc.detail),
                warning=True,
            )
        else:
            window.errors.handle(exc)

    handle = window.runner.run_io(
        job, on_done=done, on_error=failed, on_progress=on_progress, with_state=True
    )
    progress.canceled.connect(handle.cancel)
