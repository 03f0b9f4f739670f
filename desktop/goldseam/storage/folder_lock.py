"""One writer per data folder: an OS-level lock on journal.lock.

The operating system drops the lock when the process dies, so a crash never
leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from .errors import FolderLocked, StorageError
from ..i18n import _

LOCK_NAME = "journal.lock"


class FolderLock:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        try:
            fd = self._open()
        except OSError as err:
            raise StorageError(_("cannot open the lock file in {folder}: {reason}").format(
                folder=self.path.parent, reason=err.strerror)) from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise FolderLocked(self.path.parent) from None
        self._fd = fd

    def _open(self) -> int:
        """The lock file, never through a link: a link or a file of someone else's planted
        under this name is removed (only the name, never what it points to) and made anew,
        so no one can make Goldseam create files elsewhere or hold its lock from outside."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        for _attempt in range(2):
            try:
                fd = os.open(self.path, flags, 0o600)
            except OSError as err:
                if err.errno != errno.ELOOP:
                    raise
                os.unlink(self.path)
                continue
            info = os.fstat(fd)
            if os.name != "posix" or (stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()):
                return fd
            os.close(fd)
            os.unlink(self.path)
        raise OSError(errno.EEXIST, "the lock file keeps being replaced")

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "FolderLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
