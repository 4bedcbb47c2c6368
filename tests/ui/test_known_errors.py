"""Every known error has words in the user's language (ui/messages.py: _KNOWN), and the
window shows them instead of wording errors itself."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import salesdesk
from salesdesk.kit.errors import all_codes
from salesdesk.ui import i18n, messages
from salesdesk.ui.main_window import MainWindow


def _import_everything() -> None:
    """Imports every module, so every KnownError subclass is known to ``all_codes``
    (migration scripts run Alembic at import: they define no errors)."""
    for info in pkgutil.walk_packages(salesdesk.__path__, "salesdesk."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def test_every_known_error_code_has_words_in_english_and_chinese(qapp) -> None:
    _import_everything()
    codes = set(all_codes()) - {"known"}  # the base class's placeholder
    # The store's and the customer book's, at least (other features add theirs).
    assert {"store.not_a_store", "store.too_new", "store.damaged", "store.foreign",
            "store.not_writable", "customers.gone"} <= codes
    missing = sorted(codes - set(messages._KNOWN))
    assert not missing, f"codes without words in ui/messages.py _KNOWN: {missing}"
    for code in codes:
        assert "." in code, f"{code}: codes are dotted by feature"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    english = {code: messages._KNOWN[code]() for code in codes}
    try:
        i18n.install(app, "zh_CN")
        untranslated = sorted(c for c in codes if messages._KNOWN[c]() == english[c])
    finally:
        i18n.install(app, "en")
    assert not untranslated, f"codes without a Chinese translation: {untranslated}"


def test_restoring_a_file_that_is_no_store_says_so_with_its_name(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    not_a_store = tmp_path / "notes.sqlite3"
    not_a_store.write_text("not a database", encoding="utf-8")
    with qtbot.waitSignal(window.errors.shown, timeout=20000) as shown:
        window.restore_from(not_a_store, confirmed=True)
    assert shown.args == [
        f"{not_a_store} is not a SalesDesk backup, or it is damaged. Nothing was changed."
    ]
    assert window.customers.model.rowCount() > 0  # the store was reopened as it was


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_known_error_is_worded_with_its_params(qapp, language: str) -> None:
    from salesdesk.services.store import NotAStore

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        i18n.install(app, language)
        text = messages.known_text(NotAStore(Path("/tmp/x.sqlite3")))
    finally:
        i18n.install(app, "en")
    assert text is not None and text.startswith("/tmp/x.sqlite3") and "{path}" not in text
