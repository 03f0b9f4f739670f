"""The one "journal changed" event of the window. Every part that writes to the journal gets
its own WatchedJournal, which says after each write what it added, changed or removed and from
where; home, the look back and the promise keeper listen to JournalEvents.changed alone."""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QObject, QThread, Signal

from ..core.journal_change import JournalChange


class JournalEvents(QObject):
    changed = Signal(object)        # a JournalChange, always delivered on the GUI thread
    _arrived = Signal(object)       # from any thread; handed on to `changed` by the event loop

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        # Emitted from worker threads only, so the automatic connection queues it to this (the GUI)
        # thread: no Qt.ConnectionType, whose Qt namespace costs about 15 ms before the first paint.
        self._arrived.connect(self.changed)
        self._closed = False

    def announce(self, change: JournalChange) -> None:
        """Heard at once when said on the GUI thread; from a worker thread, it is handed to the
        GUI thread and heard there, after the write."""
        if self._closed:
            return
        if QThread.currentThread() == self.thread():
            self.changed.emit(change)
        else:
            self._arrived.emit(change)

    def shutdown(self) -> None:
        """Nothing is announced after the window's parts have shut down."""
        self._closed = True

    def journal_for(self, journal, origin: str) -> "WatchedJournal":
        return WatchedJournal(journal, self, origin)


class WatchedJournal:
    """The journal as one part of the window writes to it: reads pass straight through, and
    each write that reached the disk is announced once with this part's origin."""

    def __init__(self, journal, events: JournalEvents, origin: str):
        self._journal = journal
        self._events = events
        self.origin = origin

    def __getattr__(self, name: str) -> Any:
        return getattr(self._journal, name)

    def _announce(self, **what) -> None:
        self._events.announce(JournalChange(origin=self.origin, **what))

    def save(self, moment) -> bool:
        added = self._journal.save(moment)
        key = frozenset({moment.id})
        self._announce(**({"added": key} if added else {"changed": key}))
        return added

    def delete(self, moment_id: str) -> bool:
        gone = self._journal.delete(moment_id)
        if gone:
            self._announce(removed=frozenset({moment_id}))
        return gone

    def import_moments(self, moments: Iterable, phrases: Iterable = ()):
        result = self._journal.import_moments(moments, phrases)
        self._announce(everything=True)
        return result
