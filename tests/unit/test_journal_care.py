"""What a person is told, and what can be brought back, when the journal's folder or one of its
months is damaged (found trying Goldseam as a person would, issue 8)."""

from __future__ import annotations

import os

import pytest

from goldseam import cli
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import NotAFolder
from goldseam.storage.health_check import CannotRead, check_folder
from goldseam.storage.journal_migration import single_file_storage

from journal_files import journal_backups, journal_folder


def dated(month: str, day: int = 10, what: str = "") -> RepairMoment:
    moment = RepairMoment()
    moment.notice.what_happened = what or f"a moment of {month}"
    moment.created_at = moment.updated_at = f"{month}-{day:02d}T20:00:00+00:00"
    return moment


def test_a_month_written_once_has_a_backup_that_damage_in_place_cannot_reach(tmp_path):
    """An import writes each month once; truncating the file in place (not replacing it) must not
    reach its backup, which is offered and brings every moment back."""
    folder = tmp_path / "data"
    moments = [dated("2024-03", day) for day in (2, 12, 22)] + [dated("2026-11", 1)]
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
    march = journal_folder(folder) / "2024-03-1.json"
    (backup,) = journal_backups(folder).glob("2024-03-1.2*.json")
    assert os.stat(backup).st_ino != os.stat(march).st_ino           # a copy, not a second name of the file
    with open(march, "r+b") as damaged:                              # damage in place: same inode
        damaged.truncate(40)
    with DataFolder.open(folder) as data:
        assert len(data.journal.all()) == 1                          # March is set aside when read
        assert [h.file for h in data.held_backups()] == ["2024-03-1.json"]
        data.restore("2024-03-1.json")
        assert sorted(m.id for m in data.journal.all()) == sorted(m.id for m in moments)


def test_a_migrated_journal_has_a_backup_for_every_month(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    moments = [dated(f"2025-{month:02d}") for month in range(1, 7)]
    single_file_storage(folder, read_only=False).write({"moments": {str(n): m.to_dict() for n, m in enumerate(moments, 1)}})
    with DataFolder.open(folder):
        pass
    backed_up = {p.name.split(".")[0] for p in journal_backups(folder).glob("*.json")}
    assert backed_up == {f"2025-{month:02d}-1" for month in range(1, 7)}


@pytest.mark.parametrize("kind", ["fifo", "file", "dangling link", "link to a folder"])
def test_a_journal_that_is_not_a_folder_is_refused_in_words(tmp_path, capsys, kind):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(dated("2026-11"))
    journal = journal_folder(folder)
    journal.rename(tmp_path / "elsewhere")
    if kind == "fifo":
        os.mkfifo(journal)
    elif kind == "file":
        journal.write_text("not a journal")
    elif kind == "dangling link":
        journal.symlink_to(tmp_path / "an unplugged disk")
    else:
        journal.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(NotAFolder):
        DataFolder.open(folder)
    with pytest.raises(NotAFolder):
        DataFolder.open(folder, read_only=True)
    with pytest.raises(CannotRead, match="not a folder"):
        check_folder(folder)
    assert cli.main(["--data-dir", str(folder), "export"]) == 1
    err = capsys.readouterr().err
    assert "journal in the data folder is not a folder" in err and "Traceback" not in err
    assert os.path.lexists(journal) and not (tmp_path / "an unplugged disk").exists()


def test_a_month_set_aside_with_no_backup_is_a_problem_and_not_in_the_export(tmp_path, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(dated("2024-03"))
        data.journal.save(dated("2026-11"))
    for backup in journal_backups(folder).glob("2024-03-1.*"):
        backup.unlink()                                              # the backups were lost too
    (journal_folder(folder) / "2024-03-1.json").write_bytes(b"\x00garbage")
    with DataFolder.open(folder) as data:
        assert len(data.journal.all()) == 1
        assert [p.backup for p in data.journal.problems] == [None]
    report = check_folder(folder)
    assert not report.healthy
    assert any(p.startswith("journal/2024-03-1.corrupt-") and "its moments are not in your journal" in p
               for p in report.problems)
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(tmp_path / "out.json")]) == 1
    assert "its moments are not in this export" in capsys.readouterr().err


def test_an_import_says_when_it_found_a_month_it_could_not_read(tmp_path, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(dated("2024-03"))
        data.journal.save(dated("2026-11"))
    (journal_folder(folder) / "2024-03-1.json").write_bytes(b"\x00garbage")
    source = tmp_path / "source"
    with DataFolder.open(source) as data:
        data.journal.save(dated("2025-06"))
    export = tmp_path / "one.json"
    assert cli.main(["--data-dir", str(source), "export", "-o", str(export)]) == 0
    capsys.readouterr()
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 0
    err = capsys.readouterr().err
    assert "2024-03-1.json could not be read" in err and "open Goldseam to restore its backup" in err
    assert "1 moment added" in err


def test_moments_of_the_same_second_show_the_later_first(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        first, second = dated("2026-11", 3, what="first"), dated("2026-11", 3, what="second")
        data.journal.save(first)
        data.journal.save(second)
        assert [m.notice.what_happened for m in data.journal.recent(1)] == ["second"]


def test_a_phrase_kept_once_has_a_backup(tmp_path):
    from goldseam.storage.journal import OwnPhrase

    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.keep_phrase(OwnPhrase("Can we start again, slowly?"))
    (journal_folder(folder) / "phrases.json").write_bytes(b"\x00garbage")
    with DataFolder.open(folder) as data:
        assert [h.file for h in data.held_backups()] == ["phrases.json"]
        data.restore("phrases.json")
        assert [p.text for p in data.journal.own_phrases()] == ["Can we start again, slowly?"]


def test_a_journal_that_is_not_a_folder_is_explained_in_the_window_s_words(tmp_path):
    from goldseam.ui.widgets.storage_messages import explain

    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "journal").symlink_to(tmp_path / "an unplugged disk")
    with pytest.raises(NotAFolder) as refused:
        DataFolder.open(folder)
    words = explain(refused.value)
    assert words.title == "Your journal's folder is not there"
    assert f"a link to {tmp_path / 'an unplugged disk'}, which is not there" in words.body
    assert "Goldseam keeps your journal in a real folder" in words.body


def test_a_month_left_alone_keeps_its_backup_while_others_are_saved_many_times(tmp_path):
    """The last few saves are kept over all the months, and every month its own newest backup: an old
    month is still restorable after a thousand saves elsewhere, and the busy month keeps only a few."""
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        old = dated("2024-03", 3, what="in March")
        data.journal.save(old)
        old.acknowledge.text = "I was tired, and I am sorry."
        data.journal.save(old)
        for n in range(40):
            data.journal.save(dated("2026-11", 1 + n % 28, what=f"busy {n}"))
    backups = journal_backups(folder)
    assert len(list(backups.glob("2024-03-1.2*.json"))) >= 1
    assert len(list(backups.glob("2026-11-1.2*.json"))) <= 4 + 1
    (journal_folder(folder) / "2024-03-1.json").write_bytes(b"\x00garbage")
    with DataFolder.open(folder) as data:
        assert len(data.journal.all()) == 40
        data.restore("2024-03-1.json")
        assert data.journal.get(old.id).notice.what_happened == "in March"     # as it was before its last save
