"""An import's files are put in place as one change (journal_transaction): what a stop at each step
leaves, what `check` and `export` say of it, and what the next open makes of it."""

from __future__ import annotations

import pytest

from goldseam import cli
from goldseam.core.moment import RepairMoment
from goldseam.storage import journal_transaction
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder
from goldseam.storage import health_check
from goldseam.storage.journal_transaction import COMMIT_FILE, PENDING_FOLDER

from journal_files import journal_folder
from journal_on_disk import stored_records


class Stop(BaseException):
    """The process ends here (as a kill would: no clean-up runs)."""


def dated(month: str, day: int, what: str) -> RepairMoment:
    moment = RepairMoment(created_at=f"{month}-{day:02d}T20:00:00+00:00")
    moment.notice.what_happened = what
    return moment


def journal_with(folder, moments):
    with DataFolder.open(folder) as data:
        for moment in moments:
            data.journal.save(moment)


def files_of(folder) -> dict[str, bytes]:
    journal = journal_folder(folder)
    return {p.name: p.read_bytes() for p in journal.glob("*.json")}


OLD = [dated("2025-01", 3, "january"), dated("2025-02", 3, "february")]
NEW = [dated("2025-01", 9, "new in january"), dated("2025-03", 9, "new in march"), dated("2025-04", 9, "new in april")]


def stopped_import(folder, monkeypatch, where: str) -> None:
    """An import of NEW stopped before its commit record ("staged"), or after it and one file put
    in place ("committed")."""
    from goldseam.storage.journal import Journal

    def stop_after_the_first(self, name, existed):
        raise Stop()

    if where == "staged":
        monkeypatch.setattr(journal_transaction.Transaction, "commit", lambda *a, **k: (_ for _ in ()).throw(Stop()))
    else:
        monkeypatch.setattr(Journal, "_after_replace", stop_after_the_first)
    data = DataFolder.open(folder)
    with pytest.raises(Stop):
        data.journal.import_moments(NEW)
    data.lock.release()            # the process is gone: the operating system lets go of its lock
    monkeypatch.undo()


def test_an_import_stopped_before_its_commit_is_taken_back_at_the_next_open(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    journal_with(folder, OLD)
    before = files_of(folder)
    stopped_import(folder, monkeypatch, "staged")
    assert (journal_folder(folder) / PENDING_FOLDER).is_dir()
    assert not (journal_folder(folder) / PENDING_FOLDER / COMMIT_FILE).exists()
    report = check_folder(folder)
    assert any("cut short before it was complete" in fact for fact in report.facts)
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(tmp_path / "e.json")]) == 0   # the journal as it was
    assert "january" in (tmp_path / "e.json").read_text() and "new in march" not in (tmp_path / "e.json").read_text()
    with DataFolder.open(folder) as data:
        assert data.journal.recovered == journal_transaction.ROLLED_BACK
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["february", "january"]
    assert not (journal_folder(folder) / PENDING_FOLDER).exists()
    assert {n: b for n, b in files_of(folder).items() if n != "index.json"} == \
        {n: b for n, b in before.items() if n != "index.json"}


def test_an_import_stopped_after_its_commit_is_finished_at_the_next_open(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    journal_with(folder, OLD)
    stopped_import(folder, monkeypatch, "committed")
    assert (journal_folder(folder) / PENDING_FOLDER / COMMIT_FILE).exists()
    report = check_folder(folder)
    assert any("cut short after it was complete" in problem for problem in report.problems)
    assert not report.healthy           # what it counts is not yet the whole journal
    capsys.readouterr()
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(tmp_path / "e.json")]) == 1
    assert "finished the next time Goldseam opens" in capsys.readouterr().err and not (tmp_path / "e.json").exists()
    with DataFolder.open(folder) as data:
        assert data.journal.recovered == journal_transaction.FINISHED
        assert len(data.journal.all()) == len(OLD) + len(NEW)
    assert not (journal_folder(folder) / PENDING_FOLDER).exists()
    times = stored_records(journal_folder(folder))[0]
    assert set(times.values()) == {1} and len(times) == len(OLD) + len(NEW)
    assert cli.main(["--data-dir", str(folder), "check"]) == 0


