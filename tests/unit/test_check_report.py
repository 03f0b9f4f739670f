"""What `goldseam check` tells a person: counts in words (the journal a month at a time),
which files are damaged, and what it did to find out (every backup read to its last byte
against the checksum Goldseam wrote in it, without parsing it again)."""

import json
from datetime import date
import shutil

import pytest

from goldseam import cli
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import OwnPhrase
from goldseam.storage.journal_migration import single_file_storage
from goldseam.storage.journal_parts import month_of
from goldseam.storage.safe_storage import SafeStorage


def _folder(tmp_path, sample_moment, saves=1, phrases=1):
    """A data folder with `saves` moments of this month, `phrases` own phrases, a draft
    (saved twice: one backup) and the preferences. Returns the folder and the month."""
    folder = tmp_path / "data"
    month = None
    with DataFolder.open(folder) as data:
        for n in range(saves):
            moment = sample_moment(what=f"moment {n}")
            month = month_of(moment.created_at)
            data.journal.save(moment)
        for n in range(phrases):
            data.journal.keep_phrase(OwnPhrase(f"Tea on the balcony, {n}?"))
        data.drafts.save(sample_moment(what="not finished"))
        data.drafts.save(sample_moment(what="not finished yet"))
        data.settings.set("welcome_seen", True)
    return folder, month


def _check(folder, capsys):
    status = cli.main(["--data-dir", str(folder), "check"])
    return status, capsys.readouterr().err.splitlines()


def _words(month: str) -> str:
    """How check names a month: "November 2026" for "2026-11"."""
    year, number = map(int, month.split("-"))
    return date(year, number, 1).strftime("%B %Y")


def _part_backups(folder, month):
    """The per-save backups of the month's first part, oldest first (not the day's copy)."""
    return sorted((folder / "journal" / "backups").glob(f"{month}-1.2*.json"))


def test_counts_are_said_in_words(tmp_path, sample_moment, capsys):
    folder, month = _folder(tmp_path, sample_moment, saves=2)
    status, lines = _check(folder, capsys)
    assert status == 0 and lines[-1] == "healthy"
    assert f"journal, {_words(month)}: 2 moments" in lines
    assert "journal: 2 moments in 1 file" in lines
    assert "journal: 3 backups of its months" in lines    # the first write's own copy, a save's, and the day's
    assert "journal: 3 backups read to their last byte match the checksum Goldseam wrote in each" in lines
    assert "journal/phrases.json: 1 phrase of your own" in lines
    assert "draft.json: 1 unfinished repair" in lines
    assert "settings.json: 1 set of preferences" in lines
    assert "draft.json: 1 backup" in lines
    assert not [line for line in lines if "(s)" in line]


def test_one_moment_is_one_moment(tmp_path, sample_moment, capsys):
    folder, month = _folder(tmp_path, sample_moment, saves=1)
    status, lines = _check(folder, capsys)
    assert status == 0
    assert f"journal, {_words(month)}: 1 moment" in lines
    assert "journal: 1 moment in 1 file" in lines


