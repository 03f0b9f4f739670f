"""Other local users and other programs: no file of ours reaches them, none of theirs is
touched, and a folder that is not the person's own is refused."""

import os
import stat
from pathlib import Path

import pytest

from goldseam import cli
from goldseam.storage import atomic_file
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import ForeignFile, NotYourFolder, OpenToOthers
from goldseam.storage.folder_safety import FILES_TIGHTENED, FOLDER_SHARED, FOLDER_TIGHTENED
from goldseam.storage.health_check import CannotRead, check_folder
from goldseam.storage.journal import OwnPhrase
from journal_files import journal_backups, journal_folder, part_of, phrases_file

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user's needs root")


def test_temp_files_are_unpredictable_and_never_written_through_a_link(tmp_path, monkeypatch):
    victim = tmp_path / "victims-file"
    victim.write_text("precious")
    target = tmp_path / "out.json"
    # every name the old code would have used is a trap: a link to the victim's file
    for pid in {os.getpid(), 1, 4242}:
        (tmp_path / f".out.json.{pid}.tmp").symlink_to(victim)
    monkeypatch.setattr(os, "getpid", lambda: 4242)
    atomic_file.write_atomic(target, b"the export")
    assert victim.read_text() == "precious"
    assert target.read_bytes() == b"the export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_over_a_link_replaces_the_link_not_what_it_points_to(tmp_path, sample_moment, capsys):
    data_dir = tmp_path / "data"
    with DataFolder.open(data_dir) as data:
        data.journal.save(sample_moment())
    victim = tmp_path / "bashrc"
    victim.write_text("alias ls=ls")
    out = tmp_path / "shared-export.json"
    out.symlink_to(victim)
    assert cli.main(["--data-dir", str(data_dir), "export", "-o", str(out)]) == 0
    assert victim.read_text() == "alias ls=ls"
    assert not out.is_symlink() and "goldseam-export" in out.read_text()


@needs_root
def test_a_data_folder_of_another_user_is_refused(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    with pytest.raises(NotYourFolder):
        DataFolder.open(folder)
    with pytest.raises(NotYourFolder):
        DataFolder.open(folder, read_only=True)
    with pytest.raises(CannotRead, match="belongs to another user"):
        check_folder(folder)
    assert os.listdir(folder) == []


def test_the_sweep_removes_only_goldseams_own_temp_files(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    others = [".bashrc.tmp", ".x.tmp", ".journal.json.backup", "notes.tmp", ".journal.jsonx.1.tmp"]
    ours = [".journal.json.123.tmp", ".draft.json.a1b2c3" + atomic_file.TEMP_SUFFIX,
            ".settings.json.9.tmp", ".draft.unreadable-20261128T101010Z.json.k9" + atomic_file.TEMP_SUFFIX]
    for name in others + ours:
        (folder / name).write_text("x")
    journal = folder / "journal"                 # a save of the journal writes its temp files here
    journal.mkdir(mode=0o700)
    others_in_journal = ["notes.tmp", ".2026-11-1.json.backup", ".phrases.json.swp"]
    ours_in_journal = [f".2026-11-1.json.a1b2c3d4{atomic_file.TEMP_SUFFIX}",
                       f".phrases.json.0f0f{atomic_file.TEMP_SUFFIX}", f".index.json.99{atomic_file.TEMP_SUFFIX}"]
    for name in others_in_journal + ours_in_journal:
        (journal / name).write_text("x")
    DataFolder.open(folder).close()
    left = set(os.listdir(folder))
    assert set(others) <= left
    assert not set(ours) & left
    left = set(os.listdir(journal))
    assert set(others_in_journal) <= left
    assert not set(ours_in_journal) & left


def test_a_shared_folder_keeps_its_mode_and_the_person_is_told(tmp_path):
    home_like = tmp_path / "home"
    home_like.mkdir()
    os.chmod(home_like, 0o755)
    (home_like / ".profile").write_text("x")
    with DataFolder.open(home_like) as data:
        assert [n.kind for n in data.notices] == [FOLDER_SHARED]
        data.settings.set("welcome_seen", True)
    assert stat.S_IMODE(home_like.stat().st_mode) == 0o755
    assert stat.S_IMODE((home_like / "settings.json").stat().st_mode) == 0o600


def test_a_loose_goldseam_folder_is_tightened_and_the_person_is_told(tmp_path, sample_moment):
    folder = tmp_path / "data"
    first = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        data.journal.save(sample_moment())
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?"))
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", lands_well=True))
    journal = journal_folder(folder)
    files = [part_of(folder, first), phrases_file(folder), *journal_backups(folder).iterdir()]
    assert len(files) >= 4                     # a part, the phrases, a backup of each
    os.chmod(folder, 0o755)
    for place in (journal, journal_backups(folder)):
        os.chmod(place, 0o755)
    for path in files:
        os.chmod(path, 0o644)
    with DataFolder.open(folder) as data:
        kinds = {n.kind: n for n in data.notices}
        assert set(kinds) == {FOLDER_TIGHTENED, FILES_TIGHTENED}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for place in (journal, journal_backups(folder)):
        assert stat.S_IMODE(place.stat().st_mode) == 0o700, place.name
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name
    with DataFolder.open(folder) as data:      # said once: nothing left to say
        assert data.notices == []


def test_import_says_what_it_tightened(tmp_path, sample_moment, capsys):
    source = tmp_path / "source"
    with DataFolder.open(source) as data:
        data.journal.save(sample_moment())
    export = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(source), "export", "-o", str(export)]) == 0
    folder = tmp_path / "data"
    DataFolder.open(folder).close()
    os.chmod(folder / "journal.lock", 0o666)
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 0
    err = capsys.readouterr().err
    assert "One of Goldseam's files could be read by other people using this computer. It is private again now." in err
    assert stat.S_IMODE((folder / "journal.lock").stat().st_mode) == 0o600


