"""Reading moments: one by id, a month, the newest few, all of them, a search, and the counts.

Apart from writing because a read reads as little as it can and keeps no part it does not need:
the home screen reads the newest month, the look back a month at a time, and a reading of the
whole journal holds no more than one part open at a time.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from ..core.moment import RepairMoment
from ..core.moment_search import matches, query_words, searchable_text
from .errors import CorruptFile
from .journal_homes import _copy_rank
from .journal_index import stamp_of
from .journal_merge import canonical as _canonical, instant as _instant
from .journal_parts import MOMENTS, UNDATED, Part, by_month_newest_first, months_newest_first, names_in
from .moment_records import has_plain_form, readable_moment

_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def _newest_first_order(records: list) -> list[int]:
    """Where each record is, newest first; of moments made in the same second, the one written later first."""
    return sorted(range(len(records)), reverse=True,
                  key=lambda n: (_instant(records[n].get("created_at")) if isinstance(records[n], dict) else _EARLIEST, n))


class JournalReading:
    """The Journal's reads (a base of Journal, which holds the lock around each public one)."""

    def read_at_open(self) -> None:
        """Read what the home screen shows (own phrases, the newest month), so trouble shows now."""
        try:
            self._phrase_storage.read()
        except CorruptFile as problem:
            self._add_problem(problem)
        self.recent(1)

    def _read(self, name: str, keep: bool = False) -> dict[str, Any]:
        """The tables of a part; {} if it is missing or could not be understood (then it is set
        aside when writing is allowed, and listed in `problems`)."""
        storage = self._reader(name, keep)
        try:
            return storage.read() or {}
        except CorruptFile as problem:
            self._add_problem(problem)
            return {}

    def _records(self, name: str, keep: bool = False) -> list[Any]:
        return list((self._read(name, keep).get(MOMENTS) or {}).values())

    def _records_read(self, name: str) -> tuple[list[Any], bool]:
        """The records of a part, and whether they were read just now with the part's checksum
        matching (Goldseam's own bytes: SafeStorage.intact)."""
        storage = self._reader(name)
        try:
            return list(((storage.read() or {}).get(MOMENTS) or {}).values()), storage.intact
        except CorruptFile as problem:
            self._add_problem(problem)
            return [], False

    def _add_problem(self, problem: CorruptFile) -> None:
        if all(p.path != problem.path for p in self.problems):
            self.problems.append(problem)

    def get(self, moment_id: str) -> RepairMoment | None:
        key = _canonical(moment_id)
        name = self._home(key)
        if name is None:
            return None
        record = next((r for r in self._records(name, keep=True)
                       if isinstance(r, dict) and _canonical(r.get("id")) == key), None)
        return readable_moment(record) if record is not None else None

    def months(self) -> list[str]:
        """The months that hold moments, newest first ("undated" last): from the names of the parts."""
        if self._single is not None:
            return ["single"]
        parts = self._list_parts()
        months = [month[0].month for month in by_month_newest_first(parts)]
        return months + ([UNDATED] if any(part.month == UNDATED for part in parts) else [])

    def moments_of(self, month: str) -> list[RepairMoment]:
        """The readable moments of one month, newest first. A moment in two parts (a move cut short)
        is given once here; across months the copy with the newer `updated_at` is the one to keep.

        The look back reads the whole journal this way. A part Goldseam wrote (its checksum
        matching) in which the index, checked against the part's size, time and inode, counted no
        record the reader refuses, is trusted as the export trusts it: each record's form is
        checked (has_plain_form), not each value again. Any other part is read value by value."""
        if self._single is not None:
            names = [self._single.name]
        else:
            names = [part.file for part in self._list_parts() if part.month == month]
        index = None if self._single is not None else self._loaded_index()
        records: list[Any] = []
        trusted: list[bool] = []
        for name in names:
            stamp = stamp_of(self._path(name)) if index is not None else None     # before the read, as the export
            part, intact = self._records_read(name)
            records += part
            trusted += [intact and index is not None and index.vouches(name, stamp)] * len(part)
        return self._newest_readable(records, len(records), trusted)

    def search(self, text: str) -> Iterator[RepairMoment]:
        """Moments holding every word of `text` in any field (accent- and case-insensitive), newest
        first, a month at a time (the lock is let go between months)."""
        words = query_words(text)
        for month in self.months():
            for moment in self.moments_of(month):
                if matches(words, searchable_text(moment)):
                    yield moment

    def recent(self, limit: int) -> list[RepairMoment]:
        """The newest few, for the home screen: the newest month, and older ones only until there
        are `limit` readable moments (this runs before the first paint)."""
        gathered: list[Any] = []
        if self._single is not None:
            months: Iterable[list[Part]] = [[Part("single", 1)]]
        elif self._parts is not None:
            months = by_month_newest_first(self._parts)
        else:
            months = months_newest_first(names_in(self.folder))
        found: list[RepairMoment] = []
        for month in months:
            for part in month:
                gathered += self._records(part.file, keep=True)
            found = self._newest_readable(gathered, limit)
            if len(found) >= limit:
                break
        return found

    @staticmethod
    def _newest_readable(records: list[Any], limit: int, trusted: list[bool] | None = None) -> list[RepairMoment]:
        found: list[RepairMoment] = []
        seen: set[object] = set()
        for n in _newest_first_order(records):
            record = records[n]
            if trusted is not None and trusted[n] and has_plain_form(record):
                moment = RepairMoment.from_plain(record)
            else:
                moment = readable_moment(record)
            if moment is not None and _canonical(moment.id) not in seen:
                seen.add(_canonical(moment.id))
                found.append(moment)
                if len(found) == limit:
                    break
        return found

    def all(self) -> list[RepairMoment]:
        """Every readable moment, newest first. A record this version cannot read (edited by hand,
        or from a newer Goldseam) is skipped here, left in its file untouched, and counted."""
        moments: dict[object, tuple[tuple, RepairMoment]] = {}
        for name in self._part_names():
            for record in self._records(name):
                moment = readable_moment(record)
                if moment is not None:
                    key, rank = _canonical(moment.id), _copy_rank(name, record)
                    if key not in moments or rank > moments[key][0]:     # a move cut short: the newer copy
                        moments[key] = (rank, moment)
        return sorted((m for _, m in moments.values()), key=lambda m: (_instant(m.created_at), m.id), reverse=True)

    def unreadable(self) -> Iterator[int | None]:
        """How many stored moments this version cannot read. Yields None first (the caller lets the
        window paint), then checks the index against the parts (reading only the parts that changed
        since it was written) and yields the count."""
        yield None
        yield self.count_unreadable()

    def count_unreadable(self) -> int:
        return self._loaded_index().unreadable()

    def count(self) -> int:
        return self._loaded_index().count()
