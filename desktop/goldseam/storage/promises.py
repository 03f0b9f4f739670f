"""The times Goldseam promised to call the person back: a pause taken on its own while it
runs, and the reminders asked for with "I'll say it later".

A file of its own (promises.json), so the app finds them at start without reading the
journal, and a running pause survives a closed window, a crash or a restart. A pause
taken inside a repair lives in that repair's draft instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinydb import TinyDB
from tinydb.table import Document, Table

from ..core import clock
from ..core.moment import RepairMoment
from .moment_records import readable_moment, writable_record
from .tables import put

PAUSE = "pause"
REMINDERS = "reminders"
PROMISES_SCHEMA = 1
# Forward migrations of promises.json, keyed by the schema they upgrade from.
PROMISES_MIGRATIONS: dict = {}
_PAUSE_DOC = 1


@dataclass(frozen=True)
class Reminder:
    """Call the person back at `due_at` about the moment `moment_id` (saved in the journal)."""

    moment_id: str
    due_at: str


class PromiseStore:
    def __init__(self, db: TinyDB):
        self._db = db
        self.reload()

    def reload(self) -> None:
        self._db.storage.reload()
        self._pause = Table(self._db.storage, PAUSE, cache_size=0)
        self._reminders = Table(self._db.storage, REMINDERS, cache_size=0)

    # -- the pause taken on its own ------------------------------------------------

    def pause(self) -> RepairMoment | None:
        """The pause taken alone that is not yet come back from (a moment of kind "pause")."""
        doc = self._pause.get(doc_id=_PAUSE_DOC)
        moment = readable_moment(doc) if doc is not None else None
        return moment if moment is not None and moment.kind == "pause" else None

    def keep_pause(self, moment: RepairMoment) -> None:
        put(self._pause, _PAUSE_DOC, writable_record(moment))

    def drop_pause(self) -> None:
        if self._pause.contains(doc_id=_PAUSE_DOC):
            self._pause.remove(doc_ids=[_PAUSE_DOC])

    # -- reminders -----------------------------------------------------------------

    def reminders(self) -> list[Reminder]:
        """Every reminder still to give, the soonest first. Records this version cannot
        read are left where they are, untouched."""
        found = []
        for doc in self._reminders.all():
            moment_id, due_at = doc.get("moment_id"), doc.get("due_at")
            if isinstance(moment_id, str) and isinstance(due_at, str) and _is_time(due_at):
                found.append(Reminder(moment_id, due_at))
        return sorted(found, key=lambda r: clock.from_iso(r.due_at))

    def remind(self, reminder: Reminder) -> None:
        """Add a reminder, or move the one for the same moment to a new time: one write."""
        if not _is_time(reminder.due_at):
            raise ValueError("a reminder's time must be ISO 8601 with a UTC offset")
        record = {"moment_id": reminder.moment_id, "due_at": reminder.due_at}
        doc_id = self._doc_id_of(reminder.moment_id)
        if doc_id is None:
            self._reminders.insert(Document(record, doc_id=self._next_id()))
        else:
            put(self._reminders, doc_id, record)

    def forget_reminder(self, moment_id: str) -> None:
        doc_id = self._doc_id_of(moment_id)
        if doc_id is not None:
            self._reminders.remove(doc_ids=[doc_id])

    def _doc_id_of(self, moment_id: str) -> int | None:
        return next((doc.doc_id for doc in self._reminders.all() if doc.get("moment_id") == moment_id), None)

    def _next_id(self) -> int:
        return max((doc.doc_id for doc in self._reminders.all()), default=0) + 1


def _is_time(text: str) -> bool:
    try:
        clock.from_iso(text)
    except (TypeError, ValueError):
        return False
    return True
