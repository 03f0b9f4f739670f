""""I'll say it later" can ask to be reminded: a time, kept with the moment, and the same
call back as the end of a pause when it comes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from ...core import clock
from ...i18n import _
from ..widgets.local_format import locale
from ..widgets.wheel_guard import scroll_past

DEFAULT_HOURS = 1


def suggested_time(now: datetime) -> datetime:
    """An hour from now, on the next quarter hour: a time people name."""
    later = (now + timedelta(hours=DEFAULT_HOURS)).replace(second=0, microsecond=0)
    return later + timedelta(minutes=(-later.minute) % 15)


class RemindRow(QWidget):
    changed = Signal()

    def __init__(self, now: Callable[[], datetime] = clock.now, parent: QWidget | None = None):
        super().__init__(parent)
        self._now = now
        self.check = QCheckBox(_("Remind me at"))
        self.check.setAccessibleName(_("Remind me at a time I choose"))
        self.time = QDateTimeEdit()
        self.time.setAccessibleName(_("When to remind you"))
        self.time.setDisplayFormat(locale().dateTimeFormat(locale().FormatType.ShortFormat))
        self.time.setCalendarPopup(True)
        self.time.setMinimumWidth(200)
        # a day inside the range of times Goldseam keeps (clock.from_iso), in any time zone
        last = clock.END - timedelta(days=1)
        self.time.setMaximumDateTime(QDateTime(datetime(last.year, last.month, last.day)))
        self.time.setEnabled(False)
        scroll_past(self.time)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.time)
        row.addStretch(1)
        self.check.toggled.connect(self._toggled)
        self.time.dateTimeChanged.connect(lambda _value: self.changed.emit())

    def value(self) -> str | None:
        """The time to be reminded, ISO 8601 with the local offset; None when not asked."""
        if not self.check.isChecked():
            return None
        chosen = self.time.dateTime().toPython()
        return clock.to_iso(chosen.replace(tzinfo=None).astimezone())

    def set_value(self, remind_at: str | None) -> None:
        """Show a stored time, or suggest one; emits nothing (the page is loading)."""
        self.blockSignals(True)
        self.check.blockSignals(True)
        self.time.blockSignals(True)
        try:
            when = clock.from_iso(remind_at) if remind_at else suggested_time(self._now())
            local = clock.local(when).replace(tzinfo=None)
            self.time.setMinimumDateTime(QDateTime(self._now().astimezone().replace(tzinfo=None, second=0,
                                                                                      microsecond=0)))
            self.time.setDateTime(QDateTime(local))
            self.check.setChecked(remind_at is not None)
            self.time.setEnabled(remind_at is not None)
        finally:
            self.time.blockSignals(False)
            self.check.blockSignals(False)
            self.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        self.time.setEnabled(on)
        if on and self.time.dateTime().toPython() <= self._now().astimezone().replace(tzinfo=None):
            self.time.setDateTime(QDateTime(suggested_time(self._now()).astimezone().replace(tzinfo=None)))
        self.changed.emit()
