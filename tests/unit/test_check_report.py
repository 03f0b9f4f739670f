"""What `goldseam check` tells a person: counts in words, which files are damaged, and what
it did to find out (every backup read to its last byte against the checksum Goldseam wrote in
it, without parsing it again)."""

import json
import shutil

import pytest

from goldseam import cli
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import OwnPhrase
from goldseam.storage.safe_storage import SafeStorage


def _folder(tmp_path, sample_moment, saves=1):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for n in range(saves):
            data.journal.save(sample_moment(what=f"moment {n}"))
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?"))
        data.drafts.save(sample_moment(what="not finished"))
        data.drafts.save(sample_moment(what="not finished yet"))
        data.settings.set("welcome_seen", True)
    return folder


def _check(folder, capsys):
    status = cli.main(["--data-dir", str(folder), "check"])
    return status, capsys.readouterr().err.splitlines()


def test_counts_are_said_in_words(tmp_path, sample_moment, capsys):
    status, lines = _check(_folder(tmp_path, sample_moment), capsys)
    assert status == 0 and lines[-1] == "healthy"
    assert "journal.json: 1 moment, 1 phrase of your own" in lines
    assert "draft.json: 1 unfinished repair" in lines
    assert "settings.json: 1 set of preferences" in lines
    assert "journal.json: 2 backups" in lines and "draft.json: 1 backup" in lines     # a save's, and the day's
    assert not [line for line in lines if "(s)" in line]


def test_every_backup_is_read_to_its_end_and_checked_against_its_checksum(tmp_path, sample_moment, capsys,
                                                                          monkeypatch):
    folder = _folder(tmp_path, sample_moment, saves=8)     # the last five saves, and the day's copy
    parsed = []
    real = SafeStorage.parse
    monkeypatch.setattr(SafeStorage, "parse", lambda self, raw: parsed.append(raw) or real(self, raw))
    status, lines = _check(folder, capsys)
    assert status == 0
    assert "journal.json: 6 backups" in lines
    assert "journal.json: 6 backups read to their last byte match the checksum Goldseam wrote in each" in lines
    assert len(parsed) == 3            # journal.json, draft.json, settings.json: no backup parsed again


def _replace(path, content: bytes):
    """A new file under the old name (a backup may be a hard link to another one)."""
    path.unlink()
    path.write_bytes(content)


def test_check_names_each_damaged_backup(tmp_path, sample_moment, capsys):
    folder = _folder(tmp_path, sample_moment, saves=4)
    backups = sorted((folder / "backups").glob("journal.2*.json"))
    changed, cut, earlier = backups[0], backups[1], backups[2]
    raw = changed.read_bytes()
    _replace(changed, raw.replace(b"moment 0", b"moment O"))    # one letter, still valid JSON
    _replace(cut, cut.read_bytes()[:-40])
    document = json.loads(earlier.read_bytes())
    del document["crc32"]
    _replace(earlier, json.dumps(document).encode())             # as an earlier Goldseam wrote backups
    status, lines = _check(folder, capsys)
    assert status == 1 and lines[-1] == "2 problems found"
    assert (f"problem: backup {changed.name} has changed since Goldseam wrote it (its checksum no longer matches), "
            "though it can still be read") in lines
    assert f"problem: backup {cut.name} cannot be understood" in lines
    assert ("journal.json: 1 backup from an earlier version has no checksum; it was read in full and understood"
            in lines)
    assert "journal.json: 2 backups read to their last byte match the checksum Goldseam wrote in each" in lines


@pytest.mark.parametrize("count", [1, 3])
def test_one_problem_is_one_problem(tmp_path, sample_moment, capsys, count):
    folder = _folder(tmp_path, sample_moment, saves=count + 1)
    for backup in sorted((folder / "backups").glob("journal.2*.json"))[:count]:
        _replace(backup, b"")
    status, lines = _check(folder, capsys)
    assert lines[-1] == ("1 problem found" if count == 1 else f"{count} problems found")


def test_a_copied_data_folder_checks_the_same(tmp_path, sample_moment, capsys):
    folder = _folder(tmp_path, sample_moment, saves=3)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)      # hard links become copies: the checksums still match
    copy.chmod(0o700)
    status, lines = _check(copy, capsys)
    assert status == 0 and "journal.json: 4 backups read to their last byte match the checksum Goldseam wrote in each" in lines
