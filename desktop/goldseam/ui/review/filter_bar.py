"""The narrowing a person can ask for besides words: days, tags, feelings, finished or not,
repairs or pauses. Compact, one row that wraps; every choice by keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton, QWidget

from ...core.review_filter import ReviewFilter
from ...core.steps import FEELINGS
from ...i18n import _
from ..flow_layout import FlowLayout

_ANY_DAY = QDate(2000, 1, 1)        # the lowest date a box allows reads "any day"
_FEELING_WORDS = dict(FEELINGS)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
        for label, box in ((_("From"), self.date_from), (_("to"), self.date_to), (_("Tag"), self.tag),
                           (_("Feeling"), self.feeling), (None, self.status), (None, self.kind)):
            if label:
                caption = QLabel(label)
                caption.setBuddy(box)
                flow.addWidget(caption)
            flow.addWidget(box)
        flow.addWidget(self.clear_button)
        self.set_choices([], [])

    def _date_box(self, name: str, description: str) -> QDateEdit:
        box = QDateEdit()
        box.setCalendarPopup(True)
        box.setMinimumDate(_ANY_DAY)
        box.setSpecialValueText(_("any day"))
        box.setDate(_ANY_DAY)
        box.setDisplayFormat("d MMM yyyy")
        box.setAccessibleName(name)
        box.setAccessibleDescription(description)
        box.dateChanged.connect(self.changed)
        return box

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.currentIndexChanged.connect(self.changed)
        return box

    def set_choices(self, tags: list[str], feelings: list[str]) -> None:
        """The tags and feelings the journal holds (the choice made stays if still there)."""
        for box, values, any_text in ((self.tag, tags, _("any tag")), (self.feeling, feelings, _("any feeling"))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(any_text, None)
            for value in values:
                box.addItem(_(_FEELING_WORDS[value]) if box is self.feeling and value in _FEELING_WORDS else value,
                            value)
            index = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def filter(self, text: str = "") -> ReviewFilter:
        def day(box: QDateEdit) -> date | None:
            chosen = box.date()
            return None if chosen == _ANY_DAY else date(chosen.year(), chosen.month(), chosen.day())

        tag, feeling = self.tag.currentData(), self.feeling.currentData()
        return ReviewFilter(text=text, date_from=day(self.date_from), date_to=day(self.date_to),
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