def test_a_damaged_commit_record_is_not_trusted(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    journal_with(folder, OLD)
    stopped_import(folder, monkeypatch, "staged")
    pending = journal_folder(folder) / PENDING_FOLDER
    record = journal_transaction._commit_record(sorted(p.name for p in pending.iterdir()))
    (pending / COMMIT_FILE).write_bytes(record.replace(b"2025", b"2024", 1))       # not what was written
    assert journal_transaction.committed_files(journal_folder(folder)) is None
    with DataFolder.open(folder) as data:
        assert data.journal.recovered == journal_transaction.ROLLED_BACK
        assert len(data.journal.all()) == len(OLD)


def test_check_reads_the_journal_again_when_it_changes_meanwhile(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    journal_with(folder, OLD)
    real = health_check._check_journal
    calls = []

    def save_meanwhile(report, journal):
        calls.append(1)
        real(report, journal)
        if len(calls) == 1:           # another Goldseam saves while the first reading is under way
            journal_with(folder, [dated("2025-02", 20, "saved meanwhile")])

    monkeypatch.setattr(health_check, "_check_journal", save_meanwhile)
    report = check_folder(folder)
    assert len(calls) == 2 and report.healthy
    assert "journal: 3 moments in 2 files" in report.facts
    monkeypatch.setattr(health_check, "_check_journal",
                        lambda report, journal: (real(report, journal),
                                                 journal_with(folder, [dated("2025-02", 21, "and again")])))
    report = check_folder(folder)
    assert any("changed while it was being checked" in problem for problem in report.problems)


@pytest.mark.slow
def test_a_change_of_thousands_of_files_is_put_in_place_whole(tmp_path, monkeypatch):
    """Fifty years of busy months are thousands of parts: the commit record names them all (it is
    larger than a small file), and the next open still finishes a change cut short after it.
    What this asks of the disk's flushes is tested in test_durability.py; here its 18,000 fsyncs
    would only wait for the other suite's writes in CI (78 s there, 6 s on a quiet machine)."""
    from goldseam.storage import atomic_file

    monkeypatch.setattr(atomic_file.os, "fsync", lambda fd: None)
    folder = tmp_path / "journal"
    folder.mkdir()
    names = [f"{2000 + n // 1200:04d}-{1 + n // 100 % 12:02d}-{1 + n % 100}.json" for n in range(4500)]
    transaction = journal_transaction.Transaction(folder)
    for name in names:
        transaction.stage(name, name.encode())
    done = []
    transaction.commit(lambda name: None, lambda name, existed: done.append(name))
    assert len(done) == 4500 and (folder / names[-1]).read_bytes() == names[-1].encode()
    assert not (folder / PENDING_FOLDER).exists()

    again = journal_transaction.Transaction(folder)
    for name in names:
        again.stage(name, b"new " + name.encode())
    (folder / PENDING_FOLDER / COMMIT_FILE).write_bytes(journal_transaction._commit_record(names))   # cut short here
    assert journal_transaction.recover(folder, lambda name: None, lambda name, existed: None) == \
        journal_transaction.FINISHED
    assert all((folder / name).read_bytes() == b"new " + name.encode() for name in names)


def test_a_change_that_could_not_be_put_in_place_is_never_thrown_away_by_the_next(tmp_path, monkeypatch):
    """The disk refuses a rename after the commit (a change is made, but not yet in place): the next
    import of the same session first puts it in place, and never removes it with pending/."""
    folder = tmp_path / "data"
    journal_with(folder, OLD)
    real = journal_transaction.os.replace
    with DataFolder.open(folder) as data:
        def refuse(source, target, *args, **kwargs):
            if PENDING_FOLDER in str(source) and not str(source).endswith(".goldseam-tmp"):
                raise OSError(5, "Input/output error")
            return real(source, target, *args, **kwargs)
        monkeypatch.setattr(journal_transaction.os, "replace", refuse)
        with pytest.raises(Exception):
            data.journal.import_moments(NEW[:2])
        monkeypatch.undo()
        assert journal_transaction.in_progress(journal_folder(folder))
        try:
            data.journal.import_moments(NEW[2:])
        except Exception:
            data.journal.import_moments(NEW[2:])        # planned again on the journal as it now is
        assert len(data.journal.all()) == len(OLD) + len(NEW)
    times = stored_records(journal_folder(folder))[0]
    assert set(times.values()) == {1} and len(times) == len(OLD) + len(NEW)
