"""A small set of radio buttons for one choice, read and set by key: the settings pages have
several ("Follow the system", "Light", "Dark") and each must be one Tab stop with arrow keys
inside, named for a screen reader by its caption."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QRadioButton, QVBoxLayout, QWidget


class ChoiceGroup(QGroupBox):
    chosen = Signal(str)

    def __init__(self, caption: str, choices: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(caption, parent)
        self.setAccessibleName(caption.replace("&", ""))
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        column = QVBoxLayout(self)
        column.setSpacing(4)
        for key, words in choices:
            button = QRadioButton(words)
            button.setAccessibleName(words.replace("&", ""))
            self._group.addButton(button)
            self.buttons[key] = button
            column.addWidget(button)
            button.toggled.connect(lambda on, key=key: on and self.chosen.emit(key))

    def key(self) -> str:
        return next((key for key, button in self.buttons.items() if button.isChecked()), "")

    def set_key(self, key: str) -> None:
        button = self.buttons.get(key)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
