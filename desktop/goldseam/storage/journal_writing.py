"""Writing moments one at a time: a save (which may move a moment to another month) and a delete.

Apart from reading because every write changes a part and the index together, and a move keeps
its order: the moment is written into its new part first and only then taken out of the old one,
so a crash in between leaves it twice (settled at the next reading of the index), never nowhere.
"""

from __future__ import annotations

import os
from typing import Any

from tinydb.table import Table

from ..core.moment import RepairMoment
from .journal_merge import canonical as _canonical
from .journal_parts import MOMENTS, Part, month_of, parse_part
from .moment_records import writable_record
from .safe_storage import encode_document


class JournalWriting:
    """The Journal's writes of moments (a base of Journal, which holds the lock around each)."""

    def save(self, moment: RepairMoment) -> bool:
        """Insert a new moment, or replace the one with the same id: one part written (two when its
        `created_at` moved to another month). A moment the reader would refuse is never written.
        True when the moment was new to the journal (the window says "added", not "changed")."""
        record = writable_record(moment)
        key = _canonical(moment.id)
        month = month_of(record["created_at"])
        where = self._home(key, month)
        if where is not None and (parse_part(where) or Part("", 0)).month == month:
            self._put(where, key, record)
            return False
        target = self._part_for(month, len(encode_document(record).encode("utf-8")))
        self._put(target, key, record)
        if where is not None:
            self._remove(where, key)
        return where is None

    def _put(self, name: str, key: object, record: dict[str, Any]) -> None:
        known = name in self._verified or not os.path.lexists(self._path(name))    # checked, or begun now
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
        if known:
            self._verified.add(name)

    def _remove(self, name: str, key: object) -> bool:
        """Take moment `key` out of part `name`; whether the part held it."""
        stored = self._read(name, keep=True).get(MOMENTS) or {}
        doc_ids = [int(doc_id) for doc_id, r in stored.items() if isinstance(r, dict) and _canonical(r.get("id")) == key]
        if doc_ids:
            Table(self._storage(name), MOMENTS, cache_size=0).remove(doc_ids=doc_ids)
        entry = self._index.parts.get(name) if self._index else None
        self._refresh(name, [k for k in (entry.ids if entry else []) if k != key])
        return bool(doc_ids)

    def delete(self, moment_id: str) -> bool:
        """Remove a moment for good (from every part that holds a copy): one part written. True only
        when words were taken off the disk; the index is checked against each part it names first,
        and built again from the parts when the moment is in none it names."""
        key = _canonical(moment_id)
        homes = self._homes_of(key)
        if not all(self._verify(name) for name in homes):
            homes = self._homes_of(key)         # built again from the parts by _verify
        elif not homes and not set(self._loaded_index().parts) <= self._verified:
            self._rebuild_index()               # perhaps a moment the index lost: every part read again
            homes = self._homes_of(key)
        removed = False
        for name in homes:
            removed = self._remove(name, key) or removed
        self._loaded_index().by_id.pop(key, None)      # type: ignore[arg-type]
        return removed
