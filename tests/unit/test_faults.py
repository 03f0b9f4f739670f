"""A save that fails leaves the file byte-identical and no temp file behind."""

import errno
import os

import pytest
from tinydb import TinyDB

from goldseam.storage.atomic_file import TEMP_SUFFIX
from goldseam.storage.errors import WriteFailed
from goldseam.storage.safe_storage import SafeStorage


@pytest.fixture
def db(tmp_path):
    database = TinyDB(tmp_path / "journal.json", storage=SafeStorage, kind="journal", schema=1)
    database.insert({"words": "what I wrote before"})
    return database


def _fail(err):
    def raiser(*args, **kwargs):
        raise OSError(err, os.strerror(err))
    return raiser


@pytest.mark.parametrize("target, err", [
    ("write", errno.ENOSPC),
    ("open", errno.EACCES),
    ("fsync", errno.EIO),
    ("replace", errno.EXDEV),
    ("replace", errno.EROFS),
])
def test_failed_save_changes_nothing(tmp_path, db, monkeypatch, target, err):
    path = tmp_path / "journal.json"
    before = path.read_bytes()
    real_open = os.open

    if target == "open":
        def fake_open(p, flags, *args, **kwargs):
            if str(p).endswith(TEMP_SUFFIX):
                raise OSError(err, os.strerror(err))
            return real_open(p, flags, *args, **kwargs)
        monkeypatch.setattr(os, "open", fake_open)
    else:
        monkeypatch.setattr(os, target, _fail(err))

    with pytest.raises(WriteFailed) as caught:
        db.insert({"words": "new words"})
    monkeypatch.undo()
    assert caught.value.errno == err
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # the store has not kept the unsaved change in memory either
    assert db.all() == [{"words": "what I wrote before"}]
    # and it saves again once the disk is well
    db.insert({"words": "new words"})
    assert len(TinyDB(path, storage=SafeStorage, kind="journal", schema=1).all()) == 2


def test_disk_full_is_reported_as_such(db, monkeypatch):
    monkeypatch.setattr(os, "write", _fail(errno.ENOSPC))
    with pytest.raises(WriteFailed) as caught:
        db.insert({"x": 1})
    assert caught.value.disk_full
    assert "disk is full" in str(caught.value)
    assert "x" not in str(caught.value)


def test_serialization_error_touches_nothing(tmp_path, db):
    path = tmp_path / "journal.json"
    before = path.read_bytes()
    with pytest.raises(TypeError):
        db.insert({"bad": object()})
    assert path.read_bytes() == before
    assert db.all() == [{"words": "what I wrote before"}]
