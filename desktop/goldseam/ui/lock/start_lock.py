"""Goldseam starting with the lock on: a window with the lock screen alone, before any of the
person's files is read. It ends when the passphrase opens the journal (True) or the window is
closed (False); the main window is built only after."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QMainWindow

from ...i18n import _
from .lock_screen import LockScreen
from .unlocker import Unlocker

SIZE = (720, 520)


class StartLockWindow(QMainWindow):
    """A main window (a frame to the desktop and to a screen reader, as Goldseam's own is)."""

    def __init__(self, check: Callable[[str], object]):
        super().__init__()
        # The window's name says it (Orca heard only "Goldseam frame. Passphrase" as it opened); an
        # announcement would be sent before a screen reader has found the new window.
        self.setWindowTitle(_("Goldseam is locked"))
        self.screen = LockScreen(locked=True)
        self.unlocker = Unlocker(self.screen, check, self)
        self.setCentralWidget(self.screen)
        self.opened = False
        self._loop = QEventLoop()
        self.unlocker.unlocked.connect(self._opened)
        from PySide6.QtGui import QShortcut

        from ..wiring import quit_key

        QShortcut(quit_key(), self, self.close)     # Quit, as from anywhere in Goldseam
        from ..main_window import _fitting_size

        self.resize(*_fitting_size(SIZE))

    def _opened(self) -> None:
        self.opened = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().closeEvent(event)
        self._loop.quit()

    def wait(self, ending: Callable[[], bool] = lambda: False, minimized: bool = False) -> bool:
        """Show the window and wait until the journal is opened or the window closed (or Goldseam is
        ending). `minimized`: started at login, it waits in the taskbar (a call back may be due)."""
        self.showMinimized() if minimized else self.show()
        self.screen.focus_first()
        watch = QTimer(self, interval=200)
        watch.timeout.connect(lambda: ending() and self.close())
        watch.start()
        if not self.opened and self.isVisible():
            self._loop.exec()
        watch.stop()
        return self.opened
