"""A read the window makes only when the journal is free (issue 19, item 5).

Every call into the journal holds its lock, and an import holds it for seconds: a reminder that
came due during an import of 10,000 moments kept the window from answering until the import ended
(1.3 to 3.4 s, measured), only to show the words the person meant to say. The window asks here
instead, and when the journal is busy it says so at once: the caller uses what it read before, or
asks again on the thread pool.
"""

from __future__ import annotations

from typing import Any

from ..core.moment import RepairMoment


class _Busy:
    def __repr__(self) -> str:
        return "BUSY"


BUSY: Any = _Busy()     # another thread holds the journal now


def get_if_free(journal: Any, moment_id: str) -> RepairMoment | None | Any:
    """`journal.get(moment_id)` if no other thread holds the journal at this instant, else BUSY.
    A repository without the journal's lock (a test's) is simply asked. Raises what `get` raises."""
    lock = getattr(journal, "_lock", None)      # storage.journal.Journal's (through a WatchedJournal too)
    if lock is None or not hasattr(lock, "acquire"):
        return journal.get(moment_id)
    if not lock.acquire(blocking=False):
        return BUSY
    try:
        return journal.get(moment_id)
    finally:
        lock.release()
