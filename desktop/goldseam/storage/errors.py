"""Typed storage errors. Messages name files and causes, never the person's text;
the UI turns them into calm explanations."""

from __future__ import annotations

import errno
from pathlib import Path


class StorageError(Exception):
    """Something in the data folder could not be read or written."""


class FolderLocked(StorageError):
    """Another Goldseam window or command holds the data folder."""

    def __init__(self, folder: Path):
        super().__init__(f"another Goldseam is using {folder}")
        self.folder = folder


class WriteFailed(StorageError):
    """A save did not happen; the file on disk is exactly as it was."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(f"could not save {path.name}: {_reason(cause)}")
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
        super().__init__(f"could not read {path.name}: {_reason(cause)}")
        self.path = path
        self.reason = _reason(cause)


DAMAGED = "it is damaged or cut short"
NOT_A_FILE = "it is not a regular file (a link, a pipe, a device or a folder)"
TOO_LARGE = "it is larger than Goldseam ever writes"


class CorruptFile(StorageError):
    """A file could not be understood. It was moved aside (never written over). `reason` says why."""

    def __init__(self, path: Path, moved_to: Path | None, backup: Path | None, reason: str = DAMAGED):
        where = f"; set aside as {moved_to.name}" if moved_to else ""
        super().__init__(f"{path.name} could not be read ({reason}){where}")
        self.path = path
        self.moved_to = moved_to
        self.backup = backup
        self.reason = reason


class NotARegularFile(StorageError):
    """Where a data file should be there is something else: a link, a pipe, a device, a folder.
    Goldseam never reads through it (a pipe would hang, a device would never end)."""

    def __init__(self, path: Path):
        super().__init__(f"{path.name} is not a regular file")
        self.path = path


class FileTooLarge(StorageError):
    """A file is larger than Goldseam reads (and so larger than it ever writes)."""

    def __init__(self, path: Path, limit: int):
        super().__init__(f"{path.name} is larger than {limit // (1024 * 1024)} MiB")
        self.path = path
        self.limit = limit


class NotAFolder(StorageError):
    """Where a folder of Goldseam's should be (the journal) there is something else: a link (perhaps
    to a disk that is not there), a pipe, a file. Goldseam never reads or writes through it."""

    def __init__(self, path: Path, kind: str = "something else"):
        super().__init__(f"{path.name} in the data folder is not a folder but {kind} ({path}); "
                         f"Goldseam will not read or write through it. Move it out of the way and start again")
        self.path = path
        self.kind = kind


class InvalidMoment(StorageError):
    """A moment would not pass the reader's own checks, so it is not written. Names the field only."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"the moment cannot be saved: {field} {problem}")
        self.field = field
        self.problem = problem


class NotYourFolder(StorageError):
    """The data folder belongs to another user: Goldseam neither reads nor writes there."""

    def __init__(self, folder: Path):
        super().__init__(f"the data folder {folder} belongs to another user")
        self.folder = folder


class OpenToOthers(StorageError):
    """Other users may change what is in the data folder: words kept there could be replaced."""

    def __init__(self, folder: Path):
        super().__init__(f"other users can change what is in {folder}")
        self.folder = folder


class ForeignFile(StorageError):
    """A file under one of Goldseam's names belongs to another user: it is not read, not used."""

    def __init__(self, path: Path):
        super().__init__(f"{path.name} in the data folder belongs to another user")
        self.path = path


class MigrationFailed(StorageError):
    """An older file could not be brought up to date; it is left exactly as it was."""

    def __init__(self, path: Path, schema: int):
        super().__init__(f"{path.name} (schema {schema}) could not be brought up to date; it was not changed")
        self.path = path
        self.schema = schema


class DraftInProgress(StorageError):
    """An older draft cannot be restored over the repair the person is writing now."""

    def __init__(self) -> None:
        super().__init__("a repair is in progress; finish or discard it before restoring the older draft")


class ReadOnlyFile(StorageError):
    """The file was written by a newer Goldseam; it is opened for reading only."""

    def __init__(self, path: Path, schema: int):
        super().__init__(f"{path.name} comes from a newer Goldseam (schema {schema}) and is read-only here")
        self.path = path
        self.schema = schema


def _reason(cause: OSError) -> str:
    if cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if cause.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if cause.errno == errno.EROFS:
        return "the disk is read-only"
    if cause.errno == errno.ENOMEM:
        return "there is not enough memory to read it"
    if cause.errno == errno.EIO:
        return "the disk reported an input/output error"
    return cause.strerror or type(cause).__name__
