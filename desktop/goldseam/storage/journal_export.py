"""The journal's export: every readable moment, oldest first, read as one moment in time.

Apart from the rest of the journal because an export reads differently: a month at a time, under
the lock only while it reads a part, with each record's stored text kept (written out as it is),
and the state of every file noted so a change made meanwhile ends it with JournalChanged rather
than a mix of before and after.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterator

from ..core.repository import OwnPhrase
from .errors import CorruptFile, JournalChanged
from .journal_index import stamp_of
from .journal_merge import canonical as _canonical, instant as _instant
from .journal_parts import MOMENTS, PHRASES_FILE, Part, by_month_newest_first, list_parts
from .journal_transaction import in_progress
from .moment_records import has_plain_form, is_plain_record, readable_moment

if TYPE_CHECKING:
    from .journal import Journal


class ExportStream:
    """Readable moments oldest first, a month at a time, as (to_dict() record, the record's stored JSON
    text or None); `left_out` counts, once the stream is read to its end, the stored moments this
    version cannot read (kept in the journal).

    One moment in time: each part is read under the journal's lock with the size, time and inode
    its file had; once every part is read they are looked at again, and if any changed (a save or
    an import, in this process or another) the stream ends with JournalChanged instead of a whole."""

    def __init__(self, journal: "Journal", texts: bool = True):
        self._journal = journal
        self._texts = texts         # False: every stored text None (a Markdown export writes none of them)
        self.left_out = 0
        self._stamps: dict[str, object] = {}

    def __iter__(self) -> Iterator[tuple[dict[str, Any], str | None]]:
        journal = self._journal
        with journal._lock:
            if journal._single is None and in_progress(journal.folder):
                raise JournalChanged(unfinished=True)
            if journal.read_only:       # another Goldseam may have written since: nothing read earlier is kept
                journal.reload()
            home = journal._homes_if_doubled()
            months = journal._months_oldest_first()
        for month in months:
            chosen: dict[object, tuple[dict[str, Any], str | None]] = {}
            for part in month:
                with journal._lock:
                    stamp = self._stamps[part.file] = stamp_of(journal._path(part.file))
                    records, texts, intact = journal._read_with_texts(part.file, self._texts)
                    # Goldseam's own bytes (checksum), every record readable when the index counted them.
                    trusted = intact and journal._loaded_index().vouches(part.file, stamp)
                for record, text in zip(records, texts):
                    key = _canonical(record.get("id")) if isinstance(record, dict) else None
                    if home is not None and key is not None and home.get(key, part.file) != part.file:
                        continue            # the older copy left by a move cut short
                    if (trusted and has_plain_form(record)) or is_plain_record(record):
                        item = (record, text)
                    elif (moment := readable_moment(record)) is not None:
                        item = (moment.to_dict(), None)
                    else:
                        self.left_out += 1
                        continue
                    earlier = chosen.get(key)
                    if earlier is not None and _instant(earlier[0].get("updated_at")) >= _instant(item[0].get("updated_at")):
                        continue            # one id twice: the copy changed last, once
                    chosen[key] = item
            pairs = list(chosen.values())
            pairs.sort(key=_oldest_first)
            yield from pairs

    def phrases(self) -> list[OwnPhrase]:
        """The own phrases, read after the moments (their file's state is checked with the parts')."""
        journal = self._journal
        with journal._lock:
            if journal._single is not None:
                return journal._phrases.all()
            self._stamps[PHRASES_FILE] = stamp_of(journal._path(PHRASES_FILE))
            if journal.read_only:
                journal._phrase_storage.reload()    # read now, with the state just noted
            return journal._phrases.all()

    def verify(self) -> None:
        """JournalChanged unless every file read is as it was when read, and no part came or went."""
        journal = self._journal
        if journal._single is not None:
            return
        with journal._lock:
            if in_progress(journal.folder):
                raise JournalChanged()
            came = any(part.file not in self._stamps for part in list_parts(journal.folder))
            if came or any(stamp_of(journal._path(name)) != stamp for name, stamp in self._stamps.items()):
                raise JournalChanged()


def _oldest_first(pair: tuple[dict[str, Any], str | None]) -> tuple[datetime, str]:
    return _instant(pair[0]["created_at"]), pair[0]["id"]


class JournalExport:
    """The Journal's methods of an export (a base of Journal, which holds the lock around each)."""

    def export_stream(self, texts: bool = True) -> ExportStream:
        """The readable moments, oldest first, as (record, its stored JSON text or None); `texts=False`
        when the texts will not be used (each is then None)."""
        return ExportStream(self, texts)

    def stored_bytes(self) -> int:
        """The size of the moments on disk: an upper bound of the export's size, known without reading."""
        return sum((stamp_of(self._path(name)) or (0,))[0] for name in self._part_names())

    def _months_oldest_first(self) -> list[list[Part]]:
        if self._single is not None:
            return [[Part("single", 1)]]
        parts = self._list_parts()
        return [[part] for part in parts if part.order[0] == ""] + list(reversed(by_month_newest_first(parts)))

    def _read_with_texts(self, name: str, texts: bool = True) -> tuple[list[Any], list[str | None], bool]:
        """The records of a part, the JSON text of each as it stands in the file (None where not known,
        and everywhere when not `texts`), and whether the file was read just now with its checksum
        matching (SafeStorage.intact)."""
        storage = self._reader(name)
        try:
            records = list(((storage.read() or {}).get(MOMENTS) or {}).values())
        except CorruptFile as problem:     # an export must not leave a month out in silence
            self._add_problem(problem)
            raise
        return records, (texts and storage.stored_texts(MOMENTS)) or [None] * len(records), storage.intact
