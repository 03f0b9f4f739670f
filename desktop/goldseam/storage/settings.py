"""Preferences: switches and small choices, never private text, with one exception kept sealed.

settings.json stays plain with the lock on (the lock screen reads the language and the look before
the passphrase is typed), so the one choice that holds words of the person's, the names they give
their own breathing patterns, is sealed inside it as a value of its own while the lock is on."""

from __future__ import annotations

import base64
import json
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from . import sealing
from .tables import put

SETTINGS = "settings"
SETTINGS_SCHEMA = 1
# Forward migrations of settings.json, keyed by the schema they upgrade from.
SETTINGS_MIGRATIONS: dict = {}
_DOC_ID = 1
PRIVATE = ("breathing",)            # the guide's choices hold the names of the person's own patterns
_SEALED = "goldseam-sealed-value"


class Settings:
    def __init__(self, db: TinyDB):
        self._db = db
        self.reload()

    def reload(self) -> None:
        self._db.storage.reload()
        self._table = Table(self._db.storage, SETTINGS, cache_size=0)

    def get(self, key: str, default: Any = None) -> Any:
        doc = self._table.get(doc_id=_DOC_ID) or {}
        value = doc.get(key, default)
        if isinstance(value, dict) and set(value) == {_SEALED}:
            try:
                return json.loads(sealing.from_disk(self._path, base64.b64decode(value[_SEALED]), self._name(key)))
            except (sealing.SealBroken, sealing.LockedFile, ValueError, TypeError, RecursionError):
                return default      # not openable here: the choice falls back, as any unreadable one
        return value

    def set(self, key: str, value: Any) -> None:
        put(self._table, _DOC_ID, {key: self._stored(key, value)})

    def reseal_private(self) -> None:
        """The private choices sealed while the lock is on and plain while it is off (after the lock was
        turned on or off, or a kill came between): checked at each open, rewritten only when they differ."""
        doc = self._table.get(doc_id=_DOC_ID) or {}
        sealed_now = (seal := sealing.seal_for(self._path)) is not None and seal.seal_writes
        for key in PRIVATE:
            stored = doc.get(key)
            if stored is None:
                continue
            is_sealed = isinstance(stored, dict) and set(stored) == {_SEALED}
            if is_sealed != sealed_now:
                value = self.get(key)
                if value is not None:
                    self.set(key, value)

    @property
    def _path(self):
        return self._db.storage.path

    def _name(self, key: str) -> str:
        return f"{self._path.name}#{key}"

    def _stored(self, key: str, value: Any) -> Any:
        if key not in PRIVATE or value is None:
            return value
        pieces = sealing.for_disk(self._path, [json.dumps(value, ensure_ascii=False).encode("utf-8")], self._name(key))
        raw = b"".join(pieces)
        return {_SEALED: base64.b64encode(raw).decode("ascii")} if sealing.is_sealed(raw) else value
