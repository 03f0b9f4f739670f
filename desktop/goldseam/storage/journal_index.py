"""Which part of the journal holds which moment, without reading every part.

The index is derived: it is rebuilt from the parts themselves wherever it disagrees with them.
Each part is listed with the size, time and inode its file had when its ids were taken; a part
whose file no longer matches (saved since, by a session that was killed before it wrote the
index; restored; copied in) is read again, and only that part. A missing or damaged index is
simply rebuilt. So it can be written seldom (at close, after an import) and never needs a backup.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import sealing
from .atomic_file import write_atomic
from .errors import StorageError
from .file_reading import MAX_STORED_BYTES, read_regular_file

INDEX_FORMAT = "goldseam-journal-index"
INDEX_SCHEMA = 2      # derived: an index of another schema is not migrated but built again from the parts

Stamp = tuple[int, int, int]      # size, modification time (ns), inode
SAVE_AFTER_PARTS = 16


def stamp_of(path: str | Path) -> Stamp | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass
class PartEntry:
    stamp: Stamp | None
    ids: list[str]                 # canonical ids of the moments the part holds
    unreadable: int = 0            # records this version cannot read (kept in the part)


@dataclass
class JournalIndex:
    parts: dict[str, PartEntry] = field(default_factory=dict)     # part file name -> entry
    by_id: dict[str, str] = field(default_factory=dict)           # canonical id -> part file name
    dirty: bool = False            # there was no usable index on disk: this one was built from the parts
    changed: set[str] = field(default_factory=set)                # parts whose entry differs from the file

    def worth_saving(self) -> bool:
        """Rewriting the index costs as much as reading it (two megabytes at 50,000 moments), so it is
        written only when it was built afresh or many parts changed: the few parts a session writes are
        read again at the next start, each on its own, at the cost of one small file."""
        return self.dirty or len(self.changed) >= SAVE_AFTER_PARTS

    def put(self, part: str, entry: PartEntry) -> None:
        """Record what `part` holds now (replacing what it held before)."""
        old = self.parts.get(part)
        if old is not None:
            for key in old.ids:
                if self.by_id.get(key) == part:
                    del self.by_id[key]
        self.parts[part] = entry
        for key in entry.ids:
            self.by_id[key] = part
        self.changed.add(part)

    def drop(self, part: str) -> None:
        self.put(part, PartEntry(None, []))
        del self.parts[part]

    def count(self) -> int:
        return len(self.by_id)

    def unreadable(self) -> int:
        return sum(entry.unreadable for entry in self.parts.values())

    def vouches(self, part: str, stamp: Stamp | None) -> bool:
        """Whether the index counted no record the reader refuses in `part` as it stood at `stamp`
        (its size, time and inode, taken before it was read). Read with its checksum matching too,
        such a part holds only what Goldseam wrote and the reader accepts: the look back and the
        export then check each record's form, not each value again (moment_records.has_plain_form)."""
        entry = self.parts.get(part)
        return stamp is not None and entry is not None and entry.unreadable == 0 and entry.stamp == stamp


def load_index(path: Path) -> JournalIndex:
    """The index as written, or an empty one if there is none or it cannot be understood, or it
    has another schema (it is derived: nothing is lost, the parts are read again).

    Each part is one row [file, size, mtime_ns, inode, unreadable, ids], the ids as one text
    separated by spaces (a list where an id holds a space): thousands of parts and fifty
    thousand ids are read in a few milliseconds."""
    try:
        raw = sealing.from_disk(path, read_regular_file(path, MAX_STORED_BYTES))
        document = json.loads(raw)
    except (OSError, StorageError, ValueError, RecursionError, MemoryError, sealing.SealBroken, sealing.LockedFile):
        return JournalIndex(dirty=True)
    index = JournalIndex()
    parts, by_id = index.parts, index.by_id
    try:
        if document.get("format") != INDEX_FORMAT or document.get("schema") != INDEX_SCHEMA:
            return JournalIndex(dirty=True)
        for name, size, mtime, inode, unreadable, ids in document["parts"]:
            if type(ids) is str:
                ids = ids.split(" ") if ids else []
            elif not (type(ids) is list and set(map(type, ids)) <= {str}):
                return JournalIndex(dirty=True)
            if not (type(name) is str and type(size) is int and type(mtime) is int and type(inode) is int
                    and type(unreadable) is int):
                return JournalIndex(dirty=True)
            parts[name] = PartEntry((size, mtime, inode), ids, unreadable)
            by_id.update(dict.fromkeys(ids, name))
    except (AttributeError, KeyError, TypeError, ValueError):
        return JournalIndex(dirty=True)
    return index


def save_index(path: Path, index: JournalIndex) -> None:
    """Write the index (atomically: a half-written index would only be rebuilt, but need not be)."""
    rows = [[name, *(entry.stamp or (0, 0, 0)), entry.unreadable, _ids_text(entry.ids)]
            for name, entry in index.parts.items()]
    text = json.dumps({"format": INDEX_FORMAT, "schema": INDEX_SCHEMA, "parts": rows}, separators=(",", ":"),
                      ensure_ascii=False)
    write_atomic(path, sealing.for_disk(path, [text.encode("utf-8")]))     # its ids are traces too: sealed
    index.dirty = False
    index.changed.clear()


def _ids_text(ids: list[str]) -> str | list[str]:
    text = " ".join(ids)
    return text if not any(not key or " " in key for key in ids) else ids
