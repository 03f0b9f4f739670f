"""The journal as the look back's repository (issue 9): months, a month's moments, search,
delete, the merge of an export (newer `updated_at` wins), own phrases renamed and forgotten,
and calls from two threads at once."""

from __future__ import annotations

import errno
import inspect
import threading

import pytest

from goldseam.core import repository
from goldseam.core.moment import RepairMoment
from goldseam.core.repository import OwnPhrase
from goldseam.storage import journal_transaction, safe_storage
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import StorageError, WriteFailed
from goldseam.storage.journal import Journal
from journal_on_disk import stored_records


def dated(stamp: str, what: str = "", updated: str | None = None) -> RepairMoment:
    moment = RepairMoment()
    moment.notice.what_happened = what or f"a moment of {stamp}"
    moment.created_at = stamp
    moment.updated_at = updated or stamp
    return moment


def on_disk(folder) -> dict:
    return stored_records(folder / "journal")[1]


def test_the_journal_offers_every_method_of_the_repository():
    wanted = {name for name, _ in inspect.getmembers(repository.MomentRepository, inspect.isfunction)
              if not name.startswith("_")}
    assert wanted <= {name for name in dir(Journal) if callable(getattr(Journal, name))}
    assert {"months", "moments_of", "delete", "search", "rename_phrase", "forget_phrase"} <= wanted


def test_every_public_method_of_the_journal_holds_its_lock():
    """Wherever among storage/journal*.py a public method is written, _one_at_a_time wraps it."""
    public = [name for name in dir(Journal) if not name.startswith("_") and callable(getattr(Journal, name))]
    assert {"save", "delete", "import_moments", "absorb", "export_stream", "restore", "recent"} <= set(public)
    assert [name for name in public if not hasattr(getattr(Journal, name), "__wrapped__")] == []


def test_months_newest_first_and_each_month_newest_first(data_dir):
    stamps = ["2025-12-31T23:30:00+00:00", "2026-01-01T00:10:00+00:00", "2026-01-20T08:00:00+00:00",
              "2024-06-02T12:00:00-07:00"]
    with DataFolder.open(data_dir) as data:
        for stamp in stamps:
            data.journal.save(dated(stamp))
    with DataFolder.open(data_dir, read_only=True) as data:
        assert data.journal.months() == ["2026-01", "2025-12", "2024-06"]
        assert [m.created_at for m in data.journal.moments_of("2026-01")] == [stamps[2], stamps[1]]
        assert [m.created_at for m in data.journal.moments_of("2024-06")] == [stamps[3]]
        assert data.journal.moments_of("1999-01") == []


def test_search_ignores_accents_and_case_and_needs_every_word(data_dir):
    with DataFolder.open(data_dir) as data:
        summer = dated("2026-07-01T10:00:00+00:00", "Un été difficile à Montréal")
        winter = dated("2026-01-01T10:00:00+00:00", "Winter, ÉTÉ never came")
        data.journal.save(summer)
        data.journal.save(winter)
        winter.acknowledge.text = "Straße"
        data.journal.save(winter)
        assert [m.id for m in data.journal.search("ETE")] == [summer.id, winter.id]
        assert [m.id for m in data.journal.search("montreal été")] == [summer.id]
        assert [m.id for m in data.journal.search("strasse")] == [winter.id]
        assert list(data.journal.search("nowhere")) == []


def test_delete_removes_the_moment_from_disk_and_nothing_else(data_dir):
    with DataFolder.open(data_dir) as data:
        keep, gone = dated("2026-03-01T10:00:00+00:00", "keep"), dated("2026-03-02T10:00:00+00:00", "gone")
        data.journal.save(keep)
        data.journal.save(gone)
        assert data.journal.delete(gone.id) is True
        assert data.journal.delete(gone.id) is False
        assert data.journal.get(gone.id) is None
    assert set(on_disk(data_dir)) == {keep.id}
    with DataFolder.open(data_dir) as data:
        assert [m.id for m in data.journal.moments_of("2026-03")] == [keep.id] and data.journal.count() == 1


def test_merge_takes_the_newer_copy_keeps_ours_when_newer_and_counts(data_dir):
    ours_newer = dated("2026-02-01T10:00:00+00:00", "ours, corrected later", updated="2026-05-01T10:00:00+00:00")
    theirs_newer = dated("2026-02-02T10:00:00+00:00", "ours, old")
    same = dated("2026-02-03T10:00:00+00:00", "the same on both")
    with DataFolder.open(data_dir) as data:
        for moment in (ours_newer, theirs_newer, same):
            data.journal.save(moment)
    incoming = [
        dated(ours_newer.created_at, "theirs, older", updated="2026-03-01T10:00:00+00:00"),
        dated(theirs_newer.created_at, "theirs, corrected on the laptop", updated="2026-06-01T12:00:00+02:00"),
        dated(same.created_at, "the same on both"),
        dated("2026-04-01T10:00:00+00:00", "only on the laptop"),
    ]
    for n, original in enumerate((ours_newer, theirs_newer, same)):     # an export may spell ids in capitals
        incoming[n] = RepairMoment.from_dict(incoming[n].to_dict() | {"id": original.id.upper()})
    with DataFolder.open(data_dir) as data:
        result = data.journal.import_moments(incoming)
        assert (result.added, result.updated, result.unchanged) == (1, 1, 2)
        again = data.journal.import_moments(incoming)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    words = {record["id"]: record["notice"]["what_happened"] for record in on_disk(data_dir).values()}
    assert words == {ours_newer.id: "ours, corrected later", theirs_newer.id: "theirs, corrected on the laptop",
                     same.id: "the same on both", incoming[3].id: "only on the laptop"}