def test_each_month_is_reported_on_its_own_line(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for created, what in (("2025-03-02T10:00:00+00:00", "march"), ("2025-03-30T10:00:00+00:00", "march too"),
                              ("2026-01-15T08:00:00+00:00", "january")):
            moment = sample_moment(what=what)
            moment.created_at = moment.updated_at = created
            data.journal.save(moment)
    status, lines = _check(folder, capsys)
    assert status == 0, lines
    assert "journal, March 2025: 2 moments" in lines and "journal, January 2026: 1 moment" in lines
    assert "journal: 3 moments in 2 files" in lines
    assert lines.index("journal, March 2025: 2 moments") < lines.index("journal, January 2026: 1 moment")


def test_every_backup_is_read_to_its_end_and_checked_against_its_checksum(tmp_path, sample_moment, capsys,
                                                                          monkeypatch):
    # the last four saves over all the parts, and the day's copy; phrases: the last five and the day's
    folder, month = _folder(tmp_path, sample_moment, saves=8, phrases=8)
    parsed = []
    real = SafeStorage.parse
    monkeypatch.setattr(SafeStorage, "parse", lambda self, raw: parsed.append(raw) or real(self, raw))
    status, lines = _check(folder, capsys)
    assert status == 0, lines
    assert "journal: 5 backups of its months" in lines
    assert "journal: 5 backups read to their last byte match the checksum Goldseam wrote in each" in lines
    assert "journal/phrases.json: 6 backups" in lines
    assert "journal/phrases.json: 6 backups read to their last byte match the checksum Goldseam wrote in each" in lines
    # the part, phrases.json, draft.json, settings.json, and settings.json first for the language the
    # command speaks: no backup parsed again
    assert len(parsed) == 5


def _replace(path, content: bytes):
    """A new file under the old name (a backup may be a hard link to another one)."""
    path.unlink()
    path.write_bytes(content)


def test_check_names_each_damaged_backup(tmp_path, sample_moment, capsys):
    folder, month = _folder(tmp_path, sample_moment, saves=4)
    backups = _part_backups(folder, month)
    changed, cut, earlier = backups[0], backups[1], backups[2]
    raw = changed.read_bytes()
    _replace(changed, raw.replace(b"moment 0", b"moment O"))    # one letter, still valid JSON
    _replace(cut, cut.read_bytes()[:-40])
    document = json.loads(earlier.read_bytes())
    del document["crc32"]
    _replace(earlier, json.dumps(document).encode())             # as an earlier Goldseam wrote backups
    status, lines = _check(folder, capsys)
    assert status == 1 and lines[-1] == "2 problems found"       # a backup without a checksum is no problem
    assert (f"problem: backup journal/backups/{changed.name} has changed since Goldseam wrote it (its checksum no longer matches), "
            "though it can still be read") in lines
    assert f"problem: backup journal/backups/{cut.name} cannot be understood" in lines


def test_a_phrases_backup_without_a_checksum_is_read_in_full_and_understood(tmp_path, sample_moment, capsys):
    folder, _ = _folder(tmp_path, sample_moment, phrases=4)
    backups = sorted((folder / "journal" / "backups").glob("phrases.2*.json"))
    document = json.loads(backups[0].read_bytes())
    del document["crc32"]
    _replace(backups[0], json.dumps(document).encode())
    status, lines = _check(folder, capsys)
    assert status == 0 and lines[-1] == "healthy"
    assert ("journal/phrases.json: 1 backup from an earlier version has no checksum; it was read in full and understood"
            in lines)


@pytest.mark.parametrize("count", [1, 3])
def test_one_problem_is_one_problem(tmp_path, sample_moment, capsys, count):
    folder, month = _folder(tmp_path, sample_moment, saves=count + 1)
    for backup in _part_backups(folder, month)[:count]:
        _replace(backup, b"")
    status, lines = _check(folder, capsys)
    assert lines[-1] == ("1 problem found" if count == 1 else f"{count} problems found")


def test_a_damaged_part_is_named_and_the_other_months_are_still_counted(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for created in ("2025-03-02T10:00:00+00:00", "2025-03-03T10:00:00+00:00", "2026-01-15T08:00:00+00:00"):
            moment = sample_moment()
            moment.created_at = moment.updated_at = created
            data.journal.save(moment)
    damaged = folder / "journal" / "2025-03-1.json"
    damaged.write_bytes(b'{"format": "goldseam-journal", "sch')
    status, lines = _check(folder, capsys)
    assert status == 1 and lines[-1] == "1 problem found"
    assert [line for line in lines if line.startswith("problem: journal/2025-03-1.json cannot be understood: ")]
    assert "journal, January 2026: 1 moment" in lines
    assert damaged.read_bytes() == b'{"format": "goldseam-journal", "sch'      # check changes nothing
    assert not list((folder / "journal").glob("*.corrupt-*"))


def test_a_journal_of_an_earlier_version_is_checked_as_it_is(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    moment = sample_moment()
    single_file_storage(folder, read_only=False).write(
        {"moments": {"1": moment.to_dict()}, "phrases": {"1": {"text": "Tea?", "category": None, "lands_well": False}}})
    before = (folder / "journal.json").read_bytes()
    status, lines = _check(folder, capsys)
    assert status == 0 and lines[-1] == "healthy"
    assert "journal.json: 1 moment, 1 phrase of your own" in lines
    assert any(line.startswith("journal.json is the journal of an earlier version") for line in lines)
    assert (folder / "journal.json").read_bytes() == before and not (folder / "journal").exists()


def test_a_copied_data_folder_checks_the_same(tmp_path, sample_moment, capsys):
    folder, _ = _folder(tmp_path, sample_moment, saves=3, phrases=3)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)      # hard links become copies: the checksums still match
    copy.chmod(0o700)
    status, lines = _check(copy, capsys)
    assert status == 0, lines
    assert "journal: 4 backups of its months" in lines    # the first write's own copy, two saves', the day's
    assert "journal/phrases.json: 4 backups read to their last byte match the checksum Goldseam wrote in each" in lines


def test_the_backups_of_an_earlier_versions_journal_are_still_checked_once_it_has_moved(tmp_path, sample_moment,
                                                                                        capsys):
    """Moving journal.json into parts keeps it, and its backups, in backups/: the only copies of the
    journal as it was before the move. Check reads them to their last byte like any backup."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    storage = single_file_storage(folder, read_only=False)
    moments = [sample_moment(what=f"moment {n}") for n in range(3)]
    for n in range(1, 4):
        storage.write({"moments": {str(k): m.to_dict() for k, m in enumerate(moments[:n], 1)}})
    with DataFolder.open(folder) as data:             # moved into journal/ here
        assert len(data.journal.all()) == 3
    moved = folder / "backups" / "journal.before-parts.json"
    backup = sorted((folder / "backups").glob("journal.2*.json"))[0]
    assert moved.exists() and not (folder / "journal.json").exists()
    _replace(moved, moved.read_bytes()[:-40])
    _replace(backup, backup.read_bytes()[:-40])
    status, lines = _check(folder, capsys)
    problems = [line for line in lines if line.startswith("problem: ")]
    assert status == 1, lines
    assert [line for line in problems if moved.name in line], lines
    assert [line for line in problems if backup.name in line], lines
