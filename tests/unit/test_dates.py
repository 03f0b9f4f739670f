"""Dates that can be stored and shown (issue 18): one rule for a timestamp (ISO 8601 with an offset
of at most ±14:00, no week or ordinal dates) and one supported range (1900-01-01 00:00 UTC up to,
not including, 2201-01-01 00:00 UTC). An import refuses anything else with one line naming the
moment and the field; whatever is already on disk is counted, kept, and never breaks a reader;
a part's name always has a four-digit year."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from goldseam import cli
from goldseam.core import clock, transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.core.transfer_format import TransferFormatError
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.journal_parts import UNDATED, month_of
from goldseam.storage.transfer import export_journal, read_import_file

PART_NAME = re.compile(r"(?:[0-9]{4}-(?:0[1-9]|1[0-2])|undated)-[1-9][0-9]*\.json")

# from the issue: each was taken in, or broke the import, before
OUTSIDE = ["0999-06-01T10:00:00+00:00", "9999-12-31T23:00:00+00:00", "0001-01-01T00:30:00+14:00",
           "9999-12-31T23:59:59-12:00", "1899-12-31T23:59:59+00:00", "1900-01-01T00:30:00+01:00",
           "2201-01-01T00:00:00+00:00", "2200-12-31T23:00:00-01:30"]
NOT_THE_RULE = ["2026-W01-1T10:00:00+00:00", "2026-001T10:00:00+00:00", "20261128T201500+0100",
                "2026-11-28T20:15:00+15:00", "2026-11-28T20:15:00-14:30", "2026-11-28T20:15:00+01:00:30",
                "2026-11-28T20:15:00", "2026-11-28", "2026-11-28T20:15:00+01", "2026-11-28T20:15:00+0100",
                "2026-11-28T20:15:00.1234567891+01:00", "２０２６-11-28T20:15:00+01:00", "2026-02-30T10:00:00Z"]
INSIDE = ["1900-01-01T00:00:00+00:00", "1900-01-01T14:00:00+14:00", "2200-12-31T23:59:59.999+00:00",
          "2200-12-31T11:59:59-12:00", "2026-11-28T20:15:00Z", "2026-11-28 20:15:00+01:00",
          "2026-11-28T20:15+05:30", "2026-11-28T20:15:00.123456789-14:00"]


def _document(*stamps: str, field: str = "created_at") -> str:
    moments = []
    for stamp in stamps:
        moment = {"id": str(uuid.uuid4()), "created_at": "2026-11-28T20:15:00+01:00"}
        moment[field] = stamp
        moments.append(moment)
    return json.dumps({"format": "goldseam-export", "version": 1, "exported_at": "2026-11-28T20:15:00+01:00",
                       "moments": moments}, indent=1)


# -- the rule --------------------------------------------------------------------------------

@pytest.mark.parametrize("stamp", INSIDE)
def test_the_rule_takes_iso_8601_with_an_offset_inside_the_range(stamp):
    assert clock.from_iso(stamp).utcoffset() is not None


@pytest.mark.parametrize("stamp", OUTSIDE + NOT_THE_RULE)
def test_the_rule_refuses_everything_else(stamp):
    with pytest.raises(ValueError):
        clock.from_iso(stamp)


@pytest.mark.parametrize("stamp", OUTSIDE + NOT_THE_RULE)
@pytest.mark.parametrize("field", ["created_at", "updated_at", "finished_at"])
def test_an_import_refuses_it_naming_the_moment_and_the_field(tmp_path, capsys, stamp, field):
    export = tmp_path / "in.json"
    export.write_text(_document("2026-11-28T20:15:00+01:00", stamp, field=field), encoding="utf-8")
    status = cli.main(["--data-dir", str(tmp_path / "data"), "import", str(export)])
    said = capsys.readouterr().err.strip()
    assert status == 1
    assert len(said.splitlines()) == 1 and "Traceback" not in said
    assert f"moments[1].{field} at line" in said
    assert not list((tmp_path / "data" / "journal").glob("*-*.json"))       # nothing was added


def test_a_time_in_a_section_is_named_too():
    text = json.dumps({"format": "goldseam-export", "version": 1, "moments": [
        {"id": str(uuid.uuid4()), "created_at": "2026-11-28T20:15:00+01:00",
         "reach_back": {"remind_at": "9999-12-31T23:00:00+00:00"}}]})
    with pytest.raises(TransferFormatError) as refused:
        transfer_format.parse(text)
    assert refused.value.field == "moments[0].reach_back.remind_at"
    assert "1900 to 2200" in str(refused.value)


# -- part names --------------------------------------------------------------------------------

@pytest.mark.parametrize("stamp, month", [
    ("1900-01-01T00:00:00+00:00", "1900-01"), ("1900-01-01T14:00:00+14:00", "1900-01"),
    ("2200-12-31T11:59:59-12:00", "2200-12"), ("2026-11-30T23:30:00-05:00", "2026-12"),
    ("0999-06-01T10:00:00+00:00", UNDATED), ("0001-01-01T00:30:00+14:00", UNDATED),
    ("9999-12-31T23:59:59-12:00", UNDATED), ("9999-12-31T23:00:00+00:00", UNDATED),
    ("2026-W01-1T10:00:00+00:00", UNDATED), ("not a time", UNDATED), (None, UNDATED)])
def test_a_month_always_has_four_digits_and_anything_outside_the_range_is_undated(stamp, month):
    assert month_of(stamp) == month


# -- the property: refused with the field named, or kept where every reader finds it ----------

def _offsets():
    # ±16 hours: beyond what the rule takes (±14:00) and within what Python can hold (less than 24 h)
    return st.integers(-16 * 60, 16 * 60)


def _iso(when: datetime, offset_minutes: int, fraction: bool) -> str:
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    text = (f"{when.year:04d}-{when.month:02d}-{when.day:02d}T"        # strftime does not pad years below 1000
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}")
    if fraction:
        text += f".{when.microsecond:06d}"
    return f"{text}{sign}{hours:02d}:{minutes:02d}"


def _expected_inside(when: datetime, offset_minutes: int) -> bool:
    if abs(offset_minutes) > 14 * 60:
        return False
    aware = when.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    return clock.EARLIEST <= aware < clock.END


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(when=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
       | st.datetimes(min_value=datetime(1899, 12, 30), max_value=datetime(1900, 1, 2))      # the edges, often
       | st.datetimes(min_value=datetime(2200, 12, 30), max_value=datetime(2201, 1, 2))
       | st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
       offset=_offsets(), fraction=st.booleans())
@example(when=datetime(999, 6, 1, 10), offset=0, fraction=False)
@example(when=datetime(9999, 12, 31, 23), offset=0, fraction=False)
@example(when=datetime(1, 1, 1, 0, 30), offset=14 * 60, fraction=False)
@example(when=datetime(9999, 12, 31, 23, 59, 59), offset=-12 * 60, fraction=False)
@example(when=datetime(1900, 1, 1, 14), offset=14 * 60, fraction=False)
@example(when=datetime(2200, 12, 31, 11, 59, 59, 999999), offset=-12 * 60, fraction=True)
@example(when=datetime(1899, 12, 31, 10), offset=-14 * 60, fraction=False)
@example(when=datetime(2026, 11, 28, 20, 15), offset=14 * 60 + 1, fraction=False)
def test_an_imported_time_is_refused_by_name_or_kept_where_every_reader_finds_it(tmp_path_factory, when, offset,
                                                                                 fraction):
    stamp = _iso(when, offset, fraction)
    folder = tmp_path_factory.mktemp("dates")
    export = folder / "in.json"
    export.write_text(_document(stamp), encoding="utf-8")
    try:
        document = read_import_file(export)
    except TransferFormatError as refused:
        event("refused")
        assert not _expected_inside(when, offset), stamp
        assert refused.field == "moments[0].created_at" and refused.line == 7      # the line of its id
        assert "\n" not in str(refused)
        return
    event("kept")
    assert _expected_inside(when, offset), stamp
    (moment,) = document.moments
    data_dir = folder / "data"
    with DataFolder.open(data_dir) as data:
        assert data.journal.import_moments(document.moments).added == 1
    names = [path.name for path in (data_dir / "journal").glob("*-*.json")]
    assert len(names) == 1 and PART_NAME.fullmatch(names[0]) and not names[0].startswith(UNDATED), names
    with DataFolder.open(data_dir, read_only=True) as data:
        assert [m.id for m in data.journal.all()] == [moment.id]
        export_text = "".join(export_journal(data.journal))
    assert [m.id for m in transfer_format.parse(export_text).moments] == [moment.id]
    report = check_folder(data_dir)
    assert report.healthy, report.problems
    assert "journal: 1 moment in 1 file" in report.facts
    with DataFolder.open(data_dir) as data:
        assert data.journal.delete(moment.id)
        assert data.journal.all() == [] and data.journal.count() == 0


# -- dates already on disk -------------------------------------------------------------------------

def _on_disk(data_dir, stamps_by_part: dict[str, list[tuple[str, str]]]) -> RepairMoment:
    """A journal with one ordinary moment, and records written by hand into the named parts (each a
    (field, time) pair set on a copy of the ordinary one), through SafeStorage: valid files."""
    good = RepairMoment(created_at="2026-11-02T10:00:00+00:00", completed=True)
    good.notice.what_happened = "an ordinary evening"
    with DataFolder.open(data_dir) as data:
        data.journal.save(good)
    for part, changes in stamps_by_part.items():
        records = {}
        for n, (field, stamp) in enumerate(changes, 1):
            record = good.to_dict()
            record["id"] = str(uuid.uuid4())
            section, _, key = field.rpartition(".")
            (record[section] if section else record)[key] = stamp
            records[str(n)] = record
        part_storage(data_dir / "journal" / part, read_only=False).write({MOMENTS: records})
    return good


HOSTILE = {
    "0999-06-1.json": [("created_at", "0999-06-01T10:00:00+00:00")],
    "9999-12-1.json": [("created_at", "9999-12-31T23:00:00+00:00"), ("updated_at", "9999-12-31T23:59:59-12:00")],
    "undated-1.json": [("created_at", "0001-01-01T00:30:00+14:00"), ("created_at", "2026-W01-1T10:00+00:00")],
    "2026-11-2.json": [("pause.return_at", "9999-12-31T23:00:00+00:00"),
                       ("reach_back.remind_at", "0001-01-01T00:30:00+14:00"),
                       ("finished_at", "9999-12-31T23:59:59-12:00")],
}


def test_every_reader_counts_a_date_outside_the_range_and_keeps_it(data_dir, tmp_path, capsys):
    good = _on_disk(data_dir, HOSTILE)
    hostile = sum(map(len, HOSTILE.values()))
    with DataFolder.open(data_dir) as data:
        assert [m.id for m in data.journal.all()] == [good.id]
        assert [m.id for m in data.journal.recent(5)] == [good.id]
        assert data.journal.count_unreadable() == hostile
        for month in data.journal.months():
            data.journal.moments_of(month)
        assert list(data.journal.search("evening")) == [good]
    # export: the ordinary one, and the others counted as left out (exit status 1)
    status = cli.main(["--data-dir", str(data_dir), "export", "-o", str(tmp_path / "out.json")])
    assert status == 1 and f"left out {hostile} moments" in capsys.readouterr().err
    assert [m.id for m in read_import_file(tmp_path / "out.json").moments] == [good.id]
    # check: each counted as a moment this version cannot read, kept in its file
    report = check_folder(data_dir)
    said = [line for line in report.problems if "this version cannot read (kept in the file)" in line]
    assert sum(int(re.search(r": ([0-9]+) moments? this", line).group(1)) for line in said) == hostile, said
    assert f"journal: {hostile + 1} moments in 5 files" in report.facts
    # and each file is still there, byte for byte what was written
    for part in HOSTILE:
        assert (data_dir / "journal" / part).exists()


def test_a_reminder_or_a_pause_outside_the_range_in_promises_is_left_alone(data_dir):
    from goldseam.storage.promises import Reminder

    with DataFolder.open(data_dir) as data:
        data.promises.remind(Reminder(str(uuid.uuid4()), "2026-11-28T20:15:00+01:00"))
        with pytest.raises(ValueError):
            data.promises.remind(Reminder(str(uuid.uuid4()), "9999-12-31T23:00:00+00:00"))
        table = data.promises._reminders
        table.insert({"moment_id": str(uuid.uuid4()), "due_at": "9999-12-31T23:00:00+00:00"})
        table.insert({"moment_id": str(uuid.uuid4()), "due_at": "0001-01-01T00:30:00+14:00"})
        assert [r.due_at for r in data.promises.reminders()] == ["2026-11-28T20:15:00+01:00"]


def test_a_stored_time_without_an_offset_breaks_no_listing(data_dir):
    # (journal.py's sort once compared it with the others: TypeError at every start)
    good = _on_disk(data_dir, {"2026-11-2.json": [("created_at", "2026-11-03T10:00:00")]})
    with DataFolder.open(data_dir) as data:
        assert [m.id for m in data.journal.recent(5)] == [good.id]


# -- updated_at to the millisecond ------------------------------------------------------------------

def test_an_edit_is_stamped_to_the_millisecond_and_a_later_one_in_the_same_second_wins(data_dir, monkeypatch):
    instants = iter([datetime(2026, 11, 28, 20, 15, 0, 100_000, tzinfo=timezone.utc),
                     datetime(2026, 11, 28, 20, 15, 0, 700_000, tzinfo=timezone.utc)])
    monkeypatch.setattr(clock, "now", lambda: next(instants))
    moment = RepairMoment(created_at="2026-11-28T20:00:00+00:00")
    moment.touch()
    assert moment.updated_at == "2026-11-28T20:15:00.100+00:00"
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
    later = RepairMoment.from_dict(moment.to_dict())
    later.notice.what_happened = "corrected on the other computer"
    later.touch()
    assert later.updated_at == "2026-11-28T20:15:00.700+00:00"
    with DataFolder.open(data_dir) as data:
        assert data.journal.import_moments([later]).updated == 1
        assert data.journal.get(moment.id).notice.what_happened == "corrected on the other computer"
        assert data.journal.import_moments([moment]).unchanged == 1      # the earlier copy changes nothing


# -- numbers longer than Python reads -----------------------------------------------------------------

@pytest.mark.parametrize("where", ['"version": {n}', '"version": 1, "moments": [{{"id": "x", "step": {n}}}]',
                                   '"version": 1, "moments": [[-{n}]]'])
def test_a_number_of_thousands_of_digits_is_one_line_not_a_traceback(tmp_path, capsys, where):
    text = '{"format": "goldseam-export",\n' + where.format(n="7" * 5000) + "}"
    with pytest.raises(TransferFormatError) as refused:
        transfer_format.parse(text)
    assert refused.value.line == 2 and "\n" not in str(refused.value)
    export = tmp_path / "long.json"
    export.write_text(text, encoding="utf-8")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "import", str(export)]) == 1
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1 and "digits" in said and "Traceback" not in said


# -- backups named after a day that does not exist ------------------------------------------------------

def test_a_backup_whose_name_holds_a_day_that_does_not_exist_is_listed_oldest(data_dir):
    from goldseam.storage.snapshots import Snapshots

    with DataFolder.open(data_dir) as data:
        made = Snapshots(data.path, data.journal).make()
        odd = made.path.with_name("goldseam-backup-20261399T000000Z-000000000.json")
        odd.write_bytes(made.path.read_bytes())
        assert [s.path for s in Snapshots(data.path, data.journal).all()] == [made.path, odd]


def test_a_journal_backup_whose_name_holds_a_day_that_does_not_exist_breaks_neither_check_nor_a_save(data_dir):
    moment = RepairMoment(created_at="2026-11-02T10:00:00+00:00")
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
    backups = data_dir / "journal" / "backups"
    made = sorted(backups.glob("2026-11-1.2*"))[0]
    made.with_name("2026-11-1.20261301T000000Z-000000000.json").write_bytes(made.read_bytes())
    assert "journal: 1 moment in 1 file" in check_folder(data_dir).facts
    with DataFolder.open(data_dir) as data:
        moment.notice.what_happened = "saved again"
        data.journal.save(moment)
    with DataFolder.open(data_dir, read_only=True) as data:
        assert data.journal.get(moment.id).notice.what_happened == "saved again"


class _BeforeTheEpochOnWindows(datetime):
    def astimezone(self, tz=None):
        raise OSError(22, "Invalid argument")       # what Windows' localtime says before 1970


def test_a_time_the_system_cannot_convert_is_shown_as_it_was_written():
    written = _BeforeTheEpochOnWindows(1950, 6, 1, 10, tzinfo=timezone.utc)
    assert clock.local(written) is written
