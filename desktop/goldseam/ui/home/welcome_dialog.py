"""The first-run welcome: what Goldseam is for, and who it is not for.

Its words are read in full by a screen reader (the label has no name of its own), and
on a small or magnified screen they scroll rather than being cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from ..widgets.accessible import make_heading
from ..widgets.scrolling import vertical_scroll


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Goldseam"))
        title = make_heading(QLabel(_("Welcome"), objectName="PageTitle"))
        self.text = QLabel(_(
            "<p>Goldseam is a quiet place for the hour after a fight with someone you love. "
            "It walks you through a small repair: noticing, pausing, owning your part, "
            "reaching back, and letting repair in.</p>"
            "<p><b>It is meant for ordinary disagreements between people who are safe with each other.</b> "
            "If you are afraid of someone, or you are being hurt, this is not the right tool. "
            "Please reach out: the emergency number where you are, if you are in danger now; a domestic "
            "abuse helpline, free and confidential in most countries; a crisis line, if you think of "
            "harming yourself; or a doctor, a counsellor, or someone you trust. You deserve to be safe.</p>"
            "<p>Everything you write stays on this computer. Goldseam never sends anything anywhere.</p>"))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        scroll = vertical_scroll(self.text)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("I understand"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("Primary")
        self.ok_button.setAccessibleName(_("I understand"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self._size_to_fit(scroll)
        self.ok_button.setFocus()

    def _size_to_fit(self, scroll: QScrollArea) -> None:
        """Wide enough to read comfortably, tall enough for every word where the screen allows."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        width = max(320, min(560, room.width() - 40))
        margins = self.layout().contentsMargins()
        text_height = self.text.heightForWidth(width - margins.left() - margins.right() - 16)
        others = self.layout().sizeHint().height() - scroll.sizeHint().height()
        self.resize(width, max(240, min(others + text_height + 8, room.height() - 60)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Centred over the window, whatever the window manager would have chosen."""
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None and parent.isVisible():
            centre = parent.frameGeometry().center()
            frame = self.frameGeometry()
            frame.moveCenter(centre)
            self.move(frame.topLeft())
