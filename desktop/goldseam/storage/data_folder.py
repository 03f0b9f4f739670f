"""Opens the data folder: private permissions, the one-writer lock, and the four stores."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import TinyDB

from .drafts import DRAFT_MIGRATIONS, DRAFT_SCHEMA, DraftStore
from .errors import CorruptFile, DraftInProgress, StorageError
from .folder_lock import FolderLock
from .folder_safety import (Notice, check_owner, ensure_private_folder, refuse_foreign_files, sweep_temp_files,
                            tighten_files)
from .promises import PROMISES_MIGRATIONS, PROMISES_SCHEMA, PromiseStore
from .journal import JOURNAL_MIGRATIONS, JOURNAL_SCHEMA, Journal, merge_journal_data
from .safe_storage import SafeStorage
from .settings import SETTINGS_MIGRATIONS, SETTINGS_SCHEMA, Settings

JOURNAL_FILE = "journal.json"
DRAFT_FILE = "draft.json"
SETTINGS_FILE = "settings.json"
PROMISES_FILE = "promises.json"


@dataclass(frozen=True)
class StoreSpec:
    """How one file of the data folder is kept; the app and `goldseam check` read the same list.
    Each file has its own schema and its own migrations."""

    file: str
    kind: str
    schema: int
    keep_recent: int
    keep_days: int
    migrations: dict = field(default_factory=dict)

    def storage(self, folder: Path, read_only: bool) -> SafeStorage:
        return SafeStorage(folder / self.file, kind=self.kind, schema=self.schema, migrations=self.migrations,
                           keep_recent=self.keep_recent, keep_days=self.keep_days, read_only=read_only)


STORES = (
    StoreSpec(JOURNAL_FILE, "journal", JOURNAL_SCHEMA, keep_recent=5, keep_days=7, migrations=JOURNAL_MIGRATIONS),
    StoreSpec(DRAFT_FILE, "draft", DRAFT_SCHEMA, keep_recent=2, keep_days=0, migrations=DRAFT_MIGRATIONS),
    StoreSpec(SETTINGS_FILE, "settings", SETTINGS_SCHEMA, keep_recent=2, keep_days=0, migrations=SETTINGS_MIGRATIONS),
    StoreSpec(PROMISES_FILE, "promises", PROMISES_SCHEMA, keep_recent=2, keep_days=0, migrations=PROMISES_MIGRATIONS),
)


@dataclass(frozen=True)
class HeldBackup:
    """A file that was set aside, with the newest good backup kept until the person decides."""

    file: str
    backup: Path


@dataclass
class DataFolder:
    """Everything one process keeps open in the data folder."""

    path: Path
    lock: FolderLock | None
    _dbs: dict[str, TinyDB]
    journal: Journal
    drafts: DraftStore
    settings: Settings
    promises: PromiseStore
    problems: list[CorruptFile] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> "DataFolder":
        """Open for writing (takes the lock: FolderLocked if taken) or for reading only.
        Files that cannot be understood are listed in `problems` (set aside when writing)."""
        path = Path(path)
        lock = None
        notices: list[Notice] = []
        if read_only:
            if not path.is_dir():
                raise StorageError(f"there is no data folder at {path}")
            check_owner(path)
            refuse_foreign_files(path)
        else:
            notices += ensure_private_folder(path)
            refuse_foreign_files(path)
            lock = FolderLock(path)
            lock.acquire()
            sweep_temp_files(path)
            if os.name == "posix":
                notices += tighten_files(path)
        # TinyDB builds its storage from a factory; each spec hands over a ready SafeStorage.
        dbs = {spec.file: TinyDB(storage=lambda spec=spec: spec.storage(path, read_only)) for spec in STORES}
        folder = cls(path, lock, dbs, Journal(dbs[JOURNAL_FILE]), DraftStore(dbs[DRAFT_FILE]),
                     Settings(dbs[SETTINGS_FILE]), PromiseStore(dbs[PROMISES_FILE]), notices=notices)
        try:
            folder._read_all()
        except BaseException:
            folder.close()
            raise
        return folder

    def _read_all(self) -> None:
        """Read every file now, so trouble shows at open and not halfway through typing."""
        for db in self._dbs.values():
            try:
                db.storage.read()
            except CorruptFile as problem:
                self.problems.append(problem)

    def problem_with(self, file: str) -> CorruptFile | None:
        return next((p for p in self.problems if p.path.name == file), None)

    @property
    def read_only_files(self) -> list[Path]:
        """Files written by a newer Goldseam: readable here, never written."""
        return [db.storage.path for db in self._dbs.values() if db.storage.newer_schema is not None]

    # -- a file that was set aside: restore, or let go --------------------------

    def held_backups(self) -> list[HeldBackup]:
        """Files set aside whose earlier backups are kept until the person chooses."""
        newest = ((file, db.storage.newest_good_held()) for file, db in self._dbs.items())
        return [HeldBackup(file, backup) for file, backup in newest if backup is not None]

    def restore(self, file: str) -> None:
        """Put the newest good held backup in place of a file that was set aside.
        For the journal, moments and phrases written since are kept too."""
        storage = self._dbs[file].storage
        backup = storage.newest_good_held()
        if backup is None:
            return
        if file == DRAFT_FILE and self.drafts.load() is not None:
            raise DraftInProgress()
        data = storage.read_backup(backup)
        if data is None:                    # from a newer Goldseam: put back as it is, read-only
            storage.restore(backup)
        else:
            if file == JOURNAL_FILE:
                data = merge_journal_data(data, storage.read() or {})
            storage.write(data)             # one write: the file it replaces becomes a backup too
        self._store(file).reload()
        self.let_go(file)

    def let_go(self, file: str) -> None:
        """The person has decided: the held backups of `file` are no longer kept for them."""
        self._dbs[file].storage.backups.release_held()
        self.problems = [p for p in self.problems if p.path.name != file]

    def _store(self, file: str):
        return {JOURNAL_FILE: self.journal, DRAFT_FILE: self.drafts, SETTINGS_FILE: self.settings,
                PROMISES_FILE: self.promises}[file]

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> "DataFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
