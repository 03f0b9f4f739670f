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
"""

from __future__ import annotations

import bisect
import functools
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from tinydb.table import Table

from ..core.moment import RepairMoment
from ..core.moment_search import matches, query_words, searchable_text
from ..core.repository import ImportResult, OwnPhrase
from .atomic_file import fsync_folder
from .backups import BACKUP_FOLDER, HeldBackup, SharedBackups, SharedRotation
from .errors import CorruptFile, StorageError, WriteFailed
from .journal_index import JournalIndex, PartEntry, load_index, save_index, stamp_of
from .journal_parts import (INDEX_FILE, PART_BYTES, PHRASES_FILE, UNDATED, Part, by_month_newest_first, is_journal_file,
                            list_parts, month_of, months_newest_first, names_in, parse_part, set_aside_without_backup)
from .moment_records import is_plain_record, readable_moment, writable_record
from .own_phrases import PHRASES, OwnPhrases, phrases_storage
from .safe_storage import SafeStorage, encode_document

MOMENTS = "moments"

JOURNAL_SCHEMA = 1
# Forward migrations of the journal's parts (and of the single journal.json of earlier versions),
# keyed by the schema they upgrade from.
JOURNAL_MIGRATIONS: dict = {}
KEEP_RECENT, KEEP_DAYS = 4, 7     # over all the parts; each part keeps its own newest backup besides

_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def _instant(stamp: object) -> datetime:
    """Sort by the moment in time, not the text: offsets differ across travel and DST."""
    try:
        return datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return _EARLIEST


def _canonical(moment_id: object) -> object:
    """UUIDs compare case-insensitively: an export whose ids were upper-cased is the same moments."""
    return moment_id.lower() if isinstance(moment_id, str) else moment_id


def _newest_first(records: list) -> list:
    """Newest first; of moments made in the same second, the one written later first."""
    order = sorted(range(len(records)), reverse=True,
                   key=lambda n: (_instant(records[n].get("created_at")) if isinstance(records[n], dict) else _EARLIEST, n))
    return [records[n] for n in order]


def _copy_rank(part: str, record: dict[str, Any]) -> tuple:
    """Of two copies of one moment (a move cut short), the greater is kept: the newer `updated_at`,
    then the copy that sits in the month of its own `created_at`."""
    parsed = parse_part(part)
    return (_instant(record.get("updated_at")), parsed is not None and parsed.month == month_of(record.get("created_at")))


def _is_part_backup(name: str) -> bool:
    return parse_part(name.split(".", 1)[0] + ".json") is not None


def part_storage(path: Path, read_only: bool, shared: SharedBackups | None = None) -> SafeStorage:
    """The SafeStorage of one part (or of a single-file journal of an earlier version). `shared`: the
    backups of all the parts, as a session keeps them (a new listing when not given)."""
    shared = shared or SharedBackups(Path(path).parent / BACKUP_FOLDER, _is_part_backup)
    return SafeStorage(path, kind="journal", schema=JOURNAL_SCHEMA, migrations=JOURNAL_MIGRATIONS, read_only=read_only,
                       backups=SharedRotation(path, shared, keep_recent=KEEP_RECENT, keep_days=KEEP_DAYS))


def _one_at_a_time(cls):
    """Every public method of the journal holds the journal's lock: the look back reads and
    searches on a worker thread while the window saves on its own."""
    for name, method in list(vars(cls).items()):
        if callable(method) and not name.startswith("_") and not isinstance(method, (staticmethod, classmethod)):
            setattr(cls, name, _holding_lock(method))
    return cls


def _holding_lock(method):
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return locked


class ImportCutShort(StorageError):
    """An import failed partway and what it had added could not all be taken out again."""

    def __init__(self, left: int):
        super().__init__(f"the import stopped partway and {left} of its moments stayed in the journal; "
                         "importing the same file again adds the rest and skips those")
        self.left = left


class ExportStream:
    """Readable moments oldest first, a month at a time, as (to_dict() record, the record's stored JSON
    text or None); `left_out` counts, once the stream is read to its end, the stored moments this
    version cannot read (kept in the journal)."""

    def __init__(self, journal: "Journal"):
        self._journal = journal
        self.left_out = 0

    def __iter__(self) -> Iterator[tuple[dict[str, Any], str | None]]:
        home = self._journal._homes_if_doubled()
        for month in self._journal._months_oldest_first():
            pairs: list[tuple[dict[str, Any], str | None]] = []
            for part in month:
                records, texts = self._journal._read_with_texts(part.file)
                for record, text in zip(records, texts):
                    if home is not None and isinstance(record, dict) and \
                            home.get(_canonical(record.get("id")), part.file) != part.file:
                        continue            # the older copy left by a move cut short
                    if is_plain_record(record):
                        pairs.append((record, text))
                    elif (moment := readable_moment(record)) is not None:
                        pairs.append((moment.to_dict(), None))
                    else:
                        self.left_out += 1
            pairs.sort(key=lambda pair: (_instant(pair[0]["created_at"]), pair[0]["id"]))
            yield from pairs


@_one_at_a_time
class Journal:
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
        self._phrases = OwnPhrases(self._phrase_storage)

    def reload(self) -> None:
        """Start afresh from what is on disk: after a restore, no id, index or cache of the
        replaced files may survive (TinyDB's next id would overwrite restored moments)."""
        for storage in self._open.values():
            storage.reload()
        self._open.clear()
        self._index = None
        self._parts = None
        self._phrase_storage.reload()
        if self._single is not None:
            self._open[self._single.name] = self._phrase_storage

    # -- files --------------------------------------------------------------

    def _path(self, name: str) -> Path:
        return self._single if self._single is not None else self.folder / name

    def _storage(self, name: str) -> SafeStorage:
        """The open storage of a part, kept for the session (the parts a session writes are few)."""
        storage = self._open.get(name)
        if storage is None:
            storage = self._open[name] = part_storage(self._path(name), self.read_only, self._shared)
        return storage

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

    def _months_oldest_first(self) -> list[list[Part]]:
        if self._single is not None:
            return [[Part("single", 1)]]
        parts = self._list_parts()
        return [[part] for part in parts if part.order[0] == ""] + list(reversed(by_month_newest_first(parts)))

    def _reader(self, name: str, keep: bool = False) -> SafeStorage:
        """The storage to read a part through: the session's if it is open (or `keep`), else a fresh
        one let go after, so reading the whole journal never holds more than one part at a time."""
        if self._single is not None:
            name = self._single.name
        return self._open.get(name) or (self._storage(name) if keep else
                                        part_storage(self._path(name), self.read_only, self._shared))

    def _read(self, name: str, keep: bool = False) -> dict[str, Any]:
        """The tables of a part; {} if it is missing or could not be understood (then it is set
        aside when writing is allowed, and listed in `problems`)."""
        storage = self._reader(name, keep)
        try:
            return storage.read() or {}
        except CorruptFile as problem:
            self._add_problem(problem)
            return {}

    def _read_with_texts(self, name: str) -> tuple[list[Any], list[str | None]]:
        storage = self._reader(name)
        try:
            records = list(((storage.read() or {}).get(MOMENTS) or {}).values())
        except CorruptFile as problem:     # an export must not leave a month out in silence
            self._add_problem(problem)
            raise
        return records, storage.stored_texts(MOMENTS) or [None] * len(records)

    def _records(self, name: str, keep: bool = False) -> list[Any]:
        return list((self._read(name, keep).get(MOMENTS) or {}).values())

    def _add_problem(self, problem: CorruptFile) -> None:
        if all(p.path != problem.path for p in self.problems):
            self.problems.append(problem)

    # -- the index ------------------------------------------------------------

    def _loaded_index(self) -> JournalIndex:
        """The index, checked against the parts on disk: a part whose file changed since is read again."""
        if self._index is not None:
            return self._index
        index = JournalIndex() if self._single is not None else load_index(self.folder / INDEX_FILE)
        on_disk = self._part_names()
        for name in set(index.parts) - set(on_disk):
            index.drop(name)
        duplicates: list[tuple[object, str, str]] = []
        folder = os.fspath(self._single.parent if self._single is not None else self.folder) + os.sep
        for name in on_disk:
            stamp = stamp_of(folder + name)       # strings: thousands of parts, no Path each
            entry = index.parts.get(name)
            if entry is None or stamp is None or entry.stamp != stamp:
                index.put(name, self._entry_of(name))
        if sum(len(index.parts[name].ids) for name in on_disk) != len(index.by_id):     # some moment is in two parts
            for name in on_disk:
                for key in index.parts[name].ids:
                    if index.by_id.get(key) != name:
                        duplicates.append((key, index.by_id[key], name))
        self._index = index
        for key, first, second in duplicates:
            self._settle_duplicate(key, first, second)
        if index.worth_saving() and not self.read_only:
            self._save_index()
        return index

    def _entry_of(self, name: str) -> PartEntry:
        records = self._records(name)
        ids = [key for key in (_canonical(r.get("id")) if isinstance(r, dict) else None for r in records)
               if isinstance(key, str)]
        unreadable = sum(1 for r in records if not is_plain_record(r) and readable_moment(r) is None)
        return PartEntry(stamp_of(self._path(name)), ids, unreadable)

    def _settle_duplicate(self, key: object, first: str, second: str) -> None:
        """One moment in two parts (a move cut short): the newer copy stays, the other goes."""
        def copy_in(name: str) -> tuple:
            record = next((r for r in self._records(name) if isinstance(r, dict) and _canonical(r.get("id")) == key), {})
            return _copy_rank(name, record)
        keep, drop = (first, second) if copy_in(first) >= copy_in(second) else (second, first)
        index = self._index
        assert index is not None
        index.by_id[key] = keep      # type: ignore[index]
        if not self.read_only:
            self._remove(drop, key)

    def _refresh(self, name: str, ids: list[str]) -> None:
        index = self._index
        if index is None:
            return
        old = index.parts.get(name)
        index.put(name, PartEntry(stamp_of(self._path(name)), ids, old.unreadable if old else 0))

    def _save_index(self) -> None:
        try:
            if self._index is not None:
                save_index(self.folder / INDEX_FILE, self._index)
        except StorageError:
            pass        # derived: the parts are the truth, and the next start rebuilds what is missing

    def close(self) -> None:
        """Write the index if this session changed it (a killed session's is rebuilt where needed)."""
        if self._index is not None and self._index.worth_saving() and not self.read_only:
            self._save_index()

    # -- moments ----------------------------------------------------------------

    def save(self, moment: RepairMoment) -> None:
        """Insert a new moment, or replace the one with the same id: one part written (two when its
        `created_at` moved to another month). A moment the reader would refuse is never written."""
        record = writable_record(moment)
        key = _canonical(moment.id)
        index = self._loaded_index()
        month = month_of(record["created_at"])
        where = index.by_id.get(key)             # type: ignore[arg-type]
        if where is not None and (parse_part(where) or Part("", 0)).month == month:
            self._put(where, key, record)
            return
        target = self._part_for(month, len(encode_document(record).encode("utf-8")))
        self._put(target, key, record)
        if where is not None:
            self._remove(where, key)

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

    def _put(self, name: str, key: object, record: dict[str, Any]) -> None:
        self._note_part(name)
        table = Table(self._storage(name), MOMENTS, cache_size=0)
        stored = self._read(name, keep=True).get(MOMENTS) or {}
        doc_ids = [int(doc_id) for doc_id, r in stored.items() if isinstance(r, dict) and _canonical(r.get("id")) == key]
        if doc_ids:
            table.update(record, doc_ids=doc_ids[:1])
        else:
            table.insert(record)
        entry = self._index.parts.get(name) if self._index else None
        ids = list(entry.ids) if entry else []
        if key not in ids:
            ids.append(key)     # type: ignore[arg-type]
        self._refresh(name, ids)

    def _remove(self, name: str, key: object) -> None:
        stored = self._read(name, keep=True).get(MOMENTS) or {}
        doc_ids = [int(doc_id) for doc_id, r in stored.items() if isinstance(r, dict) and _canonical(r.get("id")) == key]
        if doc_ids:
            Table(self._storage(name), MOMENTS, cache_size=0).remove(doc_ids=doc_ids)
        entry = self._index.parts.get(name) if self._index else None
        self._refresh(name, [k for k in (entry.ids if entry else []) if k != key])

    def get(self, moment_id: str) -> RepairMoment | None:
        name = self._loaded_index().by_id.get(_canonical(moment_id))   # type: ignore[arg-type]
        if name is None:
            return None
        key = _canonical(moment_id)
        record = next((r for r in self._records(name, keep=True)
                       if isinstance(r, dict) and _canonical(r.get("id")) == key), None)
        return readable_moment(record) if record is not None else None

    def months(self) -> list[str]:
        """The months that hold moments, newest first ("undated" last): from the names of the parts."""
        if self._single is not None:
            return ["single"]
        parts = self._list_parts()
        months = [month[0].month for month in by_month_newest_first(parts)]
        return months + ([UNDATED] if any(part.month == UNDATED for part in parts) else [])

    def moments_of(self, month: str) -> list[RepairMoment]:
        """The readable moments of one month, newest first. A moment in two parts (a move cut short)
        is given once here; across months the copy with the newer `updated_at` is the one to keep."""
        if self._single is not None:
            names = [self._single.name]
        else:
            names = [part.file for part in self._list_parts() if part.month == month]
        records: list[Any] = []
        for name in names:
            records += self._records(name)
        return self._newest_readable(records, len(records))

    def search(self, text: str) -> Iterator[RepairMoment]:
        """Moments holding every word of `text` in any field (accent- and case-insensitive), newest
        first, a month at a time (the lock is let go between months)."""
        words = query_words(text)
        for month in self.months():
            for moment in self.moments_of(month):
                if matches(words, searchable_text(moment)):
                    yield moment

    def delete(self, moment_id: str) -> bool:
        """Remove a moment for good (from every part that holds a copy): one part written."""
        key = _canonical(moment_id)
        index = self._loaded_index()
        homes = [name for name, entry in index.parts.items() if key in entry.ids]
        for name in homes:
            self._remove(name, key)
        index.by_id.pop(key, None)      # type: ignore[arg-type]
        return bool(homes)

    def recent(self, limit: int) -> list[RepairMoment]:
        """The newest few, for the home screen: the newest month, and older ones only until there
        are `limit` readable moments (this runs before the first paint)."""
        gathered: list[Any] = []
        if self._single is not None:
            months: Iterable[list[Part]] = [[Part("single", 1)]]
        elif self._parts is not None:
            months = by_month_newest_first(self._parts)
        else:
            months = months_newest_first(names_in(self.folder))
        found: list[RepairMoment] = []
        for month in months:
            for part in month:
                gathered += self._records(part.file, keep=True)
            found = self._newest_readable(gathered, limit)
            if len(found) >= limit:
                break
        return found

    @staticmethod
    def _newest_readable(records: list[Any], limit: int) -> list[RepairMoment]:
        found: list[RepairMoment] = []
        seen: set[object] = set()
        for record in _newest_first(records):
            moment = readable_moment(record)
            if moment is not None and _canonical(moment.id) not in seen:
                seen.add(_canonical(moment.id))
                found.append(moment)
                if len(found) == limit:
                    break
        return found

    def all(self) -> list[RepairMoment]:
        """Every readable moment, newest first. A record this version cannot read (edited by hand,
        or from a newer Goldseam) is skipped here, left in its file untouched, and counted."""
        moments: dict[object, tuple[tuple, RepairMoment]] = {}
        for name in self._part_names():
            for record in self._records(name):
                moment = readable_moment(record)
                if moment is not None:
                    key, rank = _canonical(moment.id), _copy_rank(name, record)
                    if key not in moments or rank > moments[key][0]:     # a move cut short: the newer copy
                        moments[key] = (rank, moment)
        return sorted((m for _, m in moments.values()), key=lambda m: (_instant(m.created_at), m.id), reverse=True)

    def _homes_if_doubled(self) -> dict[object, str] | None:
        """Which part holds each moment, when some moment is in two parts (a move cut short that no
        session has settled yet); None when each moment is in one part. The index is let go again
        in a read-only session, so an export holds no more than one part at a time while it writes."""
        if self._single is not None:
            return None
        index = self._loaded_index()
        doubled = sum(len(entry.ids) for entry in index.parts.values()) != len(index.by_id)
        homes = dict(index.by_id) if doubled else None
        if self.read_only:
            self._index = None
        return homes

    def export_stream(self) -> ExportStream:
        return ExportStream(self)

    def stored_bytes(self) -> int:
        """The size of the moments on disk: an upper bound of the export's size, known without reading."""
        return sum((stamp_of(self._path(name)) or (0,))[0] for name in self._part_names())

    def unreadable(self) -> Iterator[int | None]:
        """How many stored moments this version cannot read. Yields None first (the caller lets the
        window paint), then checks the index against the parts (reading only the parts that changed
        since it was written) and yields the count."""
        yield None
        yield self.count_unreadable()

    def count_unreadable(self) -> int:
        return self._loaded_index().unreadable()

    def count(self) -> int:
        return self._loaded_index().count()

    def import_moments(self, moments: Iterable[RepairMoment]) -> ImportResult:
        """Merge moments in: a new id is added; an id already here is replaced when the incoming copy
        was changed later (newer `updated_at`), else kept. Each affected part is written once, and
        the merge is all or nothing. `moments` come from the reader (transfer_format.parse)."""
        index = self._loaded_index()
        total, fresh, newer = self._sorted_incoming(moments, index)
        by_month: dict[str, list[tuple[object, dict[str, Any]]]] = {}
        moving: list[tuple[str, object]] = []
        in_place: dict[str, dict[object, dict[str, Any]]] = {}
        for key, record in fresh.items():
            by_month.setdefault(month_of(record["created_at"]), []).append((key, record))
        for key, (home, record) in newer.items():
            if (parse_part(home) or Part("", 0)).month == month_of(record["created_at"]):
                in_place.setdefault(home, {})[key] = record
            else:       # its date moved to another month: written there first, removed here after
                by_month.setdefault(month_of(record["created_at"]), []).append((key, record))
                moving.append((home, key))
        written: list[tuple[str, list[int], bool]] = []
        replaced: list[tuple[str, tuple[dict[object, dict[str, Any]], list[int]]]] = []
        try:
            for month, records in sorted(by_month.items()):
                self._add_to_month(month, records, written)
            for name, records in sorted(in_place.items()):
                replaced.append((name, self._replace_in_part(name, records)))
        except StorageError:
            self._undo(written, replaced)
            raise
        for home, key in moving:
            try:
                self._remove(home, key)
            except StorageError:
                pass    # two copies for now, never none: the next reading of the index keeps the newer
        if (fresh or newer) and index.worth_saving():
            self._save_index()
        return ImportResult(added=len(fresh), updated=len(newer), unchanged=total - len(fresh) - len(newer))

    def preview_import(self, moments: Iterable[RepairMoment]) -> ImportResult:
        """What import_moments would do with `moments`, changing nothing."""
        total, fresh, newer = self._sorted_incoming(moments, self._loaded_index())
        return ImportResult(added=len(fresh), updated=len(newer), unchanged=total - len(fresh) - len(newer))

    def _sorted_incoming(self, moments: Iterable[RepairMoment], index: JournalIndex):
        """The count of incoming moments, those whose id is new here, and those newer than the stored copy."""
        incoming: dict[object, dict[str, Any]] = {}
        total = 0
        for moment in moments:
            total += 1
            key, record = _canonical(moment.id), moment.to_dict()
            if key not in incoming or _instant(record["updated_at"]) > _instant(incoming[key]["updated_at"]):
                incoming[key] = record
        fresh = {key: record for key, record in incoming.items() if key not in index.by_id}
        newer = self._newer_than_stored({k: r for k, r in incoming.items() if k not in fresh}, index)
        return total, fresh, newer

    def _newer_than_stored(self, known: dict[object, dict[str, Any]], index: JournalIndex
                           ) -> dict[object, tuple[str, dict[str, Any]]]:
        """Of the incoming records whose id is here, those changed later than the stored copy, with
        the part that holds it. A stored record this version cannot read is never replaced."""
        by_part: dict[str, list[object]] = {}
        for key in known:
            by_part.setdefault(index.by_id[key], []).append(key)    # type: ignore[index]
        newer: dict[object, tuple[str, dict[str, Any]]] = {}
        for name, keys in by_part.items():
            stored = {_canonical(r.get("id")): r for r in self._records(name, keep=True) if isinstance(r, dict)}
            for key in keys:
                current = readable_moment(stored.get(key))
                if current is not None and _instant(known[key]["updated_at"]) > _instant(current.updated_at):
                    newer[key] = (name, known[key])
        return newer

    def _replace_in_part(self, name: str, records: dict[object, dict[str, Any]]
                         ) -> tuple[dict[object, dict[str, Any]], list[int]]:
        """Replace moments of one part in one write: the records they replaced (by id), and where."""
        stored = self._read(name, keep=True).get(MOMENTS) or {}
        doc_ids = {int(doc_id): r for doc_id, r in stored.items()
                   if isinstance(r, dict) and _canonical(r.get("id")) in records}
        old = {_canonical(record.get("id")): dict(record) for record in doc_ids.values()}

        def replace(doc: dict) -> None:
            new = records[_canonical(doc.get("id"))]
            doc.clear()
            doc.update(new)

        Table(self._storage(name), MOMENTS, cache_size=0).update(replace, doc_ids=list(doc_ids))
        entry = self._loaded_index().parts.get(name)
        self._refresh(name, list(entry.ids) if entry else [])
        return old, list(doc_ids)

    def _undo(self, written: list[tuple[str, list[int], bool]],
              replaced: list[tuple[str, tuple[dict[object, dict[str, Any]], list[int]]]] = ()  # type: ignore[assignment]
              ) -> None:
        """An import is all or nothing: put back the moments it replaced, take out again what the
        parts written so far received (a part the import began is removed). ImportCutShort if that
        cannot be done either."""
        left = 0
        for name, (old, doc_ids) in reversed(replaced):
            def put_back(doc: dict, old: dict = old) -> None:
                record = old[_canonical(doc.get("id"))]
                doc.clear()
                doc.update(record)
            try:
                Table(self._storage(name), MOMENTS, cache_size=0).update(put_back, doc_ids=doc_ids)
            except StorageError:
                left += len(old)
        for name, doc_ids, existed in reversed(written):
            try:
                if existed:
                    Table(self._storage(name), MOMENTS, cache_size=0).remove(doc_ids=doc_ids)
                else:
                    os.unlink(self._path(name))
                    fsync_folder(self.folder)
            except (OSError, StorageError):
                left += len(doc_ids)
                continue
            self._open.pop(name, None)
            self._parts = None
            if self._index is not None:
                if existed:
                    self._index.put(name, self._entry_of(name))
                else:
                    self._index.drop(name)
        if left:
            raise ImportCutShort(left)

    def _add_to_month(self, month: str, records: list[tuple[object, dict[str, Any]]],
                      written: list[tuple[str, list[int], bool]] | None = None) -> None:
        """Fill the month's last part up to PART_BYTES, then new parts: each written once. `written`
        receives each part written and the documents it received."""
        batches: dict[str, list[tuple[object, dict[str, Any]]]] = {}
        target = self._part_for(month, 0)
        entry = self._loaded_index().parts.get(target)
        held = entry.stamp[0] if entry and entry.stamp else 0
        for key, record in records:
            size = len(encode_document(record).encode("utf-8")) + 48
            if held and held + size > PART_BYTES:
                target, held = parse_part(target).next().file, 0     # type: ignore[union-attr]
            batches.setdefault(target, []).append((key, record))
            held += size
        for name, batch in batches.items():
            self._note_part(name)
            existed = os.path.lexists(self._path(name))
            doc_ids = Table(self._storage(name), MOMENTS, cache_size=0).insert_multiple([record for _, record in batch])
            if written is not None:
                written.append((name, doc_ids, existed))
            entry = self._loaded_index().parts.get(name)
            self._refresh(name, (list(entry.ids) if entry else []) + [key for key, _ in batch])   # type: ignore[misc]

    def absorb(self, tables: dict[str, Any]) -> int:
        """Take in the moments and phrases of a journal.json (a leftover of an earlier version, or a
        restored backup of one) that this journal lacks, as they are, readable or not. How many moments."""
        index = self._loaded_index()
        added: dict[str, list[tuple[object, dict[str, Any]]]] = {}
        for record in (tables.get(MOMENTS) or {}).values():
            key = _canonical(record.get("id")) if isinstance(record, dict) else None
            if not isinstance(key, str) or key in index.by_id:
                continue
            if any(key == k for batch in added.values() for k, _ in batch):
                continue
            added.setdefault(month_of(record.get("created_at")), []).append((key, record))
        for month, records in sorted(added.items()):
            self._add_to_month(month, records)
        known = {doc.get("text") for doc in self._phrases.records()}
        fresh = [r for r in (tables.get(PHRASES) or {}).values() if isinstance(r, dict) and r.get("text") not in known]
        if fresh:
            self._phrases.add_records(fresh)
        self._save_index()
        return sum(len(batch) for batch in added.values())

    # -- reading at open, files set aside -----------------------------------------

    def read_at_open(self) -> None:
        """Read what the home screen shows (own phrases, the newest month), so trouble shows now."""
        try:
            self._phrase_storage.read()
        except CorruptFile as problem:
            self._add_problem(problem)
        self.recent(1)

    def set_aside_without_backup(self) -> list[Path]:
        """Files of the journal set aside as unreadable that had no backup: their moments are missing."""
        return [] if self._single is not None else set_aside_without_backup(self.folder)

    def read_only_files(self) -> list[Path]:
        storages = [self._phrase_storage, *self._open.values()]
        return [s.path for s in storages if s.newer_schema is not None]

    def held(self) -> list[HeldBackup]:
        """Files of the journal set aside whose earlier backups are kept until the person chooses."""
        if self._single is not None:
            return []
        held_folder = self.folder / "backups" / "held"
        try:
            names = sorted({n.split(".", 1)[0] + ".json" for n in os.listdir(held_folder)})
        except OSError:
            return []
        found = []
        for name in filter(is_journal_file, names):
            backup = self._file_storage(name).newest_good_held()
            if backup is not None:
                found.append(HeldBackup(name, backup))
        return found

    def _file_storage(self, name: str) -> SafeStorage:
        if name == PHRASES_FILE:
            return self._phrase_storage
        return self._storage(name)

    def restore(self, name: str) -> None:
        """Put the newest good held backup of a part (or of the phrases) back; what was written to
        that file since is kept too."""
        storage = self._file_storage(name)
        backup = storage.newest_good_held()
        if backup is None:
            return
        data = storage.read_backup(backup)
        if data is None:                    # from a newer Goldseam: put back as it is, read-only
            storage.restore(backup)
        else:
            storage.write(merge_journal_data(data, storage.read() or {}))
        self.reload()
        self.let_go(name)

    def let_go(self, name: str) -> None:
        self._file_storage(name).backups.release_held()
        self.problems = [p for p in self.problems if p.path.name != name]

    # -- own phrases ----------------------------------------------------------

    def own_phrases(self) -> list[OwnPhrase]:
        return self._phrases.all()

    def keep_phrase(self, phrase: OwnPhrase) -> None:
        self._phrases.keep(phrase)

    def rename_phrase(self, old_text: str, new_text: str) -> None:
        self._phrases.rename(old_text, new_text)

    def forget_phrase(self, text: str) -> None:
        self._phrases.forget(text)


def merge_journal_data(base: dict, since: dict) -> dict:
    """The tables of `base` (a restored backup) plus the moments and phrases of `since` (what was
    written after the damage) that it lacks, as they are, readable or not: a restore keeps both."""
    merged = {name: dict(table) for name, table in base.items()}
    for name, key_of in ((MOMENTS, lambda r: _canonical(r.get("id"))), (PHRASES, lambda r: r.get("text"))):
        if name not in merged and name not in since:
            continue
        table = merged.setdefault(name, {})
        known = {key_of(r) for r in table.values() if isinstance(r, dict)}
        next_id = max((int(k) for k in table if str(k).isdigit()), default=0) + 1
        for record in since.get(name, {}).values():
            key = key_of(record) if isinstance(record, dict) else None
            if key is not None and key not in known:
                table[str(next_id)] = record
                known.add(key)
                next_id += 1
    return merged

