"""What a screen reader hears: headings, text that changes, and announcements.

Labels carry no fixed accessible name: a screen reader reads their text, so what it
says is always what the screen shows. Text that appears or changes while the person
is elsewhere on the screen is announced once, where it changes, never on a timer.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QAccessibleWidget, QLabel, QWidget

_HEADING = "goldseamHeading"
_installed = False


def install_interfaces() -> None:
    """Our own accessible interfaces (headings, scroll areas) in place of Qt's, before a screen
    reader asks about the first widget; calling it again does nothing."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def make_heading(label: QLabel) -> QLabel:
    """Mark `label` as a heading, so a screen reader can jump from heading to heading."""
    install_interfaces()
    label.setProperty(_HEADING, True)
    if QAccessible.isActive():
        # A screen reader may already have asked about it (a label made with its text, on a
        # screen built while one listens): forget that answer, so the next one is a heading.
        interface = QAccessible.queryAccessibleInterface(label)
        if interface is not None and interface.role() != QAccessible.Role.Heading:
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))
    return label


def set_text(label: QLabel, text: str, announce: bool = False) -> None:
    """Show `text` in `label` and let a screen reader read exactly that; `announce`
    also says it out loud once (only when it changed, so a repeated call stays quiet)."""
    changed = label.text() != text
    label.setText(text)
    if label.accessibleName():
        label.setAccessibleName("")
    if announce and changed and text:
        say(label, text)


def describe(widget: QWidget, text: str) -> None:
    """Tie what the screen says about a field (its question, its hint) to the field."""
    setter = getattr(widget, "set_description", None)
    if setter is not None:
        setter(text)
    else:
        widget.setAccessibleDescription(text)


def say(widget: QWidget, text: str) -> None:
    """Say `text` once to whatever screen reader is listening: a notification appears in the
    widget's window. Orca 43 (Debian 12) does not hear AT-SPI announcements; Orca 43 and every
    newer Orca present a notification that appears, once (sending both, a newer Orca said it twice)."""
    if text and QAccessible.isActive():
        _tell(widget, plain(text))


def _tell(widget: QWidget, text: str) -> None:
    window = widget.window()
    herald = window.findChild(_Herald, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if herald is None:
        herald = _Herald(window)
    herald.tell(text)


def plain(text: str) -> str:
    """The words of a label's text without its few formatting tags."""
    if "<" not in text:
        return text
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(text)
    return " ".join(document.toPlainText().split())


class _Heading(QAccessibleWidget):
    """A label that a screen reader announces as a heading, named by its text."""

    def __init__(self, label: QLabel):
        super().__init__(label, QAccessible.Role.Heading)

    def text(self, kind):
        if kind == QAccessible.Text.Name:
            return plain(self.widget().text())
        return super().text(kind)


class _Herald(QWidget):
    """A notification a screen reader hears as it appears, and nobody sees (one pixel, painted
    with nothing). It disappears again a moment later, so a window shown again later does not
    repeat its last news."""

    HOLD_MS = 2000

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.message = ""
        self.setFixedSize(1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._hide_later = QTimer(self, singleShot=True, interval=self.HOLD_MS, timeout=self.hide)

    def tell(self, text: str) -> None:
        self.hide()             # shown again below: a new "showing", heard again
        self.message = text
        if self.window().isVisible():
            self.show()
            self._hide_later.start()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        pass


class _Notification(QAccessibleWidget):
    def __init__(self, herald: _Herald):
        super().__init__(herald, QAccessible.Role.Notification)

    def text(self, kind):
        if kind == QAccessible.Text.Name:
            return self.widget().message
        return super().text(kind)


class _ScrollArea(QAccessibleWidget):
    """A scroll area as Qt presents it (its viewport, then each scroll bar and corner shown), but
    asked for a child that is gone it answers "none". Qt 6.11's own interface reads past the end
    of its list instead: a screen reader that counted two children (a scroll bar shown) and asked
    for the second after the bar was hidden crashed Goldseam (seen going home from a pause)."""

    def __init__(self, area: QAbstractScrollArea):
        super().__init__(area, QAccessible.Role.Client)

    def _children(self) -> list:
        area = self.widget()
        if area is None:
            return []
        found = [area.viewport()] if area.viewport() is not None else []
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            if bar is not None and bar.isVisible() and bar.parentWidget() is not None:
                found.append(bar.parentWidget())        # the bar's container, as Qt gives it
        corner = area.cornerWidget()
        if corner is not None and corner.isVisible():
            found.append(corner)
        return found

    def childCount(self) -> int:  # noqa: N802 - Qt naming
        return len(self._children())

    def child(self, index: int):
        children = self._children()
        return QAccessible.queryAccessibleInterface(children[index]) if 0 <= index < len(children) else None

    def indexOfChild(self, child) -> int:  # noqa: N802 - Qt naming
        widget = child.object() if child is not None else None
        children = self._children()
        return children.index(widget) if widget in children else -1


def _factory(key: str, obj):
    if isinstance(obj, _Herald):
        return _Notification(obj)
    if key == "QLabel" and obj.property(_HEADING):
        return _Heading(obj)
    if key in ("QScrollArea", "QAbstractScrollArea") and isinstance(obj, QAbstractScrollArea):
        return _ScrollArea(obj)
    return None
