"""A quiet line under the list after a delete: what happened, and the way back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ...i18n import _, ngettext
from ..widgets.accessible import set_text


class UndoBar(QFrame):
    undo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(_("&Undo"))
        self.button.setAccessibleName(_("Undo the delete"))
        self.button.setAccessibleDescription(_("Ctrl+Z does the same."))
        self.button.clicked.connect(self.undo_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def show_pending(self, count: int, seconds: float) -> None:
        self.setVisible(count > 0)
        if count:
            set_text(self.text, ngettext(
                "Moment deleted. You can undo it for {s} seconds.",
                "{n} moments deleted. You can undo them one by one for {s} seconds.", count).format(
                n=count, s=int(seconds)), announce=True)
