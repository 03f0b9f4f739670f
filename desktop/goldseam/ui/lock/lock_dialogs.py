"""The lock's small dialogs: a passphrase asked (once, or twice to be sure), and the recovery key shown
once, to be written down. Each says plainly what it does before anything is done."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ...i18n import _
from ..widgets.secret_field import SecretField
from ..widgets.accessible import make_heading, set_text
from ..widgets.screen_fit import fit_to_screen
from ..widgets.scrolling import vertical_scroll
from ..widgets.steady import keep_room


class PassphraseDialog(QDialog):
    """Asks for one or more passphrases; `confirm(values)` does the work and returns None when it is
    done, or why not (said under the fields; the dialog stays open, nothing lost)."""

    def __init__(self, title: str, heading: str, text: str, fields: list[str], button: str,
                 confirm: Callable[[list[str]], str | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._confirm = confirm
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(_heading(heading))
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        column.addWidget(self.text)
        self.fields: list[QLineEdit] = []
        for label_text in fields:
            field = SecretField()
            label = QLabel(label_text)
            label.setBuddy(field)
            field.setAccessibleName(label_text.replace("&", ""))
            column.addWidget(label)
            column.addWidget(field)
            self.fields.append(field)
        self.problem = QLabel(objectName="Hint")
        self.problem.setWordWrap(True)
        keep_room(self.problem, 2)
        column.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = QPushButton(button, objectName="Primary")
        self.confirm_button.setDefault(True)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        _lay_out(self, body, buttons, 460)
        self.values: list[str] = []

    def _try(self) -> None:
        """`confirm` says None (done), why not (the new passphrase is to be typed again: the fields
        from the first new one on are cleared), or (why not, index) naming the field to type again."""
        values = [field.text() for field in self.fields]
        said = self._confirm(values)
        if said is None:
            self.values = values
            self.accept()
            return
        if isinstance(said, tuple):
            said, again = said
            cleared = [self.fields[again]]
        else:
            again = len(self.fields) - 2 if len(self.fields) > 2 else 0
            cleared = self.fields[again:]
        set_text(self.problem, said, announce=True)
        for field in cleared:
            field.clear()
        self.fields[again].setFocus()

    def done(self, result: int) -> None:  # noqa: D102 - Qt naming
        for field in self.fields:
            field.clear()       # nothing typed stays in a widget once the dialog is gone
        super().done(result)


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once; the button that goes on waits until the person says it is written down."""

    def __init__(self, key: str, button: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Your recovery key"))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(_heading(_("Your recovery key")))
        text = QLabel(_("Write this key on paper now and keep it somewhere safe, away from this computer. It is "
                        "shown only this once. Typed in place of the passphrase, it opens your journal: it is "
                        "the only way in if the passphrase is lost."))
        text.setWordWrap(True)
        column.addWidget(text)
        self.key = QLabel(key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key.setWordWrap(True)
        self.key.setObjectName("RecoveryKey")
        # Read group by group, letter by letter, to a screen reader (said, not shown twice).
        self.key.setAccessibleName(_("Recovery key: {groups}").format(
            groups=", ".join(" ".join(group) for group in key.split("-"))))
        column.addWidget(self.key)
        self.written = QCheckBox(_("I have &written down the recovery key"))
        column.addWidget(self.written)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_on = QPushButton(button, objectName="Primary")
        self.go_on.setEnabled(False)
        buttons.addButton(self.go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.written.toggled.connect(self.go_on.setEnabled)
        _lay_out(self, body, buttons, 340)
        self.written.setFocus()


def _heading(text: str) -> QLabel:
    """The dialog's title as a heading, wrapping on a narrow or magnified screen (the dialog then fits)."""
    title = make_heading(QLabel(text, objectName="PageTitle"))
    title.setWordWrap(True)
    return title


def _lay_out(dialog: QDialog, body: QWidget, buttons: QDialogButtonBox, height: int) -> None:
    """Everything but the buttons scrolls: read whole on a 1024x600 screen at 200 %, Cancel in view."""
    body.layout().addStretch(1)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(20, 16, 20, 12)
    outer.addWidget(vertical_scroll(body), 1)
    outer.addWidget(buttons)
    fit_to_screen(dialog, 520, height)
