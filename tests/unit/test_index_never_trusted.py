"""The index says which part holds which moment; it is derived, so it is never trusted over the parts.
An index that names the wrong part, or forgets a moment, or a part that holds one moment twice,
must never make Goldseam drop a correction, keep words it said it deleted, or write a second copy."""

from __future__ import annotations

import json
from collections import Counter

from goldseam import cli
from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.transfer import export_journal

from journal_files import journal_folder
from journal_on_disk import stored_records


def dated(month: str, day: int, what: str, updated: str | None = None) -> RepairMoment:
    moment = RepairMoment()
    moment.notice.what_happened = what
    moment.created_at = f"{month}-{day:02d}T20:00:00+00:00"
    moment.updated_at = updated or moment.created_at
    return moment


def journal_of_two_months(folder):
    moments = [dated("2025-01", 3, "january words"), dated("2025-02", 3, "february words"),
               dated("2025-02", 9, "more of february")]
    with DataFolder.open(folder) as data:
        for moment in moments:
            data.journal.save(moment)
        data.journal.count()
        data.journal._save_index()          # the index as a session leaves it
    return moments


def edit_index(folder, change) -> None:
    """Change index.json by hand (sizes, times and inodes left as they are, so they still match)."""
    path = journal_folder(folder) / "index.json"
    document = json.loads(path.read_text())
    rows = {row[0]: row for row in document["parts"]}
    change(rows)
    path.write_text(json.dumps(document))


def ids_of(row) -> list[str]:
    return row[5].split(" ") if isinstance(row[5], str) and row[5] else list(row[5] or [])


def set_ids(row, ids) -> None:
    row[5] = " ".join(ids)


def wrong_part(moment):
    def change(rows):
        jan, feb = rows["2025-01-1.json"], rows["2025-02-1.json"]
        set_ids(feb, [i for i in ids_of(feb) if i != moment.id])
        set_ids(jan, ids_of(jan) + [moment.id])
    return change


def exported_ids(folder) -> Counter:
    with DataFolder.open(folder, read_only=True) as data:
        text = "".join(export_journal(data.journal))
    document = transfer_format.parse(text)
    return Counter(m.id for m in document.moments)


def test_a_correction_of_a_moment_the_index_puts_in_the_wrong_part_is_taken(tmp_path):
    folder = tmp_path / "data"
    _jan, feb, _more = journal_of_two_months(folder)
    edit_index(folder, wrong_part(feb))
    corrected = RepairMoment.from_dict(feb.to_dict())
    corrected.notice.what_happened = "corrected on the other computer"
    corrected.updated_at = "2025-06-01T10:00:00+00:00"
    with DataFolder.open(folder) as data:
        result = data.journal.import_moments([corrected])
        assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
        assert data.journal.get(feb.id).notice.what_happened == "corrected on the other computer"
    times, records = stored_records(journal_folder(folder))
    assert times[feb.id] == 1 and records[feb.id]["notice"]["what_happened"] == "corrected on the other computer"


def test_a_delete_through_a_wrong_index_takes_the_words_off_the_disk(tmp_path):
    folder = tmp_path / "data"
    _jan, feb, _more = journal_of_two_months(folder)
    edit_index(folder, wrong_part(feb))
    with DataFolder.open(folder) as data:
        assert data.journal.delete(feb.id) is True
        assert data.journal.get(feb.id) is None
    assert feb.id not in stored_records(journal_folder(folder))[0]
    assert b"february words" not in b"".join(p.read_bytes() for p in journal_folder(folder).glob("2025-*.json"))
    assert feb.id not in exported_ids(folder)
    with DataFolder.open(folder) as data:
        assert data.journal.delete(feb.id) is False        # nothing more to take off


def test_a_moment_the_index_forgot_is_not_written_a_second_time(tmp_path):
    folder = tmp_path / "data"
    jan, feb, more = journal_of_two_months(folder)

    def forget(rows):
        set_ids(rows["2025-02-1.json"], [i for i in ids_of(rows["2025-02-1.json"]) if i != more.id])
    edit_index(folder, forget)
    with DataFolder.open(folder) as data:
        result = data.journal.import_moments([jan, feb, more])
        assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    assert set(stored_records(journal_folder(folder))[0].values()) == {1}
    edit_index(folder, forget)
    with DataFolder.open(folder) as data:                      # and a save of it (an edit in the look back)
        more.notice.what_happened = "edited"
        more.touch()
        data.journal.save(more)
    times, records = stored_records(journal_folder(folder))
    assert times[more.id] == 1 and records[more.id]["notice"]["what_happened"] == "edited"


def write_part_with_one_id_twice(folder):
    """A part holding one moment twice (two documents, the second changed later): as a sync tool or a
    hand edit can leave it, written as Goldseam writes (its checksum matches)."""
    old = dated("2025-03", 5, "the first words")
    newer = RepairMoment.from_dict(old.to_dict())
    newer.notice.what_happened = "the later words"
    newer.updated_at = "2025-03-06T10:00:00+00:00"
    other = dated("2025-03", 7, "another moment")
    journal = journal_folder(folder)
    journal.mkdir(parents=True, mode=0o700)
    storage = part_storage(journal / "2025-03-1.json", read_only=False)
    storage.write({MOMENTS: {"1": newer.to_dict(), "2": other.to_dict(), "3": old.to_dict()}})
    return old.id, other.id


def test_one_id_twice_in_a_part_is_exported_once_and_settled_at_the_next_open(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    twice, other = write_part_with_one_id_twice(folder)
    # read-only first (goldseam export before any window opened the folder): once, the later copy
    assert exported_ids(folder) == Counter({twice: 1, other: 1})
    with DataFolder.open(folder, read_only=True) as data:
        text = "".join(export_journal(data.journal))
    assert "the later words" in text and "the first words" not in text
    target = tmp_path / "elsewhere"
    source = tmp_path / "export.json"
    source.write_text(text, encoding="utf-8")
    assert cli.main(["--data-dir", str(target), "import", str(source)]) == 0     # importable anywhere
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 2
        assert data.journal.get(twice).notice.what_happened == "the later words"
        assert [m.notice.what_happened for m in data.journal.all()].count("the later words") == 1
    times, records = stored_records(journal_folder(folder))
    assert times == Counter({twice: 1, other: 1})
    assert records[twice]["notice"]["what_happened"] == "the later words"
