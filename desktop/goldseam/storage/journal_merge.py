"""The rules of a merge (an import, "Bring in an export", a restore), on records in memory.

Which copy of a moment is kept: the one changed later (its `updated_at`, to the microsecond);
two copies changed at the same instant with other words are both kept, the incoming one beside
yours under an id of its own and a tag that says where it came from, never dropped in silence.
Own phrases merge by their words, the later change winning. The new contents of each file are
built here in memory and written by the journal as one transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable

from ..core.moment import MAX_TAGS, RepairMoment
from ..core.transfer_format import CheckedRecords
from ..core.repository import OwnPhrase
from ..i18n import _
from .journal_parts import MOMENTS

PHRASES = "phrases"
# Ids of copies kept beside a moment: derived from the copy itself, so the same file brought in
# twice gives the same copy once.
_COPY_IDS = "6f1c7c2e-2b1e-4c55-9a43-6f0d1e9b7a31"
_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def instant(stamp: object) -> datetime:
    """Sort by the moment in time, not the text: offsets differ across travel and DST."""
    try:
        value = datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return _EARLIEST
    return value if value.tzinfo is not None else _EARLIEST


def canonical(moment_id: object) -> object:
    """UUIDs compare case-insensitively: an export whose ids were upper-cased is the same moments."""
    return moment_id.lower() if isinstance(moment_id, str) else moment_id


def incoming_records(moments: Iterable[RepairMoment] | CheckedRecords) -> tuple[int, dict[object, dict[str, Any]]]:
    """How many moments came, and their records by id (of one id given twice, the later change).
    CheckedRecords (an export file as parse read it) are taken as they are: already checked, and in
    the stored form."""
    records = moments if isinstance(moments, CheckedRecords) else (moment.to_dict() for moment in moments)
    incoming: dict[object, dict[str, Any]] = {}
    total = 0
    for record in records:
        total += 1
        key = canonical(record["id"])
        if key not in incoming or instant(record["updated_at"]) > instant(incoming[key]["updated_at"]):
            incoming[key] = record
    return total, incoming


def same_words(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two copies of a moment hold the same: every field (the records are to_dict() forms)."""
    return _comparable(one) == _comparable(other)


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    compared = dict(record)
    compared.pop("schema", None)
    compared["id"] = canonical(compared.get("id"))
    return compared


def beside_copy(record: dict[str, Any]) -> dict[str, Any]:
    """The incoming copy of a moment kept beside yours (same time, other words): an id of its own,
    derived from what it holds, and a tag saying it came from another computer."""
    text = json.dumps(_comparable(record), sort_keys=True, ensure_ascii=False)
    copy = dict(record)
    import hashlib  # here, not at start-up: hashlib and uuid load OpenSSL (3.7 MiB) and `platform`
    import uuid

    copy["id"] = str(uuid.uuid5(uuid.UUID(_COPY_IDS), hashlib.sha256(text.encode("utf-8")).hexdigest()))
    tag = _("from another computer")
    tags = list(record.get("tags") or [])
    if tag not in tags and len(tags) < MAX_TAGS:
        tags.append(tag)
    copy["tags"] = tags
    return copy


class PartEdits:
    """The new contents of the files a merge changes, each built from what the file holds now
    (`read(name)`: its tables) and written later in one go."""

    def __init__(self, read):
        self._read = read
        self.files: dict[str, dict[str, Any]] = {}
        # The next document id of each table added to, with the table's size then: an import adds
        # thousands of records to a part, and finding the largest id again for each was quadratic.
        self._next: dict[int, tuple[int, int]] = {}
        # Records whose stored JSON text is known (record, text), by id(record): encoded once, when
        # a month is planned, and written with that text (SafeStorage.serialized).
        self.encoded: dict[int, tuple[dict[str, Any], str]] = {}

    def rows(self, name: str, table: str = MOMENTS) -> dict[str, Any]:
        if name not in self.files:
            self.files[name] = {t: dict(rows) for t, rows in (self._read(name) or {}).items()}
        return self.files[name].setdefault(table, {})

    def replace(self, name: str, key: object, record: dict[str, Any]) -> None:
        """The moment `key` of part `name` becomes `record` (any second copy of it there goes)."""
        rows = self.rows(name)
        found = [doc_id for doc_id, r in rows.items() if isinstance(r, dict) and canonical(r.get("id")) == key]
        for doc_id in found[1:]:
            del rows[doc_id]
        rows[found[0] if found else _next_id(rows)] = record

    def remove(self, name: str, key: object) -> None:
        rows = self.rows(name)
        for doc_id in [d for d, r in rows.items() if isinstance(r, dict) and canonical(r.get("id")) == key]:
            del rows[doc_id]

    def add(self, name: str, record: dict[str, Any], table: str = MOMENTS, text: str | None = None) -> None:
        """Add `record` to a table of `name`; `text`: its stored JSON text, when already made."""
        rows = self.rows(name, table)
        size, doc_id = self._next.get(id(rows), (-1, 0))
        if size != len(rows):       # changed since (or never added to): one past the largest, as TinyDB gives
            doc_id = int(_next_id(rows))
        rows[str(doc_id)] = record
        self._next[id(rows)] = (len(rows), doc_id + 1)
        if text is not None:
            self.encoded[id(record)] = (record, text)

    def text_of(self, record: object) -> str | None:
        """The stored JSON text of `record` when it was added with it (the very same object)."""
        known = self.encoded.get(id(record))
        return known[1] if known is not None and known[0] is record else None


def _next_id(rows: dict[str, Any]) -> str:
    """TinyDB's next document id: one past the largest."""
    return str(max((int(k) for k in rows if str(k).isdigit()), default=0) + 1)


def merge_phrases(rows: dict[str, Any], phrases: Iterable[OwnPhrase]) -> int:
    """Bring `phrases` into the phrase table `rows` (changed in place): a phrase whose words are new
    is added; one already kept takes the incoming category and mark when they were changed later.
    How many came in."""
    by_text = {r.get("text"): doc_id for doc_id, r in rows.items() if isinstance(r, dict)}
    came = 0
    for phrase in phrases:
        record: dict[str, Any] = {"text": phrase.text, "category": phrase.category, "lands_well": phrase.lands_well}
        if phrase.updated_at is not None:
            record["updated_at"] = phrase.updated_at
        doc_id = by_text.get(phrase.text)
        if doc_id is None:
            doc_id = _next_id(rows)
            by_text[phrase.text] = doc_id
        elif not (phrase.updated_at is not None and
                  instant(phrase.updated_at) > instant(rows[doc_id].get("updated_at"))):
            continue
        rows[doc_id] = record
        came += 1
    return came
