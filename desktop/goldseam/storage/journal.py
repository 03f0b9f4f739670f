"""The journal: every repair moment, and the phrases a person kept as their own.

Moments live in small TinyDB files, the parts of journal_parts (a few per month of their
`created_at`), each written through SafeStorage with every guarantee it gives one file; own
phrases live in a file of their own. A save rewrites one part, of at most about PART_BYTES,
whatever the length of the history; the home screen reads the newest month; the rest is read
only when asked (export, check, the look back). Which part holds which moment is kept in an
index that is derived from the parts and rebuilt wherever it disagrees with them.

A moment whose `created_at` moves to another month is written into its new month first and
only then removed from the old one: a crash in between leaves it twice, never nowhere, and the
next reading of the index keeps the newer copy and removes the other.

Journal is put together from one base per job, each in a module of its own so each can be read
alone: journal_reading (reads and counts), journal_homes (the index, checked against the parts),
journal_writing (save and delete), journal_import (import, preview, absorb: one transaction),
journal_export (ExportStream) and journal_held (files set aside, held backups, restore). This
module keeps what they share: the journal's state and files, how a part is opened, which part new
moments go into, the own phrases, and the lock every public method holds (_one_at_a_time).
"""

from __future__ import annotations

import bisect
import functools
import threading
from pathlib import Path
from typing import Any

from ..core.repository import OwnPhrase
from .atomic_file import fsync_folder
from .backups import BACKUP_FOLDER, SharedBackups, SharedRotation
from .errors import CorruptFile, JournalChanged, WriteFailed
from .journal_export import ExportStream, JournalExport
from .journal_held import HeldFiles, merge_journal_data
from .journal_homes import MomentHomes
from .journal_import import JournalImport
from .journal_index import JournalIndex, stamp_of
from .journal_merge import PartEdits, canonical
from .journal_parts import MOMENTS, PART_BYTES, PHRASES_FILE, Part, list_parts, parse_part
from .journal_reading import JournalReading
from .journal_transaction import recover
from .journal_writing import JournalWriting
from .own_phrases import PHRASES, OwnPhrases, phrases_storage
from .safe_storage import SafeStorage, encode_document

# What other modules take from here, besides Journal (as before the journal was split in modules).
__all__ = ["Journal", "ExportStream", "JournalChanged", "MOMENTS", "PHRASES", "OwnPhrase", "JOURNAL_SCHEMA",
           "JOURNAL_MIGRATIONS", "merge_journal_data", "part_storage", "phrases_storage"]

JOURNAL_SCHEMA = 1
# Forward migrations of the journal's parts (and of the single journal.json of earlier versions),
# keyed by the schema they upgrade from.
JOURNAL_MIGRATIONS: dict = {}
KEEP_RECENT, KEEP_DAYS = 4, 7     # over all the parts; each part keeps its own newest backup besides

_canonical = canonical      # journal_migration takes it from here


def _is_part_backup(name: str) -> bool:
    return parse_part(name.split(".", 1)[0] + ".json") is not None


def part_storage(path: Path, read_only: bool, shared: SharedBackups | None = None) -> SafeStorage:
    """The SafeStorage of one part (or of a single-file journal of an earlier version). `shared`: the
    backups of all the parts, as a session keeps them (a new listing when not given)."""
    shared = shared or SharedBackups(Path(path).parent / BACKUP_FOLDER, _is_part_backup)
    return SafeStorage(path, kind="journal", schema=JOURNAL_SCHEMA, migrations=JOURNAL_MIGRATIONS, read_only=read_only,
                       backups=SharedRotation(path, shared, keep_recent=KEEP_RECENT, keep_days=KEEP_DAYS))


def _one_at_a_time(cls):
    """Every public method of the journal holds the journal's lock, whichever of its classes (the
    journal and each of its bases) writes it: the look back reads and searches on a worker thread
    while the window saves on its own."""
    for name in sorted({name for klass in cls.__mro__[:-1] for name in vars(klass)}):
        method = next(vars(klass)[name] for klass in cls.__mro__ if name in vars(klass))
        if callable(method) and not name.startswith("_") and not isinstance(method, (staticmethod, classmethod)):
            setattr(cls, name, _holding_lock(method))
    return cls


def _holding_lock(method):
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return locked


