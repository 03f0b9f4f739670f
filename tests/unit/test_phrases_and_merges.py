"""What a merge keeps: own phrases travel with the moments (export, "Back up now", restore, import),
a restore never adds a moment the journal has, and two copies of a moment changed at the same
time with other words are both kept, never one dropped in silence."""

from __future__ import annotations

import json
from collections import Counter

from goldseam import cli
from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.core.repository import OwnPhrase
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.snapshots import Snapshots
from goldseam.storage.transfer import export_journal, read_import_file

from journal_files import journal_folder
from journal_on_disk import stored_records

LONG = "Ich höre dich, und es tut mir leid. 🌱 " * 120      # thousands of characters, not only ASCII


def moment(what: str, when: str = "2026-11-20T21:00:00+01:00") -> RepairMoment:
    made = RepairMoment(created_at=when)
    made.notice.what_happened = what
    return made


def export_of(folder, tmp_path, name="export.json"):
    with DataFolder.open(folder, read_only=True) as data:
        text = "".join(export_journal(data.journal))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_own_phrases_and_their_marks_travel_to_another_computer(tmp_path, capsys):
    home, away = tmp_path / "home", tmp_path / "away"
    with DataFolder.open(home) as data:
        data.journal.save(moment("we argued"))
        data.journal.keep_phrase(OwnPhrase("Can we start over?", "reset", lands_well=True))
        data.journal.keep_phrase(OwnPhrase(LONG, None))
    path = export_of(home, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [p["text"] for p in document["phrases"]] == ["Can we start over?", LONG]
    assert document["phrases"][0]["lands_well"] is True and document["phrases"][0]["updated_at"]
    assert cli.main(["--data-dir", str(away), "import", str(path)]) == 0
    assert "2 phrases of your own came in" in capsys.readouterr().err
    with DataFolder.open(away, read_only=True) as data:
        assert data.journal.own_phrases() == [OwnPhrase("Can we start over?", "reset", True), OwnPhrase(LONG, None, False)]
    assert cli.main(["--data-dir", str(away), "import", str(path)]) == 0     # again: nothing new
    assert "phrase" not in capsys.readouterr().err


def test_the_later_change_of_a_phrase_wins_on_either_side(tmp_path):
    home, away = tmp_path / "home", tmp_path / "away"
    with DataFolder.open(home) as data:
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", None))
    first = export_of(home, tmp_path, "first.json")
    with DataFolder.open(away) as data:
        data.journal.import_moments([], read_import_file(first).phrases)
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", None, lands_well=True))    # marked later, away
    with DataFolder.open(home) as data:                 # the older file does not undo the mark
        assert data.journal.import_moments([], read_import_file(export_of(away, tmp_path, "a.json")).phrases).phrases == 1
        assert data.journal.own_phrases() == [OwnPhrase("Tea on the balcony?", None, True)]
    with DataFolder.open(away) as data:
        assert data.journal.import_moments([], read_import_file(first).phrases).phrases == 0
        assert data.journal.own_phrases() == [OwnPhrase("Tea on the balcony?", None, True)]


def test_a_backup_brings_back_the_phrases_and_never_a_second_copy_of_a_moment(tmp_path):
    folder = tmp_path / "data"
    kept = [moment(f"moment {n}", f"2026-0{1 + n % 9}-10T10:00:00+00:00") for n in range(12)]
    with DataFolder.open(folder) as data:
        for each in kept:
            data.journal.save(each)
        data.journal.keep_phrase(OwnPhrase("I'm listening.", "feel", lands_well=True))
        snapshots = Snapshots(folder, data.journal)
        made = snapshots.make()
        data.journal.forget_phrase("I'm listening.")
        data.journal.delete(kept[0].id)
        preview, document = snapshots.preview(made.path)
        assert (preview.would.added, preview.would.unchanged, preview.would.phrases) == (1, 11, 1)
        result = snapshots.restore(document)
        assert (result.added, result.updated, result.unchanged, result.phrases) == (1, 0, 11, 1)
        assert data.journal.own_phrases() == [OwnPhrase("I'm listening.", "feel", True)]
        again = snapshots.restore(document)             # restoring twice adds nothing
        assert (again.added, again.unchanged, again.phrases) == (0, 12, 0)
    # upper-case ids in a backup are the same moments
    upper = tmp_path / "upper.json"
    upper.write_text(made.path.read_text(encoding="utf-8").replace(kept[3].id, kept[3].id.upper()), encoding="utf-8")
    with DataFolder.open(folder) as data:
        assert Snapshots(folder, data.journal).restore(read_import_file(upper)).added == 0
        assert data.journal.count() == 12
    times, _records = stored_records(journal_folder(folder))
    assert times == Counter({each.id: 1 for each in kept})


def journal_with_mine(folder) -> RepairMoment:
    """A journal holding one moment of "my words", last changed at a quarter past a second."""
    mine = moment("my words")
    mine.updated_at = "2026-11-21T08:00:00.250+01:00"
    with DataFolder.open(folder) as data:
        data.journal.save(mine)
    return mine


def test_the_same_time_with_other_words_keeps_both_and_says_so(tmp_path, capsys):
    folder = tmp_path / "data"
    mine = journal_with_mine(folder)
    theirs = RepairMoment.from_dict(mine.to_dict())
    theirs.notice.what_happened = "their words, " + LONG
    source = tmp_path / "theirs.json"
    source.write_text(transfer_format.dumps([theirs]), encoding="utf-8")
    assert cli.main(["--data-dir", str(folder), "import", str(source)]) == 0
    said = capsys.readouterr().err
    assert "0 moments added" in said and "1 kept beside yours as a copy" in said and "from another computer" in said
    with DataFolder.open(folder, read_only=True) as data:
        everything = data.journal.all()
    assert len(everything) == 2
    by_words = {m.notice.what_happened: m for m in everything}
    assert "my words" in by_words and by_words["my words"].id == mine.id
    copy = by_words[theirs.notice.what_happened]
    assert copy.id != mine.id and "from another computer" in copy.tags and copy.created_at == mine.created_at
    assert cli.main(["--data-dir", str(folder), "import", str(source)]) == 0    # again: the copy is here
    assert "1 already here" in capsys.readouterr().err
    with DataFolder.open(folder, read_only=True) as data:
        assert data.journal.count() == 2


def test_a_later_change_by_a_fraction_of_a_second_wins(tmp_path):
    folder = tmp_path / "data"
    mine = journal_with_mine(folder)
    with DataFolder.open(folder) as data:
        theirs = RepairMoment.from_dict(mine.to_dict())
        theirs.notice.what_happened = "changed a moment later"
        theirs.updated_at = "2026-11-21T07:00:00.900+00:00"          # 650 ms later, in another offset
        assert data.journal.import_moments([theirs]).updated == 1
        older = RepairMoment.from_dict(mine.to_dict())
        older.notice.what_happened = "changed a moment earlier"
        older.updated_at = "2026-11-21T08:00:00.100+01:00"
        result = data.journal.import_moments([older])
        assert (result.updated, result.unchanged, result.copies) == (0, 1, 0)
        assert data.journal.get(mine.id).notice.what_happened == "changed a moment later"


def test_a_phrase_the_reader_would_refuse_is_never_exported(tmp_path):
    """A phrases.json edited by hand (an empty phrase, a category of 300 characters, a time of the year
    9999): the export leaves those out, so it can always be imported; a file holding them is refused."""
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.keep_phrase(OwnPhrase("kept", None))
        data.journal.keep_phrase(OwnPhrase("", None))
        data.journal.keep_phrase(OwnPhrase("a long group", "g" * 300))
    path = export_of(folder, tmp_path)
    assert [p.text for p in read_import_file(path).phrases] == ["kept"]
    document = json.loads(path.read_text(encoding="utf-8"))
    document["phrases"].append({"text": "from the far future", "updated_at": "9999-12-31T23:00:00+00:00"})
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        read_import_file(path)
    except transfer_format.TransferFormatError as err:
        assert err.field == "phrases[1].updated_at"
    else:
        raise AssertionError("a phrase dated 9999 was accepted")


def test_part_edits_number_new_records_one_past_the_largest_as_tinydb_does():
    from goldseam.storage.journal_merge import PartEdits

    edits = PartEdits(lambda name: {"moments": {"1": {"id": "a"}, "7": {"id": "b"}}})
    edits.add("p.json", {"id": "c"})
    edits.add("p.json", {"id": "d"})
    assert list(edits.rows("p.json")) == ["1", "7", "8", "9"]
    edits.remove("p.json", "d")         # the largest gone: the next is one past the largest left
    edits.add("p.json", {"id": "e"})
    assert list(edits.rows("p.json")) == ["1", "7", "8", "9"] and edits.rows("p.json")["9"] == {"id": "e"}
    record = {"id": "f"}
    edits.add("p.json", record, text='{"id":"f"}')
    assert edits.text_of(record) == '{"id":"f"}' and edits.text_of({"id": "f"}) is None
