"""What a screen reader hears: headings, text that changes, and announcements.

Labels carry no fixed accessible name: a screen reader reads their text, so what it
says is always what the screen shows. Text that appears or changes while the person
is elsewhere on the screen is announced once, where it changes, never on a timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea

# Qt.FocusPolicy, Qt.WidgetAttribute and the item views are imported where they are used: home
# imports this module before its first paint, and the Qt namespace alone costs about 15 ms there.

_HEADING = "goldseamHeading"
_SECTION = "goldseamSection"
_QUIET = "goldseamQuiet"
_NO_VALUE = "goldseamNoValue"
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
            present_anew(label)
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


def read_first_item_on_entry(view: QAbstractItemView) -> None:
    """Tabbing into `view`, a screen reader hears the item the arrows start from. Qt makes the
    first item current as the focus arrives but tells no screen reader which item has the
    focus, so Orca said "List with 2 items" and Down read the second. Once the focus is in, the
    current item (the first when none was) is said to have it, as Qt says when an arrow moves."""
    view.installEventFilter(_FirstItem(view))


class _FirstItem(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.FocusIn and QAccessible.isActive():
            model = watched.model()
            if model is not None and model.rowCount(watched.rootIndex()) > 0:
                if not watched.currentIndex().isValid():
                    from PySide6.QtCore import QItemSelectionModel

                    watched.selectionModel().setCurrentIndex(model.index(0, 0, watched.rootIndex()),
                                                             QItemSelectionModel.SelectionFlag.NoUpdate)
                QTimer.singleShot(0, watched, lambda: _say_focused(watched, watched.currentIndex().row()))
        return False


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
    # Once the event being handled is done: a screen change sends a screen reader hundreds of
    # events and then a focus move, and Orca 43, catching up, drops every "appeared" that came
    # before that move (it kept none of the news said as a step opened from home).
    window = widget.window()
    QTimer.singleShot(0, window, lambda: _Herald(window, text) if window.isVisible() else None)


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
    with nothing). Each piece of news is a new one: Orca drops an event that a later one about
    the same object makes out of date, and a busy Orca (a screen change sends it hundreds of
    events) was still behind when the same notification was shown again or hidden, so it said
    nothing. It goes away on its own once any reader has long had it."""

    LIFETIME_MS = 15_000

    def __init__(self, window: QWidget, text: str):
        super().__init__(window)
        self.message = text
        from PySide6.QtCore import Qt

        self.setFixedSize(1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.show()
        QTimer.singleShot(self.LIFETIME_MS, self, self.deleteLater)

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


class _Quiet(QAccessibleWidget):
    """For a screen reader a plain container, never read: a stack of screens (Qt gives it the
    role "layered pane", and Orca said "layered pane" at nearly every screen change) or what
    only repeats for the eye what is read elsewhere (the steps' progress bar: Orca said
    "40 percent" before each step's name)."""

    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.Client)


def keep_quiet(widget: QWidget) -> QWidget:
    """`widget` only shows what a screen reader hears elsewhere: it is not read."""
    install_interfaces()
    widget.setProperty(_QUIET, True)
    return widget


class _Section(QAccessibleWidget):
    """A part of a screen with a name a screen reader says as the focus enters it (a step)."""

    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.Grouping)


def name_section(widget: QWidget, name: str) -> None:
    """Give `widget` a name that is read when the focus enters it: the step a field is on. Orca
    43 and newer read the names of the groups the focus moves into; a name on a plain widget is
    not read."""
    install_interfaces()
    widget.setProperty(_SECTION, True)
    widget.setAccessibleName(name)


class _Unset(QAccessibleWidget):
    """A slider with no value yet: the same slider for a screen reader, without a number."""

    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.Slider)


def show_no_value(slider: QWidget, unset: bool) -> None:
    """Whether `slider` is read with a number. Unset, a screen reader hears "slider" and its
    description, not the number its handle rests on: Orca 43 read an unrated strength as
    "slider 5". A slider's value is a separate part of what Qt tells a screen reader, so the
    slider is presented anew, and said again when it has the focus."""
    install_interfaces()
    if bool(slider.property(_NO_VALUE)) == unset:
        return
    slider.setProperty(_NO_VALUE, unset)
    present_anew(slider)                # the next question gets the new kind of answer
    if QAccessible.isActive() and slider.hasFocus():
        QTimer.singleShot(0, slider, lambda: _say_focused(slider))


def present_anew(widget: QWidget) -> None:
    """A screen reader forgets what it was told about `widget` (what it asks about that again
    is gone) and Qt presents the widget anew when next asked. Adding a dialog's first page tab
    tells a screen reader that the tab was chosen, before the dialog appears: Orca 43 took the
    tab for the focus of an already active window and never said the dialog's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is not None:
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))


def _say_focused(widget: QWidget, child: int | None = None) -> None:
    """Tell a screen reader that `widget` (its row `child`, in a list: a list's children are its
    rows) has the focus, as Qt tells it when the focus moves there."""
    if widget.hasFocus() and (child is None or child >= 0):
        event = QAccessibleEvent(widget, QAccessible.Event.Focus)
        if child is not None:
            event.setChild(child)
        QAccessible.updateAccessibility(event)


def _factory(key: str, obj):
    if obj.property(_NO_VALUE):
        return _Unset(obj)
    if key == "QStackedWidget" or obj.property(_QUIET):
        return _Quiet(obj)
    if obj.property(_SECTION):
        return _Section(obj)
    if isinstance(obj, _Herald):
        return _Notification(obj)
    if key == "QLabel" and obj.property(_HEADING):
        return _Heading(obj)
    if key in ("QScrollArea", "QAbstractScrollArea"):
        from PySide6.QtWidgets import QAbstractScrollArea

        if isinstance(obj, QAbstractScrollArea):
            return _ScrollArea(obj)
    return None
