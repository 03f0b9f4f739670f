"""One rule for moments on the way in and on the way out: a record is written only
if the reader would accept it, and a record the reader refuses is counted, never
dropped in silence."""

from __future__ import annotations

from typing import Any, Iterable

from ..core.moment import MomentFormatError, RepairMoment, is_plain
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


def unreadable_count(records: Iterable[object]) -> int:
    """How many records this version cannot read, in one go."""
    return sum(map(_unreadable, records))


def _unreadable(record: object) -> bool:
    return not is_plain_record(record) and readable_moment(record) is None


# -- the quick way for records in the form Goldseam writes ---------------------------
#
# Reading a record with RepairMoment.from_dict and writing it back with to_dict costs
# time export and check spend on every moment. A record Goldseam wrote is already in the
# to_dict form, so for those it is enough to confirm the reader's rules value by value
# (core.moment.is_plain). is_plain_record is true only when from_dict would accept the record
# and to_dict would give it back unchanged (tests/unit/test_plain_records.py checks this
# against the reader); anything else, however slightly different, takes the reader's way.


def is_plain_record(r: Any) -> bool:
    """True when `r` is exactly what RepairMoment.to_dict() writes for a moment the reader accepts,
    "schema" included."""
    return is_plain(r, schema=True)
