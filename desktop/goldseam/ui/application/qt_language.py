"""The chosen language on Qt's side: dates and numbers by that language's locale (QLocale's
default, which ui/widgets/local_format.py reads), and Qt's own words (Cancel, Close, Yes, the file
dialog) from the translations Qt ships."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []      # the one in use, kept alive while it is installed


def apply(app, code: str) -> None:
    """Speak `code` in Qt's own words and write dates as its locale does (the system's own
    locale is kept when it is already of that language: its country's formats stay)."""
    system = QLocale.system()
    wanted = QLocale(code)
    if system.language() == wanted.language() or (system.language() == QLocale.Language.C and code == "en"):
        QLocale.setDefault(system)      # its country's formats stay (C: local_format writes British English)
    else:
        QLocale.setDefault(wanted)
    while _installed:
        app.removeTranslator(_installed.pop())
    if code == "en":
        return
    translator = QTranslator(app)
    if translator.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _installed.append(translator)
