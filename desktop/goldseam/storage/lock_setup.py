"""Turning the passphrase lock on, changing its passphrase, turning it off: each safe against a kill.

The key file says where the folder stands: absent (off), "sealing" (being turned on), "sealed"
(on), "unsealing" (being turned off). Turning on writes the key file first, in state "sealing",
then seals every file one at a time (each an atomic replace), then says "sealed"; turning off
says "unsealing", opens every file, then removes the key file. A kill in between leaves a folder
of sealed and plain files that the reader takes both of while the state says so, and the next
unlocking finishes the job (`finish`). Changing the passphrase rewrites only the key file. So a
folder always opens with the old passphrase or the new one, never neither.

Every file that holds a person's words or their traces is sealed: the journal's parts, own
phrases and index, the draft and the promises, every backup of them, the files set aside, and the
backups the person made (snapshots). settings.json and its backups stay plain (sealing.py says why).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from . import sealing
from .atomic_file import fsync_folder, write_atomic
from .errors import CorruptFile, JournalLocked, StorageError, WriteFailed
from .file_reading import MAX_STORED_BYTES, read_regular_file
from .folder_safety import own_places
from .journal_parts import JOURNAL_FOLDER, PENDING_FOLDER
from .key_file import (KEY_FILE, PASSPHRASE, RECOVERY, SEALED, SEALING, UNSEALING, KdfParams, KeyFile, is_locked,
                       new_wrap, passphrase_bytes, read_key_file, recovery_bytes, remove_key_file,
                       write_key_file)
from .sealing import DataKey, FolderSeal
from ..core.transfer_format import MAX_IMPORT_BYTES

_NEVER_SEALED = ("settings",)       # stems of files that stay plain
Progress = Callable[[int, int], None]


def unlock(folder: Path, secret: str) -> str | None:
    """Open the lock of `folder` with the passphrase (or the recovery key) and hold its key for this
    process: what opened it (PASSPHRASE or RECOVERY), None when the lock is off. WrongPassphrase,
    KeyFileDamaged."""
    key_file = read_key_file(folder)
    if key_file is None:
        return None
    key, opened_by = key_file.unlock_by(secret)
    sealing.hold(folder, _seal_for_state(key, key_file.state))
    return opened_by


def _seal_for_state(key: DataKey, state: str) -> FolderSeal:
    return FolderSeal(key, seal_writes=state != UNSEALING, plain_allowed=state != SEALED)


def enable(folder: Path, passphrase: str, recovery_key: str, kdf: KdfParams, progress: Progress | None = None) -> None:
    """Turn the lock on (the caller holds the folder's lock): a new data key, wrapped by the
    passphrase and the recovery key, then every file sealed. Nothing is lost at any kill."""
    if read_key_file(folder) is not None:
        raise StorageError("the lock is already on")
    recovery = recovery_bytes(recovery_key)
    if recovery is None:
        raise ValueError("not a recovery key")
    key = DataKey(os.urandom(sealing.KEY_BYTES))
    key_file = KeyFile(SEALING, os.urandom(8).hex(), (new_wrap(PASSPHRASE, passphrase_bytes(passphrase), key, kdf),
                                                      new_wrap(RECOVERY, recovery, key, kdf)))
    write_key_file(folder, key_file)
    sealing.hold(folder, _seal_for_state(key, SEALING))
    finish(folder, key_file, progress)


def change(folder: Path, old: str, new: str, kdf: KdfParams) -> None:
    """A new passphrase (the old one, or the recovery key, opens the key first): one atomic write of the key file."""
    key_file = _existing(folder)
    key = key_file.unlock(old)
    write_key_file(folder, key_file.with_wrap(new_wrap(PASSPHRASE, passphrase_bytes(new), key, kdf)))


def new_recovery(folder: Path, passphrase: str, recovery_key: str, kdf: KdfParams) -> None:
    """Replace the recovery key (the old one no longer opens the journal)."""
    key_file = _existing(folder)
    key = key_file.unlock(passphrase)
    recovery = recovery_bytes(recovery_key)
    if recovery is None:
        raise ValueError("not a recovery key")
    write_key_file(folder, key_file.with_wrap(new_wrap(RECOVERY, recovery, key, kdf)))


def disable(folder: Path, passphrase: str, progress: Progress | None = None) -> None:
    """Turn the lock off (the caller holds the folder's lock): every file opened, then the key file removed."""
    key_file = _existing(folder)
    key = key_file.unlock(passphrase)
    if key_file.state != UNSEALING:
        _all_open(folder, key)      # before anything changes: a file that would not open stops it here
        key_file = KeyFile(UNSEALING, key_file.key_id, key_file.wraps)
        write_key_file(folder, key_file)
    sealing.hold(folder, _seal_for_state(key, UNSEALING))
    finish(folder, key_file, progress)


def finish(folder: Path, key_file: KeyFile | None = None, progress: Progress | None = None) -> None:
    """Bring a folder whose lock was being turned on or off (a kill in between) to where it was
    going; nothing to do when it is on or off. The folder must be unlocked (`unlock`) and held."""
    key_file = key_file or read_key_file(folder)
    if key_file is None or key_file.state == SEALED:
        return
    seal = sealing.held(folder)
    if seal is None:
        raise StorageError("the folder is not unlocked")
    files = list(files_to_seal(folder))
    for n, path in enumerate(files):
        if key_file.state == SEALING:
            _seal_file(path, seal.key)
        else:
            _open_file(path, seal.key)
        if progress is not None:
            progress(n + 1, len(files))
    if key_file.state == SEALING:
        write_key_file(folder, KeyFile(SEALED, key_file.key_id, key_file.wraps))
        sealing.hold(folder, _seal_for_state(seal.key, SEALED))
    else:
        try:
            remove_key_file(Path(folder))
            fsync_folder(Path(folder))
        except OSError as err:
            raise WriteFailed(Path(folder) / KEY_FILE, err) from None
        # The key stays known to this process (writing nothing sealed): a value sealed inside a plain
        # file (settings' pattern names) is opened and written plain after this.
        sealing.hold(folder, FolderSeal(seal.key, seal_writes=False, plain_allowed=True))


def require_unlocked(folder: Path) -> None:
    """JournalLocked when the lock of `folder` is on and this process has not been given its passphrase."""
    if is_locked(folder) and sealing.held(folder) is None:
        raise JournalLocked(Path(folder))


def _existing(folder: Path) -> KeyFile:
    key_file = read_key_file(folder)
    if key_file is None:
        raise StorageError("the lock is off")
    return key_file


def files_to_seal(folder: Path):
    """Every file of Goldseam's in the data folder that holds words or their traces (names ending in
    .json, not temp files, not settings, not the key file), in the folders Goldseam makes."""
    folder = Path(folder)
    for place in (*own_places(folder), folder / JOURNAL_FOLDER / PENDING_FOLDER):
        if place is not folder and (place.is_symlink() or not place.is_dir()):
            continue
        try:
            entries = sorted(os.scandir(place), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if (not name.endswith(".json") or name.startswith(".") or name == KEY_FILE
                    or name.split(".", 1)[0] in _NEVER_SEALED or not entry.is_file(follow_symlinks=False)):
                continue
            yield Path(entry.path)


_LIMIT = max(MAX_STORED_BYTES, MAX_IMPORT_BYTES) + sealing.OVERHEAD     # a data file, or a snapshot (an export)


def _seal_file(path: Path, key: DataKey) -> None:
    raw = _read(path)
    if raw is None or sealing.is_sealed(raw):
        return
    _rewrite(path, key.seal(sealing.logical_name(path), [raw]))


def _open_file(path: Path, key: DataKey) -> None:
    raw = _read(path)
    if raw is None or not sealing.is_sealed(raw):
        return
    name = sealing.sealed_name(raw) or ""
    try:
        plain = key.open(name, raw)
    except (sealing.SealBroken, ValueError):
        if not _set_aside_already(path):
            _set_aside(path)        # damaged since it was checked: kept, under a name nothing reads
        return
    _rewrite(path, plain)


def _rewrite(path: Path, data) -> None:
    """The same words sealed or opened: the file keeps the time it was last changed (a backup still
    says when it was taken, where the person chooses one to restore)."""
    info = os.stat(path)
    write_atomic(path, data)
    try:
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    except OSError:
        pass        # a file system that keeps no times: nothing is lost but the time


def _read(path: Path) -> bytes | None:
    try:
        return read_regular_file(path, _LIMIT)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WriteFailed(path, err) from None


def _set_aside(path: Path) -> None:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target, n = path.with_name(f"{path.name.split('.', 1)[0]}.corrupt-{stamp}.json"), 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{path.name.split('.', 1)[0]}.corrupt-{stamp}-{n}.json")
    os.rename(path, target)


def _set_aside_already(path: Path) -> bool:
    return ".corrupt-" in path.name


def _all_open(folder: Path, key: DataKey) -> None:
    """Every sealed file opens with `key` (read whole, before the lock is turned off). CorruptFile names the first that does not."""
    for path in files_to_seal(folder):
        raw = _read(path)
        if raw is None or not sealing.is_sealed(raw) or _set_aside_already(path):
            continue
        try:
            key.open(sealing.sealed_name(raw) or "", raw)
        except (sealing.SealBroken, ValueError):
            raise CorruptFile(path, None, None) from None
