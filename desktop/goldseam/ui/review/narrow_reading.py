"""The look back on a narrow window (a small screen, 200 % scale, a large font): the list and the
moment being read cannot stand side by side without crushing the list to a sliver, so they take
turns. The list fills the width; Enter or a double-click on a moment opens it over the list, and
"Back to the list" (or Esc) returns to the same row. Wide enough for both, nothing changes.

This object alone decides what of the two is shown, so the review only says whether there is
anything to read (show_moments) and asks for the list back (back_to_list)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPushButton, QWidget

from ...i18n import _
from ..widgets.local_format import date_and_time

# A long date as a row shows it (in bold, in the person's language): the list is never narrower.
LONG_DATE = datetime(2026, 9, 30, 22, 56)


class NarrowReading(QObject):
    def __init__(self, page: QWidget, left: QWidget, detail: QWidget, rows: QAbstractItemView,
                 splitter_handle: int = 6):
        super().__init__(page)
        self._page, self._left, self._detail, self._rows = page, left, detail, rows
        self._handle = splitter_handle
        # Narrow until the first layout says otherwise: the moment beside the list only appears where
        # it fits, so it never forces a small window wider than the screen, even for a moment.
        self.narrow = True
        self.reading = False
        self._has_moments = True
        self.back_button = QPushButton(_("&Back to the list"))
        self.back_button.setAccessibleName(_("Back to the list of moments"))
        self.back_button.clicked.connect(self.back_to_list)
        self.back_button.setVisible(False)
        rows.activated.connect(self.read)          # Enter
        rows.doubleClicked.connect(self.read)      # a double-click (not always an activation)
        page.installEventFilter(self)
        self._apply()
        QTimer.singleShot(0, self._reflow)

    def show_moments(self, any_to_read: bool) -> None:
        """Whether the journal holds anything (an empty one shows only its kind words)."""
        self._has_moments = any_to_read
        if not any_to_read:
            self.reading = False
        self._apply()

    def read(self, *_index) -> None:
        """On a narrow window, the chosen moment over the list; its first field takes the focus."""
        if not self.narrow or self.reading:
            return
        self.reading = True
        self._apply()
        _focus_first(self._detail)

    def back_to_list(self) -> bool:
        """The list again, at the row that was read; False when it was already shown."""
        if not self.reading:
            return False
        self.reading = False
        self._apply()
        self._rows.setFocus()
        self._rows.scrollTo(self._rows.currentIndex())
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if watched is self._page and event.type() == QEvent.Type.Resize:
            self._reflow()
        return False

    def _reflow(self) -> None:
        # A row's padding (2 x 10), the list's frame and padding, its scroll bar: 68 px besides the date.
        bold = QFont(self._rows.font())
        bold.setWeight(QFont.Weight.DemiBold)
        least_list = QFontMetrics(bold).horizontalAdvance(date_and_time(LONG_DATE)) + 68
        needed = least_list + self._handle + self._detail.minimumSizeHint().width()
        narrow = self._page.width() < needed
        # Side by side, the splitter may not give the moment the list's room (it shares by halves).
        self._left.setMinimumWidth(0 if narrow else least_list)
        if narrow != self.narrow:
            self.narrow = narrow
            # Narrowed while reading a moment: it stays in view, with the way back to the list.
            focus = QApplication.focusWidget()
            self.reading = narrow and focus is not None and self._detail.isAncestorOf(focus)
            self._apply()

    def _apply(self) -> None:
        reading = self.narrow and self.reading
        self._left.setVisible(not reading)
        self._detail.setVisible(self._has_moments and (reading or not self.narrow))
        self.back_button.setVisible(reading)


def _focus_first(pane: QWidget) -> None:
    """The first control of `pane` in Tab order."""
    widget = pane.nextInFocusChain()
    while widget is not pane and pane.isAncestorOf(widget):
        if widget.isVisibleTo(pane) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()
