"""Moving the single journal.json of earlier versions into the journal folder of parts.

A backup is taken first; the whole new layout is built in a folder of its own, read back and
compared with the old file; only then does one rename put it in place, and the old file goes
into backups. A kill at any point leaves either the old journal (with a half-built folder that
the next start removes and builds again) or the complete new layout (with the old file beside
it, whose moments the layout already holds: the next start checks that and moves it away).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from .atomic_file import fsync_folder
from .backups import BACKUP_FOLDER, SharedBackups
from .errors import CorruptFile, StorageError, WriteFailed
from .journal import (JOURNAL_MIGRATIONS, JOURNAL_SCHEMA, MOMENTS, PHRASES, Journal, _canonical, part_storage,
                      phrases_storage)
from .journal_index import JournalIndex, PartEntry, save_index, stamp_of
from .journal_parts import INDEX_FILE, JOURNAL_FOLDER, PART_BYTES, PHRASES_FILE, Part, month_of
from .moment_records import is_plain_record, readable_moment
from .safe_storage import SafeStorage, encode_document

SINGLE_FILE = "journal.json"          # the journal of earlier versions
BUILDING = "journal.migrating"        # the new layout while it is built; never read as the journal
MOVED_AWAY = "journal.before-parts"   # the old file, kept in backups once the parts hold it


class MigrationNotVerified(StorageError):
    """The layout built from journal.json did not read back the same; the old file was kept as it is."""

    def __init__(self) -> None:
        super().__init__("the journal could not be moved into its new layout (it did not read back the same); "
                         "journal.json was kept as it is")


def single_file_storage(folder: Path, read_only: bool) -> SafeStorage:
    return SafeStorage(folder / SINGLE_FILE, kind="journal", schema=JOURNAL_SCHEMA, migrations=JOURNAL_MIGRATIONS,
                       read_only=read_only)


def needs_single_file_view(folder: Path) -> bool:
    """A folder an earlier version wrote and no Goldseam has opened for writing since."""
    return os.path.lexists(folder / SINGLE_FILE) and not (folder / JOURNAL_FOLDER).is_dir()


def move_single_file_journal(folder: Path) -> CorruptFile | None:
    """Bring journal.json into the journal folder (see the module's docstring). Returns the
    problem when journal.json could not be understood: it is set aside, as any data file
    is, and its backups are kept for the person to restore into the new layout."""
    folder = Path(folder)
    _remove(folder / BUILDING)
    if not os.path.lexists(folder / SINGLE_FILE):
        return None
    storage = single_file_storage(folder, read_only=False)
    try:
        tables = storage.read() or {}
    except CorruptFile as problem:
        return problem
    if storage.newer_schema is not None:
        return None         # not ours to rewrite: read through the single-file view, read-only
    journal_folder = folder / JOURNAL_FOLDER
    if journal_folder.is_dir():          # the switch happened and the old file stayed, or an earlier version wrote it since
        journal = Journal(journal_folder)
        journal.absorb(tables)
        journal.close()
    else:
        storage.backups.snapshot()       # back up first (a hard link: no copy)
        _build(folder / BUILDING, tables)
        os.rename(folder / BUILDING, journal_folder)
        fsync_folder(folder)
    _move_into_backups(folder)
    return None


def _build(building: Path, tables: dict[str, Any]) -> None:
    """Write every part, the phrases and the index into `building`, then read each part back and
    compare: MigrationNotVerified if anything differs."""
    building.mkdir(mode=0o700)
    planned = _plan_parts(list((tables.get(MOMENTS) or {}).values()))
    index = JournalIndex()
    shared = SharedBackups(building / BACKUP_FOLDER, lambda name: True)
    try:
        for name, records in planned.items():
            part_storage(building / name, read_only=False, shared=shared).write({MOMENTS: {str(n): r for n, r in enumerate(records, 1)}})
        phrases = tables.get(PHRASES) or {}
        if phrases:
            phrases_storage(building / PHRASES_FILE, read_only=False).write({PHRASES: phrases})
        for name, records in planned.items():
            back = part_storage(building / name, read_only=True).read() or {}
            if list((back.get(MOMENTS) or {}).values()) != records:
                raise MigrationNotVerified()
            ids = [key for key in (_canonical(r.get("id")) if isinstance(r, dict) else None for r in records)
                   if isinstance(key, str)]
            unreadable = sum(1 for r in records if not is_plain_record(r) and readable_moment(r) is None)
            index.put(name, PartEntry(stamp_of(building / name), ids, unreadable))
        if phrases and (phrases_storage(building / PHRASES_FILE, read_only=True).read() or {}).get(PHRASES) != phrases:
            raise MigrationNotVerified()
        save_index(building / INDEX_FILE, index)
        fsync_folder(building)
    except BaseException:
        _remove(building)
        raise


def _plan_parts(records: list[Any]) -> dict[str, list[Any]]:
    """The records grouped into parts: by month of `created_at`, oldest first, PART_BYTES at most each."""
    by_month: dict[str, list[Any]] = {}
    for record in records:
        created = record.get("created_at") if isinstance(record, dict) else None
        by_month.setdefault(month_of(created), []).append(record)
    planned: dict[str, list[Any]] = {}
    for month, in_month in by_month.items():
        part, held = Part(month, 1), 0
        for record in in_month:
            size = len(encode_document(record).encode("utf-8")) + 48
            if held and held + size > PART_BYTES:
                part, held = part.next(), 0
            planned.setdefault(part.file, []).append(record)
            held += size
    return planned


def _move_into_backups(folder: Path) -> None:
    backups = folder / BACKUP_FOLDER
    backups.mkdir(mode=0o700, exist_ok=True)
    target, n = backups / f"{MOVED_AWAY}.json", 1
    while os.path.lexists(target):
        n += 1
        target = backups / f"{MOVED_AWAY}-{n}.json"
    try:
        os.rename(folder / SINGLE_FILE, target)
        fsync_folder(backups)
        fsync_folder(folder)
    except OSError as err:
        raise WriteFailed(folder / SINGLE_FILE, err) from None


def _remove(path: Path) -> None:
    """A half-built layout of a migration that was cut short (never a link followed)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