def test_a_newer_copy_dated_in_another_month_moves_there_once(data_dir):
    moment = dated("2026-02-01T10:00:00+00:00", "first date")
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
    moved = dated("2026-04-09T10:00:00+00:00", "date corrected", updated="2026-05-01T10:00:00+00:00")
    moved.id = moment.id
    with DataFolder.open(data_dir) as data:
        assert data.journal.import_moments([moved]).updated == 1
        assert data.journal.months()[0] == "2026-04"
        assert data.journal.moments_of("2026-02") == []
    times, records = stored_records(data_dir / "journal")
    assert times[moment.id] == 1 and records[moment.id]["notice"]["what_happened"] == "date corrected"


def test_a_merge_that_fails_partway_puts_back_what_it_replaced(data_dir, monkeypatch):
    olds = [dated(f"2026-0{m}-01T10:00:00+00:00", f"old {m}") for m in (1, 2, 3)]
    with DataFolder.open(data_dir) as data:
        for moment in olds:
            data.journal.save(moment)
    before = on_disk(data_dir)
    incoming = []
    for moment in olds:
        newer = dated(moment.created_at, "newer " + moment.notice.what_happened, updated="2026-09-01T10:00:00+00:00")
        newer.id = moment.id
        incoming.append(newer)
    incoming.append(dated("2026-08-01T10:00:00+00:00", "new one"))
    real, calls = journal_transaction.write_atomic, []

    def third_fails(path, payload, *args, **kwargs):
        calls.append(path.name)
        if len([c for c in calls if c.startswith("2026-")]) == 3:
            raise WriteFailed(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, payload, *args, **kwargs)

    with DataFolder.open(data_dir) as data:
        monkeypatch.setattr(journal_transaction, "write_atomic", third_fails)    # the import's own writes
        with pytest.raises(StorageError):
            data.journal.import_moments(incoming)
        monkeypatch.setattr(journal_transaction, "write_atomic", real)
    assert len([c for c in calls if c.startswith("2026-")]) == 3
    assert on_disk(data_dir) == before


def test_own_phrases_renamed_merged_and_forgotten_on_disk(data_dir):
    with DataFolder.open(data_dir) as data:
        data.journal.keep_phrase(OwnPhrase("Can we start over?", "reset"))
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", None, lands_well=True))
        data.journal.keep_phrase(OwnPhrase("Je t’aime, même fâché·e", None))
        data.journal.rename_phrase("Can we start over?", "Can we start again? 🌱")
        data.journal.rename_phrase("Je t’aime, même fâché·e", "Tea on the balcony?")   # becomes one
        data.journal.rename_phrase("not kept", "anything")
    with DataFolder.open(data_dir) as data:
        assert data.journal.own_phrases() == [OwnPhrase("Can we start again? 🌱", "reset", False),
                                              OwnPhrase("Tea on the balcony?", None, True)]
        data.journal.forget_phrase("Tea on the balcony?")
    with DataFolder.open(data_dir, read_only=True) as data:
        assert [p.text for p in data.journal.own_phrases()] == ["Can we start again? 🌱"]


def test_a_save_waits_for_a_month_being_read_on_another_thread(data_dir, monkeypatch):
    """The look back loads on a worker while the window saves: the journal lets one in at a time,
    so a save never rewrites a part in the middle of a read of the journal's state."""
    events: list[str] = []
    reading = threading.Event()
    with DataFolder.open(data_dir) as data:
        data.journal.save(dated("2026-05-01T10:00:00+00:00", "already here"))
        real_records, real_put = Journal._records_read, Journal._put

        def slow_records(self, name):
            events.append("read begins")
            reading.set()
            threading.Event().wait(0.3)
            events.append("read ends")
            return real_records(self, name)

        def put(self, name, key, record):
            events.append("write")
            return real_put(self, name, key, record)

        monkeypatch.setattr(Journal, "_records_read", slow_records)
        monkeypatch.setattr(Journal, "_put", put)
        found: list = []
        reader = threading.Thread(target=lambda: found.extend(data.journal.moments_of("2026-05")))
        reader.start()
        reading.wait(5)
        data.journal.save(dated("2026-05-02T10:00:00+00:00", "written meanwhile"))
        reader.join()
        assert events[:3] == ["read begins", "read ends", "write"]
        assert [m.notice.what_happened for m in found] == ["already here"]
    assert len(on_disk(data_dir)) == 2


def test_a_save_says_whether_the_moment_was_new_even_when_it_moves_to_another_month(data_dir):
    with DataFolder.open(data_dir) as data:
        moment = dated("2026-03-10T20:00:00+00:00", "Wir haben gestritten " * 300)
        assert data.journal.save(moment) is True
        assert data.journal.save(moment) is False
        moment.created_at = "2025-12-31T23:00:00+00:00"       # now in another month's part
        assert data.journal.save(moment) is False
        assert data.journal.delete(moment.id)
        assert data.journal.save(moment) is True
