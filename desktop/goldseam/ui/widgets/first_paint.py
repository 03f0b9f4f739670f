"""Say once when a window has first been painted, so that work the first frame does not need
(watching every event of the application, say) starts right after it rather than before it.

A zero timer started when the window is shown fires before its first paint (Qt hands out posted
events before the window system's expose), so the expose itself is watched: the widgets are
painted while it is handled, and the callback runs on the next turn of the event loop."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

# QEvent.Type's Show and Expose as plain numbers: compared for each event until the first paint.
_SHOW = 17
_EXPOSE = 206


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]):
        super().__init__(window)
        self._window = window
        self._then = then
        self._handle = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 - Qt naming
        kind = event.type().value
        if kind == _SHOW and watched is self._window and self._handle is None:
            self._handle = self._window.windowHandle()      # made by the first show
            if self._handle is not None:
                self._window.removeEventFilter(self)
                self._handle.installEventFilter(self)
        elif kind == _EXPOSE and watched is self._handle and self._handle.isExposed():
            self._handle.removeEventFilter(self)
            QTimer.singleShot(0, self, self._done)          # after the paint this expose brings
        return False

    def _done(self) -> None:
        self._then()
        self.deleteLater()


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once, just after `window` (a top-level widget, not yet shown) is first painted."""
    _FirstPaint(window, then)
