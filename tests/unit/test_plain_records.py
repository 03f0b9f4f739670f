"""The quick check that lets export and check skip rebuilding a moment agrees with the reader:
it accepts every record Goldseam writes, and nothing the reader would refuse or change."""

import copy
import json

import pytest
from hypothesis import given, settings, strategies as st

from goldseam.core.moment import MomentFormatError, RepairMoment, _MomentReader
from goldseam.storage.moment_records import is_plain_record, unreadable_count
from moment_strategies import moments

PATHS = [(), ("id",), ("kind",), ("completed",), ("created_at",), ("updated_at",), ("step",), ("schema",),
         ("tags",), ("notice",), ("notice", "what_happened"), ("notice", "intensity"), ("notice", "feelings"),
         ("notice", "flooded"), ("notice", "flood_signs"), ("notice", "pulse_bpm"), ("pause",),
         ("pause", "minutes_planned"), ("pause", "started_at"), ("pause", "return_at"), ("pause", "returned_at"),
         ("pause", "outcome"), ("acknowledge", "text"), ("reach_back", "phrase"), ("reach_back", "category"),
         ("reach_back", "when"), ("accept", "offered"), ("accept", "how_it_landed"), ("accept", "intensity"),
         ("finished_at",)]
ODD_VALUES = [None, "", "x", "é" * 201, "y" * 100_001, "a\ud800b", True, False, 0, 1, 1.0, 4, 5, 10, 11, -1, 300,
              301, 1440, 1441, [], ["hurt"], [None], ["a\udc00"], ["z" * 201], ["t"] * 51, {}, {"text": "x"},
              "2024-05-01T10:00:00", "2024-05-01T10:00:00+02:00", "yesterday", "repair", "pause", "returned",
              "later", "now", "8F14E45F-CEEA-467A-9575-3C4D7D1C7B2E", "8f14e45f-ceea-467a-9575-3c4d7d1c7b2e"]


def _reads_back_unchanged(record) -> bool:
    """The reader (field by field, never the quick way under test) accepts it and writes back the
    very same JSON (true is not 1, 1.0 is not 1)."""
    try:
        again = _MomentReader(copy.deepcopy(record)).read().to_dict()
    except (MomentFormatError, TypeError, ValueError):
        return False
    return json.dumps(again, sort_keys=True) == json.dumps(record, sort_keys=True)


@settings(max_examples=150, deadline=None)
@given(moment=moments, finished=st.booleans())
def test_every_record_goldseam_writes_is_plain(moment, finished):
    if finished:        # a moment saved as done carries the time it was: one key more
        moment.finished_at = moment.updated_at
    assert is_plain_record(moment.to_dict())


def _read_both_ways(record):
    """from_dict (which may take the quick way) and the field-by-field reader: the moment, or the field named."""
    outcomes = []
    for read in (RepairMoment.from_dict, lambda r: _MomentReader(r).read()):
        try:
            outcomes.append(read(copy.deepcopy(record)))
        except MomentFormatError as err:
            outcomes.append(("refused", err.field, err.problem))
        except (TypeError, ValueError) as err:
            outcomes.append(("refused", type(err)))
    return outcomes


def _changed(record, path, value):
    record = copy.deepcopy(record)
    parent = record
    for key in path[:-1]:
        parent = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(parent, dict):
        return record
    if not path:
        record["from a newer version"] = value
    elif value == "drop":
        parent.pop(path[-1], None)
    elif value == "add":
        parent["extra"] = 1
    else:
        parent[path[-1]] = copy.deepcopy(value)
    return record


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ".".join(p) or "record")
def test_each_odd_value_in_each_place(sample_moment, path):
    base = sample_moment().to_dict()
    base["pause"].update(minutes_planned=20, started_at="2024-05-01T10:00:00+02:00", outcome="returned")
    for value in ODD_VALUES + ["drop", "add"]:
        record = _changed(base, path, value)
        assert is_plain_record(record) == _reads_back_unchanged(record), (path, value)
        quick, reader = _read_both_ways(record)
        assert quick == reader, (path, value)
        export_form = dict(record)
        export_form.pop("schema", None)        # as an export holds a moment
        quick, reader = _read_both_ways(export_form)
        assert quick == reader, (path, value)


@settings(max_examples=400, deadline=None)
@given(moment=moments, changes=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(ODD_VALUES + ["drop", "add"])),
                                        min_size=1, max_size=3))
def test_a_record_is_plain_only_if_the_reader_gives_it_back_unchanged(moment, changes):
    record = moment.to_dict()
    for path, value in changes:
        record = _changed(record, path, value)
    if is_plain_record(record):
        assert _reads_back_unchanged(record), record
    quick, reader = _read_both_ways(record)
    assert quick == reader, record


@pytest.mark.parametrize("change", [
    lambda r: r.update(id=r["id"].upper()),                    # read, and written back in lower case
    lambda r: r["notice"].pop("pulse_bpm"),                     # read, the missing field filled in
    lambda r: r.update(tags=None),                              # read as no tags
    lambda r: r["notice"].update(feelings=[None]),              # read as [""]
])
def test_records_the_reader_mends_take_the_reader_s_way(sample_moment, change):
    record = sample_moment().to_dict()
    change(record)
    assert not is_plain_record(record)
    assert unreadable_count([record]) == 0


def test_unreadable_records_are_counted(sample_moment):
    good = sample_moment().to_dict()
    bad_time = dict(good, created_at="yesterday")
    too_long = copy.deepcopy(good)
    too_long["acknowledge"]["text"] = "x" * 100_001
    assert unreadable_count([good, bad_time, too_long, "not a record", {"id": "x"}]) == 4
