"""Opens the data folder: private permissions, the one-writer lock, and the three stores."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import TinyDB

from ..core.moment import SCHEMA
from .drafts import DraftStore
from .errors import CorruptFile, StorageError
from .folder_lock import FolderLock
from .journal import Journal
from .safe_storage import SafeStorage
from .settings import Settings

JOURNAL_FILE = "journal.json"
DRAFT_FILE = "draft.json"
SETTINGS_FILE = "settings.json"

# Forward migrations of the journal, keyed by the schema they upgrade from.
JOURNAL_MIGRATIONS: dict = {}


@dataclass(frozen=True)
class StoreSpec:
    """How one file of the data folder is kept; the app and `goldseam check` read the same list."""

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
    StoreSpec(JOURNAL_FILE, "journal", SCHEMA, keep_recent=5, keep_days=7, migrations=JOURNAL_MIGRATIONS),
    StoreSpec(DRAFT_FILE, "draft", SCHEMA, keep_recent=2, keep_days=0),
    StoreSpec(SETTINGS_FILE, "settings", 1, keep_recent=2, keep_days=0),
)


def ensure_private_folder(folder: Path) -> Path:
    """Create the folder (0700) if needed and tighten it if it is looser."""
    folder = Path(folder)
    old = os.umask(0o077)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(f"cannot create the data folder {folder}: {err.strerror}") from None
    finally:
        os.umask(old)
    try:
        if os.name == "posix" and (folder.stat().st_mode & 0o077):
            folder.chmod(0o700)
    except OSError:
        pass
    return folder


def _sweep_temp_files(folder: Path) -> None:
    """Remove temp files a killed process left mid-save. Safe: we hold the lock,
    and a temp file is never the real file (the real one is only ever replaced whole)."""
    for leftover in folder.glob(".*.tmp"):
        try:
            leftover.unlink()
        except OSError:
            pass


@dataclass
class DataFolder:
    """Everything one process keeps open in the data folder."""

    path: Path
    lock: FolderLock | None
    _journal_db: TinyDB
    _draft_db: TinyDB
    _settings_db: TinyDB
    journal: Journal
    drafts: DraftStore
    settings: Settings
    problems: list[CorruptFile] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> "DataFolder":
        """Open for writing (takes the lock: FolderLocked if taken) or for reading only."""
        path = Path(path)
        lock = None
        if read_only:
            if not path.is_dir():
                raise StorageError(f"there is no data folder at {path}")
        else:
            ensure_private_folder(path)
            lock = FolderLock(path)
            lock.acquire()
            _sweep_temp_files(path)
        # TinyDB builds its storage from a factory; each spec hands over a ready SafeStorage.
        journal_db, draft_db, settings_db = (
            TinyDB(storage=lambda spec=spec: spec.storage(path, read_only)) for spec in STORES)
        folder = cls(path, lock, journal_db, draft_db, settings_db,
                     Journal(journal_db), DraftStore(draft_db), Settings(settings_db))
        try:
            folder._read_all()
        except BaseException:
            folder.close()
            raise
        return folder

    @property
    def _dbs(self) -> tuple[TinyDB, TinyDB, TinyDB]:
        return self._journal_db, self._draft_db, self._settings_db

    def _read_all(self) -> None:
        """Read every file now, so trouble shows at open and not halfway through typing.
        A corrupt file has been set aside; it is listed in `problems`, with its newest good backup."""
        for db in self._dbs:
            try:
                db.storage.read()
            except CorruptFile as problem:
                if self.lock is None:
                    raise
                self.problems.append(problem)

    @property
    def read_only_files(self) -> list[Path]:
        """Files written by a newer Goldseam: readable here, never written."""
        return [db.storage.path for db in self._dbs if db.storage.newer_schema is not None]

    def restore(self, problem: CorruptFile) -> None:
        """Put the newest good backup back in place of a file that was set aside."""
        for db in self._dbs:
            if db.storage.path == problem.path and problem.backup is not None:
                db.storage.restore(problem.backup)
                db.storage.read()

    def close(self) -> None:
        for db in self._dbs:
            db.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> "DataFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
