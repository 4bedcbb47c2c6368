"""The import dialog on a CSV with bad rows: report by row and field, then import the valid rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from salesdesk.db.session import create_store_engine, session_factory
from salesdesk.services.browse import CustomerBrowser
from salesdesk.services.importing import CustomerImporter, ImportResult
from salesdesk.services.records import CustomerQuery
from salesdesk.ui.dialogs.import_dialog import ImportDialog
from salesdesk.ui.tasks import TaskRunner

CSV = "\n".join([
    "公司名称,城市,联系人,手机,邮箱",
    "墙煌建材有限公司,杭州,张伟,13800138000,",
    "墙煌建材,杭州,李娜,13912345678,",
    "华东钢构有限公司,上海,刘洋,1380013,",  # row 4: the mobile is too short
    "宏达门窗厂,苏州,赵磊,13611112222,zhao@",  # row 5: the email is not an address
    "远景幕墙工程有限公司,宁波,孙丽,13555556666,sun@yj.cn",
]) + "\n"


@pytest.fixture
def store(data_dir: Path) -> Path:
    return data_dir / "salesdesk.sqlite3"


@pytest.fixture
def dialog(qtbot, store: Path) -> Iterator[ImportDialog]:  # type: ignore[no-untyped-def]
    engine = create_store_engine(store)
    runner = TaskRunner()
    dlg = ImportDialog(runner, CustomerImporter(session_factory(engine), []))
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    runner.shutdown()
    engine.dispose()


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def count_customers(store: Path) -> int:
    browser = CustomerBrowser(store)
    try:
        return browser.count(CustomerQuery())
    finally:
        browser.close()


def test_report_shows_bad_rows_then_valid_rows_import(
    qtbot, dialog: ImportDialog, store: Path, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "客户.csv"
    path.write_bytes(CSV.encode("gbk"))  # what Excel in China saves
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.preview.rowCount() == 5)
    assert dialog.preview.verticalHeaderItem(0).text() == "2"  # Excel's row numbers
    assert dialog.mapping() == {"name": 0, "city": 1, "contact_name": 2, "mobile": 3,
                                "email": 4}
    assert dialog.check_button.isEnabled()

    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report.rowCount() > 0)
    report = cells(dialog.report)
    assert [(r[0], r[1], r[2]) for r in report] == [
        ("3", "Question", "Name"),  # 墙煌建材 may be 墙煌建材有限公司 of row 2
        ("4", "Error", "Mobile"),
        ("5", "Error", "Email"),
    ]
    # Another name may be another company: kept apart unless the user merges them, as here.
    answer = dialog.report.cellWidget(0, 4)
    assert answer.currentText() == "Import as a separate customer"
    assert "Rows: 3 new customers, 0 added" in dialog.summary.text()
    answer.setCurrentIndex(answer.findText("Merge into row 2's customer"))
    qtbot.waitUntil(lambda: "Rows: 2 new customers, 1 added" in dialog.summary.text())
    assert dialog.report.cellWidget(0, 4).currentText() == "Merge into row 2's customer"
    assert "11-digit" in report[1][3] and report[1][4] == "1380013"
    assert dialog.summary.text().startswith("2 of 5 rows have errors.")
    assert not dialog.import_all_button.isEnabled()  # errors: all-or-nothing is refused
    assert dialog.import_valid_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        dialog.import_valid_button.click()
    result = blocker.args[0]
    assert isinstance(result, ImportResult)
    assert (result.customers, result.contacts, result.merged_rows, result.failed_rows) == (
        2, 3, 1, 2)
    assert count_customers(store) == 2
    assert "Imported 2 customers" in dialog.summary.text()
    assert not dialog.import_valid_button.isEnabled()  # the plan cannot be imported twice


def test_changing_the_mapping_asks_for_a_new_check(
    qtbot, dialog: ImportDialog, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "clean.csv"
    path.write_text("Company,Contact,Mobile\n墙煌建材有限公司,张伟,13800138000\n",
                    encoding="utf-8-sig")
    dialog.load_file(path)
    qtbot.waitUntil(dialog.check_button.isEnabled)
    dialog.check_button.click()
    qtbot.waitUntil(dialog.import_all_button.isEnabled)
    assert dialog.summary.text().startswith("All 1 rows are valid.")
    dialog.combos["mobile"].setCurrentIndex(0)  # "(not imported)"
    assert not dialog.import_all_button.isEnabled()
    dialog.combos["name"].setCurrentIndex(0)
    assert not dialog.check_button.isEnabled()  # the company name must come from a column


@pytest.mark.parametrize(
    "case",
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "Excel 97-2003"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0", "not a spreadsheet"),
        ("missing.csv", None, "could not open"),
    ],
)
def test_unreadable_files_get_a_sentence_naming_the_file(
    qtbot, dialog: ImportDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
    case: tuple[str, bytes | None, str],
) -> None:
    name, content, words = case
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.busy)
    text = dialog.status.text()
    assert name in text and words in text
    assert "Traceback" not in text
    assert not dialog.check_button.isEnabled()


def test_import_from_the_main_window_reloads_the_list(
    qtbot, window, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    """The File menu path: the window wires the store and salespeople; the list grows."""
    before = window.services.browser.count(CustomerQuery())
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    window.import_customers()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    dialog.load_file(path)
    qtbot.waitUntil(dialog.check_button.isEnabled)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report.rowCount() > 0 and not dialog.busy)
    rows = cells(dialog.report)
    assert ("4", "Error", "Mobile") in [(r[0], r[1], r[2]) for r in rows]
    with qtbot.waitSignals([dialog.imported, window.customers.model.reloaded],
                           timeout=10_000):
        dialog.import_valid_button.click()
    # 墙煌建材 (row 3) may be 墙煌建材有限公司 (row 2): unanswered, they stay two customers.
    assert window.services.browser.count(CustomerQuery()) == before + 3
    window.customers.search.setText("远景幕墙")
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == 1)
    dialog.close()
