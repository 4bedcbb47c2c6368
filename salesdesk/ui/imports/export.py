"""Export the customer list as it is filtered now, to CSV or XLSX, off the GUI thread.

The window passes what the export needs: the exporter (built by the services container), the
task runner, a parent widget, the list's query, and where to say how it went.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from salesdesk.domain.customers import Category
from salesdesk.ui import messages
from salesdesk.ui.customers.table import header_text

if TYPE_CHECKING:
    from salesdesk.kit.jobs import JobState
    from salesdesk.services.customers.records import CustomerQuery
    from salesdesk.services.imports.export import CustomerExporter, ExportResult
    from salesdesk.settings import Settings
    from salesdesk.ui.tasks import TaskRunner


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


def choose_target(parent: QWidget, settings: Settings) -> Path | None:
    """Asks where to save (in the folder of the last export); None if the user cancels."""
    start = Path(settings.last_export_dir or Path.home()) / "customers.xlsx"
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Export", "Export customers"),
        str(start),
        QCoreApplication.translate("Export", "Excel workbook (*.xlsx);;CSV (*.csv)"),
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".xlsx")
    settings.last_export_dir = str(target.parent)
    return target


def export_customers(
    exporter: CustomerExporter,
    runner: TaskRunner,
    parent: QWidget,
    query: CustomerQuery,
    target: Path,
    *,
    on_done: Callable[[ExportResult], None],
    on_status: Callable[[str, int], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Exports what ``query`` selects to ``target``, with progress and cancel.

    ``on_status`` shows a passing message (text, milliseconds): the export's result, or that
    it was cancelled. ``on_error`` gets any other failure (an ``ExportError`` is a known
    error, worded in ``ui/messages._KNOWN``).
    """
    from salesdesk.kit.jobs import Cancelled
    from salesdesk.services.imports.export import EXPORT_COLUMNS

    headers = export_headers(EXPORT_COLUMNS)
    labels = {"category": {c.value: messages.category_label(c.value) for c in Category}}

    progress = QProgressDialog(
        QCoreApplication.translate("Export", "Exporting customers…"),
        QCoreApplication.translate("Export", "Cancel"),
        0,
        0,
        parent,
    )
    progress.setObjectName("exportProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def job(state: JobState) -> ExportResult:
        return exporter.export(
            query,
            target,
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
        on_status(
            QCoreApplication.translate("Export", "Exported %1 customers to %2")
            .replace("%1", f"{result.rows:,}")
            .replace("%2", str(result.path)),
            10000,
        )
        on_done(result)

    def failed(exc: BaseException) -> None:
        progress.reset()
        if isinstance(exc, Cancelled):
            on_status(
                QCoreApplication.translate("Export", "Export cancelled; no file was written."), 8000
            )
        else:
            on_error(exc)

    handle = runner.run_io(
        job, on_done=done, on_error=failed, on_progress=on_progress, with_state=True
    )
    progress.canceled.connect(handle.cancel)
