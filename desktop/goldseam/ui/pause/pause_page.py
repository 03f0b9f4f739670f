"""Step 2: a real pause. Choose how long, see the time come round, say "I'm back".

The page only shows what core.pause computes from the clock; it counts no
ticks, so a pause survives a closed window or a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core import clock, pause as pause_rules
from ...core.moment import MAX_PAUSE_MINUTES
from ...i18n import _, ngettext
from ..widgets.accessible import say, set_text
from ..widgets.keyboard import clear_focus_within
from ..widgets.local_format import time_of_day
from ..widgets.wheel_guard import scroll_past
from ..widgets.wrapping_check import wrapping_row
from ..wizard.page_base import WizardPage

CHOOSE, RUNNING, BACK = range(3)


class PausePage(WizardPage):
    state_changed = Signal()
    ticked = Signal()           # the countdown moved on a second: the window's title follows
    chime_changed = Signal(bool)    # the person wants (or not) a soft chime when the time comes

    def __init__(self, now: Callable[[], datetime] = clock.now, parent: QWidget | None = None):
        super().__init__(parent)
        self._now = now
        self.after_back: QWidget | None = None     # where "I'm back" hands the focus: set by the screen around it
        from ..breathing.breathing_guide import BreathingGuide  # the wizard is built on first use, not at start

        self.guide = BreathingGuide(compact=True)
        self.states = _States()
        self.states.addWidget(self._build_choose())
        self.states.addWidget(self._build_running())
        self.states.addWidget(self._build_back())
        self.body.addWidget(self.states)
        self.body.addStretch(1)
        self.states.currentChanged.connect(self.state_changed)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh)
        self._time_came_said_for: str | None = None    # the return time already announced

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
        # Named as its label reads ("I will come back in 20 minutes"): Orca 43 said the label and
        # then a different name ("I will come back in How many minutes you will be away 20 minutes").
        self.minutes = _minutes_box(pause_rules.SUGGESTED_MINUTES, _("I will come back in"),
                                    lambda n: ngettext(" minute", " minutes", n), self._start)
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
        self.chime_box = QCheckBox(_("Play a soft chime when it is time to come back"))
        self.chime_box.setAccessibleName(_("Play a soft chime when it is time to come back"))
        self.chime_box.toggled.connect(self.chime_changed)
        self.no_need = no_need = QLabel(_("If you feel steady enough, you can skip this step."))
        no_need.setObjectName("Hint")
        no_need.setWordWrap(True)      # German 'Schon ein paar Minuten Abstand …' is wider than a small screen
        layout.addWidget(advice)
        layout.addWidget(say)
        layout.addLayout(row)
        layout.addWidget(wrapping_row(self.chime_box))     # long words wrap (German at 200 %)
        layout.addWidget(no_need)
        layout.addStretch(1)
        return page

    def _build_running(self) -> QWidget:
        page, layout = _column()
        self.countdown = QLabel("00:00:00", objectName="Countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A fixed size: a new second repaints the label alone, never the page's layout.
        self.countdown.ensurePolished()
        self.countdown.setFixedSize(self.countdown.sizeHint())
        self.return_label = QLabel()
        self.return_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.return_label.setWordWrap(True)
        self.back_button = QPushButton(_("I'm back"))
        self.back_button.setObjectName("Primary")
        self.back_button.setAccessibleName(_("I'm back"))
        self.back_button.clicked.connect(self._come_back)
        self.more = _minutes_box(10, _("How many more minutes you need"),
                                 lambda n: ngettext(" more minute", " more minutes", n), self._extend)
        self.more_button = QPushButton(_("I need more time"))
        self.more_button.setAccessibleName(_("I need more time"))
        self.more_button.clicked.connect(self._extend)
        buttons = QHBoxLayout()
        countdown_row = QHBoxLayout()
        countdown_row.addStretch(1)
        countdown_row.addWidget(self.countdown)
        countdown_row.addStretch(1)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.more)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        self.early = self._build_early()
        self.kept = kept = QLabel(_("You can close Goldseam or put it away: at the time you named it calls you "
                                    "back, and this step waits for you."))
        kept.setObjectName("Hint")
        kept.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kept.setWordWrap(True)
        ideas = QFrame(objectName="Card")
        ideas_column = QVBoxLayout(ideas)
        ideas_title = QLabel(_("While you wait"), objectName="Quiet")
        self.ideas_text = QLabel(_(
            "Do something that soothes you: walk, stretch, drink a glass of water, listen to music, "
            "or breathe slowly with the guide below. Try not to go over the argument in your head; "
            "rehearsing it keeps the body on alert. It will still be there, and you will meet it calmer."))
        self.ideas_text.setWordWrap(True)
        ideas_column.addWidget(ideas_title)
        ideas_column.addWidget(self.ideas_text)
        layout.addLayout(countdown_row)
        layout.addWidget(self.return_label)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        layout.addWidget(self.early)
        layout.addWidget(kept)
        layout.addSpacing(12)
        layout.addWidget(ideas)
        layout.addWidget(self.guide)
        layout.addStretch(1)
        return page

    def _build_early(self) -> QFrame:
        """Asked when "I'm back" is pressed in a pause's first minute: a second Enter after the
        one that started it must not end a 20-minute pause (and count it as kept)."""
        early = QFrame(objectName="Card")
        early.setVisible(False)
        column = QVBoxLayout(early)
        self.early_text = QLabel(_("This pause began less than a minute ago. Do you want to end it already?"))
        self.early_text.setWordWrap(True)
        self.keep_pausing_button = QPushButton(_("Keep pausing"))
        self.keep_pausing_button.setAccessibleName(_("Keep pausing"))
        self.keep_pausing_button.clicked.connect(self._keep_pausing)
        self.end_now_button = QPushButton(_("End the pause"))
        self.end_now_button.setAccessibleName(_("End the pause"))
        self.end_now_button.clicked.connect(self._end_early)
        row = QHBoxLayout()
        row.addWidget(self.keep_pausing_button)
        row.addWidget(self.end_now_button)
        row.addStretch(1)
        column.addWidget(self.early_text)
        column.addLayout(row)
        return early

    def _build_back(self) -> QWidget:
        page, layout = _column()
        self.back_message = QLabel()
        self.back_message.setWordWrap(True)
        self.back_message.setObjectName("Question")
        self.again_button = QPushButton(_("Take another pause"))
        self.again_button.setAccessibleName(_("Take another pause"))
        self.again_button.clicked.connect(self._choose_again)
        row = QHBoxLayout()
        row.addWidget(self.again_button)
        row.addStretch(1)
        layout.addWidget(self.back_message)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- behaviour ----------------------------------------------------------

    def first_focus(self) -> QWidget:
        return [self.minutes, self.back_button, self.again_button][self.states.currentIndex()]

    def has_own_primary(self) -> bool:
        """While a pause is chosen or running, its own button is the main one on screen."""
        return self.states.currentIndex() in (CHOOSE, RUNNING)

    def set_alone(self) -> None:
        """Taken on its own, not as a step of a repair: say so where the words differ."""
        self.kept.setText(_("You can close Goldseam or put it away: at the time you named it calls you back."))
        self.no_need.setText(_("Even a few minutes away can help a body settle."))

    def set_chime(self, on: bool) -> None:
        if self.chime_box.isChecked() != on:
            self.chime_box.blockSignals(True)
            self.chime_box.setChecked(on)
            self.chime_box.blockSignals(False)

    def set_suggested_minutes(self, minutes: int) -> None:
        """The length offered for a new pause (the settings' pause length)."""
        if not self.is_running():
            self.minutes.setValue(minutes)

    def is_running(self) -> bool:
        return self.moment is not None and pause_rules.is_running(self.moment.pause)

    def return_time(self) -> str:
        """The promised time of return, as the clock on the wall shows it."""
        return time_of_day(self.moment.pause.return_at, self._now())

    def load(self) -> None:
        self._refresh()

    def on_leave(self) -> None:
        self._tick.stop()
        self.guide.stop()

    def come_back(self) -> None:
        self._apply(pause_rules.come_back)

    def _start(self) -> None:
        self._act(pause_rules.start, self.minutes.value())

    def _extend(self) -> None:
        self._act(pause_rules.extend, self.more.value())

    def _come_back(self) -> None:
        if pause_rules.is_settling(self.moment.pause, self._now()):
            self.early.setVisible(True)         # below the buttons: nothing under the pointer moves
            self.keep_pausing_button.setFocus()     # the harmless answer takes a stray Enter
            say(self.early_text, self.early_text.text())
            return
        self._act(pause_rules.come_back)

    def _keep_pausing(self) -> None:
        if self.early.isAncestorOf(self.focusWidget()):
            self.back_button.setFocus()         # first: hiding the focus would pass it down the page
        self.early.setVisible(False)

    def _end_early(self) -> None:
        self.early.setVisible(False)
        self._act(pause_rules.come_back)

    def _choose_again(self) -> None:
        self._show_state(CHOOSE)
        self.minutes.setFocus()

    def _apply(self, rule: Callable[..., None], *args: int) -> None:
        """One of the pause's rules, told the time now; the draft and the screen follow."""
        rule(self.moment.pause, *args, self._now())
        self.edited.emit()
        self._refresh()

    def _act(self, rule: Callable[..., None], *args: int) -> None:
        """A button of the pause pressed: the rule, then the focus on the new state's first
        button and its news said once."""
        self._apply(rule, *args)
        back = self.states.currentIndex() == BACK
        # Back from a pause, Enter once more goes on (the step's Next, or home), never into a second pause.
        (self.after_back if back and self.after_back is not None else self.first_focus()).setFocus()
        news = self.back_message if back else self.return_label
        say(news, news.text())

    def _show_state(self, state: int) -> None:
        if self.states.currentIndex() != state:
            clear_focus_within(self.states.currentWidget())    # the caller gives it where it belongs
            self.states.setCurrentIndex(state)

    def _refresh(self) -> None:
        if self.moment is None:
            return
        pause = self.moment.pause
        if pause_rules.is_running(pause):
            self._show_state(RUNNING)
            left = pause_rules.seconds_left(pause, self._now())
            back_at = self.return_time()
            self.countdown.setText(pause_rules.format_countdown(left))
            self.ticked.emit()
            self.kept.setVisible(left > 0)      # once the time has come, the call has been made
            if self.early.isVisible() and not pause_rules.is_settling(pause, self._now()):
                self._keep_pausing()            # its first minute is over: "I'm back" is a coming back now
            if left > 0:
                set_text(self.return_label, _("You said you would be back at {time}. "
                                              "Take the time you promised yourself.").format(time=back_at))
            else:
                # Said once when the time comes while the page is open, never each second.
                came = pause.return_at != self._time_came_said_for and self.isVisible()
                set_text(self.return_label, _("It is {time}: the time you named has come. "
                                              "Come back when you are ready.").format(time=back_at), announce=came)
                if came:
                    self._time_came_said_for = pause.return_at
            if self.isVisible() and not self._tick.isActive():
                self._tick.start()
            return
        self._tick.stop()
        self.guide.stop()
        self.early.setVisible(False)
        if pause.returned_at is not None:
            self._show_state(BACK)
            set_text(self.back_message, _welcome_back(pause))
        else:
            self._show_state(CHOOSE)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self._refresh()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().hideEvent(event)
        self._tick.stop()


def _welcome_back(pause) -> str:
    """What coming back means, never a scolding: the promise kept, more time asked for, or late."""
    if pause.outcome == "extended":
        return _("Welcome back. You asked for more time when you needed it, and came back: "
                 "that keeps the promise too.")
    if pause.outcome == "missed":
        return _("Welcome back. Coming back, even later than you planned, is part of the repair.")
    if pause_rules.was_stopped(pause):
        return _("The pause ended before its first minute was over. You can take another whenever you need it.")
    minutes = pause.minutes_planned or 0
    return ngettext("Welcome back. You gave yourself {n} minute and came back: that is part of the repair.",
                    "Welcome back. You gave yourself {n} minutes and came back: that is part of the repair.",
                    minutes).format(n=minutes)


class _States(QWidget):
    """One state shown at a time, the page as tall as that state alone. (A QStackedWidget is as
    tall as its tallest page, here the running pause with its breathing guide, so choosing a
    pause would scroll into empty space.) Hidden widgets take no room in a box layout."""

    currentChanged = Signal(int)

    def __init__(self):
        super().__init__()
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._states: list[QWidget] = []
        self._current = -1

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - as QStackedWidget
        self._column.addWidget(widget)
        self._states.append(widget)
        if self._current < 0:
            self._current = 0
        else:
            widget.setVisible(False)

    def count(self) -> int:
        return len(self._states)

    def widget(self, index: int) -> QWidget:
        return self._states[index]

    def currentIndex(self) -> int:  # noqa: N802 - as QStackedWidget
        return self._current

    def currentWidget(self) -> QWidget:  # noqa: N802 - as QStackedWidget
        return self._states[self._current]

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - as QStackedWidget
        if index == self._current:
            return
        self._states[index].setVisible(True)
        self._states[self._current].setVisible(False)
        self._current = index
        self.currentChanged.emit(index)


class _EnterActs(QObject):
    """Enter or Return in a minutes box does what the button beside it does."""

    def __init__(self, box: QSpinBox, act: Callable[[], None]):
        super().__init__(box)
        self._act = act
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            watched.interpretText()
            self._act()
            return True
        return False


def _minutes_box(value: int, accessible_name: str, suffix: Callable[[int], str],
                 on_enter: Callable[[], None]) -> QSpinBox:
    box = QSpinBox()
    box.setRange(pause_rules.MIN_MINUTES, MAX_PAUSE_MINUTES)
    box.setAccessibleName(accessible_name)
    box.valueChanged.connect(lambda n: box.setSuffix(suffix(n)))
    box.setValue(value)
    box.setSuffix(suffix(value))
    box.setMinimumWidth(150)
    _EnterActs(box, on_enter)
    scroll_past(box)
    return box


def _column() -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    return page, layout
