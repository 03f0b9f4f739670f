"""Which part holds each moment: the index, checked against the parts and never trusted over them.

Apart from reading and writing because both rely on it and neither owns it: the index is derived
from the parts, read again where a part's file changed, built again from every part at any
disagreement, and it settles a moment found twice (a move cut short) by keeping the newer copy.
"""

from __future__ import annotations

import os
from typing import Any

from tinydb.table import Table

from .errors import StorageError
from .journal_index import JournalIndex, PartEntry, load_index, save_index, stamp_of
from .journal_merge import canonical as _canonical, instant as _instant
from .journal_parts import INDEX_FILE, MOMENTS, month_of, parse_part
from .moment_records import is_plain_record, readable_moment


def _copy_rank(part: str, record: dict[str, Any]) -> tuple:
    """Of two copies of one moment (a move cut short), the greater is kept: the newer `updated_at`,
    then the copy that sits in the month of its own `created_at`."""
    parsed = parse_part(part)
    return (_instant(record.get("updated_at")), parsed is not None and parsed.month == month_of(record.get("created_at")))


class MomentHomes:
    """The Journal's upkeep of its index (a base of Journal, which holds the lock around close)."""

    def _loaded_index(self, rebuild: bool = False) -> JournalIndex:
        """The index, checked against the parts on disk: a part whose file changed since is read again.
        `rebuild`: every part is read again (the index was found to disagree with a part)."""
        if self._index is not None and not rebuild:
            return self._index
        if rebuild or self._single is not None:
            index = JournalIndex(dirty=not self.read_only)
        else:
            index = load_index(self.folder / INDEX_FILE)
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
        if sum(len(index.parts[name].ids) for name in on_disk) != len(index.by_id):     # some moment is stored twice
            for name in on_disk:
                seen: set[str] = set()
                for key in index.parts[name].ids:
                    if key in seen:
                        duplicates.append((key, name, name))        # twice in one part
                    elif index.by_id.get(key) != name:
                        duplicates.append((key, index.by_id[key], name))
                    seen.add(key)
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
        """One moment in two parts (a move cut short), or twice in one: the newer copy stays, the other goes."""
        if first == second:
            if not self.read_only:
                self._settle_in_part(first, key)
            return

        def copy_in(name: str) -> tuple:
            record = next((r for r in self._records(name) if isinstance(r, dict) and _canonical(r.get("id")) == key), {})
            return _copy_rank(name, record)
        keep, drop = (first, second) if copy_in(first) >= copy_in(second) else (second, first)
        index = self._index
        assert index is not None
        index.by_id[key] = keep      # type: ignore[index]
        if not self.read_only:
            self._remove(drop, key)

    def _settle_in_part(self, name: str, key: object) -> None:
        stored = self._read(name, keep=True).get(MOMENTS) or {}
        copies = sorted(((_instant(r.get("updated_at")), int(doc_id)) for doc_id, r in stored.items()
                         if isinstance(r, dict) and _canonical(r.get("id")) == key), reverse=True)
        if len(copies) > 1:
            Table(self._storage(name), MOMENTS, cache_size=0).remove(doc_ids=[doc_id for _when, doc_id in copies[1:]])
        entry = self._index.parts.get(name) if self._index else None
        self._refresh(name, list(dict.fromkeys(entry.ids)) if entry else [])

    def _verify(self, name: str) -> bool:
        """Whether the index names exactly the moments part `name` holds (read now, once a session).
        The index is derived, never trusted over the parts: at any disagreement it is built again
        from every part (False), before the write that relies on it goes on."""
        if name in self._verified or self._single is not None:
            return True
        entry = self._loaded_index().parts.get(name)
        ids = [key for key in (_canonical(r.get("id")) if isinstance(r, dict) else None
                               for r in self._records(name, keep=True)) if isinstance(key, str)]
        if entry is not None and len(set(ids)) == len(ids) and sorted(ids) == sorted(entry.ids):
            self._verified.add(name)
            return True
        if entry is None and not ids and not os.path.lexists(self._path(name)):
            return True                 # a part not written yet
        self._rebuild_index()
        return False

    def _rebuild_index(self) -> None:
        """Every part read again: the index disagreed with one of them, or may have lost a moment."""
        self._parts = None
        self._loaded_index(rebuild=True)
        self._verified = set(self._index.parts) if self._index else set()

    def _homes_of(self, key: object) -> list[str]:
        return [name for name, entry in self._loaded_index().parts.items() if key in entry.ids]

    def _home(self, key: object, month: str | None = None) -> str | None:
        """The part that holds moment `key`, checked against the part itself; with `month`, the parts
        of that month are checked too (a moment the index lost would be in one of them)."""
        where = self._loaded_index().by_id.get(key)        # type: ignore[arg-type]
        if where is not None and not self._verify(where):
            return self._loaded_index().by_id.get(key)     # type: ignore[arg-type]
        if where is None and month is not None:
            for part in [p for p in self._list_parts() if p.month == month]:
                if not self._verify(part.file):
                    break
            where = self._loaded_index().by_id.get(key)    # type: ignore[arg-type]
        return where

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

    def _refresh(self, name: str, ids: list[str]) -> None:
        self._changes += 1
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
