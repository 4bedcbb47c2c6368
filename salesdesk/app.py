"""Composition root: paths, store, services, translators and the main window. The only place
that wires things together.

Start-up order matters for speed: only sqlite3, PySide6 and the list's read path are imported
before the first paint; SQLAlchemy and the write side load right after, off the GUI thread.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from salesdesk.paths import Paths, resources_dir
from salesdesk.settings import Settings


@dataclass
class Options:
    data_dir: Path | None = None
    lang: str | None = None
    demo: bool = False
    self_test: bool = False
    startup_probe: bool = False  # benchmarks: print timings once rows are painted, then exit


def _load_fonts() -> None:
    """Uses the bundled CJK font so Chinese never shows as boxes, whatever the system has."""
    fonts = resources_dir() / "fonts"
    families: list[str] = []
    for path in sorted(fonts.glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        font = QApplication.font()
        font.setFamilies([font.family(), *families[:1]])
        QApplication.setFont(QFont(font))


def _drain(store: Path, settings: Settings) -> int:
    """Before a schema migration, the outbox goes to HQ if it can (docs/SYNC.md)."""
    from salesdesk.secrets import SecretStore
    from salesdesk.services.sync import drain_outbox

    return drain_outbox(store, settings, SecretStore())


def _open_store(options: Options, paths: Paths, settings: Settings) -> tuple[Paths, Settings] | int:
    """Prepares the store; when it cannot be opened, says why and offers the ways forward.

    Returns the paths and settings to run with (another data folder may have been chosen),
    or the exit code when the user quits. A damaged, foreign or newer store is never changed:
    restoring a backup moves it aside as it is.
    """
    from salesdesk.services.store import (
        DataFolderNotWritable,
        NotAStore,
        StoreDamaged,
        StoreForeign,
        StoreTooNew,
        automatic_backups,
        prepare,
        restore_from,
    )

    while True:
        try:
            prepare(paths.store, paths.backups, demo=options.demo,
                    before_upgrade=partial(_drain, settings=settings))
            return paths, settings
        except (DataFolderNotWritable, StoreDamaged, StoreForeign, StoreTooNew) as exc:
            failure: Exception = exc
        except OSError as exc:
            QMessageBox.critical(
                None,
                "SalesDesk",
                QApplication.translate("App", "SalesDesk cannot open its data folder %1: %2")
                .replace("%1", str(paths.data_dir))
                .replace("%2", exc.strerror or str(exc)),
            )
            return 1
        # Only now: a store that opens does not pay for importing the dialog.
        from salesdesk.ui.store.start_problem import (
            Choice,
            Problem,
            StartProblemDialog,
            problem_from,
        )

        problem = problem_from(failure, paths.store)
        refused = 2 if problem.kind is Problem.TOO_NEW else 1
        dialog = StartProblemDialog(problem, automatic_backups(paths.backups))
        if options.self_test:  # no one to answer: say it and stop
            print(f"{dialog.headline.text()}\n{dialog.explanation.text()}", file=sys.stderr)
            return refused
        dialog.exec()
        if dialog.choice is Choice.QUIT or dialog.chosen is None:
            return refused
        if dialog.choice is Choice.OTHER_FOLDER:
            paths = Paths.default(dialog.chosen)
            settings = Settings.load(paths.settings)
            continue
        try:
            restore_from(paths.store, dialog.chosen, paths.backups, damaged=True)
        except (NotAStore, StoreTooNew, OSError) as exc:
            if isinstance(exc, NotAStore):
                why = QApplication.translate(
                    "App", "%1 is not a SalesDesk backup, or it is damaged. Nothing was changed.")
            elif isinstance(exc, StoreTooNew):
                why = QApplication.translate(
                    "App", "%1 was made by a newer SalesDesk. Nothing was changed.")
            else:
                why = QApplication.translate(
                    "App", "%1 could not be restored (%2). Nothing was changed."
                ).replace("%2", exc.strerror or str(exc))
            QMessageBox.warning(None, "SalesDesk", why.replace("%1", str(dialog.chosen)))


def run(options: Options) -> int:
    t0 = time.perf_counter()
    if options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if options.data_dir is None:
            options.data_dir = Path(tempfile.mkdtemp(prefix="salesdesk-self-test-"))
    paths = Paths.default(options.data_dir)  # made (and checked writable) by _open_store
    settings = Settings.load(paths.settings)

    from salesdesk.ui.qtcompat import disable_feature_import_scan

    disable_feature_import_scan()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SalesDesk")
    app.setOrganizationName("SalesDesk")
    from salesdesk.ui import i18n

    language = i18n.install(app, i18n.resolve(options.lang or settings.language or None))
    _load_fonts()

    opened = _open_store(options, paths, settings)
    if isinstance(opened, int):
        return opened
    paths, settings = opened

    from salesdesk.kit.changes import NOTHING, Changes
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.main_window import MainWindow
    from salesdesk.ui.tasks import TaskRunner

    services = AppServices(paths, settings)
    errors = ErrorReporter(paths.crash_reports)
    runner = TaskRunner()
    window = MainWindow(services, runner, errors)
    errors.install_excepthook()
    window.show()

    if options.self_test:
        app.processEvents()
        rows = window.customers.model.rowCount()
        window.grab()  # renders every widget offscreen
        services.warm_up()
        from salesdesk.domain.business_calendar import china_calendar

        china_calendar()  # the shipped holiday data is in the bundle and readable
        if sys.stdout is not None:  # a windowed Windows build has no console
            print(f"self-test ok: store {paths.store}, language {language}, {rows} customer rows")
        window.close()
        return 0

    if options.startup_probe:
        from PySide6.QtCore import QEvent, QObject

        class FirstPaint(QObject):
            """Reports when the customer table has painted for the first time, then quits."""

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    watched.removeEventFilter(self)
                    painted = time.perf_counter()
                    print(
                        f"startup-painted rows={window.customers.model.rowCount()} "
                        f"in_process_ms={(painted - t0) * 1000:.1f}",
                        flush=True,
                    )
                    QTimer.singleShot(0, window.close)
                    QTimer.singleShot(0, app.quit)
                return False

        probe = FirstPaint(window)
        window.customers.table.viewport().installEventFilter(probe)
        return app.exec()

    # The write side (SQLAlchemy) loads now, off the GUI thread, while the user looks around;
    # then search documents a pull left stale (it was cancelled or cut off) are rebuilt.
    def start_writer() -> Changes:
        services.warm_up()
        return Changes(customers=True) if services.rebuild_deferred_search() else NOTHING

    QTimer.singleShot(0, lambda: runner.run_write(start_writer, on_error=errors.handle))
    return app.exec()
