"""Many files of the journal written as one change: all of them, or none, whatever stops it.

An import touches many parts (and the own phrases). Each is first written whole into
journal/pending/ under its own name and flushed to the disk; nothing in the journal has
changed yet, and a failure (a full disk, a file that would grow too large) only removes
pending/. Then one small commit record, written atomically, names the files: that record
is the moment the change happens. Only after it is on the disk does each pending file take
its part's place. A process killed at any point leaves either no commit record (the next
open removes pending/: the journal is as it was) or a commit record (the next open puts the
remaining files in place: the change is whole). The next open does this before it reads
anything else, so no reader ever sees half of a change.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import zlib
from pathlib import Path
from typing import Callable, Iterable

from .atomic_file import fsync_folder, write_atomic
from .errors import StorageError, WriteFailed
from .file_reading import MAX_STORED_BYTES, read_regular_file
from .journal_parts import PENDING_FOLDER, is_journal_file

COMMIT_FILE = "commit.json"         # inside PENDING_FOLDER: present only once every pending file is complete
COMMIT_FORMAT = "goldseam-journal-commit"
FINISHED, ROLLED_BACK = "finished", "rolled back"


class Transaction:
    """One change of many files of the journal folder. stage() each file, then commit();
    abandon() on any failure before commit() leaves the journal as it was."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.pending = self.folder / PENDING_FOLDER
        self.staged: list[str] = []

    def stage(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Write the new `name` whole into pending/ (WriteFailed, or what producing `data` raises)."""
        if not is_journal_file(name):
            raise ValueError(f"not a file of the journal: {name}")
        if not self.staged:
            if in_progress(self.folder):     # a committed change not yet wholly in place is never thrown away
                raise StorageError(f"an earlier change in {self.pending} is not yet in place")
            remove_pending(self.folder)      # a leftover of a change never committed
            try:
                self.pending.mkdir(mode=0o700)
            except OSError as err:
                raise WriteFailed(self.pending, err) from None
        write_atomic(self.pending / name, data, sync_folder=False)     # each flushed; their names once, at commit()
        self.staged.append(name)

    def abandon(self) -> None:
        """Take back everything staged: the journal is exactly as it was."""
        remove_pending(self.folder)
        self.staged = []

    def commit(self, before_replace: Callable[[str], None], after_replace: Callable[[str, bool], None]) -> None:
        """Make the change: the commit record first, then each file in its place. Before the record is
        on the disk a failure abandons everything; after it, the change is made (now, or at the next open)."""
        if not self.staged:
            return
        try:
            fsync_folder(self.pending)      # every staged file's name on the disk before the record that names them
            write_atomic(self.pending / COMMIT_FILE, _commit_record(self.staged))
        except BaseException:
            self.abandon()
            raise
        finish(self.folder, before_replace, after_replace, self.staged)


def _commit_record(names: list[str]) -> bytes:
    body = json.dumps({"format": COMMIT_FORMAT, "files": names}, separators=(",", ":")).encode("utf-8")
    return body[:-1] + b',"crc32":"%08x"}' % zlib.crc32(body)


def committed_files(folder: Path) -> list[str] | None:
    """The files a commit record names, or None when there is none or it cannot be trusted
    (cut short, changed, naming anything but files of the journal)."""
    try:
        raw = read_regular_file(Path(folder) / PENDING_FOLDER / COMMIT_FILE, MAX_STORED_BYTES)
    except (OSError, StorageError):
        return None
    head, _sep, tail = raw.rpartition(b',"crc32":"')
    try:
        if tail != b'%08x"}' % zlib.crc32(head + b"}"):
            return None
        document = json.loads(head + b"}")
    except ValueError:
        return None
    names = document.get("files") if isinstance(document, dict) and document.get("format") == COMMIT_FORMAT else None
    if not isinstance(names, list) or not all(isinstance(n, str) and is_journal_file(n) for n in names):
        return None
    return names


def finish(folder: Path, before_replace: Callable[[str], None], after_replace: Callable[[str, bool], None],
           names: list[str] | None = None) -> None:
    """Put every pending file of a commit (`names`, else those its record names) in its place, then
    remove pending/. Safe to run again after it was cut short: a file no longer pending was put in
    place already. Never removes pending/ without knowing what the commit holds."""
    folder = Path(folder)
    pending = folder / PENDING_FOLDER
    names = committed_files(folder) if names is None else names
    if names is None:
        raise StorageError(f"the commit record in {pending} cannot be read; pending files were kept")
    for name in names:
        source = pending / name
        if not os.path.lexists(source):
            continue
        existed = os.path.lexists(folder / name)
        before_replace(name)
        try:
            os.replace(source, folder / name)
        except OSError as err:
            raise WriteFailed(folder / name, err) from None
        after_replace(name, existed)
    try:
        fsync_folder(folder)
        os.unlink(pending / COMMIT_FILE)        # the change is whole: the record is no longer needed
    except FileNotFoundError:
        pass
    except OSError as err:
        raise WriteFailed(pending / COMMIT_FILE, err) from None
    remove_pending(folder)


def recover(folder: Path, before_replace: Callable[[str], None],
            after_replace: Callable[[str, bool], None]) -> str | None:
    """At open, before anything is read: finish a committed change, take back one that was not.
    FINISHED, ROLLED_BACK, or None when there was nothing pending."""
    pending = Path(folder) / PENDING_FOLDER
    if not os.path.lexists(pending):
        return None
    names = committed_files(folder)
    if names is not None:
        finish(folder, before_replace, after_replace, names)
        return FINISHED
    remove_pending(folder)
    return ROLLED_BACK


def in_progress(folder: Path) -> bool:
    """A change is committed but not yet wholly in place (being put there now, or cut short)."""
    return os.path.lexists(Path(folder) / PENDING_FOLDER / COMMIT_FILE)


def remove_pending(folder: Path) -> None:
    """Remove pending/ and what it holds (never following a link put in its place)."""
    pending = Path(folder) / PENDING_FOLDER
    try:
        info = os.lstat(pending)
    except FileNotFoundError:
        return
    except OSError as err:
        raise WriteFailed(pending, err) from None
    try:
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(pending)
        else:
            os.unlink(pending)
        fsync_folder(Path(folder))
    except OSError as err:
        raise WriteFailed(pending, err) from None
