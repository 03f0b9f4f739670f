"""One rule for moments on the way in and on the way out: a record is written only
if the reader would accept it, and a record the reader refuses is counted, never
dropped in silence."""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..core import clock
from ..core.moment import (KINDS, MAX_PAUSE_MINUTES, MAX_TAGS, MAX_TEXT, OUTCOMES, SCHEMA, WHEN_CHOICES,
                           MomentFormatError, RepairMoment)
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
# about 50 µs; export and check do it for every moment. A record Goldseam wrote is
# already in the to_dict form, so for those it is enough to confirm the reader's rules
# value by value. is_plain_record is true only when from_dict would accept the record
# and to_dict would give it back unchanged (tests/unit/test_plain_records.py checks
# this against the reader); anything else, however slightly different, takes the
# reader's way.

_KEYS = 13                          # in a record: schema, id, kind, completed, two times, step, five sections, tags
_SECTION_KEYS = (6, 5, 1, 4, 3)     # notice, pause, acknowledge, reach_back, accept: every key is read below
_STEPS = frozenset(range(5))
_INTENSITIES = frozenset(range(11))
_PULSES = frozenset(range(1, 301))
_MINUTES = frozenset(range(1, MAX_PAUSE_MINUTES + 1))
_OUTCOMES = (None, *OUTCOMES)
_WHEN = (None, *WHEN_CHOICES)
_SHORT = 200        # the reader's limit for list items and the phrase group
_from_iso = clock.from_iso       # the reader's rule for times: ValueError, or TypeError for what is not text
_LOWER_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch


def is_plain_record(r: Any) -> bool:
    """True when `r` is exactly what RepairMoment.to_dict() writes for a moment the reader accepts.
    Every expected key is read and the sizes are compared, so the keys are exactly the expected ones."""
    if not isinstance(r, dict) or len(r) != _KEYS:
        return False
    try:
        notice, pause, ack, reach, accept = r["notice"], r["pause"], r["acknowledge"], r["reach_back"], r["accept"]
        if (len(notice), len(pause), len(ack), len(reach), len(accept)) != _SECTION_KEYS:
            return False
        texts = (notice["what_happened"], ack["text"], reach["phrase"], accept["offered"], accept["how_it_landed"])
        lists = (notice["feelings"], notice["flood_signs"], r["tags"])
        schema, moment_id, step = r["schema"], r["id"], r["step"]
        category, flooded, pulse = reach["category"], notice["flooded"], notice["pulse_bpm"]
        minutes, before, after = pause["minutes_planned"], notice["intensity"], accept["intensity"]
        if not (type(schema) is int and schema == SCHEMA and type(moment_id) is str and _LOWER_UUID(moment_id)
                and r["kind"] in KINDS and type(r["completed"]) is bool and type(step) is int and step in _STEPS
                and (before is None or type(before) is int and before in _INTENSITIES)
                and (after is None or type(after) is int and after in _INTENSITIES)
                and (flooded is None or type(flooded) is bool)
                and (pulse is None or type(pulse) is int and pulse in _PULSES)
                and (minutes is None or type(minutes) is int and minutes in _MINUTES)
                and pause["outcome"] in _OUTCOMES and reach["when"] in _WHEN
                and (category is None or type(category) is str)
                and type(lists[0]) is list and type(lists[1]) is list and type(lists[2]) is list
                and len(lists[0]) <= MAX_TAGS and len(lists[1]) <= MAX_TAGS and len(lists[2]) <= MAX_TAGS
                and _from_iso(r["created_at"]) and _from_iso(r["updated_at"])     # ValueError unless times
                and (pause["started_at"] is None or _from_iso(pause["started_at"]))
                and (pause["return_at"] is None or _from_iso(pause["return_at"]))
                and (pause["returned_at"] is None or _from_iso(pause["returned_at"]))
                and (reach["remind_at"] is None or _from_iso(reach["remind_at"]))):
            return False
        words = "".join(texts)                                  # TypeError unless all of them are text
        short = "".join(lists[0]) + "".join(lists[1]) + "".join(lists[2]) + (category or "")
    except (KeyError, TypeError, ValueError):   # a key missing, a section that is no object, no text or no time
        return False
    if len(words) > MAX_TEXT and any(len(text) > MAX_TEXT for text in texts):
        return False
    if len(short) > _SHORT and any(len(item) > _SHORT for item in (*lists[0], *lists[1], *lists[2], category or "")):
        return False
    try:    # text the reader refuses: halves of a surrogate pair, which cannot be written as UTF-8
        (words + short).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
