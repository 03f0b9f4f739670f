"""A pause taken on its own, from home or `goldseam pause`: the same pause as the wizard's
second step (choose how long, breathe while it runs, come back), outside any repair."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...core import clock
from ...core.moment import RepairMoment
from ...i18n import _
from ..widgets.accessible import say
from ..widgets.scrolling import show_focus
from ..widgets.side_screen import frame_screen
from .pause_page import CHOOSE, PausePage


class PauseView(QWidget):
    edited = Signal(object)     # the pause moment changed: the promise keeper keeps it
    left = Signal()

    def __init__(self, now: Callable[[], datetime] = clock.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = QLabel(_("Step away for a while, and name when you will come back. "
                              "Goldseam keeps the time and calls you back."), objectName="Hint")
        self.intro.setWordWrap(True)
        self.page = PausePage(now)
        self.page.set_alone()
        self.title, self.home_button, self.scroll = frame_screen(
            self, _("A pause"), _("Back home; the pause keeps running"), [self.intro, self.page])
        self.home_button.clicked.connect(self._leave)
        self.page.after_back = self.home_button
        self.page.edited.connect(lambda: self.edited.emit(self.page.moment))
        self.page.state_changed.connect(self._state_changed)
        self.home_button.setAccessibleName(_("Back home"))

    def pause_pages(self) -> list:
        return [self.page]

    def guides(self) -> list:
        return [self.page.guide]

    def open(self, moment: RepairMoment, start_minutes: int | None = None) -> None:
        """Show a pause taken alone; with `start_minutes`, start it at once."""
        self.page.bind(moment)
        self._state_changed()
        if start_minutes is not None and self.page.states.currentIndex() == CHOOSE:
            self.page.minutes.setValue(start_minutes)
            self.page.start_button.click()
        else:
            self.page.first_focus().setFocus()
        say(self.title, _("A pause"))

    def _state_changed(self) -> None:
        """After coming back, "Take another pause" starts a new pause: the one just ended is
        already kept in the journal as it was."""
        self.home_button.setAccessibleName(_("Back home; the pause keeps running") if self.page.is_running()
                                           else _("Back home"))
        self.scroll.verticalScrollBar().setValue(0)     # a new state starts at its top
        QTimer.singleShot(0, self.scroll, lambda: show_focus(self.scroll))
        moment = self.page.moment
        if self.page.states.currentIndex() == CHOOSE and moment is not None and moment.pause.returned_at:
            self.page.bind(RepairMoment(kind="pause"))

    def _leave(self) -> None:
        self.page.on_leave()
        self.left.emit()
