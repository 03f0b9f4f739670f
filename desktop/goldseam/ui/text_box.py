"""A multi-line text field that behaves well with the keyboard (Tab moves on)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TextBox(QPlainTextEdit):
    edited = Signal()

    def __init__(self, accessible_name: str, placeholder: str = "", parent: QWidget | None = None,
                 min_lines: int = 3):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 20)
        self.setMaximumHeight(line * min_lines * 2 + 20)
        self.textChanged.connect(self.edited)

    def text(self) -> str:
        return self.toPlainText()

    def set_text_quietly(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        with QSignalBlocker(self):
            self.setPlainText(text)
