"""Closing the window is not quitting while Goldseam has promised to call the person back.

With a pause running or a reminder still to come, the close button puts Goldseam in the
background until the time: a tray icon ("Back at 21:30", Quit) where the desktop has a tray;
otherwise the window waits minimised in the taskbar, and the first time a note says so. At
the time, the window comes back with its question. Quit (the tray's, Ctrl+Q) really quits,
and the next start asks, as it always did. Stepping away is part of the repair; so is being
called back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

# QDialog, QMenu and QMessageBox are imported where they are used: this module is built before the
# window's first paint, and QMessageBox alone costs PySide 3 to 9 ms to make.

from ...core import clock
from ...i18n import _
from ..settings.kept_settings import KeptSettings
from ..widgets.local_format import time_of_day
from .promise_keeper import PromiseKeeper

NOTE_SEEN = "background_note_seen"      # settings.json: the tray-less note was read once


class StayForCall(QObject):
    """Built by the composition root. `quit` ends Goldseam for real (the Quit of the tray and
    the note); `hide_words` covers the window's words first when the lock is on, so the window
    comes back on its lock screen; `tray_available` is injectable for tests."""

    def __init__(self, window: QWidget, keeper: PromiseKeeper, settings, quit: Callable[[], None],
                 hide_words: Callable[[], None] | None = None,
                 tray_available: Callable[[], bool] | None = None,
                 now: Callable[[], datetime] = clock.now, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._keeper = keeper
        self._settings = KeptSettings(settings)
        self._quit = quit
        self._hide_words = hide_words
        self._tray_available = tray_available or QSystemTrayIcon.isSystemTrayAvailable
        self._now = now
        self.away = False           # in the background, waiting for the time
        self.tray: QSystemTrayIcon | None = None
        self.note = None            # the QMessageBox asking, once, when there is no tray
        self._back_action = None
        keeper.time_came.connect(self._time_came)
        window.installEventFilter(self)

    # -- going ------------------------------------------------------------------------------

    def keep_open(self) -> bool:
        """The window is being closed (what was typed is saved): True when Goldseam stays in
        the background for a call back still to come, False when closing may end it."""
        coming = self._keeper.next_call()
        if coming is None:
            return False
        if self.note is not None:
            return True             # the note is already asking
        if not self._tray_available() and not self._settings.get(NOTE_SEEN, False):
            self._ask_first(*coming)
            return True
        self._go(*coming)
        return True

    def stay_from_start(self) -> bool:
        """Started at login (`--background`): into the background at once, without the window,
        while a call back is still to come. False when there is none (nothing to wait for)."""
        coming = self._keeper.next_call()
        if coming is None:
            return False
        self._go(*coming)
        return True

    def _go(self, at: datetime, kind: str) -> None:
        self.away = True
        from PySide6.QtWidgets import QDialog

        QApplication.instance().setQuitOnLastWindowClosed(False)
        for widget in QApplication.topLevelWidgets():      # a dialog would stay behind on the desk
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()         # as if cancelled: each choice was kept as it was made
        if self._hide_words is not None:
            self._hide_words()
        if self._tray_available():
            self._show_tray(at, kind)
            self._window.hide()
        else:
            self._window.showMinimized()        # its taskbar entry is the way back

    def _ask_first(self, at: datetime, kind: str) -> None:
        """No tray on this desktop: the first time, say where Goldseam goes and how to end it."""
        from PySide6.QtWidgets import QMessageBox

        when = time_of_day(at, self._now())
        self.note = QMessageBox(QMessageBox.Icon.Information, _("Goldseam stays open"),
                                _("Goldseam stays open in the background until {time} to call you back.")
                                .format(time=when), parent=self._window)
        self.note.setInformativeText(
            _("It waits in the taskbar. If you quit it now, Goldseam will ask whether you came back the "
              "next time you open it.") if kind == "pause" else
            _("It waits in the taskbar. If you quit it now, Goldseam will remind you the next time you open it."))
        keep = self.note.addButton(_("&Keep it open"), QMessageBox.ButtonRole.AcceptRole)
        self.note.addButton(_("&Quit now"), QMessageBox.ButtonRole.DestructiveRole)
        self.note.setDefaultButton(keep)
        self.note.setEscapeButton(keep)         # Esc keeps the promise
        self.note.finished.connect(lambda _result: self._note_answered(self.note.clickedButton() is keep))
        self.note.open()

    def _note_answered(self, keep: bool) -> None:
        self.note.deleteLater()
        self.note = None
        self._settings.keep(NOTE_SEEN, True)
        if not keep:
            self._quit_now()
            return
        coming = self._keeper.next_call()       # the time may have come while the note was open
        if coming is not None:
            self._go(*coming)

    def _show_tray(self, at: datetime, kind: str) -> None:
        when = time_of_day(at, self._now())
        back = (_("Back at {time}") if kind == "pause" else _("Reminder at {time}")).format(time=when)
        if self.tray is None:
            from PySide6.QtWidgets import QMenu

            self.tray = QSystemTrayIcon(self._window.windowIcon(), self)
            menu = QMenu(self._window)
            self._back_action = menu.addAction(back, self.come_back)
            menu.addAction(_("Show Goldseam"), self.come_back)
            menu.addSeparator()
            menu.addAction(_("Quit Goldseam"), self._quit_now)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(self._tray_clicked)
        self._back_action.setText(back)
        self.tray.setToolTip(_("Goldseam: {back}").format(back=back))
        self.tray.show()
        if not self._settings.get(NOTE_SEEN, False):
            self._settings.keep(NOTE_SEEN, True)
            self.tray.showMessage(_("Goldseam stays open"),
                                  _("Goldseam stays open in the background until {time} to call you back.")
                                  .format(time=when), QApplication.windowIcon())

    def _quit_now(self) -> None:
        """Quit, from the tray or the note: the promise stays on disk, and the next start asks."""
        self._settled()
        self._quit()

    def _tray_clicked(self, reason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.come_back()

    # -- coming back --------------------------------------------------------------------------

    def come_back(self) -> None:
        """The window again, as it was left (on its lock screen when the lock is on)."""
        self._settled()
        front = getattr(self._window, "bring_to_front", None)
        if front is not None:
            front()
        else:
            self._window.showNormal()

    def _time_came(self, _kind: str) -> None:
        if self.away:
            self.come_back()        # the window returns with its question

    def _settled(self) -> None:
        self.away = False
        if self.tray is not None:
            self.tray.hide()
        app = QApplication.instance()
        if app is not None:
            app.setQuitOnLastWindowClosed(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Brought back another way (a second start, the taskbar): no longer in the background."""
        if (self.away and watched is self._window
                and event.type() in (QEvent.Type.Show, QEvent.Type.WindowStateChange)
                and self._window.isVisible() and not self._window.isMinimized()):
            self._settled()
        return False

    def shutdown(self) -> None:
        """Quitting: the tray icon and the note leave with the window."""
        self._window.removeEventFilter(self)
        if self.note is not None:
            self.note.deleteLater()
            self.note = None
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
        self.away = False
