"""Checks a typed passphrase off the GUI thread (the key is slow to derive on purpose) and tells
the lock screen how it went. What checks it comes from the composition root: no file I/O here."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from ...i18n import _
from ...storage.errors import KeyFileDamaged, StorageError, WrongPassphrase
from ...storage.key_file import RECOVERY
from ..application.background import start_in_background
from .lock_screen import LockScreen


class Unlocker(QObject):
    unlocked = Signal()

    def __init__(self, screen: LockScreen, check: Callable[[str], object], parent: QObject | None = None):
        """`check(secret)` returns when the secret opens the journal, raises WrongPassphrase when it does not."""
        super().__init__(parent or screen)
        self._screen = screen
        self._check = check
        self.wrong_attempts = 0         # kept while Goldseam runs: a rest after a few, whatever the screen
        self.recovery_used: str | None = None   # the recovery key, when it (not the passphrase) opened the lock
        screen.open_asked.connect(self._try)

    def _try(self, secret: str) -> None:
        start_in_background(self, lambda: self._check(secret), lambda result, error: self._done(result, error, secret))

    def _done(self, result, error, secret: str = "") -> None:
        if error is None:
            self.wrong_attempts = 0
            self.recovery_used = secret if result == RECOVERY else None
            self._screen.reset()
            self.unlocked.emit()
        elif isinstance(error, WrongPassphrase):
            self.wrong_attempts += 1
            self._screen.wrong(self.wrong_attempts)
        elif isinstance(error, StorageError):
            self._screen.cannot_open(str(error)[:1].upper() + str(error)[1:] + ".",
                                     key_lost=isinstance(error, KeyFileDamaged))
        else:
            self._screen.cannot_open(_("The journal could not be opened just now. Nothing was changed; try again."))
