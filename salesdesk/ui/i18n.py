"""Interface language: Chinese (zh_CN) first, English second; switchable while running."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from salesdesk.paths import resources_dir

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def system_language() -> str:
    """The first supported language among the system's UI languages; else Chinese.

    SalesDesk is Chinese first: a locale that names no language (C/POSIX, LANG unset) or one
    SalesDesk does not speak opens in Chinese; only an English locale (or an English entry in
    LANGUAGE) opens in English.
    """
    for name in QLocale.system().uiLanguages():
        lowered = name.lower()
        if lowered.startswith("zh"):
            return "zh_CN"
        if lowered.startswith("en"):
            return "en"
    return "zh_CN"


def resolve(requested: str | None) -> str:
    if requested:
        lowered = requested.replace("-", "_").lower()
        if lowered.startswith("zh"):
            return "zh_CN"
        if lowered.startswith("en"):
            return "en"
    return system_language()


def install(app: QApplication, language: str) -> str:
    """Replaces the active translators; widgets get a LanguageChange event and retranslate."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "zh_CN":
        ours = QTranslator(app)
        if ours.load(str(resources_dir() / "translations" / "salesdesk_zh_CN.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if language == "zh_CN"
        else QLocale(QLocale.Language.English)
    )
    app.setProperty("salesdesk_language", language)
    return language
