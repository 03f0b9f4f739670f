"""Backups keep the newest generations whatever the clock and the file system do."""

import errno
import json
import os
import time
from datetime import datetime, timezone

import pytest
from tinydb import TinyDB

from goldseam.storage.backups import BackupRotation
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.safe_storage import SafeStorage
from journal_files import held_backups, is_good_part, journal_backups, part_of


@pytest.fixture
def berlin():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_the_repeated_hour_at_the_end_of_daylight_saving_keeps_the_newest(tmp_path, berlin):
    # 2026-10-25: clocks in Berlin go from 03:00 CEST back to 02:00 CET (01:00 UTC).
    moments = iter(int(datetime(2026, 10, 25, 0, m, tzinfo=timezone.utc).timestamp() * 1e9) for m in range(0, 60, 10))
    moments = list(moments) + [int(datetime(2026, 10, 25, 1, m, tzinfo=timezone.utc).timestamp() * 1e9)
                               for m in range(5, 60, 10)]
    clock = iter(moments)
    path = tmp_path / "journal.json"
    rotation = BackupRotation(path, keep_recent=3, keep_days=0, now_ns=lambda: next(clock))
    for n in range(len(moments)):
        (tmp_path / "next").write_text(str(n))
        os.replace(tmp_path / "next", path)      # each save is a new file, as the atomic write makes it
        rotation.snapshot()
    kept = sorted(int(p.read_text()) for p in rotation.recent())
    assert kept == [len(moments) - 3, len(moments) - 2, len(moments) - 1]


def test_backups_of_earlier_versions_in_local_time_sort_with_the_new_ones(tmp_path, berlin):
    path = tmp_path / "journal.json"
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "journal.20261128T101500-000000000.json").write_text("old, 09:15 UTC")   # local time, CET
    now = int(datetime(2026, 11, 28, 9, 20, tzinfo=timezone.utc).timestamp() * 1e9)
    rotation = BackupRotation(path, keep_recent=1, keep_days=0, now_ns=lambda: now)
    path.write_text("new, 09:20 UTC")
    rotation.snapshot()
    assert [p.read_text() for p in rotation.recent()] == ["new, 09:20 UTC"]


def test_where_links_and_chmod_fail_copies_are_private_and_still_pruned(tmp_path, monkeypatch, sample_moment):
    def refuse(*_a, **_k):
        raise OSError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "chmod", refuse)
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        moment = sample_moment()
        for n in range(30):
            moment.acknowledge.text = f"draft {n}"
            data.drafts.save(moment)
    drafts = sorted((folder / "backups").glob("draft.*.json"))
    assert len(drafts) == 2
    assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in drafts)
    assert json.loads(max(drafts, key=os.path.getmtime).read_text())["data"]["draft"]["1"]["acknowledge"]["text"] == "draft 28"


def test_a_failed_backup_never_stops_the_save(tmp_path, monkeypatch):
    db = TinyDB(tmp_path / "j.json", storage=SafeStorage, kind="journal", schema=1)
    db.insert({"a": 1})
    monkeypatch.setattr("goldseam.storage.backups._link_or_copy", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    db.insert({"a": 2})
    assert len(TinyDB(tmp_path / "j.json", storage=SafeStorage, kind="journal", schema=1).all()) == 2


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_failed_save_leaves_no_backup_that_is_the_current_file(tmp_path, sample_moment, monkeypatch, failing):
    from goldseam.storage.errors import WriteFailed

    folder = tmp_path / "data"
    data = DataFolder.open(folder)
    one = sample_moment(what="one")
    data.journal.save(one)
    data.journal.save(sample_moment(what="two"))
    three = sample_moment(what="three")
    three.created_at = three.updated_at = one.created_at     # the same part, whatever the clock does meanwhile
    real = getattr(os, failing)
    monkeypatch.setattr(os, failing, lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left")))
    with pytest.raises(WriteFailed):
        data.journal.save(three)
    monkeypatch.setattr(os, failing, real)
    part = part_of(folder, one)
    backups = [p for p in journal_backups(folder).iterdir() if p.is_file()]
    assert backups, "the second save kept a backup of the first"
    for backup in backups:
        assert not os.path.samefile(backup, part), f"{backup.name} is {part.name} itself"
    # damage done to the part in place (an editor, a bad sector) never reaches a backup
    part.write_bytes(b"\x00" * 10)
    data.close()
    with DataFolder.open(folder) as data:
        assert data.problem_with(part.name) is not None
        held = list(held_backups(folder).iterdir())
        assert held and all(is_good_part(p) for p in held)
        data.restore(part.name)
        assert [m.notice.what_happened for m in data.journal.all()] == ["one"]
