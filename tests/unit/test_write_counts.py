"""Each change a person makes is one write of its file, never two: every write of a
data file is a whole new copy of it, with an fsync and a backup. In the journal, the file
is the part that holds the moment, or the own phrases (journal/phrases.json)."""

import pytest

from goldseam.storage import journal_index, safe_storage
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import OwnPhrase
from journal_files import part_name


@pytest.fixture
def writes(monkeypatch):
    """The names of the files written, one entry per atomic write (the journal's index included)."""
    written: list[str] = []
    real = safe_storage.write_atomic

    def counting(path, data, *args, **kwargs):
        written.append(path.name)
        return real(path, data, *args, **kwargs)
    monkeypatch.setattr(safe_storage, "write_atomic", counting)
    monkeypatch.setattr(journal_index, "write_atomic", counting)
    return written


def test_keeping_a_new_phrase_is_one_write(tmp_path, sample_moment, writes):
    with DataFolder.open(tmp_path / "data") as data:
        for n in range(3):
            data.journal.save(sample_moment(what=f"moment {n}"))
        writes.clear()
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", "reset"))
        assert writes == ["phrases.json"]
    with DataFolder.open(tmp_path / "data", read_only=True) as data:
        assert [p.text for p in data.journal.own_phrases()] == ["Tea on the balcony?"]


def test_keeping_a_phrase_again_updates_it_in_one_write(tmp_path, writes):
    with DataFolder.open(tmp_path / "data") as data:
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", "reset"))
        writes.clear()
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", "reset", lands_well=True))
        assert writes == ["phrases.json"]
    with DataFolder.open(tmp_path / "data", read_only=True) as data:
        assert data.journal.own_phrases() == [OwnPhrase("Tea on the balcony?", "reset", lands_well=True)]


def test_saving_a_moment_is_one_write_of_the_part_that_holds_it(tmp_path, sample_moment, writes):
    older = sample_moment(what="last spring")
    older.created_at = older.updated_at = "2025-04-10T20:00:00+02:00"
    with DataFolder.open(tmp_path / "data") as data:
        for n in range(3):
            data.journal.save(sample_moment(what=f"moment {n}"))
        data.journal.save(older)
    with DataFolder.open(tmp_path / "data") as data:
        writes.clear()
        new = sample_moment(what="tonight")
        data.journal.save(new)
        assert writes == [part_name(new)]
        new.acknowledge.text = "edited"
        data.journal.save(new)
        older.acknowledge.text = "edited a year later"
        data.journal.save(older)            # an old month: only its own part is written
        assert writes == [part_name(new), part_name(new), "2025-04-1.json"]
    with DataFolder.open(tmp_path / "data", read_only=True) as data:
        assert data.journal.get(new.id).acknowledge.text == "edited"
        assert data.journal.get(older.id).acknowledge.text == "edited a year later"
        assert data.journal.count() == 5


def test_the_first_preference_is_one_write(tmp_path, writes):
    with DataFolder.open(tmp_path / "data") as data:
        writes.clear()
        data.settings.set("welcome_seen", True)
        assert writes == ["settings.json"]
        data.settings.set("reduced_motion", True)
        assert writes == ["settings.json", "settings.json"]
    with DataFolder.open(tmp_path / "data", read_only=True) as data:
        assert data.settings.get("welcome_seen") is True and data.settings.get("reduced_motion") is True


def test_the_first_autosave_of_a_draft_is_one_write(tmp_path, sample_moment, writes):
    with DataFolder.open(tmp_path / "data") as data:
        writes.clear()
        draft = sample_moment(what="started")
        data.drafts.save(draft)
        assert writes == ["draft.json"]
        draft.acknowledge.text = "more words"
        data.drafts.save(draft)
        data.drafts.discard()
        data.drafts.save(draft)
        assert writes == ["draft.json"] * 4
    with DataFolder.open(tmp_path / "data", read_only=True) as data:
        assert data.drafts.load() == draft
