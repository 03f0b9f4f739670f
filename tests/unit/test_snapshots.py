"""Backups the person makes ("Back up now"), and restoring one: the whole journal in one private
file; a restore that brings back what was lost and never overwrites what is newer."""

import errno
import os
import stat

import pytest

from goldseam.core import transfer_format
from goldseam.storage import snapshots as snapshots_module
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WriteFailed
from goldseam.storage.snapshots import KEEP, Snapshots


def _folder_with(data_dir, sample_moment, *whats):
    data = DataFolder.open(data_dir)
    moments = []
    for what in whats:
        moment = sample_moment(what=what)
        data.journal.save(moment)
        moments.append(moment)
    return data, moments


def test_a_backup_holds_every_moment_in_a_private_file(data_dir, sample_moment):
    data, moments = _folder_with(data_dir, sample_moment, "first words", "déjà vu, ça va 心")
    try:
        made = Snapshots(data.path, data.journal).make()
        assert stat.S_IMODE(os.stat(made.path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(made.path.parent).st_mode) == 0o700
        document = transfer_format.parse(made.path.read_text("utf-8"))
        assert sorted(m.notice.what_happened for m in document.moments) == sorted(
            m.notice.what_happened for m in moments)
        assert [s.path for s in Snapshots(data.path, data.journal).all()] == [made.path]
    finally:
        data.close()
    # The folder with its backups opens again as Goldseam's own (nothing foreign in it).
    DataFolder.open(data_dir).close()


def test_only_the_newest_backups_are_kept(data_dir, sample_moment):
    data, _ = _folder_with(data_dir, sample_moment, "words")
    try:
        backups = Snapshots(data.path, data.journal)
        made = [backups.make() for _ in range(KEEP + 2)]
        kept = backups.all()
        assert len(kept) == KEEP
        assert kept[0].path == made[-1].path and made[0].path not in {s.path for s in kept}
    finally:
        data.close()


def test_a_full_disk_leaves_no_backup_and_no_half_file(data_dir, sample_moment, monkeypatch):
    data, _ = _folder_with(data_dir, sample_moment, "words")
    try:
        backups = Snapshots(data.path, data.journal)
        real_write = os.write

        def full(fd, view):
            if os.fstat(fd).st_size > 10:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, view[:8])

        monkeypatch.setattr(os, "write", full)
        with pytest.raises(WriteFailed) as refused:
            backups.make()
        assert refused.value.disk_full
        monkeypatch.setattr(os, "write", real_write)
        assert os.listdir(backups.folder) == []
    finally:
        data.close()


def test_other_things_in_the_backups_folder_are_left_alone(data_dir, sample_moment):
    data, _ = _folder_with(data_dir, sample_moment, "words")
    try:
        backups = Snapshots(data.path, data.journal)
        backups.make()
        (backups.folder / "notes.txt").write_text("mine")
        os.mkfifo(backups.folder / "goldseam-backup-20260101T000000Z-000000000.json")
        assert len(backups.all()) == 1
        for _ in range(KEEP + 1):
            backups.make()
        assert (backups.folder / "notes.txt").read_text() == "mine"
    finally:
        data.close()


def test_restoring_brings_back_what_was_lost_and_keeps_what_is_newer(data_dir, sample_moment):
    data, (kept, lost, changed) = _folder_with(data_dir, sample_moment, "kept", "lost", "changed")
    try:
        backups = Snapshots(data.path, data.journal)
        made = backups.make()
        data.journal.delete(lost.id)
        changed.notice.what_happened = "changed again, after the backup"
        changed.updated_at = "2099-01-01T00:00:00+00:00"
        data.journal.save(changed)
        written_since = sample_moment(what="written since")
        data.journal.save(written_since)

        preview, document = backups.preview(made.path)
        assert preview.moments == 3
        assert (preview.would.added, preview.would.updated, preview.would.unchanged) == (1, 0, 2)
        assert {m.id for m in data.journal.all()} == {kept.id, changed.id, written_since.id}   # nothing yet

        result = backups.restore(document)
        assert (result.added, result.updated) == (1, 0)
        words = {m.id: m.notice.what_happened for m in data.journal.all()}
        assert words == {kept.id: "kept", lost.id: "lost", changed.id: "changed again, after the backup",
                         written_since.id: "written since"}
    finally:
        data.close()


def test_a_file_that_is_not_a_backup_is_refused_before_anything_changes(data_dir, sample_moment, tmp_path):
    data, _ = _folder_with(data_dir, sample_moment, "words")
    try:
        hostile = tmp_path / "nested.json"
        hostile.write_text("[" * 100_000)
        with pytest.raises(transfer_format.TransferFormatError):
            Snapshots(data.path, data.journal).preview(hostile)
        with pytest.raises(transfer_format.TransferFormatError):
            Snapshots(data.path, data.journal).preview(tmp_path)        # a folder
        assert len(data.journal.all()) == 1
    finally:
        data.close()


def test_the_name_says_when_it_was_made(data_dir, sample_moment, monkeypatch):
    data, _ = _folder_with(data_dir, sample_moment, "words")
    try:
        monkeypatch.setattr(snapshots_module.time, "time_ns", lambda: 1_795_000_000_123_456_789)
        made = Snapshots(data.path, data.journal).make()
        assert made.path.name == "goldseam-backup-20261118T110640Z-123456789.json"
        assert Snapshots(data.path, data.journal).all()[0].made_at == pytest.approx(1_795_000_000.123456789)
    finally:
        data.close()
