"""The journal as it stands on disk, read the way Goldseam reads it, for tests that check what a
crash, a migration or a large round trip left behind (importable from every test folder: it sits
beside the top conftest.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.journal_parts import list_parts


def stored_records(journal_folder: Path) -> tuple[Counter, dict]:
    """How many times each moment id is stored over every part, and the records by id. Each part is
    read as Goldseam reads it, its checksum checked: a part cut short or mixed from two writes raises."""
    times: Counter = Counter()
    records: dict = {}
    for part in list_parts(Path(journal_folder)):
        data = part_storage(Path(journal_folder) / part.file, read_only=True).read() or {}
        for record in (data.get(MOMENTS) or {}).values():
            times[record["id"]] += 1
            records[record["id"]] = record
    return times, records
