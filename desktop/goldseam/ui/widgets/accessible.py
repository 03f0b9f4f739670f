"""What a screen reader hears: headings, text that changes, and announcements.

Labels carry no fixed accessible name: a screen reader reads their text, so what it
says is always what the screen shows. Text that appears or changes while the person
is elsewhere on the screen is announced once, where it changes, never on a timer.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

_HEADING = "goldseamHeading"
_installed = False


def make_heading(label: QLabel) -> QLabel:
    """Mark `label` as a heading, so a screen reader can jump from heading to heading."""
    _install_heading_role()
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
    """Announce `text` once, politely, to whatever screen reader is listening."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, plain(text)))


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


def _heading_factory(key: str, obj):
    if key == "QLabel" and obj.property(_HEADING):
        return _Heading(obj)
    return None


def _install_heading_role() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_heading_factory)
        _installed = True
