"""The journal: finished (and exported-unfinished) moments, and the person's own phrases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from tinydb import Query, TinyDB
from tinydb.table import Table

from ..core.moment import RepairMoment
from .moment_records import count_unreadable, is_plain_record, readable_moment, writable_record

MOMENTS = "moments"
PHRASES = "phrases"

JOURNAL_SCHEMA = 1
# Forward migrations of journal.json, keyed by the schema they upgrade from.
JOURNAL_MIGRATIONS: dict = {}

_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def _instant(stamp: object) -> datetime:
    """Sort by the moment in time, not the text: offsets differ across travel and DST."""
    try:
        return datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return _EARLIEST


def _canonical(moment_id: object) -> object:
    """UUIDs compare case-insensitively: an export whose ids were upper-cased is the same moments."""
    return moment_id.lower() if isinstance(moment_id, str) else moment_id


@dataclass
class OwnPhrase:
    text: str
    category: str | None = None
    lands_well: bool = False


@dataclass
class ImportResult:
    added: int
    skipped: int


class Journal:
    def __init__(self, db: TinyDB):
        self._db = db
        self.reload()

    def reload(self) -> None:
        """Start afresh from what is on disk: after a restore, no id, index or cache of the
        replaced file may survive (TinyDB's next id would overwrite restored moments)."""
        self._db.storage.reload()
        self._moments = Table(self._db.storage, MOMENTS, cache_size=0)
        self._phrases = Table(self._db.storage, PHRASES, cache_size=0)
        self._doc_ids: dict[object, int] | None = None   # canonical moment id -> TinyDB doc id

    def _index(self) -> dict[object, int]:
        """Which document holds which moment: built once, so a save is one write, never a scan."""
        if self._doc_ids is None:
            self._doc_ids = {_canonical(doc.get("id")): doc.doc_id for doc in self._moments.all()}
        return self._doc_ids

    def save(self, moment: RepairMoment) -> None:
        """Insert a new moment, or replace the one with the same id. One write; a moment the
        reader would refuse is never written (InvalidMoment)."""
        record = writable_record(moment)
        index = self._index()
        doc_id = index.get(_canonical(moment.id))
        if doc_id is None:
            index[_canonical(moment.id)] = self._moments.insert(record)
        else:
            self._moments.update(record, doc_ids=[doc_id])

    def all(self) -> list[RepairMoment]:
        """Every readable moment, newest first. A record this version cannot read (edited
        by hand, or from a newer Goldseam) is skipped here, left in the file untouched,
        and counted by `unreadable()`."""
        moments = [m for m in map(readable_moment, self._moments.all()) if m is not None]
        moments.sort(key=lambda m: (_instant(m.created_at), m.id), reverse=True)
        return moments

    def readable_records(self) -> tuple[list[tuple[dict[str, Any], str | None]], int]:
        """For export: every readable moment as its plain to_dict() record with the record's JSON
        text as the file holds it (None where there is none to reuse), oldest first, and how many
        stored moments were left out because this version cannot read them. A record in the form
        Goldseam writes is checked in place, not rebuilt; the records are the stored ones: read only."""
        records = list(self._records())
        stored = self._db.storage.stored_texts(MOMENTS) or [None] * len(records)
        readable: list[tuple[dict[str, Any], str | None]] = []
        for record, text in zip(records, stored):
            if is_plain_record(record):
                readable.append((record, text))
            elif (moment := readable_moment(record)) is not None:
                readable.append((moment.to_dict(), None))
        readable.sort(key=lambda pair: (_instant(pair[0]["created_at"]), pair[0]["id"]))
        return readable, len(records) - len(readable)

    def recent(self, limit: int) -> list[RepairMoment]:
        """The newest few, for the home screen: sorts the stored records as they are,
        without copying every one into a TinyDB Document first (this runs before the first paint)."""
        newest = sorted(self._records(), key=lambda d: _instant(d.get("created_at")), reverse=True)
        readable = (m for m in map(readable_moment, newest) if m is not None)
        return [m for _, m in zip(range(limit), readable)]

    def unreadable(self) -> Iterator[int | None]:
        """How many stored moments this version cannot read, counted in batches (see count_unreadable)."""
        return count_unreadable(list(self._records()))

    def _records(self):
        tables = self._db.storage.read() or {}
        return tables.get(MOMENTS, {}).values()

    def count(self) -> int:
        return len(self._moments)

    def get(self, moment_id: str) -> RepairMoment | None:
        doc_id = self._index().get(_canonical(moment_id))
        doc = self._moments.get(doc_id=doc_id) if doc_id is not None else None
        return readable_moment(doc) if doc else None

    def import_moments(self, moments: list[RepairMoment]) -> ImportResult:
        """Add moments whose id is new, all in one write; count the ones already here.
        `moments` come from the reader (transfer_format.parse), so they pass its checks already."""
        index = self._index()
        fresh: dict[object, RepairMoment] = {}
        for moment in moments:
            key = _canonical(moment.id)
            if key not in index and key not in fresh:
                fresh[key] = moment
        if fresh:
            doc_ids = self._moments.insert_multiple([m.to_dict() for m in fresh.values()])
            index.update(zip(fresh.keys(), doc_ids))
        return ImportResult(added=len(fresh), skipped=len(moments) - len(fresh))

    # -- own phrases ----------------------------------------------------------

    def own_phrases(self) -> list[OwnPhrase]:
        return [
            OwnPhrase(doc["text"], doc.get("category"), bool(doc.get("lands_well")))
            for doc in self._phrases.all()
            if isinstance(doc.get("text"), str)
        ]

    def keep_phrase(self, phrase: OwnPhrase) -> None:
        """Keep a phrase, or update the one with the same words: one write either way
        (TinyDB's upsert writes the whole journal twice for a new phrase)."""
        record = {"text": phrase.text, "category": phrase.category, "lands_well": phrase.lands_well}
        same = [doc.doc_id for doc in self._phrases.search(Query().text == phrase.text)]
        if same:
            self._phrases.update(record, doc_ids=same)
        else:
            self._phrases.insert(record)


def merge_journal_data(base: dict, since: dict) -> dict:
    """The tables of `base` (a restored backup) plus the moments and phrases of `since` (what was
    written after the damage) that it lacks, as they are, readable or not: a restore keeps both."""
    merged = {name: dict(table) for name, table in base.items()}
    for name, key_of in ((MOMENTS, lambda r: _canonical(r.get("id"))), (PHRASES, lambda r: r.get("text"))):
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
