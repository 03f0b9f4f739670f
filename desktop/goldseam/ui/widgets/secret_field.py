"""A passphrase field whose words never leave it: not on screen, and not to a screen reader.

Qt's own password field shows bullets but tells the accessibility bus each character typed, and
the whole text as it is cleared: with Orca 43 every letter of a passphrase was spoken aloud. Here
the field itself holds only bullets (so whatever it tells anyone is bullets), and the passphrase is
kept beside it. Typing and pasting add at the end, Backspace takes the last character away, and a
selection (Ctrl+A) is replaced or cleared as a whole; the cursor does not wander into the middle,
since no one can see what they would be editing there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

BULLET = "\u2022"
PASSING_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape}


class SecretField(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._secret = ""
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)     # no Copy, no Paste around the keys
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        self.textChanged.connect(self._changed)

    def _changed(self, shown: str) -> None:
        """Text set from outside the keys (an assistive tool through the accessibility bus, a cut):
        taken as the passphrase, and bullets shown again."""
        if shown == BULLET * len(self._secret):
            return
        if shown and set(shown) == {BULLET}:
            self._secret = self._secret[: len(shown)]
        else:
            self._secret = shown
        self._show()

    def secret(self) -> str:
        """The passphrase typed (the field itself holds only bullets)."""
        return self._secret

    def text(self) -> str:  # noqa: D102 - what Python callers read is the passphrase
        return self._secret

    def clear(self) -> None:
        self._secret = ""
        super().clear()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._secret = text
        self._show()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.key() in PASSING_KEYS:
            super().keyPressEvent(event)
            return
        if self.isReadOnly():
            event.ignore()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.selectAll()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self._add(QGuiApplication.clipboard().text().replace("\r", "").replace("\n", ""))
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            if self.hasSelectedText() or not self._secret:
                self.clear()
            else:
                self._secret = self._secret[:-1]
                self.end(False)
                super().backspace()         # one bullet less: a screen reader hears one character go
        elif event.text() and event.text().isprintable() and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                     | Qt.KeyboardModifier.MetaModifier)):
            self._add(event.text())
        else:
            event.ignore()          # shortcuts (Ctrl+L, Alt+O) go on to the window

    def inputMethodEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.commitString() and not self.isReadOnly():
            self._add(event.commitString())
        event.accept()

    def _add(self, text: str) -> None:
        """Bullets added at the end (a screen reader hears "bullet", not the field's whole length again)."""
        if self.hasSelectedText():
            self.clear()
        self._secret += text
        self.end(False)
        super().insert(BULLET * len(text))

    def _show(self) -> None:
        super().setText(BULLET * len(self._secret))
        self.setCursorPosition(len(self._secret))
