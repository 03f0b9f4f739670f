"""Files of the journal set aside, and the backups held for them until the person chooses.

Apart from the journal's everyday reading and writing because it is the rare path after damage:
which files were set aside or are read-only, the held backups to offer, and a restore that puts a
backup back while keeping what was written to that file since (merge_journal_data).
"""

from __future__ import annotations

import os
from pathlib import Path

from .backups import HeldBackup
from .journal_merge import canonical as _canonical
from .journal_parts import MOMENTS, is_journal_file, set_aside_without_backup
from .own_phrases import PHRASES


class HeldFiles:
    """The Journal's methods for files set aside (a base of Journal, which holds the lock around each)."""

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
