"""Step 2: a real pause. Choose how long, see the time come round, say "I'm back".

The page only shows what core.pause computes from the clock; it counts no
ticks, so a pause survives a closed window or a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QSpinBox, QStackedWidget,
                               QVBoxLayout, QWidget)

from ...core import clock, pause as pause_rules
from ...core.moment import MAX_PAUSE_MINUTES
from ...i18n import _, ngettext
from .page_base import WizardPage


class PausePage(WizardPage):
    def __init__(self, now: Callable[[], datetime] = clock.now, parent: QWidget | None = None):
        super().__init__(parent)
        self._now = now
        self.states = QStackedWidget()
        self.states.addWidget(self._build_choose())
        self.states.addWidget(self._build_running())
        self.states.addWidget(self._build_back())
        self.body.addWidget(self.states)
        self.body.addStretch(1)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh)

    # -- the three states ---------------------------------------------------

    def _build_choose(self) -> QWidget:
        page, layout = _column()
        advice = QLabel(_(
            "If you are flooded, step away for a while: at least twenty minutes, and less than a day. "
            "Go somewhere on your own and do something that soothes you. Try not to replay the argument."))
        advice.setWordWrap(True)
        say = QFrame(objectName="Card")
        say_layout = QVBoxLayout(say)
        say_label = QLabel(_("You could tell them:"))
        say_label.setObjectName("Quiet")
        self.say_text = QLabel(_("\u201cI need some time. I want to come back to this.\u201d"))
        self.say_text.setWordWrap(True)
        self.say_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        say_layout.addWidget(say_label)
        say_layout.addWidget(self.say_text)
        self.minutes = _minutes_box(pause_rules.SUGGESTED_MINUTES, _(" minutes"),
                                    _("How many minutes you will be away"))
        self.start_button = QPushButton(_("Start the pause"))
        self.start_button.setObjectName("Primary")
        self.start_button.setAccessibleName(_("Start the pause"))
        self.start_button.clicked.connect(self._start)
        row = QHBoxLayout()
        label = QLabel(_("I will come back in"))
        label.setBuddy(self.minutes)
        row.addWidget(label)
        row.addWidget(self.minutes)
        row.addWidget(self.start_button)
        row.addStretch(1)
        no_need = QLabel(_("If you feel steady enough, you can skip this step."))
        no_need.setObjectName("Hint")
        layout.addWidget(advice)
        layout.addWidget(say)
        layout.addLayout(row)
        layout.addWidget(no_need)
        layout.addStretch(1)
        return page

    def _build_running(self) -> QWidget:
        page, layout = _column()
        self.countdown = QLabel(objectName="Countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName(_("Time left in the pause"))
        self.return_label = QLabel()
        self.return_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.return_label.setWordWrap(True)
        self.back_button = QPushButton(_("I'm back"))
        self.back_button.setObjectName("Primary")
        self.back_button.setAccessibleName(_("I'm back"))
        self.back_button.clicked.connect(self._come_back)
        self.more = _minutes_box(10, _(" more minutes"), _("How many more minutes you need"))
        self.more_button = QPushButton(_("I need more time"))
        self.more_button.setAccessibleName(_("I need more time"))
        self.more_button.clicked.connect(self._extend)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.more)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        kept = QLabel(_("You can close Goldseam; the pause keeps its time and this step waits for you."))
        kept.setObjectName("Hint")
        kept.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kept.setWordWrap(True)
        layout.addStretch(1)
        layout.addWidget(self.countdown)
        layout.addWidget(self.return_label)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        layout.addWidget(kept)
        layout.addStretch(1)
        return page

    def _build_back(self) -> QWidget:
        page, layout = _column()
        self.back_message = QLabel()
        self.back_message.setWordWrap(True)
        self.back_message.setObjectName("Question")
        again = QPushButton(_("Take another pause"))
        again.setAccessibleName(_("Take another pause"))
        again.clicked.connect(lambda: self.states.setCurrentIndex(0))
        row = QHBoxLayout()
        row.addWidget(again)
        row.addStretch(1)
        layout.addWidget(self.back_message)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- behaviour ----------------------------------------------------------

    def first_focus(self) -> QWidget:
        return [self.minutes, self.back_button, self.back_message][self.states.currentIndex()]

    def load(self) -> None:
        self._refresh()

    def on_leave(self) -> None:
        """Moving on from a running pause means the person is back."""
        if self.moment is not None and pause_rules.is_running(self.moment.pause):
            pause_rules.come_back(self.moment.pause, self._now())
            self.edited.emit()
        self._refresh()

    def _start(self) -> None:
        pause_rules.start(self.moment.pause, self.minutes.value(), self._now())
        self.edited.emit()
        self._refresh()
        self.back_button.setFocus()

    def _come_back(self) -> None:
        pause_rules.come_back(self.moment.pause, self._now())
        self.edited.emit()
        self._refresh()

    def _extend(self) -> None:
        pause_rules.extend(self.moment.pause, self.more.value(), self._now())
        self.edited.emit()
        self._refresh()

    def _refresh(self) -> None:
        if self.moment is None:
            return
        pause = self.moment.pause
        if pause_rules.is_running(pause):
            self.states.setCurrentIndex(1)
            left = pause_rules.seconds_left(pause, self._now())
            back_at = clock.from_iso(pause.return_at).astimezone().strftime("%H:%M")
            self.countdown.setText(pause_rules.format_countdown(left))
            if left > 0:
                self.return_label.setText(_("You said you would be back at %s. Take the time you promised yourself.") % back_at)
            else:
                self.return_label.setText(_("It is %s: the time you named has come. Come back when you are ready.") % back_at)
            if self.isVisible() and not self._tick.isActive():
                self._tick.start()
            return
        self._tick.stop()
        if pause.returned_at is not None:
            self.states.setCurrentIndex(2)
            minutes = pause.minutes_planned or 0
            self.back_message.setText(
                ngettext("Welcome back. You gave yourself {n} minute and came back: that is part of the repair.",
                         "Welcome back. You gave yourself {n} minutes and came back: that is part of the repair.",
                         minutes).format(n=minutes))
        else:
            self.states.setCurrentIndex(0)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self._refresh()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().hideEvent(event)
        self._tick.stop()


def _minutes_box(value: int, suffix: str, accessible_name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(pause_rules.MIN_MINUTES, MAX_PAUSE_MINUTES)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAccessibleName(accessible_name)
    box.setMinimumWidth(160)
    return box


def _column() -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    return page, layout
