"""Write an export the person asked for (Markdown, JSON, PDF) where they chose, safely.

The bytes go through storage/atomic_file.py: a private temp file (0600) beside the target,
flushed to the disk, then renamed over it, so the file is wholly old or wholly new, and a
full disk or a folder that refuses leaves nothing half-written behind. A link at the chosen
name is replaced by the file, never written through (what the link pointed to is untouched).
Something that is not a file at that name (a folder, a pipe, a device) is refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable

from .atomic_file import write_atomic
from .errors import StorageError, WriteFailed

class ExportTargetRefused(StorageError):
    """The chosen name holds something that is not a file (a folder, a pipe, a device)."""

    def __init__(self, path: Path):
        super().__init__(f"{path.name} is not a file that can be replaced")
        self.path = path


def write_export(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write `data` as the file `path` (mode 0600) and return it. Raises ExportTargetRefused, or
    WriteFailed (its `disk_full` and `not_allowed` say why) with nothing left behind."""
    path = Path(path).expanduser()
    if not path.name:
        raise ExportTargetRefused(path)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as err:
        raise WriteFailed(path, err) from None
    if found is not None and not (stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode)):
        raise ExportTargetRefused(path)
    if not path.parent.is_dir():
        raise WriteFailed(path, FileNotFoundError(errno.ENOENT, "the folder is not there", str(path.parent)))
    write_atomic(path, data)     # its temp file is made 0600 (a umask can only take bits away) and renamed
    return path
