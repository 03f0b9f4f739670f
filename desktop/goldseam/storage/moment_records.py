"""One rule for moments on the way in and on the way out: a record is written only
if the reader would accept it, and a record the reader refuses is counted, never
dropped in silence."""

from __future__ import annotations

from typing import Any, Iterable

from ..core.moment import SCHEMA, MomentFormatError, RepairMoment, is_plain
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


# -- records Goldseam wrote, in a file that still carries its checksum ----------------------
#
# A part whose checksum matches is byte for byte what Goldseam wrote, and when the index (checked
# against the part's size, time and inode) counted no unreadable record in it, every record there
# passed the reader when it was counted. Those need not be checked value by value again on the way
# out: only whether each is in the form to_dict writes (a moment an earlier version wrote may lack a
# field the reader fills in, and is then written out the reader's way). Anything else, a part without
# a matching checksum or with a record the reader refused, is checked in full.


def has_plain_form(r: Any) -> bool:
    """For a record the reader accepts: whether it is plain (is_plain_record), judged by its keys and
    the types the reader would change (a text or list that is null, an id in capitals, a stray
    schema, a null finish), not by its values. Never for a record not known to be readable."""
    try:
        keys = r.keys()
        if not (type(r) is dict and (keys == _KEYS or keys == _FINISHED_KEYS and r["finished_at"] is not None)):
            return False
        notice, ack, reach, accept = r["notice"], r["acknowledge"], r["reach_back"], r["accept"]
        if not (notice.keys() == _NOTICE and r["pause"].keys() == _PAUSE and ack.keys() == _ACKNOWLEDGE
                and reach.keys() == _REACH_BACK and accept.keys() == _ACCEPT):
            return False
        schema, moment_id, feelings, signs, tags = r["schema"], r["id"], notice["feelings"], notice["flood_signs"], r["tags"]
        if not (type(schema) is int and schema == SCHEMA and type(moment_id) is str and moment_id.islower()
                and type(r["updated_at"]) is str and type(notice["what_happened"]) is str and type(ack["text"]) is str
                and type(reach["phrase"]) is str and type(accept["offered"]) is str
                and type(accept["how_it_landed"]) is str
                and type(feelings) is list and type(signs) is list and type(tags) is list):
            return False
        "".join(feelings) + "".join(signs) + "".join(tags)      # TypeError for an item that is not text
    except (AttributeError, KeyError, TypeError):
        return False
    return True


_KEYS = frozenset(RepairMoment(id="").to_dict())   # the keys to_dict writes (finished_at only when known); no new id: uuid loads slowly
_FINISHED_KEYS = _KEYS | {"finished_at"}
_NOTICE, _PAUSE, _ACKNOWLEDGE, _REACH_BACK, _ACCEPT = (
    frozenset(RepairMoment(id="").to_dict()[section]) for section in ("notice", "pause", "acknowledge", "reach_back", "accept"))
