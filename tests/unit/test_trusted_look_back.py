"""The look back reads the whole journal month by month (Journal.moments_of): a part Goldseam
wrote, still carrying its checksum, in which the index counted nothing unreadable, has each
record's form checked, not each value again (issue 24); any other part is read value by value,
and what the reader refuses stays out, as it did."""

from __future__ import annotations


import pytest

from goldseam.storage import journal_reading
from goldseam.storage.data_folder import DataFolder
from test_trusted_export import _bad_record, _journal, _part, edit_in_place_without_checksum


def _look_back(folder, then=lambda: None):
    """Every moment as the look back reads them; `then` runs once the folder is open (home read)."""
    with DataFolder.open(folder, read_only=True) as data:
        data.journal.count()            # the index, loaded as the app has it before the look back opens
        then()
        return [moment for month in data.journal.months() for moment in data.journal.moments_of(month)]


def _counting_full_reads(monkeypatch, calls: list[object]):
    real = journal_reading.readable_moment

    def counting(record):
        calls.append(record)
        return real(record)
    return lambda: monkeypatch.setattr(journal_reading, "readable_moment", counting)


def test_moments_goldseam_wrote_are_not_checked_value_by_value_again(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    kept = _journal(folder, sample_moment)
    calls: list[object] = []
    assert _look_back(folder, _counting_full_reads(monkeypatch, calls)) == sorted(
        kept, key=lambda m: m.created_at, reverse=True)
    assert calls == []


@pytest.mark.parametrize("mend_checksum", [False, True], ids=["no checksum", "checksum, unreadable record"])
def test_a_moment_the_reader_refuses_stays_out(tmp_path, sample_moment, monkeypatch, mend_checksum):
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    bad = _bad_record(_part(folder), mend_checksum)
    calls: list[object] = []
    shown = _look_back(folder, _counting_full_reads(monkeypatch, calls))
    assert bad not in {m.id for m in shown} and len(shown) == 2
    assert len(calls) == 3          # the part was read value by value


def test_a_part_edited_in_place_keeping_its_size_and_time_is_read_in_full(tmp_path, sample_moment):
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    edit_in_place_without_checksum(folder, b'"intensity":3', b'"intensity":42')     # a value the reader refuses
    assert len(_look_back(folder)) == 2
