"""Keeps the unfinished repair safe: debounced autosave, retry after a failure,
and the move into the journal when the person saves the moment.

Autosave waits for a short pause in typing (AUTOSAVE_DELAY_MS), but never longer than
AUTOSAVE_MAX_WAIT_MS after the first unsaved edit: someone writing steadily for minutes
has their words on disk every couple of seconds, not only when they stop."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.moment import RepairMoment
from ...storage.drafts import DraftStore
from ...storage.errors import StorageError
from ...core.repository import MomentRepository

AUTOSAVE_DELAY_MS = 500
AUTOSAVE_MAX_WAIT_MS = 2000
RETRY_DELAY_MS = 5000


class DraftKeeper(QObject):
    saved = Signal()
    save_failed = Signal(object)   # the StorageError, for the UI to explain

    def __init__(self, drafts: DraftStore, journal: MomentRepository, parent: QObject | None = None):
        super().__init__(parent)
        self._drafts = drafts
        self._journal = journal
        self.moment: RepairMoment | None = None
        self.dirty = False
        self.last_error: StorageError | None = None
        self._debounce = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._debounce.timeout.connect(self.flush)
        self._max_wait = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_DELAY_MS)
        self._retry.timeout.connect(self.flush)
        self._closed = False

    def start_new(self) -> RepairMoment:
        self.moment = RepairMoment()
        self.dirty = True
        self.flush()
        return self.moment

    def resume(self, moment: RepairMoment) -> RepairMoment:
        self.moment = moment
        self.dirty = False
        return moment

    def edited(self) -> None:
        """Something changed on screen: save it once typing pauses, or within the
        maximum wait if typing goes on."""
        if self.moment is None:
            return
        self.moment.touch()
        self.dirty = True
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def flush(self) -> bool:
        """Save now if anything is unsaved. True when everything on screen is on disk."""
        self._debounce.stop()
        self._max_wait.stop()
        if self.moment is None or not self.dirty:
            return True
        if self._closed:
            return False        # after shutdown the data folder is closed: nothing is written
        try:
            self._drafts.save(self.moment)
        except StorageError as error:
            self._failed(error)
            return False
        self.dirty = False
        self.last_error = None
        self._retry.stop()
        self.saved.emit()
        return True

    def finish(self) -> bool:
        """Move the moment into the journal. On failure nothing is lost: the draft stays."""
        if self.moment is None:
            return False
        self.moment.completed = True
        self.moment.touch()
        self.moment.finished_at = self.moment.updated_at
        try:
            self._journal.save(self.moment)
        except StorageError as error:
            self.moment.completed = False
            self.moment.finished_at = None
            self.dirty = True
            self._failed(error)
            return False
        self._forget_draft()
        return True

    def discard(self) -> bool:
        """Forget the unfinished repair, on screen and on disk."""
        return self._forget_draft(report=True)

    def _forget_draft(self, report: bool = False) -> bool:
        self._debounce.stop()
        self._max_wait.stop()
        self._retry.stop()
        self.moment = None
        self.dirty = False
        try:
            self._drafts.discard()
        except StorageError as error:
            # After finishing, the moment is in the journal and a leftover draft with
            # the same id is harmless (saving it again replaces, never duplicates).
            if report:
                self.last_error = error
            return False
        return True

    def current_or_saved(self) -> RepairMoment | None:
        """The unfinished repair: the one on screen, else the one kept on disk (None if neither
        is there or the draft cannot be read)."""
        if self.moment is not None:
            return self.moment
        try:
            return self._drafts.load()
        except StorageError:
            return None

    def shutdown(self) -> None:
        """Quitting: what is typed is saved one last time, and no timer saves after."""
        self.flush()
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.stop()
        self._closed = True

    def _failed(self, error: StorageError) -> None:
        self.last_error = error
        if not self._closed:
            self._retry.start()
        self.save_failed.emit(error)
