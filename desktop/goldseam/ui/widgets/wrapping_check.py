"""A check box whose words wrap. Qt's own check box keeps its words on one line, so a long one
(German, a large font) makes a whole page wider than a small screen. Here the box keeps only its
square, and its words stand beside it in a label that wraps; a click on the words ticks the box,
as a click on a check box's words does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget


class _ClickTicks(QObject):
    """A click on the words ticks the box; the words are greyed with the box."""

    def __init__(self, box: QCheckBox, label: QLabel):
        super().__init__(label)
        self._box, self._label = box, label
        label.installEventFilter(self)
        box.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if watched is self._box:
            if event.type() == QEvent.Type.EnabledChange:
                self._label.setEnabled(self._box.isEnabled())
            return False
        if (event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton
                and self._box.isEnabled() and watched.rect().contains(event.position().toPoint())):
            self._box.click()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return False


def wrapping_row(box: QCheckBox) -> QWidget:
    """`box` with its words moved into a wrapping label beside it; the row to lay out in its place.
    The box keeps its words as its accessible name, so a screen reader hears what it did."""
    words = box.text()
    if not box.accessibleName():
        box.setAccessibleName(words.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    box.setText("")
    label = QLabel(words)
    label.setObjectName("CheckWords")
    label.setWordWrap(True)
    label.setBuddy(box)
    _ClickTicks(box, label)
    label.setEnabled(box.isEnabled())
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(2)
    line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(label, 1)
    row.words = label
    return row
