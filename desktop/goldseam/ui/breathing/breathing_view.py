""""Breathe" from home: the breathing guide on a screen of its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...i18n import _
from ..widgets.accessible import say
from .breathing_guide import BreathingGuide
from ..widgets.side_screen import frame_screen


class BreathingView(QWidget):
    left = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel(_("Slow breathing calms a body that is on alert. Follow the shape: it grows as you "
                         "breathe in and shrinks as you breathe out. Two minutes is enough to feel a difference."),
                       objectName="Hint")
        intro.setWordWrap(True)
        self.guide = BreathingGuide()
        self.title, self.home_button, self.scroll = frame_screen(self, _("Breathe"), _("Back home"),
                                                                 [intro, self.guide])
        self.home_button.clicked.connect(self._leave)
        # While breathing, the words about it step aside: more room for the shape on a small screen.
        self.guide.started.connect(lambda: intro.setVisible(False))
        self.guide.stopped.connect(lambda: intro.setVisible(True))
        self.guide.finished.connect(lambda: intro.setVisible(True))

    def pause_pages(self) -> list:
        return []

    def guides(self) -> list:
        return [self.guide]

    def open(self) -> None:
        self.guide.first_focus().setFocus()
        say(self.title, _("Breathe"))

    def _leave(self) -> None:
        self.guide.stop()
        self.left.emit()
