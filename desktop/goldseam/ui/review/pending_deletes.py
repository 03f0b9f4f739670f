"""Delete with undo: a deleted moment leaves the list at once but stays on disk until the undo
time has passed (or the window closes). A crash before then loses nothing; after it, the
moment is gone as the person asked.

A delete that comes due is written on the thread pool: the journal may be busy with an import
for seconds, and the window must not wait for it (issue 19, item 5). Closing writes what is
still pending at once, on the GUI thread; quitting waits for the pool's work (app.py)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ...core.repository import MomentRepository
from ...core.review_filter import ReviewEntry
from ...storage.errors import StorageError
from ..application.background import start_in_background
from .moment_model import MomentListModel

UNDO_SECONDS = 10


class PendingDeletes(QObject):
    pending_changed = Signal(int)       # how many deletes can still be undone
    written = Signal(int)               # how many deletes just reached the disk
    failed = Signal(object)             # a StorageError; the moment is back in the list

    def __init__(self, repository: MomentRepository, model: MomentListModel,
                 undo_seconds: float = UNDO_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self._repository = repository
        self._model = model
        self.undo_seconds = undo_seconds
        self._pending: list[tuple[float, ReviewEntry]] = []     # (when it reaches the disk, entry), oldest first
        self._timer = QTimer(self, singleShot=True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)    # a coarse timer may fire 5 % early
        self._timer.timeout.connect(self._write_due)

    def delete(self, moment_id: str) -> bool:
        entry = self._model.remove_id(moment_id)
        if entry is None:
            return False
        self._model.withhold(moment_id)     # a reload meanwhile does not bring it back
        self._pending.append((time.monotonic() + self.undo_seconds, entry))
        self._arm()
        self.pending_changed.emit(len(self._pending))
        return True

    def undo(self) -> ReviewEntry | None:
        """Put the last deleted moment back; None when there is nothing to undo."""
        if not self._pending:
            return None
        _, entry = self._pending.pop()
        self._model.put_back(entry)
        self._arm()
        self.pending_changed.emit(len(self._pending))
        return entry

    def count(self) -> int:
        return len(self._pending)

    def ids(self) -> set[str]:
        return {entry.id for _, entry in self._pending}

    def flush(self) -> None:
        """Write every pending delete now, here (the window closes)."""
        due, self._pending = self._pending, []
        self._written([(entry, self._delete(entry)) for _, entry in due])
        self._arm()
        if due:
            self.pending_changed.emit(0)

    def _write_due(self) -> None:
        now = time.monotonic()
        count = sum(1 for due, _ in self._pending if due <= now)
        due, self._pending = self._pending[:count], self._pending[count:]
        self._arm()
        if not due:
            return
        self.pending_changed.emit(len(self._pending))
        entries = [entry for _, entry in due]       # still held out of the list until written
        start_in_background(self, lambda: [(entry, self._delete(entry)) for entry in entries],
                            lambda outcome, error: self._written(outcome or []))

    def _delete(self, entry: ReviewEntry) -> StorageError | None:
        try:
            self._repository.delete(entry.id)
        except StorageError as error:
            return error
        return None

    def _written(self, outcome: list[tuple[ReviewEntry, StorageError | None]]) -> None:
        done = 0
        for entry, error in outcome:
            if error is not None:
                self._model.put_back(entry)
                self.failed.emit(error)
            else:
                self._model.release(entry.id)
                done += 1
        if done:
            self.written.emit(done)

    def _arm(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        wait = max(0.0, self._pending[0][0] - time.monotonic())
        self._timer.start(int(wait * 1000) + 1)
