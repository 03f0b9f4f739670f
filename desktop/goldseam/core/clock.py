"""Time as the app sees it: aware local datetimes, ISO 8601 with an offset.

`from_iso` is the one rule for a stored or imported time. It takes what the README promises:
a calendar date (YYYY-MM-DD), "T" (or a space, as Python's str() writes it), a time of day
(hh:mm, hh:mm:ss or hh:mm:ss.fff, up to nine digits of fraction, microseconds kept) and an
offset ("Z" or ±hh:mm, at most 14:00 either way). No week dates, no ordinal dates, no basic
(digits only) form, no time without an offset. And the instant must lie in the supported range, EARLIEST (1900-01-01
00:00 UTC, included) to END (2201-01-01 00:00 UTC, excluded): a time in it can be shown in any
offset of any time zone, named by a four-digit UTC month, and moved by a day or a pause of a
day without leaving the calendar Python can count (years 1 to 9999).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
END = datetime(2201, 1, 1, tzinfo=timezone.utc)

# The form alone; datetime.fromisoformat then reads what it allows (and refuses a day that does not exist).
_ISO_FORM = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?"
    r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))").fullmatch


class OutOfRange(ValueError):
    """A well-formed time outside EARLIEST..END."""


def now() -> datetime:
    return datetime.now().astimezone()


def local(moment: datetime) -> datetime:
    """`moment` in the local time zone, or as it was written where the system cannot convert it
    (Windows before 1970; a time outside the range, which no stored time is)."""
    try:
        return moment.astimezone()
    except (OverflowError, OSError, ValueError):
        return moment


def to_iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def to_precise_iso(moment: datetime) -> str:
    """With milliseconds: for `updated_at`, so that of two edits in one second the later wins a merge."""
    return moment.isoformat(timespec="milliseconds")


def from_iso(text: str) -> datetime:
    """Parse a timestamp by the rule above: ValueError (OutOfRange for a good one outside the range)
    otherwise, TypeError for what is not text."""
    if _ISO_FORM(text) is None:         # TypeError for what is not text
        raise ValueError("not an ISO 8601 date and time with a UTC offset of at most ±14:00")
    value = datetime.fromisoformat(text)
    year = text[:4]
    if not "1901" <= year <= "2199":    # in those years every offset stays in range: no slow comparison
        # near an edge the instant decides (aware datetimes compare without overflow, whatever the year)
        if not ("1899" <= year <= "2201" and EARLIEST <= value < END):
            raise OutOfRange("outside the supported range")
    return value
