"""Nothing moves under the pointer: news appears in room kept for it, and a page a person
is working with the mouse is not scrolled for them (a click a moment later must land where
they aimed). With the keyboard, what appears or takes the focus is brought into view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# QEvent.Type's MouseButtonPress, MouseButtonDblClick and Wheel; KeyPress; Show, as plain numbers:
# every input event of the window passes here, from the first paint on.
_MOUSE = (2, 4, 31)
_KEY_PRESS = 6
_SHOW = 17


class Hands(QObject):
    """Which the person used last in a window, the mouse or the keys: watched on the
    window's native window, which every input event passes (not each widget's events)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("goldseam-hands")
        self.mouse = False
        self._window = window
        window.installEventFilter(self)         # its native window exists from the first show
        self._watching = None
        self._watch()

    def _watch(self) -> None:
        handle = self._window.windowHandle()
        if handle is not None and handle is not self._watching:
            handle.installEventFilter(self)
            self._watching = handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type().value
        if kind in _MOUSE:
            self.mouse = True
        elif kind == _KEY_PRESS:
            self.mouse = False
        elif kind == _SHOW and watched is self._window:
            self._watch()
        return False


def watch_hands(window: QWidget) -> Hands:
    return Hands(window)


def pointing(widget: QWidget) -> bool:
    """The person works with the mouse, and its pointer rests on the part of `widget` on
    screen (a page in a scroll area: the part its viewport shows)."""
    hands = widget.window().findChild(Hands, "goldseam-hands")
    if hands is None or not hands.mouse or not widget.isVisible():
        return False
    under = QApplication.widgetAt(QCursor.pos())
    return under is not None and (under is widget or widget.isAncestorOf(under))


def keep_room(label: QLabel, lines: int = 1) -> QLabel:
    """`label` is as tall as `lines` lines of its text even while empty, so a line of news
    ("Copied.") appearing in it moves nothing below it. Follows the text size."""
    _Room(label, lines)
    return label


class _Room(QObject):
    def __init__(self, label: QLabel, lines: int):
        super().__init__(label)
        self._lines = lines
        label.installEventFilter(self)
        self._fit(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish):
            self._fit(watched)
        return False

    def _fit(self, label: QLabel) -> None:
        margins = label.contentsMargins()
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * self._lines + margins.top() + margins.bottom())
