""""Breathe" from home: the breathing guide on a screen of its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import _
from .accessible import make_heading, say
from .breathing_guide import BreathingGuide
from .keyboard import press_on_enter
from .scrolling import FocusFollower, vertical_scroll


class BreathingView(QWidget):
    left = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = make_heading(QLabel(_("Breathe"), objectName="PageTitle"))
        self.home_button = QPushButton(_("Back &home"))
        self.home_button.setAccessibleName(_("Back home"))
        intro = QLabel(_("Slow breathing calms a body that is on alert. Follow the shape: it grows as you "
                         "breathe in and shrinks as you breathe out. Two minutes is enough to feel a difference."),
                       objectName="Hint")
        intro.setWordWrap(True)
        self.guide = BreathingGuide()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.addWidget(intro)
        column.addWidget(self.guide, 1)
        self.scroll = vertical_scroll(content)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.home_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        press_on_enter(self)
        FocusFollower([self.scroll], self)
        self.home_button.clicked.connect(self._leave)

    def open(self) -> None:
        self.guide.first_focus().setFocus()
        say(self.title, _("Breathe"))

    def _leave(self) -> None:
        self.guide.stop()
        self.left.emit()