def test_a_leftover_socket_of_goldseam_does_not_make_its_folder_look_shared(tmp_path):
    import shutil
    import socket
    import tempfile

    from goldseam import APP_ID

    folder = Path(tempfile.mkdtemp(prefix="gs"))     # short enough for a socket path
    DataFolder.open(folder).close()
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(folder / f"{APP_ID}-0123456789abcdef"))
    leftover.close()
    os.chmod(folder, 0o755)
    try:
        with DataFolder.open(folder) as data:
            assert [n.kind for n in data.notices] == [FOLDER_TIGHTENED]
    finally:
        shutil.rmtree(folder)


@needs_root
def test_a_lock_link_planted_by_another_user_is_refused_and_never_followed(tmp_path):
    folder = tmp_path / "data"
    DataFolder.open(folder).close()
    target = tmp_path / "created-through-the-link"
    (folder / "journal.lock").unlink()
    (folder / "journal.lock").symlink_to(target)
    os.lchown(folder / "journal.lock", 65534, 65534)
    with pytest.raises(ForeignFile, match="journal.lock"):
        DataFolder.open(folder)
    assert not target.exists()


def test_a_lock_link_of_ones_own_is_replaced_not_followed(tmp_path):
    folder = tmp_path / "data"
    DataFolder.open(folder).close()
    target = tmp_path / "elsewhere"
    (folder / "journal.lock").unlink()
    (folder / "journal.lock").symlink_to(target)
    DataFolder.open(folder).close()
    assert not target.exists() and not (folder / "journal.lock").is_symlink()


@needs_root
@pytest.mark.parametrize("planted", ["part", "phrases", "backup", "journal.json"])
def test_a_journal_planted_by_another_user_is_never_read_as_ones_own(tmp_path, sample_moment, capsys, planted):
    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(moment)
        data.journal.save(sample_moment())
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?"))
    if planted == "part":
        path = part_of(folder, moment)
    elif planted == "phrases":
        path = phrases_file(folder)
    elif planted == "backup":
        path = min(journal_backups(folder).glob("*.json"))
        copy = path.read_bytes()                # a file of its own, not a hard link shared with a day's copy
        path.unlink()
        path.write_bytes(copy)
    else:                                       # the single file of earlier versions, put back by someone else
        path = folder / "journal.json"
        path.write_bytes(part_of(folder, moment).read_bytes())
    before = path.read_bytes()
    os.chown(path, 65534, 65534)
    if planted == "backup":
        # The journal's private folders are not walked at every start (the start must not grow with
        # the history): a backup is refused when it is read, and check looks into every folder.
        with DataFolder.open(folder) as data:
            assert data.journal._storage(path.name.split(".")[0] + ".json").examine(path) == "unreadable"
    else:
        with pytest.raises(ForeignFile, match=path.name):
            DataFolder.open(folder)
        with pytest.raises(ForeignFile):
            DataFolder.open(folder, read_only=True)
    report = check_folder(folder)
    assert any(f"{path.name} belongs to another user" in p for p in report.problems)
    assert path.read_bytes() == before and os.stat(path).st_uid == 65534      # theirs, untouched


def test_a_folder_others_can_write_to_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses-notes.txt").write_text("x")
    os.chmod(shared, 0o777)
    with pytest.raises(OpenToOthers):
        DataFolder.open(shared)
    assert sorted(os.listdir(shared)) == ["someone-elses-notes.txt"]
    assert any("other users can change" in p for p in check_folder(shared).problems)


def test_a_shared_folder_only_readable_by_others_is_a_fact_for_check(tmp_path):
    home_like = tmp_path / "home"
    home_like.mkdir()
    (home_like / ".profile").write_text("x")
    os.chmod(home_like, 0o755)
    DataFolder.open(home_like).close()
    report = check_folder(home_like)
    assert report.healthy and any("holds other things" in f for f in report.facts)
