"""Files people (or other programs) put where Goldseam reads: every one gets a calm
message or is set aside, never a traceback, a hang or a read without end."""

import json
import os
import shutil
import signal
from contextlib import contextmanager

import pytest

from goldseam.core.transfer_format import TransferFormatError, parse
from goldseam.storage import transfer
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder
from journal_files import journal_backups, journal_folder, part_of


@contextmanager
def no_hang(seconds=10):
    """Turn a hang into a failure instead of a stuck suite."""
    def expire(*_):
        raise TimeoutError(f"still reading after {seconds} s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def deep(n):
    return "[" * n + "]" * n


def test_import_refuses_deep_nesting_calmly(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "goldseam-export", "version": 1, "moments": ' + deep(100_000) + "}")
    with pytest.raises(TransferFormatError, match="nested far too deeply"):
        transfer.read_import_file(path)


def test_import_refuses_devices_pipes_and_folders_without_reading(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with no_hang():
        for path in (fifo, link, "/dev/zero"):
            with pytest.raises(TransferFormatError, match="not a regular file"):
                transfer.read_import_file(path)
        with pytest.raises(TransferFormatError, match="a folder"):
            transfer.read_import_file(tmp_path)


def test_import_follows_a_link_to_a_real_export(tmp_path, sample_moment):
    real = tmp_path / "export.json"
    real.write_text("".join(transfer.export_journal(_journal_with(tmp_path, sample_moment))))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert len(transfer.read_import_file(link).moments) == 1


def test_import_out_of_memory_is_a_calm_message(monkeypatch):
    def no_memory(*_a, **_k):
        raise MemoryError
    monkeypatch.setattr(json, "loads", no_memory)
    with pytest.raises(TransferFormatError, match="not enough memory"):
        parse("{}")


def _plant(path, kind, outside, monkeypatch):
    """Put something hostile where Goldseam reads a file of the journal."""
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-to-zero":
        path.symlink_to("/dev/zero")
    elif kind == "link-to-file":
        path.symlink_to(outside)
    elif kind == "folder":
        path.mkdir()
    elif kind == "deep":
        path.write_text('{"format": "goldseam-journal", "schema": 1, "data": ' + deep(100_000) + "}")
    else:
        monkeypatch.setattr("goldseam.storage.safe_storage.MAX_STORED_BYTES", 1000)
        path.write_bytes(b" " * 2000)


def _kept_twice(folder, sample_moment):
    """A journal whose part was saved twice: its backup holds "kept"."""
    kept = sample_moment(what="kept")
    too = sample_moment(what="kept too")
    too.created_at = too.updated_at = kept.created_at
    with DataFolder.open(folder) as data:
        data.journal.save(kept)
        data.journal.save(too)
    return part_of(folder, kept)


HOSTILE = ["fifo", "link-to-zero", "link-to-file", "folder", "deep", "huge"]


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_journal_is_set_aside_and_never_read_through(tmp_path, sample_moment, kind, monkeypatch):
    folder = tmp_path / "data"
    part = _kept_twice(folder, sample_moment)          # the newest month: read at every open
    outside = tmp_path / "someone-elses.txt"
    outside.write_text("not ours")
    _plant(part, kind, outside, monkeypatch)
    with no_hang():
        report = check_folder(folder)       # reads only
        assert any(f"{part.name} cannot be understood" in p for p in report.problems)
        with DataFolder.open(folder) as data:
            assert data.problem_with(part.name) is not None
            assert data.journal.count() == 0
            data.restore(part.name)
            assert [m.notice.what_happened for m in data.journal.all()] == ["kept"]
    assert outside.read_text() == "not ours"
    assert len(list(journal_folder(folder).glob(f"{part.stem}.corrupt-*"))) == 1


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_journal_of_an_earlier_version_is_set_aside_before_it_moves(tmp_path, sample_moment, kind,
                                                                             monkeypatch):
    """journal.json of an earlier version, read once to move it into the journal folder: the same care."""
    folder = tmp_path / "data"
    part = _kept_twice(folder, sample_moment)
    backup = sorted(journal_backups(folder).glob(f"{part.stem}.2*.json"))[-1]      # the newest of the part's
    legacy_backups = folder / "backups"
    legacy_backups.mkdir(mode=0o700, exist_ok=True)
    os.link(backup, legacy_backups / "journal.20261128T100000Z-000000000.json")   # how it was kept then
    shutil.rmtree(journal_folder(folder))               # a data folder as an earlier version left it
    journal = folder / "journal.json"
    outside = tmp_path / "someone-elses.txt"
    outside.write_text("not ours")
    _plant(journal, kind, outside, monkeypatch)
    with no_hang():
        report = check_folder(folder)       # reads only
        assert any("journal.json cannot be understood" in p for p in report.problems)
        with DataFolder.open(folder) as data:
            assert data.problem_with("journal.json") is not None
            assert data.journal.count() == 0
            assert [h.file for h in data.held_backups()] == ["journal.json"]
            data.restore("journal.json")                # into the new layout
            assert [m.notice.what_happened for m in data.journal.all()] == ["kept"]
        with DataFolder.open(folder) as data:
            assert [m.notice.what_happened for m in data.journal.all()] == ["kept"] and data.problems == []
    assert outside.read_text() == "not ours"
    assert len(list(folder.glob("journal.corrupt-*"))) == 1
    assert not os.path.lexists(journal)


@pytest.mark.parametrize("which", ["part", "phrases"])
def test_check_does_not_hang_on_a_pipe_among_the_backups(tmp_path, sample_moment, which):
    from goldseam.storage.journal import OwnPhrase

    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(moment)
        data.journal.save(sample_moment())
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?"))
    stem = part_of(folder, moment).stem if which == "part" else "phrases"
    pipe = f"{stem}.20991231T000000Z-000000000.json"
    os.mkfifo(journal_backups(folder) / pipe)
    with no_hang():
        report = check_folder(folder)
    assert any(f"backup journal/backups/{pipe} cannot be understood" in p for p in report.problems)


@pytest.mark.parametrize("where", ["part", "journal.json"])
def test_out_of_memory_while_reading_the_journal_changes_nothing(tmp_path, sample_moment, monkeypatch, where):
    from goldseam.storage.errors import ReadFailed

    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(moment)
    path = part_of(folder, moment)
    if where == "journal.json":                         # an earlier version's journal, not moved yet
        os.rename(path, folder / "journal.json")
        shutil.rmtree(journal_folder(folder))
        path = folder / "journal.json"
    before = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    content = path.read_bytes()

    def no_memory(*_a, **_k):
        raise MemoryError
    monkeypatch.setattr("goldseam.storage.safe_storage.json.loads", no_memory)
    with pytest.raises(ReadFailed, match="not enough memory"):
        DataFolder.open(folder)
    assert path.read_bytes() == content
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == before
    monkeypatch.undo()
    with DataFolder.open(folder) as data:               # memory again: all there
        assert [m.id for m in data.journal.all()] == [moment.id] and data.problems == []


def _journal_with(tmp_path, sample_moment):
    data = DataFolder.open(tmp_path / "source")
    data.journal.save(sample_moment())
    return data.journal
