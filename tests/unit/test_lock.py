"""The passphrase lock in storage: every file with words sealed, opened only with the passphrase or the
recovery key; a wrong passphrase told apart from a damaged file; a changed, swapped or unsealed file set
aside like any damaged one; turning it off gives plain files back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage import lock_setup, sealing
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import (DAMAGED, NOT_SEALED, CorruptFile, JournalLocked, KeyFileDamaged,
                                     WrongPassphrase)
from goldseam.storage.key_file import KEY_FILE, KdfParams, new_recovery_key, read_key_file
from goldseam.storage.snapshots import Snapshots
from goldseam.storage.transfer import read_import_file

CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)      # the real cost is measured in make bench
PASS = "a quiet river at dusk"
CANARY = "Kanarienvogel über dem Fluss, ein Satz nur für mich"


def every_file(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _dirs, names in os.walk(folder) for name in names]


def plaintext_in(folder: Path, text: str = CANARY) -> list[str]:
    needles = [text.encode("utf-8"), text.encode("utf-8")[:12], "Kanarienvogel".encode("utf-16-le")]
    return [str(p.relative_to(folder)) for p in every_file(folder) if any(n in p.read_bytes() for n in needles)]


def moment(n: int) -> RepairMoment:
    m = RepairMoment()
    m.notice.what_happened = f"{CANARY} {n}"
    return m


@pytest.fixture
def locked_folder(tmp_path):
    """A folder with a few moments, backups, a draft, a reminder and a snapshot, then the lock turned on."""
    folder = tmp_path / "data"
    recovery = new_recovery_key()
    with DataFolder.open(folder) as data:
        for n in range(6):
            data.journal.save(moment(n))
        data.drafts.save(moment(99))
        Snapshots(folder, data.journal).make()
        assert plaintext_in(folder), "the test's canary must be on disk before the lock"
        data.enable_lock(PASS, recovery, CHEAP)
        data.journal.save(moment(7))            # written after: sealed too
        data.drafts.save(moment(100))
        Snapshots(folder, data.journal).make()
    sealing.let_go(folder)
    yield folder, recovery
    sealing.let_go(folder)


def test_every_file_with_words_is_sealed_and_none_shows_them(locked_folder):
    folder, _recovery = locked_folder
    assert plaintext_in(folder) == []
    sealed = [p for p in every_file(folder) if sealing.is_sealed(p.read_bytes())]
    names = {p.relative_to(folder).as_posix().split("/")[0] for p in sealed}
    assert {"journal", "draft.json", "snapshots"} <= names
    plain = [p.relative_to(folder).as_posix() for p in every_file(folder)
             if p.suffix == ".json" and not sealing.is_sealed(p.read_bytes())]
    assert all(name.split("/")[-1] == KEY_FILE or name.split("/")[-1].startswith("settings") for name in plain), plain


def test_the_folder_opens_only_with_the_passphrase_or_the_recovery_key(locked_folder):
    folder, recovery = locked_folder
    with pytest.raises(JournalLocked):
        DataFolder.open(folder)
    with pytest.raises(WrongPassphrase):
        lock_setup.unlock(folder, "a quiet river at dawn")
    with pytest.raises(JournalLocked):
        DataFolder.open(folder, read_only=True)
    lock_setup.unlock(folder, recovery.lower().replace("-", " "))      # as written down, in any case
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 7
        assert data.drafts.load().notice.what_happened == f"{CANARY} 100"
        assert not data.problems


def test_a_flipped_byte_in_a_sealed_part_is_set_aside_like_a_damaged_file(locked_folder):
    folder, _recovery = locked_folder
    part = next((folder / "journal").glob("*-1.json"))
    raw = bytearray(part.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    part.write_bytes(bytes(raw))
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        problem = next(p for p in data.problems if p.path.name == part.name)
        assert problem.reason == DAMAGED and problem.moved_to is not None and problem.backup is not None
        assert data.problem_with(part.name) is not None
        data.restore(part.name)
        assert data.journal.count() >= 6       # the backup holds the moments saved before the last save


def test_a_sealed_file_swapped_for_another_does_not_open(locked_folder):
    folder, _recovery = locked_folder
    draft = folder / "draft.json"
    draft.write_bytes(next((folder / "journal").glob("*-1.json")).read_bytes())   # a part put in the draft's place
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        assert data.problem_with("draft.json").reason == DAMAGED
        assert data.drafts.load() is None


def test_a_plain_file_where_the_lock_is_on_is_never_read_as_the_persons(locked_folder, tmp_path):
    folder, _recovery = locked_folder
    other = tmp_path / "other"
    with DataFolder.open(other) as data:
        data.drafts.save(moment(5))
    (folder / "draft.json").write_bytes((other / "draft.json").read_bytes())
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        assert data.problem_with("draft.json").reason == NOT_SEALED


def test_each_save_has_a_fresh_nonce(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.enable_lock(PASS, new_recovery_key(), CHEAP)
        data.drafts.save(moment(1))
        first = (folder / "draft.json").read_bytes()
        data.drafts.discard()
        data.drafts.save(moment(1))
        assert (folder / "draft.json").read_bytes() != first
    sealing.let_go(folder)


def test_a_damaged_key_file_is_read_from_its_copy_and_both_damaged_is_not_a_wrong_passphrase(locked_folder):
    folder, _recovery = locked_folder
    (folder / KEY_FILE).write_bytes(b'{"format": "goldseam-seal", "version": 1, "sta')
    lock_setup.unlock(folder, PASS)                 # from backups/seal.json
    sealing.let_go(folder)
    (folder / "backups" / KEY_FILE).write_bytes(b"")
    with pytest.raises(KeyFileDamaged) as said:
        lock_setup.unlock(folder, PASS)
    assert "damaged" in str(said.value) and PASS not in str(said.value) and str(folder) in str(said.value)
    (folder / KEY_FILE).unlink()
    with pytest.raises(KeyFileDamaged):             # the copy alone, damaged: still not "the lock is off"
        lock_setup.unlock(folder, PASS)


def test_changing_the_passphrase_rewrites_only_the_key_file(locked_folder):
    folder, recovery = locked_folder
    before = {p: p.read_bytes() for p in every_file(folder) if p.name != KEY_FILE}
    lock_setup.change(folder, PASS, "a new path through the wood", CHEAP)
    assert {p: p.read_bytes() for p in every_file(folder) if p.name != KEY_FILE} == before
    with pytest.raises(WrongPassphrase):
        lock_setup.unlock(folder, PASS)
    lock_setup.unlock(folder, "a new path through the wood")
    lock_setup.unlock(folder, recovery)                  # the recovery key still opens it
    new = new_recovery_key()
    lock_setup.new_recovery(folder, "a new path through the wood", new, CHEAP)
    with pytest.raises(WrongPassphrase):
        lock_setup.unlock(folder, recovery)
    lock_setup.unlock(folder, new)


def test_turning_the_lock_off_gives_every_file_back_plain(locked_folder):
    folder, _recovery = locked_folder
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        data.disable_lock(PASS)
        data.journal.save(moment(8))
    assert not (folder / KEY_FILE).exists() and not (folder / "backups" / KEY_FILE).exists()
    assert not [p for p in every_file(folder) if sealing.is_sealed(p.read_bytes())]
    sealing.let_go(folder)
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 8 and not data.problems


def test_the_lock_is_not_turned_off_while_a_sealed_file_would_not_open(locked_folder):
    folder, _recovery = locked_folder
    backup = next((folder / "journal" / "backups").glob("*.json"))
    raw = bytearray(backup.read_bytes())
    raw[-1] ^= 0xFF
    backup.write_bytes(bytes(raw))
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        with pytest.raises(CorruptFile):
            data.disable_lock(PASS)
    assert read_key_file(folder).state == "sealed"      # nothing changed: it still opens with the passphrase


def test_a_backup_made_while_locked_is_sealed_and_restorable(locked_folder):
    folder, _recovery = locked_folder
    snapshot = sorted((folder / "snapshots").iterdir())[-1]
    assert sealing.is_sealed(snapshot.read_bytes())
    lock_setup.unlock(folder, PASS)
    assert len(read_import_file(snapshot).moments) == 7


def test_a_kill_while_turning_the_lock_on_finishes_at_the_next_unlock(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for n in range(3):
            data.journal.save(moment(n))
    # As a kill leaves it: the key file says "sealing", and the files are still plain.
    from goldseam.storage.key_file import SEALING, KeyFile, write_key_file

    lock_setup.enable(folder, PASS, new_recovery_key(), CHEAP)
    key_file = read_key_file(folder)
    write_key_file(folder, KeyFile(SEALING, key_file.key_id, key_file.wraps))
    sealing.let_go(folder)
    (folder / "draft.json").unlink(missing_ok=True)
    with pytest.raises(JournalLocked):
        DataFolder.open(folder)
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 3
    assert read_key_file(folder).state == "sealed"
    sealing.let_go(folder)


def test_the_names_of_own_breathing_patterns_are_sealed_inside_the_plain_settings(tmp_path):
    folder = tmp_path / "data"
    choices = {"pattern": "own", "own": [{"name": "Atem für Kanarienvogel", "phases": [4, 4, 4, 4]}]}
    with DataFolder.open(folder) as data:
        data.settings.set("breathing", choices)
        data.settings.set("language", "de")
        data.enable_lock(PASS, new_recovery_key(), CHEAP)
        assert data.settings.get("breathing") == choices
    raw = (folder / "settings.json").read_bytes()
    assert b"Kanarienvogel" not in raw and b'"language":"de"' in raw      # the rest stays readable
    sealing.let_go(folder)
    lock_setup.unlock(folder, PASS)
    with DataFolder.open(folder) as data:
        assert data.settings.get("breathing") == choices
        data.disable_lock(PASS)
    assert b"Kanarienvogel" in (folder / "settings.json").read_bytes()
    sealing.let_go(folder)


def test_turning_the_lock_on_keeps_each_backups_time(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for n in range(3):
            data.journal.save(moment(n))
        backups = sorted((folder / "journal" / "backups").glob("*.json"))
        for n, backup in enumerate(backups):      # (a day's copy may be a link to another: the last time wins)
            os.utime(backup, (1_700_000_000 + n, 1_700_000_000 + n))
        before = [b.stat().st_mtime_ns for b in backups]
        data.enable_lock(PASS, new_recovery_key(), CHEAP)
    assert [b.stat().st_mtime_ns for b in backups] == before
    assert all(sealing.is_sealed(b.read_bytes()) for b in backups)
    sealing.let_go(folder)
