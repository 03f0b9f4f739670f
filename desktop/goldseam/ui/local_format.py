"""Numbers, dates and times as the person's locale writes them (English where no
locale is set, rather than the C locale's bare digits)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime


def locale() -> QLocale:
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return current


def number(value: int) -> str:
    return locale().toString(value)


def date_and_time(moment: datetime) -> str:
    """A day and a time of day, short: two moments of one day can be told apart."""
    local = moment.astimezone()
    here = locale()
    day = QDate(local.year, local.month, local.day)
    time = QTime(local.hour, local.minute)
    return f"{here.toString(day, 'd MMM yyyy')}, {here.toString(time, QLocale.FormatType.ShortFormat)}"
