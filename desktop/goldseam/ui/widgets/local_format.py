"""Numbers, dates and times as the person's locale writes them (English where no
locale is set, rather than the C locale's bare digits)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime

from ...core import clock
from ...i18n import _


def locale() -> QLocale:
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return current


def dates_locale() -> QLocale:
    """The locale for names of months: English writes every short month with three letters
    ("Sep", as "Nov"; British English has "Sept"). Times still follow locale()."""
    here = locale()
    if here.language() == QLocale.Language.English:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return here


def day_pattern() -> str:
    """A day as Goldseam writes it, in the app's language."""
    # Translators: a QLocale date pattern; German writes "d. MMM yyyy" (28. Nov. 2026).
    return _("d MMM yyyy")


def in_order(words) -> list[str]:
    """`words` in the order of the language's alphabet: "#été" beside "#essen", not after
    "#work"; capitals and accents do not come first."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator

    collator = QCollator(locale())
    collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
    collator.setNumericMode(True)
    return sorted(words, key=cmp_to_key(collator.compare))


def number(value: int) -> str:
    return locale().toString(value)


def decimal(value: float) -> str:
    """A short decimal ("5.5", "5,5" in German), without trailing zeros."""
    return locale().toString(float(value), "g", 6)


def date_and_time(moment: datetime) -> str:
    """A day and a time of day, short: two moments of one day can be told apart."""
    local = clock.local(moment)
    day = QDate(local.year, local.month, local.day)
    time = QTime(local.hour, local.minute)
    return f"{dates_locale().toString(day, day_pattern())}, {locale().toString(time, QLocale.FormatType.ShortFormat)}"


def time_of_day(moment: datetime | str, today: datetime | None = None) -> str:
    """A time to come back or be reminded: the time of day alone when it is today,
    with the day otherwise (a pause of 18 hours ends tomorrow)."""
    if isinstance(moment, str):
        moment = clock.from_iso(moment)
    local = clock.local(moment)
    if local.date() != clock.local(today or clock.now()).date():
        return date_and_time(local)
    return locale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
