"""An export checks only the form of a record Goldseam wrote in a part that still carries its
checksum and in which the index counted nothing unreadable; everything else (a part changed by
hand, without its checksum, or holding a record the reader refuses) is checked value by value,
and what the reader refuses stays out of the export, counted."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings, strategies as st

from goldseam.core.moment import RepairMoment, _MomentReader
from goldseam.storage import journal_export
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.journal_index import load_index
from goldseam.storage.moment_records import has_plain_form, is_plain_record
from goldseam.storage.transfer import export_journal
from moment_strategies import moments
from test_plain_records import ODD_VALUES, PATHS, _changed


def _journal(folder, sample_moment, n=3):
    kept = []
    with DataFolder.open(folder) as data:
        for k in range(n):
            moment = sample_moment(what=f"words {k}")
            moment.created_at = moment.updated_at = f"2024-05-0{k + 1}T10:00:00+00:00"
            data.journal.save(moment)
            kept.append(moment)
    return kept


def _export(folder):
    with DataFolder.open(folder, read_only=True) as data:
        export = export_journal(data.journal)
        text = "".join(export)
    return json.loads(text)["moments"], export.left_out


def _part(folder):
    parts = sorted((folder / "journal").glob("2024-05-*.json"))
    assert len(parts) == 1
    return parts[0]


def _count_full_checks(monkeypatch) -> list[object]:
    calls: list[object] = []
    real = journal_export.is_plain_record

    def counting(record):
        calls.append(record)
        return real(record)
    monkeypatch.setattr(journal_export, "is_plain_record", counting)
    return calls


def test_records_goldseam_wrote_are_not_checked_value_by_value_again(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    kept = _journal(folder, sample_moment)
    calls = _count_full_checks(monkeypatch)
    exported, left_out = _export(folder)
    assert calls == [] and left_out == 0
    assert [RepairMoment.from_dict(r) for r in exported] == kept


def _bad_record(path, mend_checksum: bool):
    """The first record of the part given an intensity the reader refuses, in the form to_dict writes
    (nothing but a value differs). `mend_checksum`: written through SafeStorage, checksum and all (as
    absorb writes an earlier version's records as they are); else the checksum is left out, as a
    hand-made file or an earlier version's has none."""
    storage = part_storage(path, read_only=True)
    tables = copy.deepcopy(storage.read())
    first = next(iter(tables[MOMENTS].values()))
    first["notice"]["intensity"] = 11
    assert has_plain_form(first) and not is_plain_record(first)
    if mend_checksum:
        part_storage(path, read_only=False).write(tables)
    else:
        raw = path.read_bytes()
        body = part_storage(path, read_only=True)._serialize(tables)
        assert b'"crc32"' in raw and body.endswith(b'"}')
        path.write_bytes(body[: body.rindex(b',"crc32"')] + b"}")
    return first["id"]


@pytest.mark.parametrize("mend_checksum", [False, True], ids=["no checksum", "checksum, unreadable record"])
def test_a_record_the_reader_refuses_is_left_out_and_counted(tmp_path, sample_moment, mend_checksum):
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    bad = _bad_record(_part(folder), mend_checksum)
    exported, left_out = _export(folder)
    assert left_out == 1
    assert bad not in {r["id"] for r in exported} and len(exported) == 2


def edit_in_place_without_checksum(folder, old: bytes, new: bytes):
    """The journal's one part with `old` made `new` and its checksum taken out (spaces keep the size),
    its size, modification time and inode kept, after the index was written with that stamp and
    nothing unreadable counted: only the missing checksum tells the change."""
    import os

    (folder / "journal" / "index.json").unlink()
    with DataFolder.open(folder) as data:
        data.journal.count()        # the index built again from the parts, and written with this part's stamp
    path = _part(folder)
    assert load_index(folder / "journal" / "index.json").parts[path.name].unreadable == 0
    before = os.stat(path)
    raw = path.read_bytes()
    edited = raw.replace(old, new, 1)
    start = edited.rindex(b',"crc32":"')
    edited = edited[:start] + b" " * (len(raw) - start - 1) + b"}"      # the checksum gone, the size kept
    assert len(edited) == len(raw) and edited != raw
    with open(path, "r+b") as f:        # in place: the same inode
        f.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)


def test_a_part_edited_in_place_keeping_its_size_and_time_is_checked_in_full(tmp_path, sample_moment):
    """The index still describes the part (same size, time and inode), yet the file no longer carries
    Goldseam's checksum: every record is checked again, and the one the reader refuses stays out."""
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    edit_in_place_without_checksum(folder, b'"created_at":"2024-05-01T', b'"created_at":"2024-13-01T')  # no 13th month
    exported, left_out = _export(folder)
    assert left_out == 1 and len(exported) == 2


def test_a_part_whose_checksum_no_longer_matches_is_not_exported(tmp_path, sample_moment):
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    path = _part(folder)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"intensity":3', b'"intensity":9', 1))     # same length: it still parses
    assert path.read_bytes() != raw
    with DataFolder.open(folder, read_only=True) as data:
        with pytest.raises(Exception) as caught:
            "".join(export_journal(data.journal))
    assert "changed" in str(caught.value).lower() or type(caught.value).__name__ == "CorruptFile"


def test_an_earlier_version_s_record_is_written_out_the_reader_s_way(tmp_path, sample_moment):
    """Readable, in a part with its checksum, but without a field this version writes: the export
    holds it as the reader reads it (the field filled in), not as it stands."""
    folder = tmp_path / "data"
    _journal(folder, sample_moment)
    path = _part(folder)
    tables = copy.deepcopy(part_storage(path, read_only=True).read())
    first = next(iter(tables[MOMENTS].values()))
    del first["reach_back"]["remind_at"]
    part_storage(path, read_only=False).write(tables)
    exported, left_out = _export(folder)
    assert left_out == 0
    assert next(r for r in exported if r["id"] == first["id"])["reach_back"]["remind_at"] is None


@settings(max_examples=300, deadline=None)
@given(moment=moments, finished=st.booleans(),
       changes=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(ODD_VALUES + ["drop", "add"])), max_size=3))
def test_for_a_readable_record_the_form_alone_tells_a_plain_one(moment, finished, changes):
    if finished:
        moment.finished_at = moment.updated_at
    record = moment.to_dict()
    for path, value in changes:
        record = _changed(record, path, value)
    try:
        _MomentReader(copy.deepcopy(record)).read()
    except Exception:
        return                  # not readable: has_plain_form is never asked about it
    if has_plain_form(record):
        assert is_plain_record(record), record
    if finished or not changes:
        assert has_plain_form(moment.to_dict())     # what Goldseam writes takes the quick way
