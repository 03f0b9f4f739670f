"""Pages that scroll up and down, never sideways, on screens smaller than they are."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Qt.ScrollBarPolicy.ScrollBarAlwaysOff and Qt.FocusPolicy.NoFocus as plain numbers, set
# as properties: the first touch of the Qt namespace costs about 40 ms, and the home
# screen, which scrolls too, is the first paint.
_SCROLL_BAR_ALWAYS_OFF = 1
_NO_FOCUS = 0


def vertical_scroll(content: QWidget) -> QScrollArea:
    """`content` in a frameless area that scrolls up and down only, and is not a Tab stop
    of its own (the controls inside it are)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setProperty("horizontalScrollBarPolicy", _SCROLL_BAR_ALWAYS_OFF)
    scroll.setProperty("focusPolicy", _NO_FOCUS)
    scroll.setWidget(content)
    return scroll


def scroll_into_view(widget: QWidget) -> None:
    """Bring `widget` (a note that just appeared) into the visible part of its page, once
    the layout has given it its place."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        QTimer.singleShot(0, parent, lambda: parent.ensureWidgetVisible(widget))
