"""“Why this step?”: the reason behind a step, one click (or Space) away under its question, and
gone again with a second one. Hidden by default: a person in the middle of a hard moment needs
the question, not a lesson; the reason is there for whoever wants it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import _
from ..widgets.accessible import say


class WhyToggle(QWidget):
    def __init__(self, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = QPushButton(_("Why this step?"), checkable=True)
        self.button.setAccessibleName(_("Why this step?"))
        self.button.setAccessibleDescription(_("Shows or hides why this step helps"))
        self.text = QLabel(why)
        self.text.setWordWrap(True)
        self.card = QFrame(objectName="Card")
        QVBoxLayout(self.card).addWidget(self.text)
        self.card.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.card)
        self.button.toggled.connect(self._toggled)

    def _toggled(self, shown: bool) -> None:
        self.card.setVisible(shown)
        if shown:
            say(self.text, self.text.text())
