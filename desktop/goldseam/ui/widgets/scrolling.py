"""Pages that scroll up and down, never sideways, on screens smaller than they are."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from .steady import pointing

# The spin box, combo box and text edit classes are imported in show_focus, which runs after the
# first paint: home, which scrolls, imports this module before it, and PySide makes each class
# when first imported (about 2 ms for these three).
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
    the layout has given it its place, without hiding where the person is typing."""
    scroll = _scroll_area_of(widget)
    if scroll is None:
        return

    def bring() -> None:
        _settle_layout()
        scroll.ensureWidgetVisible(widget)
        show_focus(scroll)

    QTimer.singleShot(0, scroll, bring)


def show_focus(scroll: QScrollArea) -> None:
    """Keep the focused control of `scroll` in view (for a text box, the line being typed),
    as Tab does by itself but a focus given by the program does not."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QPlainTextEdit

    focused = QApplication.focusWidget()
    if focused is None or not scroll.widget().isAncestorOf(focused):
        return
    _settle_layout()
    content = scroll.widget()
    if isinstance(focused, QPlainTextEdit):
        cursor = focused.cursorRect()
        centre = focused.viewport().mapTo(content, cursor.center())
        scroll.ensureVisible(centre.x(), centre.y(), 10, cursor.height())
        return
    control = focused
    while isinstance(control.parentWidget(), (QAbstractSpinBox, QComboBox)):
        control = control.parentWidget()        # the whole spin box, not its inner line edit
    centre = control.mapTo(content, control.rect().center())
    scroll.ensureVisible(centre.x(), centre.y(), control.width() // 2 + 10, control.height() // 2 + 10)


class FocusFollower(QObject):
    """Whenever the focus moves into one of `scrolls`, bring it into view (once laid out).
    Ends with its parent: the connection to the application goes with it."""

    def __init__(self, scrolls: list[QScrollArea], parent: QObject):
        super().__init__(parent)
        self._scrolls = scrolls
        QApplication.instance().focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        for scroll in self._scrolls:
            if new is not None and scroll.widget().isAncestorOf(new):
                if pointing(scroll.viewport()):
                    return      # worked with the mouse: the page stays still under the pointer
                QTimer.singleShot(0, scroll, lambda area=scroll: show_focus(area))
                return


def _settle_layout() -> None:
    """Lay out what was just shown or changed now, so positions are the final ones."""
    from PySide6.QtCore import QEvent

    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent
