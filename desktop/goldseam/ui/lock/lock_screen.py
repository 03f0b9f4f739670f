"""The lock screen: the passphrase field and nothing of the person's (no titles, no counts, no dates).

The same screen serves three moments: Goldseam starting with the lock on, the window locked
after a quiet while, and the quick hide (with the lock off it only asks to be shown again). A
wrong passphrase is said kindly, and after a few the field rests for a moment before the next
try; nothing is ever deleted for it. A pause that comes due meanwhile is said here in words that
hold nothing private.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import passphrase as rules
from ...i18n import _, ngettext
from ..widgets.secret_field import SecretField
from ..widgets.accessible import describe, make_heading, say, set_text
from ..widgets.steady import keep_room

COLUMN_WIDTH = 440


class LockScreen(QWidget):
    open_asked = Signal(str)        # the passphrase (or recovery key) typed
    show_asked = Signal()           # the quick hide without a lock: show Goldseam again

    def __init__(self, locked: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.title = make_heading(QLabel(objectName="PageTitle"))
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.field = SecretField()
        self.field.setAccessibleName(_("Passphrase"))
        self.field_label = QLabel(_("&Passphrase"))
        self.field_label.setBuddy(self.field)
        self.open_button = QPushButton(_("&Open"), objectName="Primary")
        self.open_button.setDefault(True)
        self.open_button.setAutoDefault(True)
        self.show_button = QPushButton(_("&Show Goldseam"), objectName="Primary")
        self.status = QLabel(objectName="Hint")
        self.status.setWordWrap(True)
        keep_room(self.status, 3)      # the longest message (German, resting) takes three lines
        self.recovery_hint = QLabel(_("Lost the passphrase? Type your recovery key in the same field."),
                                    objectName="Hint")
        self.recovery_hint.setWordWrap(True)
        describe(self.field, self.recovery_hint.text())     # heard with the field, not only seen below it
        self.call = QLabel()
        self.call.setWordWrap(True)
        self.call.hide()

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addSpacing(6)
        column.addWidget(self.field_label)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.open_button)
        column.addLayout(row)
        column.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.status)
        column.addSpacing(8)
        column.addWidget(self.recovery_hint)
        column.addWidget(self.call)
        holder = QWidget()
        holder.setLayout(column)
        holder.setFixedWidth(COLUMN_WIDTH)      # a wrapped label's height needs a known width (else it is cut)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self._rest = QTimer(self, interval=1000)
        self._rest.timeout.connect(self._tick)
        self._rest_left = 0
        self.open_button.clicked.connect(self._open)
        self.field.returnPressed.connect(self._open)
        self.show_button.clicked.connect(self.show_asked)
        self.set_locked(locked)

    def set_locked(self, locked: bool) -> None:
        """With the lock on, the passphrase opens it; without, one button shows Goldseam again."""
        self.locked = locked
        set_text(self.title, _("Goldseam is locked") if locked else _("Goldseam is hidden"))
        set_text(self.text, _("Type your passphrase to open your journal.") if locked else
                 _("Nothing of yours is on the screen. Show Goldseam again when you are ready."))
        for widget in (self.field_label, self.field, self.open_button, self.recovery_hint):
            widget.setVisible(locked)
        self.show_button.setVisible(not locked)
        self.reset()

    def reset(self) -> None:
        """Fresh: an empty field, no message (each time the screen is shown)."""
        self.field.clear()
        self._rest.stop()
        self._rest_left = 0
        self._ready(True)
        set_text(self.status, "")
        self.hide_call()

    @property
    def ready(self) -> bool:
        """Whether a passphrase may be typed and tried now (not while one is checked, nor while resting)."""
        return not self.field.isReadOnly()

    def _ready(self, ready: bool) -> None:
        # Read-only, not disabled: the focus stays in the field (disabling it sent the focus to the
        # greyed Open button, and Orca said "Open push button grayed" before the news).
        self.field.setReadOnly(not ready)
        self.open_button.setEnabled(ready)

    def focus_first(self) -> None:
        (self.field if self.locked else self.show_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def opening(self) -> None:
        """The passphrase is being checked (about half a second: the key is slow to derive on purpose)."""
        self._ready(False)
        set_text(self.status, _("Opening\u2026"))      # shown, not said: the result is said once, in a moment

    def wrong(self, attempts: int) -> None:
        """The passphrase did not open it: said kindly; after a few tries, a short rest first."""
        self.field.clear()
        rest = rules.wait_after(attempts)
        if rest:
            self._ready(False)
            self._rest_left = rest
            self._rest.start()
            self._show_rest(announce=True)
            return
        self._ready(True)
        set_text(self.status, _("That passphrase does not open the journal. Check Caps Lock, and try again."),
                 announce=True)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def cannot_open(self, text: str, key_lost: bool = False) -> None:
        """Something other than the passphrase is wrong (the key file is damaged): said as it is. Without
        a key file the recovery key cannot help either, so its hint goes."""
        self.recovery_hint.setVisible(not key_lost)
        self._ready(True)
        set_text(self.status, text, announce=True)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_rest(self, announce: bool = False) -> None:
        set_text(self.status, ngettext(
            "That passphrase does not open the journal. Take a breath; you can try again in {n} second.",
            "That passphrase does not open the journal. Take a breath; you can try again in {n} seconds.",
            self._rest_left).format(n=self._rest_left), announce=announce)

    def _tick(self) -> None:
        self._rest_left -= 1
        if self._rest_left > 0:
            self._show_rest()
            return
        self._rest.stop()
        self._ready(True)
        set_text(self.status, _("You can try again now."), announce=True)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_call(self, text: str) -> None:
        """A call back that came while locked, in words that hold nothing private."""
        set_text(self.call, text, announce=True)
        self.call.show()

    def hide_call(self) -> None:
        self.call.hide()
        set_text(self.call, "")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Esc empties the field (a half-typed passphrase is not a wrong try waiting to happen)."""
        if event.key() == Qt.Key.Key_Escape and self.locked and self.ready:
            if self.field.text():
                self.field.clear()
                say(self.field, _("The passphrase field is empty again."))
            set_text(self.status, "")
            event.accept()
            return
        super().keyPressEvent(event)

    def _open(self) -> None:
        if not self.locked or not self.ready:
            return
        secret = self.field.text()
        if not secret:
            set_text(self.status, _("Type your passphrase first."), announce=True)
            return
        self.opening()
        self.open_asked.emit(secret)
