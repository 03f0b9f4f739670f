"""What every wizard page shares: it shows one moment and reports edits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.moment import RepairMoment
from ..widgets.text_box import TextBox


class WizardPage(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.moment: RepairMoment | None = None
        self._loading = False
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)

    def bind(self, moment: RepairMoment) -> None:
        """Show `moment`; edits from now on are written into it."""
        self.moment = moment
        self._loading = True
        try:
            self.load()
        finally:
            self._loading = False

    def load(self) -> None:
        """Fill the widgets from self.moment."""

    def on_leave(self) -> None:
        """Called when the person moves to another step."""

    def first_focus(self) -> QWidget | None:
        return None

    def note(self) -> str:
        """A word the step adds to its question for this moment (read with the first field)."""
        return ""

    def _changed(self) -> None:
        if self._loading or self.moment is None:
            return
        self.store()
        self.edited.emit()

    def store(self) -> None:
        """Write the widgets into self.moment."""

    def add_text_box(self, question: str, box: TextBox) -> QLabel:
        """The question, the box, and right below it the box's note about its length."""
        label = self.section_label(question, box)
        self.body.addWidget(label)
        self.body.addWidget(box)
        self.body.addWidget(box.footer)
        return label

    @staticmethod
    def section_label(text: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if buddy is not None:
            label.setBuddy(buddy)
        return label
