"""The look back made ready before it is asked for, so its first rows show at once (issue 24).

Opening it the first time cost 200 to 300 ms on a 2-core machine, nearly all of it before any row
could show: importing its modules (40 to 65 ms: PySide makes every Qt subclass at import) and
building the page (70 to 90 ms: the list, the filters, the reading pane with its fields to correct
a moment in). Two things are done ahead, each when the window has nothing else to do:

- after the first paint, its modules are imported, one per turn of the event loop (about 3 MiB);
- when the person comes near it (the pointer over "Look back" or the recent moments, or the focus
  on them), the page is built (about 7 MiB), a moment before the click or the Enter that opens it.

A look back opened by its shortcut before either has happened is built then, as before. So is it
while a screen reader listens: building a page sends it hundreds of events (main_window's
build_screens_ahead says what Orca 43 made of them), and built as the focus lands on "Look back",
they would come just as the screen reader says where the focus is."""

from __future__ import annotations

import importlib
from typing import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

# What the first open of the look back imports before its first rows show (the reading pane
# shows the newest moment; its words are set out by review_document).
MODULES = ("goldseam.ui.review.review_view", "goldseam.core.review_document")
_NEAR = (QEvent.Type.Enter, QEvent.Type.FocusIn)


class LookBackAhead(QObject):
    """`build` makes the look back (the window's lazy property); `approaches` are the widgets a
    person passes on the way to it."""

    def __init__(self, build: Callable[[], object], approaches: Iterable[QWidget], parent: QObject | None = None):
        super().__init__(parent)
        self._build = build
        self._approaches = [widget for widget in approaches if widget is not None]
        self.built = False
        for widget in self._approaches:
            widget.installEventFilter(self)

    def import_modules(self) -> None:
        """Import what the look back needs, one module per turn of the event loop."""
        waiting = list(MODULES)

        def next_one() -> None:
            if waiting:
                importlib.import_module(waiting.pop(0))
                QTimer.singleShot(0, self, next_one)

        QTimer.singleShot(0, self, next_one)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if not self.built and event.type() in _NEAR and not QAccessible.isActive():
            self.built = True       # once: the build itself waits for the event to be handled
            QTimer.singleShot(0, self, self._make)
        return False

    def _make(self) -> None:
        for widget in self._approaches:
            widget.removeEventFilter(self)
        page = self._build()
        if isinstance(page, QWidget):
            page.ensurePolished()       # its style sheet applied to every child now, not at the click
