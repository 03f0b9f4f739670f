"""Time as the app sees it: aware local datetimes, ISO 8601 with an offset."""

from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    return datetime.now().astimezone()


def to_iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp that carries an offset; ValueError otherwise."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("timestamp has no UTC offset")
    return value
