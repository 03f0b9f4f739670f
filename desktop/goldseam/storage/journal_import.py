"""Bringing moments into the journal: an import (or its preview), and the absorb of an old journal.json.

Apart from saving one moment because a merge plans every file it changes first (by the rules of
journal_merge, nothing written) and then writes them all as one transaction (journal_transaction):
a failure, a full disk or a kill leaves the journal as it was or wholly merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..core.moment import RepairMoment
from ..core.repository import ImportResult, OwnPhrase
from ..core.transfer_format import CheckedRecords
from .atomic_file import fsync_folder
from .errors import JournalChanged, WriteFailed
from .journal_index import PartEntry, stamp_of
from .journal_merge import (PartEdits, beside_copy, canonical as _canonical, incoming_records, instant as _instant,
                            merge_phrases, same_words)
from .journal_parts import MOMENTS, PHRASES_FILE, Part, month_of, month_of_checked, parse_part
from .journal_transaction import FINISHED, Transaction, recover
from .moment_records import is_plain_record, readable_moment
from .own_phrases import PHRASES, OwnPhrases


class JournalImport:
    """The Journal's methods of a merge (a base of Journal, which holds the lock around each)."""

    def import_moments(self, moments: Iterable[RepairMoment] | CheckedRecords, phrases: Iterable[OwnPhrase] = ()
                       ) -> ImportResult:
        """Merge moments (and own phrases) in, by the rules of journal_merge. All or nothing: every
        file it changes is written as one transaction (journal_transaction), so a failure, a full
        disk or a kill leaves the journal as it was or wholly merged. `moments` come from the reader
        (transfer_format.parse): its moments, or its records (ExportDocument.records) as they are."""
        result, edits = self._plan_import(moments, phrases)
        if edits.files:
            self._write_together(edits.files, edits)
            if self._index is not None and self._index.worth_saving():
                self._save_index()
        return result

    def preview_import(self, moments: Iterable[RepairMoment] | CheckedRecords, phrases: Iterable[OwnPhrase] = ()
                       ) -> ImportResult:
        """What import_moments would do, changing nothing."""
        return self._plan_import(moments, phrases)[0]

    def _plan_import(self, moments: Iterable[RepairMoment] | CheckedRecords, phrases: Iterable[OwnPhrase]
                     ) -> tuple[ImportResult, PartEdits]:
        """What a merge would do, and the new contents of each file it changes (nothing written)."""
        total, incoming = incoming_records(moments)
        month_by_key = {key: month_of_checked(record["created_at"]) for key, record in incoming.items()}
        months = set(month_by_key.values())
        by_id = self._loaded_index().by_id
        for name in sorted({name for key in incoming if (name := by_id.get(key))} |      # type: ignore[arg-type]
                           {part.file for part in self._list_parts() if part.month in months}):
            if not self._verify(name):
                break           # built again from every part: nothing more to check
        index = self._loaded_index()
        edits = self._edits()
        to_add: dict[str, list[dict[str, Any]]] = {}
        added = updated = copies = 0
        stored: dict[str, dict[object, Any]] = {}
        for key, record in incoming.items():
            home = index.by_id.get(key)         # type: ignore[arg-type]
            if home is None:
                to_add.setdefault(month_by_key[key], []).append(record)
                added += 1
                continue
            if home not in stored:
                stored[home] = {_canonical(r.get("id")): r for r in self._records(home, keep=True) if isinstance(r, dict)}
            current = readable_moment(stored[home].get(key))
            if current is None:
                continue                        # a stored record this version cannot read is never replaced
            ours, theirs = _instant(current.updated_at), _instant(record["updated_at"])
            if theirs > ours:
                updated += 1
                if (parse_part(home) or Part("", 0)).month == month_by_key[key]:
                    edits.replace(home, key, record)
                else:       # its date moved to another month
                    edits.remove(home, key)
                    to_add.setdefault(month_by_key[key], []).append(record)
            elif theirs == ours and not same_words(record, current.to_dict()):
                copy = beside_copy(record)
                if copy["id"] not in index.by_id and copy["id"] not in incoming:
                    to_add.setdefault(month_of(copy["created_at"]), []).append(copy)
                    copies += 1
        for month, records in sorted(to_add.items()):
            self._plan_month(edits, month, records)
        came = merge_phrases(edits.rows(PHRASES_FILE, PHRASES), phrases) if not self._single else 0
        if not came:
            edits.files.pop(PHRASES_FILE, None)
        return ImportResult(added=added, updated=updated, unchanged=total - added - updated - copies,
                            copies=copies, phrases=came), edits

    def _edits(self) -> PartEdits:
        """New contents of files, each begun from what it holds now (a part as read, or the own phrases)."""
        return PartEdits(lambda name: self._file_storage(name).read() if name == PHRASES_FILE else self._read(name, keep=True))

    def _write_together(self, files: dict[str, dict[str, Any]], edits: PartEdits | None = None) -> None:
        """Write the new contents of several files as one transaction, then take them as read. `edits`:
        the plan they come from, whose new records were checked by the reader and encoded once already."""
        text_of = edits.text_of if edits is not None else None
        if recover(self.folder, self._before_replace, self._after_replace) == FINISHED:
            self.reload()       # an earlier change that could not be put in place is, now: plan again
            raise JournalChanged()
        transaction = Transaction(self.folder)
        try:
            for name, tables in files.items():
                transaction.stage(name, self._file_storage(name).serialized(tables, text_of))
        except WriteFailed as err:      # said of the journal: the file named was a new copy, never the person's
            transaction.abandon()
            raise WriteFailed(self.folder, OSError(err.errno, err.reason)) from None
        except BaseException:
            transaction.abandon()
            raise
        self._copies_to_flush = []     # backups of new parts: each flushed, their folder once, below
        try:
            transaction.commit(self._before_replace, self._after_replace)
        except BaseException:
            self.reload()           # committed or not, what is on the disk is the truth now
            raise
        finally:
            copies, self._copies_to_flush = self._copies_to_flush, None
            for backups_folder in dict.fromkeys(copies):
                try:
                    fsync_folder(backups_folder)
                except OSError:
                    pass            # best effort, as every backup
        self._changes += 1
        for name, tables in files.items():
            self._file_storage(name).adopt(tables)
            if name == PHRASES_FILE:
                self._phrases = OwnPhrases(self._phrase_storage)     # TinyDB's next id is known again
                continue
            self._note_part(name)
            rows = list((tables.get(MOMENTS) or {}).values())
            ids = [key for key in (_canonical(r.get("id")) if isinstance(r, dict) else None for r in rows)
                   if isinstance(key, str)]
            unreadable = sum(1 for r in rows if (text_of is None or text_of(r) is None)     # came in: read already
                             and not is_plain_record(r) and readable_moment(r) is None)
            if self._index is not None:
                self._index.put(name, PartEntry(stamp_of(self._path(name)), ids, unreadable))
            self._verified.add(name)

    def _before_replace(self, name: str) -> None:
        """A file of the journal is about to be replaced by a transaction's copy: its backup first."""
        self._file_storage(name).backups.snapshot()

    _copies_to_flush: list[Path] | None = None     # while a commit puts many new parts in place

    def _after_replace(self, name: str, existed: bool) -> None:
        """A new part was put in place: a copy of it into the backups (during an import's commit, the
        backups folder itself is flushed once after the last copy rather than after each)."""
        backups = self._file_storage(name).backups
        if not existed and backups.copy_new_files:
            deferred = self._copies_to_flush
            if backups.keep_copy(sync_folder=deferred is None) is not None and deferred is not None:
                deferred.append(backups.folder)

    def absorb(self, tables: dict[str, Any]) -> int:
        """Take in the moments and phrases of a journal.json (a leftover of an earlier version, or a
        restored backup of one) that this journal lacks, as they are, readable or not, in one
        transaction. How many moments."""
        index = self._loaded_index()
        edits = self._edits()
        added: dict[str, list[dict[str, Any]]] = {}
        seen: set[object] = set()
        for record in (tables.get(MOMENTS) or {}).values():
            key = _canonical(record.get("id")) if isinstance(record, dict) else None
            if not isinstance(key, str) or key in index.by_id or key in seen:
                continue
            seen.add(key)
            added.setdefault(month_of(record.get("created_at")), []).append(record)
        for month, records in sorted(added.items()):
            self._plan_month(edits, month, records)
        known = {doc.get("text") for doc in self._phrases.records()}
        fresh = [r for r in (tables.get(PHRASES) or {}).values() if isinstance(r, dict) and r.get("text") not in known]
        for record in fresh:
            edits.add(PHRASES_FILE, record, PHRASES)
        if edits.files:
            self._write_together(edits.files)
        self._save_index()
        return len(seen)
