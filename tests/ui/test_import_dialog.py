"""The import dialog on a CSV with bad rows: report by row and field, then import the valid rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from salesdesk.db.session import create_store_engine, session_factory
from salesdesk.domain.customers import Category
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerDraft, CustomerQuery
from salesdesk.services.imports.customer_rows import category_value
from salesdesk.services.imports.customers import CustomerImporter, ImportResult
from salesdesk.services.imports.export import EXPORT_COLUMNS
from salesdesk.services.imports.headers import guess_mapping
from salesdesk.services.imports.table import read_table
from salesdesk.ui import messages
from salesdesk.ui.imports import export as export_dialog
from salesdesk.ui.imports.dialog import ImportDialog
from salesdesk.ui.tasks import TaskRunner
from tests.store_sql import query

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
def dialog(qtbot, store: Path) -> Iterator[ImportDialog]:
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
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
        for r in range(table.rowCount())
    ]


def count_customers(store: Path) -> int:
    browser = CustomerBrowser(store)
    try:
        return browser.count(CustomerQuery())
    finally:
        browser.close()


def test_report_shows_bad_rows_then_valid_rows_import(
    qtbot, dialog: ImportDialog, store: Path, tmp_path: Path
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
    assert answer.currentText() == "Import as a separate customer"  # type: ignore[attr-defined]  # the cell widget is a QComboBox
    assert "Rows: 3 new customers, 0 added" in dialog.summary.text()
    answer.setCurrentIndex(answer.findText("Merge into row 2's customer"))  # type: ignore[attr-defined]  # the cell widget is a QComboBox
    qtbot.waitUntil(lambda: "Rows: 2 new customers, 1 added" in dialog.summary.text())
    assert dialog.report.cellWidget(0, 4).currentText() == "Merge into row 2's customer"  # type: ignore[attr-defined]  # the cell widget is a QComboBox
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
    qtbot, dialog: ImportDialog, tmp_path: Path
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
    qtbot, dialog: ImportDialog, tmp_path: Path,
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
    qtbot, window, tmp_path: Path
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


# --- the demo's book, exported and imported into an empty store ---------------------------

HUINENG = ("苏州汇能钢结构股份有限公司", "苏州汇能钢结构有限公司")  # two companies of the demo


def exported_demo(qtbot, window, tmp_path: Path, language: str) -> Path:
    """The demo's book as the File menu exports it, in the user's language. The demo holds
    HUINENG (different phones and categories); they are added should it ever change."""
    service = window.services.customers
    present = {r.name for r in window.services.browser.page(CustomerQuery(text="汇能钢结构"),
                                                             0, 50)}
    for i, name in enumerate(n for n in HUINENG if n not in present):
        service.save(CustomerDraft(name=name, category=("key", "ordinary")[i],
                                   phone=f"0512-6688{i:04d}"))
    window.set_language(language)
    target = tmp_path / "客户.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=20_000):
        window.export_to(target)
    window.set_language("en")
    return target


def book(store: Path) -> dict[str, tuple[str, str, int]]:
    """name → (category, phone, contacts) of every customer."""
    rows = query(store, "SELECT c.name, c.category, c.phone, (SELECT count(*) FROM contacts k"
                 " WHERE k.customer_id = c.id AND k.deleted_at IS NULL) FROM customers c"
                 " WHERE c.deleted_at IS NULL")
    return {str(n): (str(c), str(p), int(k)) for n, c, p, k in rows}  # type: ignore[call-overload]  # sqlite3 returns an int


def check_file(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(dialog.check_button.isEnabled, timeout=10_000)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report.rowCount() > 0 and not dialog.busy, timeout=20_000)


def row_counts(text: str) -> tuple[int, int, int, int]:
    found = re.search(r"Rows: (\d+) new customers, (\d+) added to the customer of an earlier "
                      r"row, (\d+) skipped, (\d+) with errors\.", text)
    assert found, text
    created, merged, skipped, failed = (int(g) for g in found.groups())
    return created, merged, skipped, failed


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_demo_book_exported_imports_back_into_an_empty_store(
    qtbot, window, dialog: ImportDialog, *, store: Path, demo_data_dir: Path, tmp_path: Path,
    language: str,
) -> None:
    """The demo's 200 customers come back, 汇能 twice; the store has no salespeople, which the
    report explains, and the user imports those customers unassigned."""
    original = book(demo_data_dir / "salesdesk.sqlite3")
    path = exported_demo(qtbot, window, tmp_path, language)
    check_file(qtbot, dialog, path)
    lines = len(read_table(path, guess_mapping).rows)

    report = cells(dialog.report)
    questions = [r for r in report if r[1] == "Question"]
    assert len(questions) == 1 and HUINENG[0] in questions[0][3]
    assert "differ in" in questions[0][3] and "Phone" in questions[0][3]
    assert dialog.report.cellWidget(report.index(questions[0]), 4).currentText() == (  # type: ignore[attr-defined]  # the cell widget is a QComboBox
        "Import as a separate customer")
    # Salespeople are written by login; this store has none, and the report says why.
    errors = [r for r in report if r[1] == "Error"]
    assert errors and {r[2] for r in errors} == {"Salesperson"}
    assert {r[4] for r in errors} == {"zhangwei", "liuyang", "chenjing"}
    assert "Log in and sync" in errors[0][3]
    assert not dialog.import_all_button.isEnabled()
    assert dialog.unassign_unknown.isVisible()

    dialog.unassign_unknown.setChecked(True)
    qtbot.waitUntil(lambda: "Error" not in {r[1] for r in cells(dialog.report)})
    assert row_counts(dialog.summary.text()) == (len(original), lines - len(original), 0, 0)
    dialog.check_button.click()  # checking again keeps the choice
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.unassign_unknown.isChecked()
    assert "Error" not in {r[1] for r in cells(dialog.report)}
    assert dialog.import_all_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        dialog.import_all_button.click()
    result = blocker.args[0]
    assert result.customers + result.merged_rows + result.skipped_rows + result.failed_rows == (
        lines)
    assert row_counts(dialog.summary.text()) == (len(original), lines - len(original), 0, 0)
    assert book(store) == original  # 汇能 twice, each with its own phone and category
    assert book(store)[HUINENG[0]] != book(store)[HUINENG[1]]


@pytest.mark.parametrize("answer", ["Merge into row", "Skip these rows"])
def test_the_user_may_merge_or_skip_the_demo_near_duplicates(
    qtbot, window, dialog: ImportDialog, *, store: Path, demo_data_dir: Path, tmp_path: Path,
    answer: str,
) -> None:
    original = book(demo_data_dir / "salesdesk.sqlite3")
    path = exported_demo(qtbot, window, tmp_path, "en")
    check_file(qtbot, dialog, path)
    lines = len(read_table(path, guess_mapping).rows)
    dialog.unassign_unknown.setChecked(True)
    qtbot.waitUntil(lambda: "Error" not in {r[1] for r in cells(dialog.report)})
    row = next(i for i, r in enumerate(cells(dialog.report)) if r[1] == "Question")
    later = int(cells(dialog.report)[row][0])
    combo = dialog.report.cellWidget(row, 4)
    assert combo.itemText(2).startswith(f"Skip these rows ({later}")  # type: ignore[attr-defined]  # the cell widget is a QComboBox
    combo.setCurrentIndex(next(i for i in range(combo.count())  # type: ignore[attr-defined]  # the cell widget is a QComboBox
                               if combo.itemText(i).startswith(answer)))  # type: ignore[attr-defined]  # the cell widget is a QComboBox
    later_lines = original[HUINENG[1]][2] or 1
    if answer.startswith("Merge"):
        expected = (len(original) - 1, lines - len(original) + 1, 0, 0)
    else:
        expected = (len(original) - 1, lines - len(original) - later_lines + 1, later_lines, 0)
    qtbot.waitUntil(lambda: row_counts(dialog.summary.text()) == expected)
    assert sum(expected) == lines  # no row vanishes
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        dialog.import_all_button.click()
    result = blocker.args[0]
    assert (result.customers, result.merged_rows, result.skipped_rows, result.failed_rows) == (
        expected)
    imported = book(store)
    assert len(imported) == len(original) - 1
    first, second = (original[n] for n in HUINENG)
    if answer.startswith("Merge"):
        # The earlier row's values are kept; the later company's contacts join it.
        assert imported[HUINENG[0]] == (first[0], first[1], first[2] + second[2])
    else:
        assert imported[HUINENG[0]] == first
    assert HUINENG[1] not in imported


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_export_header_is_read_back_as_its_field(window, language: str) -> None:
    window.set_language(language)
    try:
        headers = export_dialog.export_headers(EXPORT_COLUMNS)
        words = [messages.category_label(c.value) for c in Category]
    finally:
        window.set_language("en")
    assert guess_mapping(headers) == {
        c: i for i, c in enumerate(EXPORT_COLUMNS) if c not in ("tier", "sales_12m")}
    assert [category_value(w) for w in words] == [c.value for c in Category]
