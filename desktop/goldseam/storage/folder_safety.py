"""The data folder is the person's alone: owned by them, private, holding no
leftovers of ours. Each fix is reported once as a Notice, never done in silence."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import APP_ID
from .atomic_file import TEMP_SUFFIX, is_temp_name
from .backups import BACKUP_FOLDER, HELD_FOLDER
from .journal_parts import JOURNAL_FOLDER
from .errors import ForeignFile, NotYourFolder, OpenToOthers, StorageError
from ..i18n import _

STORE_STEMS = ("journal", "draft", "settings", "promises", "seal")   # seal: the lock's key file
SNAPSHOT_FOLDER = "snapshots"     # the backups the person makes (snapshots.py)

FOLDER_TIGHTENED = "folder_tightened"   # the data folder was open to others; now 0700
FOLDER_SHARED = "folder_shared"         # the folder holds other things too: left as it is, our files are private
FILES_TIGHTENED = "files_tightened"     # some of our files were open to others; now 0600


@dataclass(frozen=True)
class Notice:
    kind: str
    folder: Path
    count: int = 0


def check_owner(folder: Path) -> None:
    """Refuse a folder that belongs to someone else: their files are not ours to read or write."""
    if os.name != "posix":
        return
    try:
        owner = os.stat(folder).st_uid
    except OSError:
        return      # missing: created by us in a moment, or reported by the caller
    if owner != os.geteuid():
        raise NotYourFolder(folder)


def ensure_private_folder(folder: Path) -> list[Notice]:
    """Create the folder (0700) if needed. A looser folder that holds only Goldseam's files is
    tightened; one that holds other things too (a home or a synced folder) is left as it is.
    Either way the person is told."""
    folder = Path(folder)
    check_owner(folder)
    old = os.umask(0o077)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(_("cannot create the data folder {folder}: {reason}").format(
            folder=folder, reason=err.strerror)) from None
    finally:
        os.umask(old)
    if os.name != "posix":
        return []
    check_owner(folder)
    mode = stat.S_IMODE(folder.stat().st_mode)
    if not mode & 0o077:
        return []
    if any(not is_ours(name) for name in os.listdir(folder)):
        if mode & 0o022:     # others could swap the journal for theirs, or delete it
            raise OpenToOthers(folder)
        return [Notice(FOLDER_SHARED, folder)]
    try:
        folder.chmod(0o700)
    except OSError:
        return [Notice(FOLDER_SHARED, folder)]
    return [Notice(FOLDER_TIGHTENED, folder)]


def is_ours(name: str) -> bool:
    """A name Goldseam makes in its data folder (files, backups, lock, temp files, and the
    socket a second start talks to when there is no private runtime folder)."""
    return name in (BACKUP_FOLDER, JOURNAL_FOLDER, SNAPSHOT_FOLDER) or name.startswith(tuple(f"{stem}." for stem in STORE_STEMS)) \
        or name.startswith(f"{APP_ID}-") or is_temp_name(name, STORE_STEMS)


def own_places(folder: Path) -> tuple[Path, ...]:
    """The data folder and the folders Goldseam makes in it; everything in the others is Goldseam's."""
    journal = folder / JOURNAL_FOLDER
    return (folder, folder / BACKUP_FOLDER, folder / BACKUP_FOLDER / HELD_FOLDER,
            journal, journal / BACKUP_FOLDER, journal / BACKUP_FOLDER / HELD_FOLDER, folder / SNAPSHOT_FOLDER)


def _entries(folder: Path, every_place: bool = False, also: tuple[Path, ...] = ()):
    """Every entry in the data folder, its backups and the held backups, the journal folder and
    its backups, as (place, DirEntry): one directory read each, and a DirEntry's lstat is
    taken once. The journal's folders are left out while they are private (`every_place`: not),
    since only their owner can have put anything in them."""
    journal = folder / JOURNAL_FOLDER
    for place in own_places(folder):
        if place is not folder and place.is_symlink():
            continue        # never followed: a link where a folder of ours should be is not read through
        if not every_place and place not in also and journal in (place, *place.parents) and _private(place):
            continue        # only this person can have put files in it; each is checked again as it is read
        try:
            with os.scandir(place) as entries:
                for entry in entries:
                    yield place, entry
        except OSError:
            continue


def _private(place: Path) -> bool:
    """A folder of ours that only its owner can change or read: the journal's folders hold hundreds
    of files after years, and walking them at every start would make the start grow with the history."""
    try:
        info = os.lstat(place)
    except OSError:
        return True     # not there: nothing in it
    return os.name != "posix" or (info.st_uid == os.geteuid() and not info.st_mode & 0o077)


def sweep_temp_files(folder: Path) -> None:
    """Remove temp files a killed Goldseam left mid-save, and nothing else. Safe: we hold
    the lock, and a temp file is never the real file (the real one is only replaced whole)."""
    for place, entry in _entries(folder, every_place=True):      # names only: no file is opened or stat'ed
        name = entry.name
        if name[:1] != ".":
            continue        # every temp file's name starts with a dot
        if is_temp_name(name, STORE_STEMS) or (place is not folder and name.endswith(TEMP_SUFFIX)):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def refuse_foreign_files(folder: Path, every_place: bool = False) -> None:
    """A file under one of Goldseam's names that belongs to someone else was put there by them
    (or came from another account): it is never read as the person's own words (ForeignFile).
    The journal's private folders are looked into only with `every_place` (goldseam check); at
    a start each of their files is checked as it is read (file_reading)."""
    if os.name != "posix":
        return
    me = os.geteuid()
    for place in own_places(folder)[1:]:
        try:
            owner = os.lstat(place).st_uid
        except OSError:
            continue        # absent, or under something that is not a folder (refused by the journal's own check)
        if owner != me:
            raise ForeignFile(place)
    for place, entry in _entries(folder, every_place):
        if place is folder and not is_ours(entry.name):
            continue
        try:
            owner = entry.stat(follow_symlinks=False).st_uid
        except OSError:
            continue
        if owner != me:
            raise ForeignFile(place / entry.name)


def tighten_files(folder: Path) -> list[Notice]:
    """Goldseam's own files and folders that others could read become private again
    (0600 and 0700; hard-linked backups share their mode with the file they came from)."""
    loose = tuple(place for place in own_places(folder)[1:] if not _private(place))
    fixed = sum(map(_make_private, loose))
    for place, entry in _entries(folder, also=loose):       # what a loose folder holds may be loose too
        if place is folder and not is_ours(entry.name):
            continue
        try:
            loose = entry.stat(follow_symlinks=False).st_mode & 0o077
        except OSError:
            continue
        if loose:
            fixed += _make_private(place / entry.name)
    return [Notice(FILES_TIGHTENED, folder, fixed)] if fixed else []


def _make_private(path: Path) -> int:
    """Drop group and other bits, through a descriptor opened without following links."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return 0    # a link (never followed), or gone
    try:
        info = os.fstat(fd)
        mode = stat.S_IMODE(info.st_mode)
        if info.st_uid != os.geteuid() or not mode & 0o077:
            return 0
        os.fchmod(fd, mode & ~0o077)
        return 1
    except OSError:
        return 0
    finally:
        os.close(fd)
