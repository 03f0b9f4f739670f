"""The unfinished wizard pass, in its own small file so autosave stays fast
whatever the size of the journal."""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document

from ..core.moment import MomentFormatError, RepairMoment

DRAFT = "draft"
_DOC_ID = 1


class DraftStore:
    def __init__(self, db: TinyDB):
        self._db = db
        self._table = db.table(DRAFT, cache_size=0)

    @property
    def storage(self):
        return self._db.storage

    def load(self) -> RepairMoment | None:
        doc = self._table.get(doc_id=_DOC_ID)
        if doc is None:
            return None
        try:
            return RepairMoment.from_dict(dict(doc))
        except MomentFormatError:
            return None

    def save(self, moment: RepairMoment) -> None:
        self._table.upsert(Document(moment.to_dict(), doc_id=_DOC_ID))

    def discard(self) -> None:
        if self._table.contains(doc_id=_DOC_ID):
            self._table.remove(doc_ids=[_DOC_ID])
