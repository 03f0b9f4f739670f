"""Typed storage errors. Messages name files and causes, never the person's text;
the UI turns them into calm explanations."""

from __future__ import annotations

import errno
from pathlib import Path

from ..i18n import N_, _


class StorageError(Exception):
    """Something in the data folder could not be read or written."""


class FolderLocked(StorageError):
    """Another Goldseam window or command holds the data folder."""

    def __init__(self, folder: Path):
        super().__init__(_("another Goldseam is using {folder}").format(folder=folder))
        self.folder = folder


class WriteFailed(StorageError):
    """A save did not happen; the file on disk is exactly as it was."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(_("could not save {file}: {reason}").format(file=path.name, reason=_reason(cause)))
        self.path = path
        self.errno = cause.errno
        self.reason = _reason(cause)

    @property
    def disk_full(self) -> bool:
        return self.errno in (errno.ENOSPC, errno.EDQUOT)

    @property
    def not_allowed(self) -> bool:
        return self.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


class ReadFailed(StorageError):
    """A file exists but the operating system would not let us read it."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(_("could not read {file}: {reason}").format(file=path.name, reason=_reason(cause)))
        self.path = path
        self.reason = _reason(cause)


# Why a file could not be read: kept in English as keys, said through the catalogue.
DAMAGED = N_("it is damaged or cut short")
NOT_A_FILE = N_("it is not a regular file (a link, a pipe, a device or a folder)")
TOO_LARGE = N_("it is larger than Goldseam ever writes")
CHANGED_SINCE = N_("its checksum shows it has changed since Goldseam wrote it")
NOT_SEALED = N_("it is not sealed, though the lock is on")


class CorruptFile(StorageError):
    """A file could not be understood. It was moved aside (never written over). `reason` says why."""

    def __init__(self, path: Path, moved_to: Path | None, backup: Path | None, reason: str = DAMAGED):
        if moved_to:
            said = _("{file} could not be read ({reason}); set aside as {aside}").format(
                file=path.name, reason=_(reason), aside=moved_to.name)
        else:
            said = _("{file} could not be read ({reason})").format(file=path.name, reason=_(reason))
        super().__init__(said)
        self.path = path
        self.moved_to = moved_to
        self.backup = backup
        self.reason = reason


class JournalChanged(StorageError):
    """The journal changed while it was read whole (an export, a backup): what was read is not one
    moment in time, so it is not used. Reading again usually succeeds."""

    def __init__(self, unfinished: bool = False):
        super().__init__(_("an import into the journal was cut short and is finished the next time Goldseam opens "
                           "(nothing is lost); open Goldseam once, then try again") if unfinished else
                         _("the journal changed while it was being read (Goldseam was saving); try again"))
        self.unfinished = unfinished


class NotARegularFile(StorageError):
    """Where a data file should be there is something else: a link, a pipe, a device, a folder.
    Goldseam never reads through it (a pipe would hang, a device would never end)."""

    def __init__(self, path: Path):
        super().__init__(_("{file} is not a regular file").format(file=path.name))
        self.path = path


class FileTooLarge(StorageError):
    """A file is larger than Goldseam reads (and so larger than it ever writes)."""

    def __init__(self, path: Path, limit: int):
        super().__init__(_("{file} is larger than {limit} MiB").format(file=path.name, limit=limit // (1024 * 1024)))
        self.path = path
        self.limit = limit


class NotAFolder(StorageError):
    """Where a folder of Goldseam's should be (the journal) there is something else: a link (perhaps
    to a disk that is not there), a pipe, a file. Goldseam never reads or writes through it."""

    def __init__(self, path: Path, kind: str = ""):
        kind = kind or _("something else")
        super().__init__(_("{file} in the data folder is not a folder but {kind} ({path}); Goldseam will not read or "
                           "write through it. Move it out of the way and start again").format(
                               file=path.name, kind=kind, path=path))
        self.path = path
        self.kind = kind


class InvalidMoment(StorageError):
    """A moment would not pass the reader's own checks, so it is not written. Names the field only."""

    def __init__(self, field: str, problem: str):
        super().__init__(_("the moment cannot be saved: {field} {problem}").format(field=field, problem=problem))
        self.field = field
        self.problem = problem


class NotYourFolder(StorageError):
    """The data folder belongs to another user: Goldseam neither reads nor writes there."""

    def __init__(self, folder: Path):
        super().__init__(_("the data folder {folder} belongs to another user").format(folder=folder))
        self.folder = folder


class OpenToOthers(StorageError):
    """Other users may change what is in the data folder: words kept there could be replaced."""

    def __init__(self, folder: Path):
        super().__init__(_("other users can change what is in {folder}").format(folder=folder))
        self.folder = folder


class ForeignFile(StorageError):
    """A file under one of Goldseam's names belongs to another user: it is not read, not used."""

    def __init__(self, path: Path):
        super().__init__(_("{file} in the data folder belongs to another user").format(file=path.name))
        self.path = path


class MigrationFailed(StorageError):
    """An older file could not be brought up to date; it is left exactly as it was."""

    def __init__(self, path: Path, schema: int):
        super().__init__(_("{file} (schema {schema}) could not be brought up to date; it was not changed").format(
            file=path.name, schema=schema))
        self.path = path
        self.schema = schema


class DraftInProgress(StorageError):
    """An older draft cannot be restored over the repair the person is writing now."""

    def __init__(self) -> None:
        super().__init__(_("a repair is in progress; finish or discard it before restoring the older draft"))


class ReadOnlyFile(StorageError):
    """The file was written by a newer Goldseam; it is opened for reading only."""

    def __init__(self, path: Path, schema: int):
        super().__init__(_("{file} comes from a newer Goldseam (schema {schema}) and is read-only here").format(
            file=path.name, schema=schema))
        self.path = path
        self.schema = schema


class JournalLocked(StorageError):
    """The journal is sealed with a passphrase, and this process has not been given it."""

    def __init__(self, folder: Path):
        super().__init__(_("the journal in {folder} is locked with a passphrase").format(folder=folder))
        self.folder = folder


class WrongPassphrase(StorageError):
    """The passphrase (or recovery key) does not open the journal's key. Nothing was changed."""

    def __init__(self) -> None:
        super().__init__(_("that passphrase does not open this journal"))


class KeyFileDamaged(StorageError):
    """The lock's key file cannot be read: no passphrase can open the journal until it is restored."""

    def __init__(self, path: Path):
        super().__init__(_("the lock's key file {file} and its copy are damaged, so no passphrase can open the "
                           "journal; put back a copy of {file} from a backup of the data folder").format(file=path))
        self.path = path


def _reason(cause: OSError) -> str:
    if cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if cause.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    if cause.errno == errno.EROFS:
        return _("the disk is read-only")
    if cause.errno == errno.ENOMEM:
        return _("there is not enough memory to read it")
    if cause.errno == errno.EIO:
        return _("the disk reported an input/output error")
    return cause.strerror or type(cause).__name__
