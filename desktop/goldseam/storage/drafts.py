"""The unfinished wizard pass, in its own small file so autosave stays fast
whatever the size of the journal."""

from __future__ import annotations

import json
import time

from tinydb import TinyDB
from tinydb.table import Document

from ..core.moment import MomentFormatError, RepairMoment
from .atomic_file import write_atomic

DRAFT = "draft"
_DOC_ID = 1


class DraftStore:
    def __init__(self, db: TinyDB):
        self._db = db
        self._table = db.table(DRAFT, cache_size=0)
        self._set_aside_once = False

    def load(self) -> RepairMoment | None:
        doc = self._table.get(doc_id=_DOC_ID)
        if doc is None:
            return None
        try:
            return RepairMoment.from_dict(dict(doc))
        except MomentFormatError:
            self._set_aside(dict(doc))
            return None

    def _set_aside(self, record: dict) -> None:
        """A draft this version cannot read is copied aside before anything could replace it."""
        if self._set_aside_once:
            return
        self._set_aside_once = True
        path = self._db.storage.path
        target = path.with_name(f"{path.stem}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
        if not target.exists():
            write_atomic(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def save(self, moment: RepairMoment) -> None:
        self._table.upsert(Document(moment.to_dict(), doc_id=_DOC_ID))

    def discard(self) -> None:
        if self._table.contains(doc_id=_DOC_ID):
            self._table.remove(doc_ids=[_DOC_ID])
