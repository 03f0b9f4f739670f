"""The look back reads the journal on a worker thread, a month at a time, newest first, so the
first rows show while older months are still being read and the window never waits. The newest
month is sent alone (a screenful of it first); older ones a few months together."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from ...core.repository import MomentRepository
from ...core.review_filter import entry_for
from ...storage.errors import StorageError
from ..application.long_work import hand_back_when_away, long_work

# After the newest month the reader rests as long as it worked, while the first rows are laid out
# and painted: reading holds Python's lock (json, building the moments, folding the texts), and the
# GUI thread needs that lock for every call into Python a paint makes. Later months follow without
# rests: long_work hands the lock to the GUI thread within 0.5 ms whenever it asks (a scroll, a
# keystroke), and costs nothing while it does not. Resting after every month, as the reader did
# until issue 24, made the whole journal take about twice as long to arrive.
REST = 1.0
FIRST_PIECE = 30    # the newest month's newest moments, sent ahead of the rest of it
# After the newest month, whole months are sent together until they hold BATCH moments or
# BATCH_SECONDS have passed since the last sending: each sending costs the GUI thread a model
# insertion and a layout whatever its size (10,000 moments arrived in about 0.8 s sent month by
# month, 0.5 s so), and a slow disk still shows each month as it comes.
BATCH = 1000
BATCH_SECONDS = 0.1
QUEUED = Qt.ConnectionType.QueuedConnection     # always delivered on the loader's (GUI) thread


class _Relay(QObject):
    """Made on the GUI thread: what the worker emits on it reaches the loader queued."""
    month_loaded = Signal(int, object)
    finished = Signal(int)
    failed = Signal(int, object)


class _ReadMonths(QRunnable):
    def __init__(self, repository: MomentRepository, relay: _Relay, generation: int, stop: threading.Event,
                 done: threading.Event):
        super().__init__()
        self._repository, self._relay, self._generation, self._stop = repository, relay, generation, stop
        self._done = done
        hand_back_when_away()       # made on the GUI thread

    def run(self) -> None:
        try:
            with long_work():
                self._read()
        finally:
            self._done.set()

    def _read(self) -> None:
        try:
            first = rest = True
            waiting: list = []          # older months' entries not sent yet
            sent = time.perf_counter()
            for month in self._repository.months():
                began = time.perf_counter()
                if self._stop.is_set():
                    return
                moments = self._repository.moments_of(month)
                if first and len(moments) > FIRST_PIECE:    # a screenful first: folding long texts takes a while
                    self._relay.month_loaded.emit(self._generation, [entry_for(m) for m in moments[:FIRST_PIECE]])
                    moments = moments[FIRST_PIECE:]
                first = False
                waiting += [entry_for(moment) for moment in moments]
                if self._stop.is_set():
                    return
                if rest or len(waiting) >= BATCH or time.perf_counter() - sent >= BATCH_SECONDS:
                    self._relay.month_loaded.emit(self._generation, waiting)
                    waiting, sent = [], time.perf_counter()
                if rest:
                    self._stop.wait((time.perf_counter() - began) * REST)
                    rest = False
            if waiting:
                self._relay.month_loaded.emit(self._generation, waiting)
            self._relay.finished.emit(self._generation)
        except StorageError as error:
            self._tell_failed(error)
        except Exception as error:          # a bug: say it failed rather than load for ever, then show it
            self._tell_failed(StorageError(type(error).__name__))
            raise

    def _tell_failed(self, error: StorageError) -> None:
        self._relay.failed.emit(self._generation, error)


class JournalLoader(QObject):
    """`start()` reads the whole journal again; results of an earlier start are dropped."""
    month_loaded = Signal(object)       # list[ReviewEntry]: the newest month (in two pieces), then whole months, newest first
    finished = Signal()
    failed = Signal(object)             # a StorageError

    def __init__(self, repository: MomentRepository, parent: QObject | None = None,
                 pool: QThreadPool | None = None):
        super().__init__(parent)
        self._repository = repository
        self._pool = pool or QThreadPool.globalInstance()
        # Owned by the application, not the loader: a read under way may outlive the loader and still
        # has a relay to emit on (its connections to the loader go with the loader; nothing is
        # delivered), and the last reference a finished read drops is never the one that deletes it
        # (a QObject deleted on a worker thread brings the process down).
        self._relay = _Relay(QCoreApplication.instance())
        self._relay.month_loaded.connect(self._month, QUEUED)
        self._relay.finished.connect(self._finished, QUEUED)
        self._relay.failed.connect(self._failed, QUEUED)
        self._generation = 0
        self._stop = threading.Event()
        self._running: list[threading.Event] = []     # one per read not yet ended (a restart leaves two)
        self.loading = False

    def start(self) -> None:
        self.cancel()
        self._generation += 1
        self._stop, done = threading.Event(), threading.Event()
        self._running = [event for event in self._running if not event.is_set()] + [done]
        self.loading = True
        self._pool.start(_ReadMonths(self._repository, self._relay, self._generation, self._stop, done))

    def cancel(self) -> None:
        self._stop.set()
        self.loading = False

    def wait(self, seconds: float = 30.0) -> bool:
        """Stop, and let the month being read end (before the journal is closed); False if it
        did not end in `seconds`. Only this loader's reads are waited for, not the whole pool."""
        self.cancel()
        return all(event.wait(seconds) for event in self._running)

    def _month(self, generation: int, entries: list) -> None:
        if generation == self._generation and not self._stop.is_set():
            self.month_loaded.emit(entries)

    def _finished(self, generation: int) -> None:
        if generation == self._generation and not self._stop.is_set():
            self.loading = False
            self.finished.emit()

    def _failed(self, generation: int, error: object) -> None:
        if generation == self._generation and not self._stop.is_set():
            self.loading = False
            self.failed.emit(error)
