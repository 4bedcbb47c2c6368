"""Starts SalesDesk through its real entry point and answers the start-up window as a user would.

Run as a separate process (tests/integration/test_start_problems.py), so the test sees the
exit code and stderr a user's terminal would, and can run it as another user:

    python tests/integration/start_driver.py ANSWERS -- SALESDESK_ARGS...

ANSWERS is a comma-separated list, one per start-problem window in order: ``quit``,
``restore:N`` (the N-th listed backup) or ``folder:PATH`` (answers the folder dialog). When
the main window appears, the driver notes its data folder and customer count and closes it.
The last stdout line is ``REPORT {json}``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox


def main() -> int:
    answers = sys.argv[1].split(",")
    args = sys.argv[sys.argv.index("--") + 1:]
    app = QApplication(sys.argv[:1])
    report: dict[str, Any] = {"dialogs": [], "messages": [], "window": None}
    folder: list[str] = []

    def act(dialog: Any, answer: str) -> None:
        if answer == "quit":
            dialog.quit_button.click()
        elif answer.startswith("restore:"):
            dialog.backups.setCurrentRow(int(answer.split(":", 1)[1]))
            dialog.restore_button.click()
        elif answer.startswith("folder:"):
            folder.append(answer.split(":", 1)[1])
            dialog.folder_button.click()

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and not modal.property("answered"):
            modal.setProperty("answered", True)
            if modal.objectName() == "startProblem":
                d: Any = modal
                report["dialogs"].append({
                    "headline": d.headline.text(),
                    "text": d.explanation.text(),
                    "details": d.details.text() if d.details.isVisible() else "",
                    "backups": [d.backups.item(i).text() for i in range(d.backups.count())]
                    if d.backups.isVisible() else [],
                    "restore": d.restore_button.isVisible() and d.restore_button.isEnabled(),
                    "buttons": [b.text() for b in (d.restore_button, d.folder_button,
                                                   d.quit_button) if b.isVisible()],
                })
                answer = answers.pop(0) if answers else "quit"
                # Later, from the event loop: a click may open a dialog with its own loop.
                QTimer.singleShot(0, lambda: act(d, answer))
            elif isinstance(modal, QFileDialog) and folder:
                edit = modal.findChild(QLineEdit, "fileNameEdit")
                assert edit is not None
                edit.setText(folder.pop(0))
                modal.accept()
            elif isinstance(modal, QMessageBox):
                report["messages"].append(modal.text())
                modal.accept()
            else:
                report["messages"].append(f"unexpected {type(modal).__name__}")
                modal.close()
            return
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible():
                window: Any = widget
                from salesdesk.services.customers.records import CustomerQuery

                report["window"] = {
                    "data_dir": str(window.services.paths.data_dir),
                    "customers": window.services.browser.count(CustomerQuery()),
                    "language": app.property("salesdesk_language"),
                }
                QTimer.singleShot(0, window.close)
                timer.stop()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()

    def give_up() -> None:  # never hang a test run: say what was seen, and stop
        report["timeout"] = True
        print("REPORT " + json.dumps(report, ensure_ascii=False), flush=True)
        os._exit(3)

    QTimer.singleShot(60_000, give_up)

    from salesdesk.__main__ import main as salesdesk_main

    code = salesdesk_main(args)
    print("REPORT " + json.dumps(report, ensure_ascii=False), flush=True)
    return code


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