@_one_at_a_time
class Journal(JournalReading, MomentHomes, JournalWriting, JournalImport, JournalExport, HeldFiles):
    """The journal, as core's MomentRepository: each job in a base of its own, one caller at a time."""

    def __init__(self, folder: Path, read_only: bool = False, single_file: Path | None = None):
        """`folder` is the journal folder. `single_file`: a journal.json of an earlier version, read
        as one part (read-only), for a command that looks before Goldseam has moved it into parts."""
        self.folder = Path(folder)
        self.read_only = read_only or single_file is not None
        self._single = single_file
        self.problems: list[CorruptFile] = []
        self._lock = threading.RLock()
        self._open: dict[str, SafeStorage] = {}
        self._shared = SharedBackups(self.folder / BACKUP_FOLDER, _is_part_backup)
        self._index: JournalIndex | None = None
        self._parts: list[Part] | None = None      # the parts on disk, listed once a session (this process writes them)
        self._part_files: set[str] = set()
        self._last_part: dict[str, int] = {}       # month -> number of its last part
        self._verified: set[str] = set()           # parts whose index entry was found to name exactly what they hold
        self._changes = 0                          # grows with every write: see changes()
        if not self.read_only and not self.folder.is_dir():
            try:
                self.folder.mkdir(mode=0o700)
                fsync_folder(self.folder.parent)    # the folder's own name survives a power cut with what goes in it
            except OSError as err:
                raise WriteFailed(self.folder, err) from None
        if single_file is not None:
            self._phrase_storage = self._storage(single_file.name)
        else:
            self._phrase_storage = phrases_storage(self.folder / PHRASES_FILE, self.read_only)
        self.recovered: str | None = None
        if not self.read_only:      # before anything is read: an import cut short is finished or taken back
            try:
                self.recovered = recover(self.folder, self._before_replace, self._after_replace)
            except OSError as err:
                raise WriteFailed(self.folder, err) from None
        self._phrases = OwnPhrases(self._phrase_storage)

    def rewriting_every_file(self, change):
        """Run `change` (the lock turned on or off: every file rewritten with the same words) with the
        journal held, so no save or read of the look back comes between; then the index learns the
        files' new stamps and is written (sealed or plain, as the files now are)."""
        result = change()
        if self._index is not None:
            for name, entry in self._index.parts.items():
                entry.stamp = stamp_of(self._path(name))
            self._index.dirty = True
            self._save_index()
        return result

    def reload(self) -> None:
        """Start afresh from what is on disk: after a restore, no id, index or cache of the
        replaced files may survive (TinyDB's next id would overwrite restored moments)."""
        self._changes += 1
        for storage in self._open.values():
            storage.reload()
        self._open.clear()
        self._index = None
        self._parts = None
        self._verified = set()
        self._phrase_storage.reload()
        self._phrases = OwnPhrases(self._phrase_storage)
        if self._single is not None:
            self._open[self._single.name] = self._phrase_storage

    # -- files (how a part is opened is here with part_storage, which benchmarks wrap on this module) --

    def _path(self, name: str) -> Path:
        return self._single if self._single is not None else self.folder / name

    def _storage(self, name: str) -> SafeStorage:
        """The open storage of a part, kept for the session (the parts a session writes are few)."""
        storage = self._open.get(name)
        if storage is None:
            storage = self._open[name] = part_storage(self._path(name), self.read_only, self._shared)
        return storage

    def _file_storage(self, name: str) -> SafeStorage:
        if name == PHRASES_FILE:
            return self._phrase_storage
        return self._storage(name)

    def _list_parts(self) -> list[Part]:
        if self._parts is None:
            self._parts = list_parts(self.folder)
            self._part_files = {part.file for part in self._parts}
            self._last_part = {}
            for part in self._parts:
                self._last_part[part.month] = max(self._last_part.get(part.month, 0), part.number)
        return self._parts

    def _note_part(self, name: str) -> None:
        """A part this session is about to write: listed at once, without listing the folder again."""
        self._list_parts()
        if name in self._part_files:
            return
        part = parse_part(name)
        if part is None:
            return
        bisect.insort(self._parts, part, key=lambda p: p.order)     # type: ignore[arg-type]
        self._part_files.add(name)
        self._last_part[part.month] = max(self._last_part.get(part.month, 0), part.number)

    def _part_names(self) -> list[str]:
        if self._single is not None:
            return [self._single.name]
        return [part.file for part in self._list_parts()]

    def _reader(self, name: str, keep: bool = False) -> SafeStorage:
        """The storage to read a part through: the session's if it is open (or `keep`), else a fresh
        one let go after, so reading the whole journal never holds more than one part at a time."""
        if self._single is not None:
            name = self._single.name
        return self._open.get(name) or (self._storage(name) if keep else
                                        part_storage(self._path(name), self.read_only, self._shared))

    # -- which part new moments go into (here with PART_BYTES, which tests make smaller on this module) --

    def _part_for(self, month: str, size: int) -> str:
        """The part a new moment of `month` goes into: the month's last part, or a new one after it."""
        self._list_parts()
        number = self._last_part.get(month)
        if number is None:
            return Part(month, 1).file
        last = Part(month, number)
        entry = self._loaded_index().parts.get(last.file)
        held = entry.stamp[0] if entry and entry.stamp else 0
        return last.next().file if entry and entry.ids and held + size > PART_BYTES else last.file

    def _plan_month(self, edits: PartEdits, month: str, records: list[dict[str, Any]]) -> None:
        """New moments of one month: into its last part up to PART_BYTES, then into new parts."""
        target = self._part_for(month, 0)
        entry = self._loaded_index().parts.get(target)
        held = entry.stamp[0] if entry and entry.stamp else 0
        for record in records:
            text = encode_document(record)      # kept with the record: written as it is, never encoded twice
            size = (len(text) if text.isascii() else len(text.encode("utf-8"))) + 48
            if held and held + size > PART_BYTES:
                target, held = parse_part(target).next().file, 0     # type: ignore[union-attr]
            edits.add(target, record, text=text)
            held += size

    # -- own phrases ----------------------------------------------------------

    def own_phrases(self) -> list[OwnPhrase]:
        return self._phrases.all()

    def keep_phrase(self, phrase: OwnPhrase) -> None:
        self._changes += 1
        self._phrases.keep(phrase)

    def rename_phrase(self, old_text: str, new_text: str) -> None:
        self._changes += 1
        self._phrases.rename(old_text, new_text)

    def forget_phrase(self, text: str) -> None:
        self._changes += 1
        self._phrases.forget(text)

    def changes(self) -> int:
        """A count that grows with every write of this session (the folder lock keeps other writers out):
        a reading made of several calls is whole when it did not move meanwhile."""
        return self._changes
