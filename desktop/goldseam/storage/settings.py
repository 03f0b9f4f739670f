"""Preferences. Never private text: only switches and small choices."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

SETTINGS = "settings"
_DOC_ID = 1


class Settings:
    def __init__(self, db: TinyDB):
        self._db = db
        self._table = db.table(SETTINGS, cache_size=0)

    def get(self, key: str, default: Any = None) -> Any:
        doc = self._table.get(doc_id=_DOC_ID) or {}
        return doc.get(key, default)

    def set(self, key: str, value: Any) -> None:
        doc = dict(self._table.get(doc_id=_DOC_ID) or {})
        doc[key] = value
        self._table.upsert(Document(doc, doc_id=_DOC_ID))
