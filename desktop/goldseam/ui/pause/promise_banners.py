"""What home says about a promise to come back: a pause running, its time come, a pause
whose time passed while Goldseam was closed, and a reminder to say something.

Each banner is one calm sentence and the answers that fit it, said once when it appears.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...core import pause as pause_rules
from ...core.moment import MAX_PAUSE_MINUTES
from ...i18n import _, ngettext
from ..widgets.accessible import say, set_text
from .promise_keeper import AWAY, CAME, NONE, RUNNING, DueReminder
from ..widgets.local_format import time_of_day
from ..widgets.wheel_guard import scroll_past

MORE_MINUTES = 10


def _button(label: str, name: str, primary: bool = False) -> QPushButton:
    button = QPushButton(label)
    button.setAccessibleName(name)
    if primary:
        button.setObjectName("Primary")
    return button


class PauseBanner(QFrame):
    """The pause, as home shows it."""

    open_requested = Signal()           # go back to the pause screen
    back = Signal()                     # "I'm back"
    more_time = Signal(int)             # "I need more time": so many more minutes
    answered = Signal(bool)             # after being away: did they come back?

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = _button(_("Go to the pause"), _("Go to the pause"), primary=True)
        self.back_button = _button(_("I'm back"), _("I'm back"), primary=True)
        self._more: QSpinBox | None = None       # made when first needed: the first spin box costs 10 ms
        self.more_button = _button(_("I need more time"), _("I need more time"))
        self.yes_button = _button(_("Yes, I came back"), _("Yes, I came back"), primary=True)
        self.no_button = _button(_("Not this time"), _("Not this time"))
        self._row = row = QHBoxLayout()
        for widget in (self.open_button, self.back_button, self.more_button, self.yes_button, self.no_button):
            row.addWidget(widget)
            widget.setVisible(False)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(row)
        self.open_button.clicked.connect(self.open_requested)
        self.back_button.clicked.connect(self.back)
        self.more_button.clicked.connect(lambda: self.more_time.emit(self.more.value()))
        self.yes_button.clicked.connect(lambda: self.answered.emit(True))
        self.no_button.clicked.connect(lambda: self.answered.emit(False))
        self._shown: tuple[str, str] | None = None
        self.setVisible(False)

    def show_state(self, state: str, back_at: str) -> None:
        """Show what fits the pause's state; said aloud once each time it changes."""
        self.setVisible(state != NONE)
        if state == NONE:
            self._shown = None
            return
        texts = {
            RUNNING: _("You are on a pause until {time}. Take the time you promised yourself; "
                       "Goldseam will call you back."),
            CAME: _("It is time: you said you would come back at {time}. There is no hurry. "
                    "Come back when you are ready, or ask for a little more time."),
            AWAY: _("You planned to come back at {time}. Did you?"),
        }
        set_text(self.text, texts[state].format(time=back_at))
        self.open_button.setVisible(state == RUNNING)
        for widget in (self.back_button, self.more_button) + ((self.more,) if state == CAME else ()):
            widget.setVisible(state == CAME)
        if self._more is not None and state != CAME:
            self._more.setVisible(False)
        self.yes_button.setVisible(state == AWAY)
        self.no_button.setVisible(state == AWAY)
        if self._shown != (state, back_at):
            self._shown = (state, back_at)
            if state != RUNNING and self.isVisible():      # not from a screen that is not shown
                say(self.text, self.text.text())

    def first_button(self) -> QPushButton:
        return next(b for b in (self.back_button, self.yes_button, self.open_button) if not b.isHidden())

    @property
    def more(self) -> QSpinBox:
        """How many more minutes, beside "I need more time"."""
        if self._more is None:
            self._more = QSpinBox()
            self._more.setRange(pause_rules.MIN_MINUTES, MAX_PAUSE_MINUTES)
            self._more.setValue(MORE_MINUTES)
            self._more.setAccessibleName(_("How many more minutes you need"))
            self._more.valueChanged.connect(self._more_suffix)
            scroll_past(self._more)
            self._more_suffix(MORE_MINUTES)
            self._row.insertWidget(self._row.indexOf(self.more_button), self._more)
            self.setTabOrder(self.back_button, self._more)
            self.setTabOrder(self._more, self.more_button)
            for later in (self.more_button, self.yes_button, self.no_button):
                later.raise_()      # a screen reader reads children in this order: as on screen
        return self._more

    def _more_suffix(self, n: int) -> None:
        self._more.setSuffix(ngettext(" more minute", " more minutes", n))


class ReminderBanner(QFrame):
    """A reminder to say what the person meant to say "later"."""

    done = Signal(str)          # the moment's id
    snooze = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.done_button = _button(_("Done"), _("Done: no more reminders for this"), primary=True)
        self.snooze_button = _button(_("Remind me in an hour"), _("Remind me in an hour"))
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addWidget(self.snooze_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(row)
        self._moment_id: str | None = None
        self.done_button.clicked.connect(lambda: self.done.emit(self._moment_id))
        self.snooze_button.clicked.connect(lambda: self.snooze.emit(self._moment_id))
        self.setVisible(False)

    def show_reminder(self, due: DueReminder | None) -> None:
        self.setVisible(due is not None)
        if due is None:
            self._moment_id = None
            return
        when = time_of_day(due.reminder.due_at)
        if due.reminder.moment_id == self._moment_id:
            return
        self._moment_id = due.reminder.moment_id
        if due.phrase.strip():
            text = _("At {time} you wanted to say to them:\n\u201c{phrase}\u201d\nNow may be a good moment.").format(
                time=when, phrase=due.phrase.strip())
        else:
            text = _("At {time} you wanted to reach back toward them. Now may be a good moment.").format(time=when)
        set_text(self.text, text, announce=self.isVisible())


class CallStrip(QFrame):
    """On any screen but home: the time has come (or a reminder is due), and the way home to
    answer. Home has the full question; here it is one line, so nothing being written is
    interrupted."""

    go_home = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = _button(_("Answer on the home screen"), _("Answer on the home screen"))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.go_home)
        self._said = ""
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        """Show `text` (said once when it changes), or hide the strip for an empty text."""
        self.setVisible(bool(text))
        if text and text != self._said:
            set_text(self.text, text, announce=True)
        self._said = text
