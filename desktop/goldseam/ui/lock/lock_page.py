"""Settings, fourth page: the passphrase lock (on, off, a new passphrase, a new recovery key), the time
after which it locks by itself, and the quick hide. Says plainly what a lost passphrase means before
anything is sealed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import passphrase as rules
from ...core.preferences import LOCK_AFTER_CHOICES, Preferences
from ...i18n import _, ngettext
from ..widgets.accessible import say, set_text
from ..widgets.flow_layout import FlowLayout
from ..widgets.scrolling import scroll_into_view
from ..widgets.steady import keep_room
from .lock_actions import LockActions
from .lock_dialogs import PassphraseDialog, RecoveryKeyDialog


class LockPage(QWidget):
    lock_after_chosen = Signal(int)

    def __init__(self, actions: LockActions, preferences: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self._actions = actions
        self.dialog = None
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.about = QLabel(_("With the lock on, every file that holds your words is sealed on this computer: "
                              "without your passphrase no one can read them, even with the files in hand. "
                              "Settings stay readable, and so do the files' names, sizes and times."),
                            objectName="Hint")
        self.about.setWordWrap(True)
        self.turn_on = QPushButton(_("&Turn the lock on\u2026"))
        self.change = QPushButton(_("&Change the passphrase\u2026"))
        self.recovery = QPushButton(_("New recovery ke&y\u2026"))
        self.turn_off = QPushButton(_("&Turn the lock off\u2026"))
        self.lock_after = QComboBox()
        for minutes in LOCK_AFTER_CHOICES:
            self.lock_after.addItem(_("Never") if minutes == 0 else
                                    ngettext("After {n} quiet minute", "After {n} quiet minutes", minutes).format(n=minutes),
                                    minutes)
        self.lock_after.setCurrentIndex(max(0, self.lock_after.findData(preferences.lock_after)))
        after_label = QLabel(_("Lock by it&self:"))
        after_label.setBuddy(self.lock_after)
        self.lock_after.setAccessibleName(_("Lock by itself"))
        hide_note = QLabel(_("Ctrl+L, or Esc pressed twice, hides every word at once, with the lock on or off."),
                           objectName="Hint")
        hide_note.setWordWrap(True)
        self.status = QLabel(objectName="Hint")
        self.status.setWordWrap(True)
        keep_room(self.status, 2)

        lock = QGroupBox(_("Passphrase lock"))
        lock_column = QVBoxLayout(lock)
        lock_column.addWidget(self.state)
        lock_column.addWidget(self.about)
        buttons = FlowLayout()          # wraps on a narrow window (1024x600 at 200 %) instead of widening it
        for button in (self.turn_on, self.change, self.recovery, self.turn_off):
            buttons.addWidget(button)
        lock_column.addLayout(buttons)
        hide = QGroupBox(_("Hiding"))
        hide_column = QVBoxLayout(hide)
        after_row = QHBoxLayout()
        after_row.addWidget(after_label)
        after_row.addWidget(self.lock_after)
        after_row.addStretch(1)
        hide_column.addLayout(after_row)
        hide_column.addWidget(hide_note)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        column.addWidget(lock)
        # What a button did, right under its group (not inside it: an empty label in a group box is
        # named after the box by Qt, and a screen reader would read the box's title twice).
        column.addWidget(self.status)
        column.addWidget(hide)

        self.turn_on.clicked.connect(self._turn_on)
        self.change.clicked.connect(self._change)
        self.recovery.clicked.connect(self._new_recovery)
        self.turn_off.clicked.connect(self._turn_off)
        self.lock_after.activated.connect(lambda index: self.lock_after_chosen.emit(self.lock_after.itemData(index)))
        self._show_state()

    def _show_state(self) -> None:
        on = self._actions.is_on()
        set_text(self.state, _("The lock is on: your words are sealed with your passphrase.") if on else
                 _("The lock is off: your words are kept in plain files, private to your account."))
        self.turn_on.setVisible(not on)
        for button in (self.change, self.recovery, self.turn_off):
            button.setVisible(on)
        self.lock_after.setEnabled(on)

    def report(self, line: str) -> None:
        set_text(self.status, line)
        say(self.status, line)

    def _open(self, dialog, then=None, otherwise=None):
        """Show a dialog of the lock (window-modal, not blocking); `then()` once it is accepted. The focus
        comes back to the page's visible button when it closes (it was lost: Tab began at the top)."""
        self.dialog = dialog
        dialog.finished.connect(self._focus_back)
        if then is not None:
            dialog.accepted.connect(then)
        if otherwise is not None:
            dialog.rejected.connect(otherwise)
        dialog.open()
        return dialog

    def _focus_back(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return          # the next dialog of the same action is open
        button = next((b for b in (self.change, self.turn_on) if b.isVisible()), None)
        if button is not None:
            button.setFocus()
        scroll_into_view(self.status)

    def _turn_on(self) -> None:
        ask = PassphraseDialog(
            _("Turn the lock on"), _("Lock your journal with a passphrase"),
            _("<p>Choose a passphrase you will remember: a few words work well.</p>"
              "<p><b>If you lose the passphrase, your notes are lost too.</b> No one can open them for you, "
              "not Goldseam, not anyone. The next step gives you a recovery key to write down: it is the "
              "only other way in.</p>"),
            [_("&Passphrase"), _("The same passphrase &again")], _("&Next"),
            lambda values: rules.problem(values[0], values[1]), self)
        self._open(ask, lambda: self._show_new_key(ask.values[0]))

    def _show_new_key(self, passphrase: str) -> None:
        key = self._actions.new_recovery_key()
        self._open(RecoveryKeyDialog(key, _("Turn the &lock on"), self), lambda: self._enable(passphrase, key),
                   lambda: self.report(_("The lock was not turned on. Nothing was changed.")))

    def _enable(self, passphrase: str, key: str) -> None:
        said = self._actions.enable(self, passphrase, key)
        self._show_state()
        self.report(said or _("The lock is on. Every file that holds your words is sealed."))
        (self.change if said is None else self.turn_on).setFocus()

    def _change(self) -> None:
        def confirm(values: list[str]):
            said = rules.problem(values[1], values[2])
            if said is not None:
                return said
            said = self._actions.change(self, values[0], values[1])
            return (said, 0) if said is not None else None        # the passphrase now is the one to type again

        self._open(PassphraseDialog(
            _("Change the passphrase"), _("Change the passphrase"),
            _("Type the passphrase you have now (or your recovery key), then the new one twice. "
              "Your words are not sealed again: only the key that opens them changes."),
            [_("&Passphrase now, or recovery key"), _("&New passphrase"), _("The same new passphrase &again")],
            _("&Change"), confirm, self),
            lambda: self.report(_("The passphrase is changed. The old one no longer opens your journal.")))

    def _new_recovery(self) -> None:
        ask = PassphraseDialog(
            _("New recovery key"), _("A new recovery key"),
            _("Type your passphrase. You will then see a new recovery key to write down; the old one will "
              "no longer open your journal."),
            [_("&Passphrase")], _("&Next"), lambda values: self._actions.check(self, values[0]), self)
        self._open(ask, lambda: self._show_replacement_key(ask.values[0]))

    def _show_replacement_key(self, passphrase: str) -> None:
        key = self._actions.new_recovery_key()

        def keep() -> None:
            said = self._actions.new_recovery(self, passphrase, key)
            self.report(said or _("The new recovery key is kept. The old one no longer opens your journal."))
        self._open(RecoveryKeyDialog(key, _("&Use this recovery key"), self), keep,
                   lambda: self.report(_("The recovery key you had still works. Nothing was changed.")))

    def _turn_off(self) -> None:
        def done() -> None:
            self._show_state()
            self.report(_("The lock is off. Your words are in plain files again."))
            self.turn_on.setFocus()

        self._open(PassphraseDialog(
            _("Turn the lock off"), _("Turn the lock off"),
            _("Your words will be kept in plain files again: private to your account, but readable by anyone "
              "who can open your account's files. Type your passphrase to turn the lock off."),
            [_("&Passphrase")], _("&Turn the lock off"),
            lambda values: self._actions.disable(self, values[0]), self), done)
