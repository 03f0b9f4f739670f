"""The phrases a person wrote at "reach back" and kept as their own, in journal/phrases.json."""

from __future__ import annotations

from pathlib import Path

from tinydb import Query
from tinydb.table import Table

from ..core import clock
from ..core.repository import OwnPhrase
from .backups import BackupRotation
from .safe_storage import SafeStorage

PHRASES = "phrases"
PHRASES_SCHEMA = 1
PHRASES_MIGRATIONS: dict = {}
KEEP_RECENT, KEEP_DAYS = 5, 7


def phrases_storage(path: Path, read_only: bool) -> SafeStorage:
    rotation = BackupRotation(path, keep_recent=KEEP_RECENT, keep_days=KEEP_DAYS)
    rotation.copy_new_files = True      # own phrases, like the months, are never without a backup
    return SafeStorage(path, kind="phrases", schema=PHRASES_SCHEMA, migrations=PHRASES_MIGRATIONS, read_only=read_only,
                       backups=rotation)


def _now() -> str:
    """When a phrase changed, to the millisecond: of two changes on two computers, the later wins."""
    return clock.to_precise_iso(clock.now())


def _time_or_none(stamp: object) -> str | None:
    """A stored change time as the reader accepts it, else none (what the reader refuses, export never writes)."""
    try:
        clock.from_iso(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return stamp  # type: ignore[return-value]


class OwnPhrases:
    """Each change is one write of the file (TinyDB's upsert would write a new phrase twice)."""

    def __init__(self, storage: SafeStorage):
        self.storage = storage
        self._table = Table(storage, PHRASES, cache_size=0)

    def all(self) -> list[OwnPhrase]:
        return [OwnPhrase(doc["text"], doc.get("category"), bool(doc.get("lands_well")), _time_or_none(doc.get("updated_at")))
                for doc in self._table.all() if isinstance(doc.get("text"), str)]

    def records(self) -> list[dict]:
        return [dict(doc) for doc in self._table.all()]

    def keep(self, phrase: OwnPhrase) -> None:
        """Keep a phrase, or update the one with the same words."""
        record = {"text": phrase.text, "category": phrase.category, "lands_well": phrase.lands_well,
                  "updated_at": _now()}
        same = self._doc_ids(phrase.text)
        if same:
            self._table.update(record, doc_ids=same)
        else:
            self._table.insert(record)

    def rename(self, old_text: str, new_text: str) -> None:
        """New words for a kept phrase. If the new words are kept already, the two become one (it
        lands well if either did). One write."""
        if old_text == new_text:
            return
        old, target = self._doc_ids(old_text), self._doc_ids(new_text)
        if not old:
            return
        if not target:
            self._table.update({"text": new_text, "updated_at": _now()}, doc_ids=old[:1])
            if old[1:]:
                self._table.remove(doc_ids=old[1:])
            return
        lands_well = any(bool(self._table.get(doc_id=d).get("lands_well")) for d in old + target)  # type: ignore[union-attr]

        def merge(tables: dict) -> None:
            docs = tables.setdefault(PHRASES, {})
            for doc_id in old:
                docs.pop(str(doc_id), None)
            for doc_id in target:
                docs[str(doc_id)]["lands_well"] = lands_well
                docs[str(doc_id)]["updated_at"] = _now()

        self._rewrite(merge)

    def forget(self, text: str) -> None:
        same = self._doc_ids(text)
        if same:
            self._table.remove(doc_ids=same)

    def _doc_ids(self, text: str) -> list[int]:
        return [doc.doc_id for doc in self._table.search(Query().text == text)]

    def _rewrite(self, change) -> None:
        """Several changes of the file in one write."""
        tables = self.storage.read() or {}
        change(tables)
        self.storage.write(tables)
