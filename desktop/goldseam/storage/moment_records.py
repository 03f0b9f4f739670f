"""One rule for moments on the way in and on the way out: a record is written only
if the reader would accept it, and a record the reader refuses is counted, never
dropped in silence."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..core.moment import MomentFormatError, RepairMoment
from .errors import InvalidMoment


def readable_moment(record: object) -> RepairMoment | None:
    """The moment a stored record holds, or None if this version cannot read it."""
    try:
        return RepairMoment.from_dict(dict(record))  # type: ignore[call-overload]
    except (MomentFormatError, TypeError, ValueError):
        return None


def writable_record(moment: RepairMoment) -> dict[str, Any]:
    """The dict to store for `moment`, after the same checks the reader makes (InvalidMoment if not)."""
    record = moment.to_dict()
    try:
        RepairMoment.from_dict(record)
    except MomentFormatError as err:
        raise InvalidMoment(err.field, err.problem) from None
    return record


def count_unreadable(records: Iterable[object], batch: int = 400) -> Iterator[int | None]:
    """Count records this version cannot read, a batch at a time so a window stays responsive:
    yields None after each batch, then the count."""
    unreadable = 0
    for n, record in enumerate(records, 1):
        if readable_moment(record) is None:
            unreadable += 1
        if n % batch == 0:
            yield None
    yield unreadable
