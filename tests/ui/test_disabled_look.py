"""A button that cannot be pressed right now looks it, the main (gold) one too, by day and by
night: no gold fill, the window's own ground behind its words (Restore, with nothing to restore,
looked ready to press by night)."""

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from goldseam.ui.widgets import look


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_disabled_main_button_has_no_gold_fill(qtbot, theme):
    app = QApplication.instance()
    look.apply(app, theme)
    try:
        window = QWidget()
        column = QVBoxLayout(window)
        ready, not_now = QPushButton("Restore"), QPushButton("Restore")
        for button in (ready, not_now):
            button.setObjectName("Primary")
            column.addWidget(button)
        not_now.setEnabled(False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)

        def fill(button):
            image = window.grab(button.geometry()).toImage().convertToFormat(QImage.Format.Format_RGB32)
            return QColor.fromRgb(image.pixel(6, image.height() // 2))

        ground = app.palette().color(QPalette.ColorRole.Window)
        assert fill(ready) != ground, "the main button is filled"
        assert fill(not_now) == ground, f"{theme}: a disabled main button keeps its fill {fill(not_now).name()}"
    finally:
        look.apply(app)
