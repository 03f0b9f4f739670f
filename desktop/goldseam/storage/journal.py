"""The journal: finished (and exported-unfinished) moments, and the person's own phrases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from tinydb import Query, TinyDB

from ..core.moment import MomentFormatError, RepairMoment

MOMENTS = "moments"
PHRASES = "phrases"


_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def readable_moment(record: object) -> RepairMoment | None:
    """The moment a stored record holds, or None if this version cannot read it."""
    try:
        return RepairMoment.from_dict(dict(record))  # type: ignore[call-overload]
    except (MomentFormatError, TypeError, ValueError):
        return None


def _instant(stamp: object) -> datetime:
    """Sort by the moment in time, not the text: offsets differ across travel and DST."""
    try:
        return datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return _EARLIEST


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
        self._moments = db.table(MOMENTS, cache_size=0)
        self._phrases = db.table(PHRASES, cache_size=0)
        self._doc_ids: dict[str, int] | None = None   # moment id -> TinyDB doc id

    def _index(self) -> dict[str, int]:
        """Which document holds which moment: built once, so a save is one write, never a scan."""
        if self._doc_ids is None:
            self._doc_ids = {doc.get("id"): doc.doc_id for doc in self._moments.all()}
        return self._doc_ids

    def save(self, moment: RepairMoment) -> None:
        """Insert a new moment, or replace the one with the same id. One write."""
        record = moment.to_dict()
        index = self._index()
        doc_id = index.get(moment.id)
        if doc_id is None:
            index[moment.id] = self._moments.insert(record)
        else:
            self._moments.update(record, doc_ids=[doc_id])

    def all(self) -> list[RepairMoment]:
        """Every readable moment, newest first. A record this version cannot read (edited
        by hand, or from a newer Goldseam) is skipped here and left in the file untouched."""
        moments = [m for m in map(readable_moment, self._moments.all()) if m is not None]
        moments.sort(key=lambda m: (_instant(m.created_at), m.id), reverse=True)
        return moments

    def recent(self, limit: int) -> list[RepairMoment]:
        """The newest few, for the home screen: sorts the stored records as they are,
        without copying every one into a TinyDB Document first (this runs before the first paint)."""
        tables = self._db.storage.read() or {}
        records = tables.get(MOMENTS, {}).values()
        newest = sorted(records, key=lambda d: _instant(d.get("created_at")), reverse=True)
        readable = (m for m in map(readable_moment, newest) if m is not None)
        return [m for _, m in zip(range(limit), readable)]

    def count(self) -> int:
        return len(self._moments)

    def get(self, moment_id: str) -> RepairMoment | None:
        doc_id = self._index().get(moment_id)
        doc = self._moments.get(doc_id=doc_id) if doc_id is not None else None
        return readable_moment(doc) if doc else None

    def import_moments(self, moments: list[RepairMoment]) -> ImportResult:
        """Add moments whose id is new, all in one write; count the ones already here."""
        index = self._index()
        fresh = [m for m in moments if m.id not in index]
        if fresh:
            doc_ids = self._moments.insert_multiple([m.to_dict() for m in fresh])
            index.update(zip((m.id for m in fresh), doc_ids))
        return ImportResult(added=len(fresh), skipped=len(moments) - len(fresh))

    # -- own phrases ----------------------------------------------------------

    def own_phrases(self) -> list[OwnPhrase]:
        return [
            OwnPhrase(doc["text"], doc.get("category"), bool(doc.get("lands_well")))
            for doc in self._phrases.all()
            if isinstance(doc.get("text"), str)
        ]

    def keep_phrase(self, phrase: OwnPhrase) -> None:
        self._phrases.upsert(
            {"text": phrase.text, "category": phrase.category, "lands_well": phrase.lands_well},
            Query().text == phrase.text,
        )
