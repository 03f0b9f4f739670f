"""Calling the person back at the time they named, even with the window minimised.

Three ways, as the desktop allows: a notification from the system tray icon where a tray
exists; the window's alert (the urgency hint on X11 and Wayland, which GNOME shows as a
"Goldseam is ready" notification and other desktops as a highlighted taskbar entry) always;
and a soft chime if the person asked for one. What the notification says is never private:
only the time, so nothing they wrote shows on a locked screen or a shared desk.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

TRAY, WINDOW = "tray", "window"
MESSAGE_MS = 30_000     # how long a tray message stays, where the desktop lets it choose


class CallBack:
    """Says "the time has come" outside the window. `tray_available` and `chime` are
    injectable so tests can take the tray and the tray-less way."""

    def __init__(self, window: QWidget, tray_available: Callable[[], bool] | None = None,
                 chime: Callable[[], None] | None = None):
        self._window = window
        self._tray_available = tray_available or QSystemTrayIcon.isSystemTrayAvailable
        self._chime = chime
        self.tray: QSystemTrayIcon | None = None
        self.last_way: str | None = None       # how the person was last called: for tests and the log
        self.notify = True      # the settings' "also a desktop notification"; the window's alert is always given

    def call(self, title: str, body: str, with_chime: bool = False) -> str:
        """Call the person back once. Returns the way it went: TRAY or WINDOW."""
        way = WINDOW
        if self.notify and self._tray_available():
            self._show_tray()
            self.tray.showMessage(title, body, self._window.windowIcon(), MESSAGE_MS)
            way = TRAY
        # The alert lasts until the window is activated: the person sees it when they look.
        QApplication.alert(self._window, 0)
        if with_chime and self._chime is not None:
            self._chime()
        self.last_way = way
        return way

    def settle(self) -> None:
        """The person answered: the tray icon goes away until the next call."""
        if self.tray is not None:
            self.tray.hide()

    def shutdown(self) -> None:
        """Quitting: the tray icon leaves with the window."""
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None

    def _show_tray(self) -> None:
        if self.tray is None:
            self.tray = QSystemTrayIcon(self._window.windowIcon(), self._window)
            self.tray.setToolTip(self._window.windowTitle())
            self.tray.activated.connect(lambda _reason: self._bring_forward())
            self.tray.messageClicked.connect(self._bring_forward)
        self.tray.show()

    def _bring_forward(self) -> None:
        front = getattr(self._window, "bring_to_front", None)
        if front is not None:
            front()
