"""The unfinished wizard pass, in its own small file so autosave stays fast
whatever the size of the journal."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Table

from ..core.moment import RepairMoment
from . import sealing
from .atomic_file import write_atomic
from .moment_records import readable_moment, writable_record
from .tables import put

DRAFT = "draft"
DRAFT_SCHEMA = 1
# Forward migrations of draft.json, keyed by the schema they upgrade from.
DRAFT_MIGRATIONS: dict = {}
_DOC_ID = 1


class DraftStore:
    def __init__(self, db: TinyDB):
        self._db = db
        self.set_aside_as: Path | None = None   # where an unreadable draft was copied, for the UI to say
        self._copied: dict | None = None
        self.reload()

    def reload(self) -> None:
        self._db.storage.reload()
        self._table = Table(self._db.storage, DRAFT, cache_size=0)

    def load(self) -> RepairMoment | None:
        """The unfinished repair, or None. A draft this version cannot read is copied aside
        first (StorageError if that copy cannot be written: then nothing may replace it)."""
        record = self._stored_record()
        if record is None:
            return None
        moment = readable_moment(record)
        if moment is None:
            self._copy_aside(record)
        return moment

    def save(self, moment: RepairMoment) -> None:
        record = writable_record(moment)
        self._protect_unreadable()
        put(self._table, _DOC_ID, record)

    def discard(self) -> None:
        self._protect_unreadable()
        if self._table.contains(doc_id=_DOC_ID):
            self._table.remove(doc_ids=[_DOC_ID])

    def _stored_record(self) -> dict | None:
        doc = self._table.get(doc_id=_DOC_ID)
        return dict(doc) if doc is not None else None

    def _protect_unreadable(self) -> None:
        """Before anything replaces draft.json: an unreadable draft in it must be safe elsewhere."""
        record = self._stored_record()
        if record is not None and readable_moment(record) is None:
            self._copy_aside(record)

    def _copy_aside(self, record: dict) -> None:
        if self._copied == record:
            return
        path = self._db.storage.path
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        target, n = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}"), 1
        while os.path.lexists(target):
            n += 1
            target = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
        write_atomic(target, sealing.for_disk(target, [json.dumps(record, ensure_ascii=False).encode("utf-8")]))
        self._copied = record
        self.set_aside_as = target
