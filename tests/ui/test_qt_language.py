"""Qt's own words and dates follow the language Goldseam speaks: a German person's dialogs say
"Schließen", not "Close", and months are German; back in English, everything is English again."""

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from goldseam.ui.widgets import local_format
from goldseam.ui.application import qt_language


def _close_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    return box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "")


def test_qt_speaks_german_and_english_again(qtbot):
    app = QApplication.instance()
    try:
        qt_language.apply(app, "de")
        assert _close_text() == "Schließen"
        assert QLocale().language() == QLocale.Language.German
        assert local_format.locale().toString(QDate(2026, 3, 1), "MMMM") == "März"
    finally:
        qt_language.apply(app, "en")
        QLocale.setDefault(QLocale.system())
    assert _close_text() == "Close"
