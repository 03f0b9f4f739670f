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

from .atomic_file import write_atomic
from .errors import StorageError
from .file_reading import MAX_STORED_BYTES, read_regular_file

INDEX_FORMAT = "goldseam-journal-index"
INDEX_SCHEMA = 1

Stamp = tuple[int, int, int]      # size, modification time (ns), inode
SAVE_AFTER_PARTS = 16


def stamp_of(path: Path) -> Stamp | None:
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


def load_index(path: Path) -> JournalIndex:
    """The index as written, or an empty one if there is none or it cannot be understood
    (it is derived: nothing is lost, the parts are read again)."""
    try:
        raw = read_regular_file(path, MAX_STORED_BYTES)
        document = json.loads(raw)
    except (OSError, StorageError, ValueError, RecursionError, MemoryError):
        return JournalIndex(dirty=True)
    index = JournalIndex()
    try:
        if document.get("format") != INDEX_FORMAT or document.get("schema") != INDEX_SCHEMA:
            return JournalIndex(dirty=True)
        for name, entry in document["parts"].items():
            stamp = entry["stamp"]
            ids = entry["ids"]
            if not (isinstance(stamp, list) and len(stamp) == 3 and all(type(n) is int for n in stamp)
                    and isinstance(ids, list) and set(map(type, ids)) <= {str}
                    and type(entry.get("unreadable", 0)) is int):
                return JournalIndex(dirty=True)
            index.parts[name] = PartEntry(tuple(stamp), ids, entry.get("unreadable", 0))   # type: ignore[arg-type]
            index.by_id.update(dict.fromkeys(ids, name))
    except (AttributeError, KeyError, TypeError):
        return JournalIndex(dirty=True)
    return index


def save_index(path: Path, index: JournalIndex) -> None:
    """Write the index (atomically: a half-written index would only be rebuilt, but need not be)."""
    parts = {name: {"stamp": list(entry.stamp or (0, 0, 0)), "ids": entry.ids, "unreadable": entry.unreadable}
             for name, entry in index.parts.items()}
    text = json.dumps({"format": INDEX_FORMAT, "schema": INDEX_SCHEMA, "parts": parts}, separators=(",", ":"))
    write_atomic(path, text.encode("utf-8"))
    index.dirty = False
    index.changed.clear()
