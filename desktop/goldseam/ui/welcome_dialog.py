"""The first-run welcome: what Goldseam is for, and who it is not for."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..i18n import _


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Goldseam"))
        self.setMinimumWidth(520)
        title = QLabel(_("Welcome"), objectName="PageTitle")
        text = QLabel(_(
            "<p>Goldseam is a quiet place for the hour after a fight with someone you love. "
            "It walks you through a small repair: noticing, pausing, owning your part, "
            "reaching back, and letting repair in.</p>"
            "<p><b>It is meant for ordinary disagreements between people who are safe with each other.</b> "
            "If you are afraid of someone, or you are being hurt, this is not the right tool. "
            "Please reach out to your local emergency number or a domestic abuse support service; "
            "you deserve to be safe.</p>"
            "<p>Everything you write stays on this computer. Goldseam never sends anything anywhere.</p>"))
        text.setWordWrap(True)
        text.setAccessibleName(_("About Goldseam and your safety"))
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("I understand"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("Primary")
        self.ok_button.setAccessibleName(_("I understand"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.ok_button.setFocus()
