"""A scroll wheel turned over a page scrolls the page: a spin box, list box or slider that
happens to pass under the pointer keeps its value unless it has the focus (a tryout saw
"10 more minutes" become 12 while scrolling the pause)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from .scrolling import _scroll_area_of


class _WheelGuard(QObject):
    """The wheel turns a guarded control only once the person has clicked it: a focus given by
    the program (the first field of a step, a filter just opened) or by Tab does not count
    (a tryout saw "Not rated" become "0 of 10" while scrolling step 1)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if watched.property(_INNER):        # a spin box's inner text box: clicked there, the box is
            if kind == QEvent.Type.MouseButtonPress:
                watched.parentWidget().setProperty(_CLICKED, True)
            return False                    # (its wheel goes on to the box, which decides)
        if kind == QEvent.Type.MouseButtonPress:
            watched.setProperty(_CLICKED, True)
            return False
        if kind == QEvent.Type.FocusOut:
            watched.setProperty(_CLICKED, False)
            return False
        if kind != QEvent.Type.Wheel or (watched.hasFocus() and watched.property(_CLICKED)):
            return False
        scroll = _scroll_area_of(watched)
        if scroll is not None:
            QApplication.sendEvent(scroll.verticalScrollBar(), event)
        return True


_CLICKED = "goldseam_clicked"
_INNER = "goldseam_inner_text_box"
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
        inner = widget.findChild(QLineEdit)
        if inner is not None and inner.parentWidget() is widget:
            inner.setProperty(_INNER, True)
            inner.installEventFilter(_guard)
