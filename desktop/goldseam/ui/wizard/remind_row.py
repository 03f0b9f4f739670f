""""I'll say it later" can ask to be reminded: a time, kept with the moment, and the same
call back as the end of a pause when it comes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QDateTime, QEvent, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from ...core import clock
from ...i18n import _
from ..widgets.local_format import dates_locale, day_pattern, locale
from ..widgets.wheel_guard import scroll_past

DEFAULT_HOURS = 1


def suggested_time(now: datetime) -> datetime:
    """An hour from now, on the next quarter hour: a time people name."""
    later = (now + timedelta(hours=DEFAULT_HOURS)).replace(second=0, microsecond=0)
    return later + timedelta(minutes=(-later.minute) % 15)


class _TypeOverSection(QObject):
    """A click into the day, the month or the hour selects it, so what is typed next replaces
    it (Qt put the cursor inside "21", where any digit typed made it invalid and did nothing)."""

    def __init__(self, edit: QDateTimeEdit):
        super().__init__(edit)
        self._edit = edit
        edit.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.MouseButtonRelease:
            self._edit.setSelectedSection(self._edit.currentSection())
        return False


class RemindRow(QWidget):
    changed = Signal()

    def __init__(self, now: Callable[[], datetime] = clock.now, parent: QWidget | None = None):
        super().__init__(parent)
        self._now = now
        self._moved: tuple | None = None    # (the day shown, the day it was moved on to)
        self.check = QCheckBox(_("Remind me at"))
        self.check.setAccessibleName(_("Remind me at a time I choose"))
        self.time = QDateTimeEdit()
        self.time.setAccessibleName(_("When to remind you"))
        # The day as the rest of Goldseam writes it ("7 Dec 2026", "7. Dez. 2026"), not the
        # system's short "07/12/2026"; month names in the app's language.
        self.time.setLocale(dates_locale())
        self.time.setDisplayFormat(f"{day_pattern()}, {locale().timeFormat(locale().FormatType.ShortFormat)}")
        self.time.setCalendarPopup(True)
        _TypeOverSection(self.time)
        self.time.editingFinished.connect(self._not_in_the_past)
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
        return clock.to_iso(self._chosen())

    def _chosen(self) -> datetime:
        """The time in the box or, where it has passed, when it next comes: "09:00" typed at
        20:00 means tomorrow morning, "January" typed in December the next January."""
        shown = self.time.dateTime().toPython().replace(tzinfo=None, second=0, microsecond=0)
        now = self._now().astimezone().replace(tzinfo=None)
        if shown <= now and shown.date() >= now.date():
            shown += timedelta(days=1)                    # today, earlier: the same time tomorrow
        years = 0
        while shown <= now and years < 2:                 # an earlier day: that day next year
            years += 1
            try:
                shown = shown.replace(year=shown.year + 1)
            except ValueError:                            # 29 February
                shown = shown.replace(year=shown.year + 1, day=28)
        return shown.astimezone()                         # with the offset of that day

    def _not_in_the_past(self) -> None:
        """Typed or picked, a time that has passed shows as the time it will be. A day moved on
        this way is not the person's choice: a new hour typed after it counts from the day they
        had ("19" typed after "09" went to tomorrow is tonight, not tomorrow evening)."""
        if not self.check.isChecked():
            return
        shown = self.time.dateTime().toPython().replace(second=0, microsecond=0)
        if self._moved is not None and shown.date() == self._moved[1]:
            had = self._moved[0]
            shown = shown.replace(year=had.year, month=had.month, day=had.day)
            self.time.setDateTime(QDateTime(shown))
        self._moved = None
        chosen = self._chosen().replace(tzinfo=None)
        if chosen != shown:
            if chosen.date() != shown.date():
                self._moved = (shown.date(), chosen.date())
            self.time.setDateTime(QDateTime(chosen))

    def set_value(self, remind_at: str | None) -> None:
        """Show a stored time, or suggest one; emits nothing (the page is loading)."""
        self.blockSignals(True)
        self.check.blockSignals(True)
        self.time.blockSignals(True)
        try:
            when = clock.from_iso(remind_at) if remind_at else suggested_time(self._now())
            local = clock.local(when).replace(tzinfo=None)
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
