"""A scroll wheel turned over a page scrolls the page: a spin box, list box or slider that
happens to pass under the pointer keeps its value unless it has the focus (a tryout saw
"10 more minutes" become 12 while scrolling the pause)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from .scrolling import _scroll_area_of


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        scroll = _scroll_area_of(watched)
        if scroll is not None:
            QApplication.sendEvent(scroll.verticalScrollBar(), event)
        return True


_guard: _WheelGuard | None = None
# Qt.FocusPolicy.StrongFocus as a plain number: the Qt namespace costs tens of ms at start-up,
# and home's banner uses this guard.
_STRONG_FOCUS = 0x1 | 0x2 | 0x8


def scroll_past(*widgets: QWidget) -> None:
    """Let the wheel scroll past `widgets` unless they have the focus."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard()
    for widget in widgets:
        # Not focused by the wheel either: Qt gives a spin box the focus as the wheel turns over
        # it, before any filter sees the turn (a second tryout saw 10 become 7 that way).
        widget.setProperty("focusPolicy", _STRONG_FOCUS)
        widget.installEventFilter(_guard)
