"""Each durability promise has a test that fails when the promise is broken: the file is
flushed to the disk before it replaces the old one, the folder after, and a disk error
from either is reported, never swallowed."""

import errno
import os
import stat
import sys

import pytest

from goldseam.storage import atomic_file
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WriteFailed
from journal_files import journal_folder, part_of


@pytest.fixture
def events(monkeypatch):
    """Record fsync (file or folder) and replace, in order, on the real code path."""
    seen = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        seen.append((f"fsync-{kind}", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(src, dst):
        seen.append(("replace", str(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors")
def test_saving_a_moment_flushes_the_file_then_the_folder(tmp_path, sample_moment, events):
    folder = tmp_path / "data"
    first = sample_moment(what="first")
    with DataFolder.open(folder) as data:
        data.journal.save(first)        # the part exists: the next save replaces it
    moment = sample_moment()
    moment.created_at = moment.updated_at = first.created_at
    with DataFolder.open(folder) as data:
        events.clear()
        data.journal.save(moment)
    part = str(part_of(folder, moment))
    kinds = [kind for kind, _ in events]
    at = events.index(("replace", part))
    # the temp file that becomes the part is flushed before the rename ...
    assert kinds[at - 1] == "fsync-file" and f".{part_of(folder, moment).name}." in events[at - 1][1]
    # ... and the journal folder after it, so the rename itself survives a power cut
    assert events[at + 1] == ("fsync-folder", str(journal_folder(folder)))


def test_a_disk_error_from_the_folder_flush_is_reported(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    data = DataFolder.open(folder)
    real_fsync = os.fsync

    def failing(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(WriteFailed, match="input/output error"):
        data.journal.save(sample_moment())
    data.close()


def test_a_folder_that_cannot_be_flushed_at_all_is_not_an_error(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def unsupported(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", unsupported)
    atomic_file.write_atomic(tmp_path / "f.json", b"{}")
    assert (tmp_path / "f.json").read_bytes() == b"{}"


def test_macos_uses_full_fsync(tmp_path, monkeypatch):
    import fcntl

    calls = []
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", lambda fd, op, *a: calls.append(op) or 0)
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync"))
    atomic_file.write_atomic(tmp_path / "f.json", b"{}")
    assert calls == [51, 51]      # the file and the folder, each with F_FULLFSYNC, no plain fsync


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors")
def test_the_first_moment_survives_a_power_cut_with_the_journal_folder_it_created(tmp_path, sample_moment, events):
    """The journal folder is new in a data folder that already exists (an earlier session kept
    preferences, no moment yet): its own name in the data folder must reach the disk, or a power
    cut takes the folder, and the moment flushed inside it, away."""
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    os.rmdir(journal_folder(folder))            # as a version before the journal folder left it
    events.clear()
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
    assert journal_folder(folder).is_dir()
    assert ("fsync-folder", str(folder)) in events


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors")
def test_an_import_flushes_every_file_and_each_folder_before_anything_relies_on_it(tmp_path, sample_moment, events):
    """Many new parts in one import: each staged file is flushed before it is renamed, the pending
    folder once after the last rename and before the commit record, the journal folder after the
    parts are put in place, and each backup copy is flushed, with the backups folder after the last
    copy and before the import returns."""
    folder = tmp_path / "data"
    moments = []
    for month in range(1, 7):
        moment = sample_moment(what=f"month {month}")
        moment.created_at = moment.updated_at = f"2024-{month:02d}-03T10:00:00+00:00"
        moments.append(moment)
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        events.clear()
        data.journal.import_moments(moments)
        returned = len(events)
    journal, pending = journal_folder(folder), journal_folder(folder) / "pending"
    backups = journal / "backups"
    replaced = [(n, path) for n, (kind, path) in enumerate(events) if kind == "replace"]
    staged = [(n, path) for n, path in replaced if os.path.dirname(path) == str(pending) and not path.endswith("commit.json")]
    commit = next(n for n, path in replaced if path == str(pending / "commit.json"))
    parts = [(n, path) for n, path in replaced if os.path.dirname(path) == str(journal) and "2024-" in path]
    copies = [(n, path) for n, path in replaced if os.path.dirname(path) == str(backups)]
    assert len(staged) == len(parts) == len(copies) == 6
    for n, path in staged + copies:        # the temp file of each flushed just before its rename
        assert events[n - 1][0] == "fsync-file" and os.path.basename(path) in events[n - 1][1]
    pending_flush = [n for n, event in enumerate(events) if event == ("fsync-folder", str(pending))]
    assert pending_flush and max(n for n, _ in staged) < pending_flush[0] < commit
    assert commit < min(n for n, _ in parts)
    assert any(event == ("fsync-folder", str(journal)) for event in events[max(n for n, _ in parts):])
    backups_flush = [n for n, event in enumerate(events) if event == ("fsync-folder", str(backups))]
    assert backups_flush and max(n for n, _ in copies) < backups_flush[-1] < returned
