"""Read a file with a bound, and only if it is a regular file.

A pipe would hang a plain read, /dev/zero would never end, and a symlink in
the data folder could point anywhere: none of them is read. The bound is the
same one the writers respect, so nothing Goldseam writes is ever refused here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import FileTooLarge, ForeignFile, NotARegularFile

MAX_STORED_BYTES = 256 * 1024 * 1024   # one data file (journal, draft, settings, backup)
_CHUNK = 1024 * 1024


def read_regular_file(path: Path, limit: int, follow_symlinks: bool = False) -> bytes:
    """The bytes of `path`. FileNotFoundError if absent; NotARegularFile for links (unless
    followed), pipes, devices and folders; FileTooLarge past `limit`; OSError otherwise.
    A file of the data folder (links not followed) must be the person's own: ForeignFile if it
    belongs to another user; one that others could read is made private as it is read."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            raise NotARegularFile(path) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path)
        if not follow_symlinks and os.name == "posix":
            _only_ours(fd, path, info)
        if info.st_size > limit:
            raise FileTooLarge(path, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            if total > limit:           # grew while we read, or st_size lied (/proc-like files)
                raise FileTooLarge(path, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)



def _only_ours(fd: int, path: Path, info: os.stat_result) -> None:
    if info.st_uid != os.geteuid():
        raise ForeignFile(path)
    if info.st_mode & 0o077:
        try:
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~0o077)
        except OSError:
            pass    # a file system without modes; nothing more to do here
