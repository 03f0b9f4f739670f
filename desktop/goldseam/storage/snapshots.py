"""Backups the person makes ("Back up now"): the whole journal as one export file in the data
folder's `snapshots/` folder, which they can read, carry elsewhere, or restore from.

The automatic backups (backups.py) guard each file against a bad write; these are the
person's own point to return to, in the transfer format, so restoring one is the same proven
merge as bringing in an export: nothing written since is lost (a moment in both keeps the copy
changed last). Only the newest KEEP are kept, so years of pressing the button never fill a disk.
"""

from __future__ import annotations

import calendar
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core import clock, transfer_format
from ..core.repository import ImportResult
from . import sealing
from .atomic_file import write_atomic
from .errors import WriteFailed
from .folder_safety import SNAPSHOT_FOLDER
from .journal import Journal, JournalChanged
from .transfer import export_journal, read_import_file

KEEP = 10
ATTEMPTS = 5        # readings of the journal for one backup, while saves keep changing it
_NAME = re.compile(r"goldseam-backup-(\d{8}T\d{6})Z-(\d{9})\.json")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    made_at: float          # seconds since the epoch, from the name (a copied file keeps its name)
    size: int

    @property
    def made(self) -> datetime:
        return datetime.fromtimestamp(self.made_at, timezone.utc)


@dataclass(frozen=True)
class SnapshotPreview:
    """What a backup holds, and what restoring it would do, before anything changes."""
    moments: int
    first: str | None       # created_at of the earliest and the latest moment in it (ISO)
    last: str | None
    would: ImportResult     # added: back again; updated: the backup's copy is newer; unchanged: same or newer here


class Snapshots:
    def __init__(self, data_folder: Path, journal: Journal):
        self.folder = Path(data_folder) / SNAPSHOT_FOLDER
        self._journal = journal

    def make(self) -> Snapshot:
        """Write a new backup of every moment. WriteFailed (disk full, not allowed) leaves nothing
        half-written; a backup is complete or absent."""
        self._ensure_folder()
        ns = time.time_ns()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 1_000_000_000))
        path = self.folder / f"goldseam-backup-{stamp}Z-{ns % 1_000_000_000:09d}.json"
        for attempt in range(ATTEMPTS):
            export = export_journal(self._journal, "json")
            try:    # a backup is one moment in time: read again when a save changed the journal meanwhile
                write_atomic(path, sealing.for_disk(path, (piece.encode("utf-8") for piece in export)))
                break
            except JournalChanged:
                if attempt == ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        self._prune()
        return Snapshot(path, ns / 1e9, path.stat().st_size)

    def all(self) -> list[Snapshot]:
        """The backups made so far, newest first. Anything else in the folder is left alone."""
        return list_snapshots(self.folder)

    def preview(self, path: Path) -> tuple[SnapshotPreview, transfer_format.ExportDocument]:
        """Read a backup (or any export) whole and say what restoring it would do. Raises
        TransferFormatError or a StorageError; nothing changes."""
        document = read_import_file(path)
        created = sorted((record["created_at"] for record in document.records), key=_instant)
        would = self._journal.preview_import(document.records, document.phrases)
        return SnapshotPreview(len(document.records), created[0] if created else None,
                               created[-1] if created else None, would), document

    def restore(self, document: transfer_format.ExportDocument) -> ImportResult:
        """Bring the backup's moments back: all or nothing, newer copies kept."""
        return self._journal.import_moments(document.records, document.phrases)

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as err:
            raise WriteFailed(self.folder, err) from None
        if self.folder.is_symlink() or not self.folder.is_dir():
            raise WriteFailed(self.folder, NotADirectoryError("the backups folder is not a folder"))

    def _prune(self) -> None:
        for old in self.all()[KEEP:]:
            try:
                old.path.unlink()
            except OSError:
                pass        # kept one more time; the next backup tries again


def list_snapshots(folder: Path) -> list[Snapshot]:
    """The backups in a `snapshots/` folder, newest first (for the settings, and for `check`)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            made = calendar.timegm(time.strptime(match.group(1), "%Y%m%dT%H%M%S"))
        except ValueError:
            made = 0        # a name of our form with a date that does not exist: listed all the same, oldest
        found.append(Snapshot(Path(entry.path), made + int(match.group(2)) / 1e9,
                              entry.stat(follow_symlinks=False).st_size))
    return sorted(found, key=lambda s: s.made_at, reverse=True)


def _instant(iso: str) -> float:
    try:
        return clock.from_iso(iso).timestamp()
    except (TypeError, ValueError):
        return 0.0
