"""Opens the data folder: private permissions, the one-writer lock, the journal and the small stores."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import TinyDB

from .backups import HeldBackup
from .drafts import DRAFT_MIGRATIONS, DRAFT_SCHEMA, DraftStore
from .errors import CorruptFile, DraftInProgress, ReadOnlyFile, StorageError, WriteFailed
from .folder_lock import FolderLock
from . import lock_setup
from .key_file import KEY_FILE, KdfParams, is_locked
from .lock_setup import finish as finish_lock_change, require_unlocked
from .folder_safety import (Notice, check_owner, ensure_private_folder, refuse_foreign_files, sweep_temp_files,
                            tighten_files)
from .promises import PROMISES_MIGRATIONS, PROMISES_SCHEMA, PromiseStore
from .journal import Journal
from .journal_migration import SINGLE_FILE, move_single_file_journal, needs_single_file_view, single_file_storage
from .journal_parts import JOURNAL_FOLDER, check_journal_folder, is_journal_file
from .safe_storage import SafeStorage
from .settings import SETTINGS_MIGRATIONS, SETTINGS_SCHEMA, Settings
from ..i18n import _

JOURNAL_FILE = SINGLE_FILE      # the journal of earlier versions, moved into JOURNAL_FOLDER at the first open
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
    sealed: bool = True             # sealed when the lock is on

    def storage(self, folder: Path, read_only: bool) -> SafeStorage:
        return SafeStorage(folder / self.file, kind=self.kind, schema=self.schema, migrations=self.migrations,
                           keep_recent=self.keep_recent, keep_days=self.keep_days, read_only=read_only,
                           sealed=self.sealed)


STORES = (
    StoreSpec(DRAFT_FILE, "draft", DRAFT_SCHEMA, keep_recent=2, keep_days=0, migrations=DRAFT_MIGRATIONS),
    # Never sealed: the lock screen speaks the chosen language in the chosen look before the passphrase
    # is typed, and settings hold no private words (names of choices, times, true or false).
    StoreSpec(SETTINGS_FILE, "settings", SETTINGS_SCHEMA, keep_recent=2, keep_days=0, migrations=SETTINGS_MIGRATIONS,
              sealed=False),
    StoreSpec(PROMISES_FILE, "promises", PROMISES_SCHEMA, keep_recent=2, keep_days=0, migrations=PROMISES_MIGRATIONS),
)


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
                raise StorageError(_("there is no data folder at {folder}").format(folder=path))
            check_owner(path)
            check_journal_folder(path / JOURNAL_FOLDER)
            refuse_foreign_files(path)
        else:
            notices += ensure_private_folder(path)
            check_journal_folder(path / JOURNAL_FOLDER)
            refuse_foreign_files(path)
            lock = FolderLock(path)
            lock.acquire()
        problems: list[CorruptFile] = []
        try:
            require_unlocked(path)      # a locked journal is opened only with its passphrase (lock_setup.unlock)
            if not read_only:
                sweep_temp_files(path)
                finish_lock_change(path)    # a lock turned on or off when a kill came: finished now
                if os.name == "posix":
                    notices += tighten_files(path)
                problems += _move_single_file_journal(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        # TinyDB builds its storage from a factory; each spec hands over a ready SafeStorage.
        dbs = {spec.file: TinyDB(storage=lambda spec=spec: spec.storage(path, read_only)) for spec in STORES}
        single = path / SINGLE_FILE if read_only and needs_single_file_view(path) else None
        journal = Journal(path / JOURNAL_FOLDER, read_only=read_only, single_file=single)
        folder = cls(path, lock, dbs, journal, DraftStore(dbs[DRAFT_FILE]), Settings(dbs[SETTINGS_FILE]),
                     PromiseStore(dbs[PROMISES_FILE]), problems=problems, notices=notices)
        try:
            folder._read_all()
        except BaseException:
            folder.close()
            raise
        return folder

    def _read_all(self) -> None:
        """Read every small file and the newest month of the journal now, so trouble shows at open
        and not halfway through typing. Older months are read when asked."""
        for db in self._dbs.values():
            try:
                db.storage.read()
            except CorruptFile as problem:
                self.problems.append(problem)
        self.journal.read_at_open()
        self.problems += self.journal.problems
        if self.lock is not None:
            try:
                self.settings.reseal_private()      # the pattern names as the lock now is
            except StorageError:
                pass    # kept as they are; tried again at the next open

    # -- the passphrase lock (lock_setup): each change holds the journal, so nothing is written between --

    def enable_lock(self, passphrase: str, recovery_key: str, kdf: KdfParams, progress=None) -> None:
        self._whole(lambda: lock_setup.enable(self.path, passphrase, recovery_key, kdf, progress))
        self.settings.reseal_private()

    def change_passphrase(self, old: str, new: str, kdf: KdfParams) -> None:
        lock_setup.change(self.path, old, new, kdf)

    def disable_lock(self, passphrase: str, progress=None) -> None:
        self._whole(lambda: lock_setup.disable(self.path, passphrase, progress))
        self.settings.reseal_private()

    def _whole(self, change) -> None:
        if self.lock is None:
            raise ReadOnlyFile(self.path / KEY_FILE, 0)
        self.journal.rewriting_every_file(change)

    @property
    def locked(self) -> bool:
        """Whether the lock is on (its files sealed)."""
        return is_locked(self.path)

    def problem_with(self, file: str) -> CorruptFile | None:
        return next((p for p in self.problems if p.path.name == file), None)

    @property
    def read_only_files(self) -> list[Path]:
        """Files written by a newer Goldseam: readable here, never written."""
        small = [db.storage.path for db in self._dbs.values() if db.storage.newer_schema is not None]
        return small + self.journal.read_only_files()

    # -- a file that was set aside: restore, or let go --------------------------

    def held_backups(self) -> list[HeldBackup]:
        """Files set aside whose earlier backups are kept until the person chooses."""
        newest = [(file, db.storage.newest_good_held()) for file, db in self._dbs.items()]
        if not self.journal.read_only:
            newest.append((SINGLE_FILE, single_file_storage(self.path, read_only=True).newest_good_held()))
        held = [HeldBackup(file, backup) for file, backup in newest if backup is not None]
        return held + self.journal.held()

    def restore(self, file: str) -> None:
        """Put the newest good held backup in place of a file that was set aside.
        For the journal, moments and phrases written since are kept too."""
        if is_journal_file(file):
            self.journal.restore(file)
            self._forget_problem(file)
            return
        if file == SINGLE_FILE:         # journal.json of an earlier version, set aside before it could move
            self._restore_single_file()
            return
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
            storage.write(data)             # one write: the file it replaces becomes a backup too
        self._store(file).reload()
        self.let_go(file)

    def _restore_single_file(self) -> None:
        """The newest good held backup of a journal.json that could not be read: its moments and
        phrases join the journal's parts (what was written since stays as it is)."""
        storage = single_file_storage(self.path, read_only=False)
        backup = storage.newest_good_held()
        if backup is None:
            return
        data = storage.read_backup(backup)
        if data is None:
            raise ReadOnlyFile(backup, storage.schema)
        self.journal.absorb(data)
        self.let_go(SINGLE_FILE)

    def let_go(self, file: str) -> None:
        """The person has decided: the held backups of `file` are no longer kept for them."""
        if is_journal_file(file):
            self.journal.let_go(file)
        elif file == SINGLE_FILE:
            single_file_storage(self.path, read_only=True).backups.release_held()
        else:
            self._dbs[file].storage.backups.release_held()
        self._forget_problem(file)

    def _forget_problem(self, file: str) -> None:
        self.problems = [p for p in self.problems if p.path.name != file]

    def _store(self, file: str):
        return {DRAFT_FILE: self.drafts, SETTINGS_FILE: self.settings, PROMISES_FILE: self.promises}[file]

    def close(self) -> None:
        try:
            self.journal.close()
        except StorageError:
            pass    # the index is derived: rebuilt at the next start where it disagrees
        for db in self._dbs.values():
            db.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> "DataFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _move_single_file_journal(path: Path) -> list[CorruptFile]:
    """An earlier version's journal.json moves into the journal folder (journal_migration)."""
    try:
        problem = move_single_file_journal(path)
    except OSError as err:
        raise WriteFailed(path / JOURNAL_FOLDER, err) from None
    return [problem] if problem is not None else []


def stored_theme(path: Path) -> str:
    """The look chosen in settings.json ("system" if none): the lock screen is shown in it before the
    passphrase opens anything (settings are never sealed)."""
    chosen = _stored_setting(path, "theme")
    return chosen if chosen in ("system", "light", "dark") else "system"


def stored_language(path: Path) -> str:
    """The `language` setting, read without opening the folder for writing (the command line
    speaks the language the window does, even while the window holds the folder). "" if none."""
    chosen = _stored_setting(path, "language")
    return chosen if isinstance(chosen, str) else ""


def _stored_setting(path: Path, key: str) -> object:
    """One setting of settings.json, read only, without taking the folder's lock ("" if it cannot be read)."""
    from .settings import SETTINGS

    try:
        spec = next(spec for spec in STORES if spec.file == SETTINGS_FILE)
        data = spec.storage(Path(path), read_only=True).read() or {}
        return next(iter(data.get(SETTINGS, {}).values()), {}).get(key, "")
    except (StorageError, OSError, AttributeError, StopIteration, TypeError):
        return ""
