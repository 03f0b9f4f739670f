"""Preferences. Never private text: only switches and small choices."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .tables import put

SETTINGS = "settings"
SETTINGS_SCHEMA = 1
# Forward migrations of settings.json, keyed by the schema they upgrade from.
SETTINGS_MIGRATIONS: dict = {}
_DOC_ID = 1


class Settings:
    def __init__(self, db: TinyDB):
        self._db = db
        self.reload()

    def reload(self) -> None:
        self._db.storage.reload()
        self._table = Table(self._db.storage, SETTINGS, cache_size=0)

    def get(self, key: str, default: Any = None) -> Any:
        doc = self._table.get(doc_id=_DOC_ID) or {}
        return doc.get(key, default)

    def set(self, key: str, value: Any) -> None:
        put(self._table, _DOC_ID, {key: value})
