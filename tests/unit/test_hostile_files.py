"""Files people (or other programs) put where Goldseam reads: every one gets a calm
message or is set aside, never a traceback, a hang or a read without end."""

import json
import os
import signal
from contextlib import contextmanager

import pytest

from goldseam.core.transfer_format import TransferFormatError, parse
from goldseam.storage import transfer
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder


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
    real.write_text(transfer.export_journal(_journal_with(tmp_path, sample_moment)).text)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert len(transfer.read_import_file(link).moments) == 1


def test_import_out_of_memory_is_a_calm_message(monkeypatch):
    def no_memory(*_a, **_k):
        raise MemoryError
    monkeypatch.setattr(json, "loads", no_memory)
    with pytest.raises(TransferFormatError, match="not enough memory"):
        parse("{}")


@pytest.mark.parametrize("kind", ["fifo", "link-to-zero", "link-to-file", "folder", "deep", "huge"])
def test_a_hostile_journal_is_set_aside_and_never_read_through(tmp_path, sample_moment, kind, monkeypatch):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="kept"))
        data.journal.save(sample_moment(what="kept too"))
    journal = folder / "journal.json"
    outside = tmp_path / "someone-elses.txt"
    outside.write_text("not ours")
    journal.unlink()
    if kind == "fifo":
        os.mkfifo(journal)
    elif kind == "link-to-zero":
        journal.symlink_to("/dev/zero")
    elif kind == "link-to-file":
        journal.symlink_to(outside)
    elif kind == "folder":
        journal.mkdir()
    elif kind == "deep":
        journal.write_text('{"format": "goldseam-journal", "schema": 1, "data": ' + deep(100_000) + "}")
    else:
        monkeypatch.setattr("goldseam.storage.safe_storage.MAX_STORED_BYTES", 1000)
        journal.write_bytes(b" " * 2000)
    with no_hang():
        report = check_folder(folder)       # reads only
        assert any("journal.json cannot be understood" in p for p in report.problems)
        with DataFolder.open(folder) as data:
            assert data.problem_with("journal.json") is not None
            assert data.journal.count() == 0
            data.restore("journal.json")
            assert [m.notice.what_happened for m in data.journal.all()] == ["kept"]
    assert outside.read_text() == "not ours"
    assert len(list(folder.glob("journal.corrupt-*"))) == 1


def test_check_does_not_hang_on_a_pipe_among_the_backups(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.journal.save(sample_moment())
    os.mkfifo(folder / "backups" / "journal.20991231T000000Z-000000000.json")
    with no_hang():
        report = check_folder(folder)
    assert any("backup journal.20991231T000000Z-000000000.json cannot be understood" in p for p in report.problems)


def test_out_of_memory_while_reading_the_journal_changes_nothing(tmp_path, sample_moment, monkeypatch):
    from goldseam.storage.errors import ReadFailed

    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
    before = (folder / "journal.json").read_bytes()

    def no_memory(*_a, **_k):
        raise MemoryError
    monkeypatch.setattr("goldseam.storage.safe_storage.json.loads", no_memory)
    with pytest.raises(ReadFailed, match="not enough memory"):
        DataFolder.open(folder)
    assert (folder / "journal.json").read_bytes() == before
    assert not list(folder.glob("*.corrupt-*"))


def _journal_with(tmp_path, sample_moment):
    data = DataFolder.open(tmp_path / "source")
    data.journal.save(sample_moment())
    return data.journal
