"""Work that reads the disk, done on Qt's thread pool so the window keeps painting; the result
comes back on the GUI thread. The journal serialises its own calls (storage/journal.py).

The QObject that carries a result back is always owned by Qt on the GUI thread: were the worker
to drop the last Python reference to it, it would be destroyed on the wrong thread (a crash seen
once in the screen-reader walk)."""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from .long_work import hand_back_when_away, long_work

class _Done(QObject):
    finished = Signal(object, object)     # result, error


# Work started here and not yet ended: quitting waits for it before the data folder is closed, so
# nothing is written after close() (an import finishes or is taken back whole; a backup is whole).
_running: set[threading.Event] = set()
_running_lock = threading.Lock()


class _Ending:
    """How a piece of work ended, kept apart from the runnable (which Qt deletes once it has run)."""

    def __init__(self) -> None:
        self.ended = threading.Event()
        self.outcome: tuple[Any, BaseException | None] | None = None


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], done: _Done, ending: _Ending | None = None):
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._done = work, done
        self._ending = ending or _Ending()
        hand_back_when_away()       # made on the GUI thread
        with _running_lock:
            _running.add(self._ending.ended)

    def run(self) -> None:
        try:
            try:
                with long_work():
                    result, error = self._work(), None
            except BaseException as err:      # handed back to the GUI thread, raised or reported there
                result, error = None, err
            self._ending.outcome = (result, error)
            try:
                self._done.finished.emit(result, error)
            except RuntimeError:        # the window that asked is gone, and its relay with it
                pass
        finally:
            with _running_lock:
                _running.discard(self._ending.ended)
            self._ending.ended.set()


def wait_for_work(seconds: float | None = None) -> bool:
    """Wait until every piece of work started here has ended; False if some is still running after
    `seconds` (None: as long as it takes)."""
    with _running_lock:
        pending = list(_running)
    return all(event.wait(seconds) for event in pending)


class _Receiver(QObject):
    """A child of the widget that asked: gone with it, and Qt drops the delivery then."""

    def __init__(self, context: QObject, done: Callable[[Any, BaseException | None], None]):
        super().__init__(context)
        self._done = done

    @Slot(object, object)
    def deliver(self, result: Any, error: Any) -> None:
        self.deleteLater()
        self._done(result, error)


def start_in_background(context: QObject, work: Callable[[], Any],
                        done: Callable[[Any, BaseException | None], None]) -> None:
    """Run `work` on the thread pool; `done(result, error)` is called on the GUI thread after,
    unless `context` (the window that asked) is gone by then."""
    from PySide6.QtCore import Qt      # here, not at import: the Qt namespace costs ~15 ms before the first paint

    receiver = _Receiver(context, done)
    # The relay the worker emits on belongs to the application, not to the widget that asked: a
    # widget closed while its work runs takes its receiver with it, never the object a worker is
    # emitting on (that was a crash). The relay deletes itself on this thread once it has reported.
    relay = _Done(QCoreApplication.instance())
    relay.finished.connect(receiver.deliver, Qt.ConnectionType.QueuedConnection)
    relay.finished.connect(relay.deleteLater, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Task(work, relay))


def run_in_background(parent: QWidget | None, work: Callable[[], Any]) -> Any:
    """Run `work` on the thread pool and return what it returns (or raise what it raised). The
    window keeps painting meanwhile; `parent` is disabled so nothing is started twice."""
    from PySide6.QtCore import Qt

    loop = QEventLoop()
    done = _Done(QCoreApplication.instance())      # owned by Qt: deleted below, on this thread
    outcome: list[Any] = []
    done.finished.connect(lambda result, error: (outcome.extend((result, error)), loop.quit()),
                          Qt.ConnectionType.QueuedConnection)
    enabled = parent.isEnabled() if parent is not None else True
    focus = QApplication.focusWidget()      # disabling moves it away (to Close, a second Space away)
    if parent is not None:
        parent.setEnabled(False)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    ending = _Ending()
    try:
        QThreadPool.globalInstance().start(_Task(work, done, ending))
        if not outcome:
            loop.exec()
        if not outcome:         # the loop was ended from outside (quitting): the work ends first, whole
            ending.ended.wait()
            outcome.extend(ending.outcome or (None, None))
    finally:
        QGuiApplication.restoreOverrideCursor()
        if parent is not None:
            parent.setEnabled(enabled)
            try:
                if focus is not None and focus.isEnabled() and focus.isVisible():
                    focus.setFocus(Qt.FocusReason.OtherFocusReason)
            except RuntimeError:        # it went away meanwhile (its window closed)
                pass
    done.deleteLater()
    result, error = outcome
    if error is not None:
        raise error
    return result


FINISHING_AFTER_MS = 300        # work that ends sooner than this needs no word


def finish_background_work() -> None:
    """Quitting waits for the storage work still running (it ends whole: an import finishes or is
    taken back, a backup is complete), saying "Finishing…" when that takes more than a moment."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from ...i18n import _

    if wait_for_work(FINISHING_AFTER_MS / 1000):
        return
    note = QProgressDialog(_("Finishing what Goldseam was saving…"), "", 0, 0)
    note.setWindowTitle(_("Finishing…"))
    note.setCancelButton(None)
    note.setWindowModality(Qt.WindowModality.ApplicationModal)
    note.setAccessibleName(_("Finishing what Goldseam was saving"))
    note.show()
    while not wait_for_work(0.05):
        QCoreApplication.processEvents()
    note.close()
