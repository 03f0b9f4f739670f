"""The journal's index (which part holds which moment) is derived and cheap: written seldom, read
again only where the parts changed, and never trusted over the parts; and the start does not walk
the journal's private folders, while a file of another user there is still refused when read."""

from __future__ import annotations

import json
import os

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage import journal_index
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import ForeignFile
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.journal_index import load_index
from goldseam.storage.safe_storage import SafeStorage

from journal_files import journal_folder


def dated(month: str, day: int = 10, what: str = "") -> RepairMoment:
    moment = RepairMoment()
    moment.notice.what_happened = what or f"a moment of {month}"
    moment.created_at = moment.updated_at = f"{month}-{day:02d}T20:00:00+00:00"
    return moment


MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13)]


@pytest.fixture
def long_journal(tmp_path):
    """24 months, three moments each, written in one import (the index is written with it)."""
    folder = tmp_path / "data"
    moments = [dated(month, day) for month in MONTHS for day in (3, 13, 23)]
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
    return folder, moments


def reads_of_parts(monkeypatch) -> list[str]:
    """The part files read from disk from now on (SafeStorage._load), by name."""
    names: list[str] = []
    real = SafeStorage._load

    def counting(self):
        names.append(self.path.name)
        return real(self)
    monkeypatch.setattr(SafeStorage, "_load", counting)
    return names


def test_a_few_saves_leave_the_index_as_it_was_and_the_next_start_reads_only_their_parts(long_journal, monkeypatch):
    folder, moments = long_journal
    index_file = journal_folder(folder) / "index.json"
    written = index_file.read_bytes()
    with DataFolder.open(folder) as data:
        edited = moments[5]                                  # 2023-02
        edited.notice.what_happened = "said again, more gently"
        data.journal.save(edited)
        data.journal.save(dated("2024-12", 28, what="the newest"))
    assert index_file.read_bytes() == written                # two parts changed: not worth two megabytes later
    reads = reads_of_parts(monkeypatch)
    with DataFolder.open(folder) as data:
        reads.clear()
        assert data.journal.count() == len(moments) + 1
        assert sorted(set(reads) - {"phrases.json"}) == ["2023-02-1.json"]     # 2024-12 was read for home already
        assert data.journal.get(edited.id).notice.what_happened == "said again, more gently"


def test_the_index_is_written_again_once_many_parts_changed(long_journal):
    folder, moments = long_journal
    index_file = journal_folder(folder) / "index.json"
    written = index_file.read_bytes()
    with DataFolder.open(folder) as data:
        for moment in moments[: 3 * journal_index.SAVE_AFTER_PARTS: 3]:      # one moment in each of 16 months
            moment.acknowledge.text = "I see my part."
            data.journal.save(moment)
    assert index_file.read_bytes() != written
    index = load_index(index_file)
    assert not index.dirty and len(index.parts) == len(MONTHS)
    for name, entry in index.parts.items():
        assert entry.stamp == journal_index.stamp_of(journal_folder(folder) / name)      # the file as it is now


def test_an_index_of_another_schema_is_built_again_from_the_parts(long_journal):
    folder, moments = long_journal
    index_file = journal_folder(folder) / "index.json"
    document = json.loads(index_file.read_bytes())
    document["schema"] = 1
    document["parts"] = {"2023-01-1.json": {"stamp": [1, 2, 3], "ids": ["not-a-moment"]}}
    index_file.write_text(json.dumps(document))
    with DataFolder.open(folder) as data:
        assert data.journal.count() == len(moments)
        assert data.journal.get("not-a-moment") is None
        assert data.journal.import_moments([moments[0]]).unchanged == 1
    assert json.loads(index_file.read_bytes())["schema"] == journal_index.INDEX_SCHEMA


def test_ids_with_spaces_survive_the_index(tmp_path):
    """A record edited by hand may carry any text as its id: it is indexed all the same, so an import
    does not add a second copy of it."""
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(dated("2025-01"))
    part = journal_folder(folder) / "2025-01-1.json"
    storage = part_storage(part, read_only=False)
    tables = storage.read()
    tables[MOMENTS]["7"] = {"id": "a hand made id", "created_at": "2025-01-20T10:00:00+00:00"}
    storage.write(tables)
    index_file = journal_folder(folder) / "index.json"
    index_file.unlink()
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 2                      # built again from the parts, and written
    assert load_index(index_file).by_id["a hand made id"] == "2025-01-1.json"
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 2


def test_a_foreign_part_of_an_old_month_is_refused_when_it_is_read(long_journal):
    """The start does not look into the journal's private folder (it would grow with the history);
    the file is refused as it is read, and nothing of it is taken as the person's own."""
    folder, _moments = long_journal
    old = journal_folder(folder) / "2023-03-1.json"
    before = old.read_bytes()
    os.chown(old, 65534, 65534)
    with DataFolder.open(folder, read_only=True) as data:     # the newest month is fine: it opens
        with pytest.raises(ForeignFile, match="2023-03-1.json"):
            list(data.journal.export_stream())
    assert old.read_bytes() == before and os.stat(old).st_uid == 65534


def test_a_part_others_can_read_is_made_private_when_it_is_read(long_journal):
    folder, _moments = long_journal
    old = journal_folder(folder) / "2023-03-1.json"
    os.chmod(old, 0o644)
    with DataFolder.open(folder) as data:
        assert len(data.journal.all()) == 3 * len(MONTHS)
    assert os.stat(old).st_mode & 0o777 == 0o600
