"""`goldseam check`: read every file of a data folder without changing anything."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .data_folder import STORES
from .errors import CorruptFile, ForeignFile, NotYourFolder, ReadFailed, StorageError
from .folder_safety import check_owner, is_ours, refuse_foreign_files
from .journal import MOMENTS
from .moment_records import readable_moment
from .safe_storage import SafeStorage


class CannotRead(StorageError):
    """The folder or one of its files cannot be read at all."""


@dataclass
class HealthReport:
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_folder(folder: Path) -> HealthReport:
    folder = Path(folder)
    if not folder.is_dir():
        raise CannotRead(f"there is no data folder at {folder}")
    try:
        check_owner(folder)
    except NotYourFolder as err:
        raise CannotRead(str(err)) from None
    report = HealthReport()
    report.facts.append(f"data folder: {folder}")
    if os.name == "posix":
        mode = folder.stat().st_mode & 0o777
        shared = any(not is_ours(name) for name in os.listdir(folder))
        if mode & 0o022:
            report.problems.append(f"other users can change what is in the data folder (mode {mode:o}); "
                                   "Goldseam will not write there")
        elif mode & 0o077 and shared:
            report.facts.append(f"the data folder holds other things and can be read by other users (mode {mode:o}); "
                                "Goldseam's own files in it are private")
        elif mode & 0o077:
            report.problems.append(f"the data folder can be read by other users (mode {mode:o}; expected 700)")
        try:
            refuse_foreign_files(folder)
        except ForeignFile as err:
            report.problems.append(f"{err.path.name} belongs to another user; Goldseam will not read or use it")
    for spec in STORES:
        _check_file(report, spec.storage(folder, read_only=True))
    for aside in sorted(folder.glob("*.corrupt-*")) + sorted(folder.glob("*.unreadable-*")):
        report.facts.append(f"set aside earlier (kept, never read): {aside.name}")
    return report


def _check_file(report: HealthReport, storage: SafeStorage) -> None:
    name = storage.path.name
    try:
        data = storage.read()
    except CorruptFile as err:
        hint = f"; newest good backup: {err.backup.name}" if err.backup else "; no good backup found"
        report.problems.append(f"{name} cannot be understood: {err.reason}{hint}")
        data = None
    except ReadFailed as err:
        raise CannotRead(f"{name} cannot be read: {err.reason}") from None
    if data is None and storage.path.exists() is False:
        report.facts.append(f"{name}: not created yet")
    elif data is not None:
        counts = ", ".join(f"{len(rows)} {table}" for table, rows in sorted(data.items())) or "empty"
        report.facts.append(f"{name}: {counts}")
        unreadable = sum(1 for record in data.get(MOMENTS, {}).values() if readable_moment(record) is None)
        if unreadable:
            report.problems.append(f"{name}: {unreadable} moment(s) this version cannot read (kept in the file)")
        if storage.newer_schema is not None:
            report.problems.append(f"{name} was written by a newer Goldseam (schema {storage.newer_schema}); this version only reads it")
        if os.name == "posix" and storage.path.lstat().st_mode & 0o077:
            report.problems.append(f"{name} can be read by other users (expected mode 600)")
    backups = storage.backups.all_newest_first()
    bad = [p.name for p in backups if not storage.is_good_file(p)]
    report.facts.append(f"{name}: {len(backups)} backup(s)")
    for bad_name in bad:
        report.problems.append(f"backup {bad_name} cannot be understood")
    newest_held = storage.newest_good_held()
    if newest_held is not None:
        report.problems.append(
            f"{name} was set aside because it could not be read; {len(storage.backups.held())} earlier backup(s) "
            f"are kept until you choose (newest good: {newest_held.name}). Open Goldseam to restore it or let it go")
