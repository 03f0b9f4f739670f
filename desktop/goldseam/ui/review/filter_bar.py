"""The narrowing a person can ask for besides words: days, tags, feelings, finished or not,
repairs or pauses. Compact, one row that wraps; every choice by keyboard.

A day box reads "any day" until used; its first step (Up, Down, the calendar) starts from
today, not from the year 2000 that stands behind "any day"."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.review_filter import ReviewFilter
from ...core.steps import FEELINGS
from ...i18n import _
from ..widgets.flow_layout import FlowLayout
from ..widgets.local_format import dates_locale, day_pattern
from ..widgets.wheel_guard import scroll_past

_ANY_DAY = QDate(2000, 1, 1)        # the lowest date a box allows reads "any day"
_FEELING_WORDS = dict(FEELINGS)


class DayBox(QDateEdit):
    """A day, or "any day"; stepping or opening the calendar from "any day" starts at today."""

    def __init__(self, today: Callable[[], date]):
        super().__init__()
        self._today = today
        self.setCalendarPopup(True)
        self.setMinimumDate(_ANY_DAY)
        self.setSpecialValueText(_("any day"))
        self.setDate(_ANY_DAY)
        self.setLocale(dates_locale())
        self.setDisplayFormat(day_pattern())
        self._calendar_watched = False      # the calendar is made when first opened: 14 ms each, on every open of the look back

    def _watch_calendar(self) -> None:
        if not self._calendar_watched:
            self._calendar_watched = True
            self.calendarWidget().installEventFilter(self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        self._watch_calendar()              # a click on the arrow opens the calendar (no key does)
        super().mousePressEvent(event)

    def is_any_day(self) -> bool:
        return self.date() == _ANY_DAY

    def day(self) -> date | None:
        chosen = self.date()
        return None if self.is_any_day() else date(chosen.year(), chosen.month(), chosen.day())

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt naming
        if self.is_any_day() and steps:
            self.setDate(QDate(self._today()))
        else:
            super().stepBy(steps)

    def stepEnabled(self):  # noqa: N802 - Qt naming
        if self.is_any_day():   # Down from "any day" is allowed: it goes to today
            return QDateEdit.StepEnabledFlag.StepUpEnabled | QDateEdit.StepEnabledFlag.StepDownEnabled
        return super().stepEnabled()

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt naming
        """Tab leaves the box, as in every other field (Left and Right move between day, month, year)."""
        return QWidget.focusNextPrevChild(self, forward)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget() and self.is_any_day():
            calendar = self.calendarWidget()
            calendar.blockSignals(True)     # only shown: the day is chosen by a click, Enter or an arrow
            calendar.setSelectedDate(QDate(self._today()))
            calendar.blockSignals(False)
        return super().eventFilter(watched, event)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self._today = today
        self.date_from = self._date_box(_("From"), _("Show moments from this day"))
        self.date_to = self._date_box(_("To"), _("Show moments up to this day"))
        self.tag = self._combo(_("Tag"))
        self.feeling = self._combo(_("Feeling"))
        self.status = self._combo(_("Finished"))
        for text, value in ((_("finished or not"), None), (_("finished"), True), (_("not finished"), False)):
            self.status.addItem(text, value)
        self.kind = self._combo(_("Kind"))
        for text, value in ((_("repairs and pauses"), None), (_("repairs"), "repair"), (_("pauses"), "pause")):
            self.kind.addItem(text, value)
        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.setAccessibleName(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        days = QWidget()            # "From [day] to [day]" stays together when the row wraps
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for label, box in ((_("From"), self.date_from), (_("to"), self.date_to)):
            caption = QLabel(label)
            caption.setBuddy(box)
            row.addWidget(caption, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
        flow.addWidget(days)
        for box in (self.tag, self.feeling, self.status, self.kind):    # each says what it is: "any tag"
            flow.addWidget(box)
        # clear_button is placed by the view beside the Filters button, so the bar takes one row less
        self.set_choices([], [])

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """One height for every box in the row (the style sheet, known only now, makes combos taller)."""
        boxes = (self.date_from, self.date_to, self.tag, self.feeling, self.status, self.kind, self.clear_button)
        height = max(box.sizeHint().height() for box in boxes)
        for box in boxes:
            box.setMinimumHeight(height)
        super().showEvent(event)

    def _date_box(self, name: str, description: str) -> DayBox:
        box = DayBox(lambda: self._today())
        box.setAccessibleName(name)
        box.setAccessibleDescription(description)
        box.dateChanged.connect(self.changed)
        scroll_past(box)
        return box

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.currentIndexChanged.connect(self.changed)
        scroll_past(box)
        return box

    def set_choices(self, tags: list[str], feelings: list[str]) -> None:
        """The tags and feelings the journal holds (the choice made stays if still there)."""
        for box, values, any_text in ((self.tag, tags, _("any tag")), (self.feeling, feelings, _("any feeling"))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(any_text, None)
            for value in values:
                if box is self.tag:
                    box.addItem("#" + value, value)     # as the list's rows show tags
                else:
                    box.addItem(_(_FEELING_WORDS[value]) if value in _FEELING_WORDS else value, value)
            index = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def filter(self, text: str = "") -> ReviewFilter:
        tag, feeling = self.tag.currentData(), self.feeling.currentData()
        return ReviewFilter(text=text, date_from=self.date_from.day(), date_to=self.date_to.day(),
                            tags=frozenset({tag}) if tag else frozenset(),
                            feelings=frozenset({feeling}) if feeling else frozenset(),
                            completed=self.status.currentData(), kind=self.kind.currentData())

    def clear(self) -> None:
        for box in (self.date_from, self.date_to):
            box.blockSignals(True)
            box.setDate(_ANY_DAY)
            box.blockSignals(False)
        for box in (self.tag, self.feeling, self.status, self.kind):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.changed.emit()
