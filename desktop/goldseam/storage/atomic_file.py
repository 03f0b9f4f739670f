"""Write a file so that it is either wholly old or wholly new, never half.

A temp file with an unpredictable name in the same folder (O_EXCL, never
through a symlink, mode 0600), flush it to the disk, os.replace, then
flush the folder so the rename itself survives a power cut. On any failure
the temp file is removed and the original is untouched.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
from pathlib import Path
from typing import Callable, Iterable

from .errors import WriteFailed

TEMP_SUFFIX = ".goldseam-tmp"
# Folders that cannot be flushed on this file system (some network and FUSE file systems):
# nothing more can be done there, so these are not errors. EIO and the rest are.
_FOLDER_FSYNC_UNSUPPORTED = {errno.EINVAL, getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def write_atomic(path: Path, data: bytes | Iterable[bytes], before_replace: Callable[[], object] | None = None,
                 sync_folder: bool = True) -> None:
    """Write `data` (bytes, or pieces of it) as the new `path`. WriteFailed on disk trouble;
    an error raised while producing the pieces passes through, with the same clean-up.
    `before_replace` runs once the new file is complete on disk, just before it takes the place
    of the old one (the moment to keep a backup of the old one). `sync_folder=False`: the rename
    is not flushed here; the caller writing many files into one folder flushes it once, before
    anything relies on them (journal_transaction: before its commit record)."""
    path = Path(path)
    fd, tmp = -1, None
    try:
        fd, tmp = _new_temp_file(path)
        for piece in ([data] if isinstance(data, (bytes, bytearray, memoryview)) else data):
            view = memoryview(piece)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        flush_to_disk(fd)
        os.close(fd)
        fd = -1
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
        tmp = None
        if sync_folder:
            fsync_folder(path.parent)
    except BaseException as err:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(err, OSError):
            raise WriteFailed(path, err) from None
        raise


def _new_temp_file(path: Path) -> tuple[int, Path]:
    """What tempfile.mkstemp does, without its import cost at start-up: a name nobody can guess,
    created only if it does not exist (O_EXCL), never through a link (O_NOFOLLOW), mode 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def is_temp_name(name: str, stems: tuple[str, ...]) -> bool:
    """True for the temp files Goldseam itself makes for files named after `stems`
    (and the `.journal.json.<pid>.tmp` names of earlier versions); nothing else."""
    return bool(_temp_pattern(stems).fullmatch(name))


@functools.lru_cache(maxsize=8)
def _temp_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(stem) for stem in stems)
    return re.compile(rf"\.(?:{alternatives})(?:\.[\w-]+)?\.json\.(?:\w+{re.escape(TEMP_SUFFIX)}|\d+\.tmp)")


def flush_to_disk(fd: int) -> None:
    """fsync; on macOS F_FULLFSYNC, since plain fsync there stops at the drive's cache."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass    # not supported by this file system: fsync is the best there is
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX). Raises OSError when the disk reports an error."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except PermissionError:
        return      # a folder we may write to but not open (mode -wx): the file is written, we cannot do more
    try:
        flush_to_disk(fd)
    except OSError as err:
        if err.errno not in _FOLDER_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)
