"""Work beside the window (background.py's, the look back's reading) keeps Python from stopping
the window (issue 19, item 5). Memory management only: nothing changes in what is written, or when.

Found with gc.callbacks timing every collection during an import of 10,000 moments with the look
back open (stall_bench.py): the window's longest stall was, run after run, one full collection on
the import's thread. It walks every object the collector tracks (400,000 and more: the look back's
moments, the file being imported) holding Python's lock, 100 to 600 ms on a 2-core machine, and the
GUI thread runs no Python meanwhile. So, while work runs:

- what is alive when it begins and when it ends is frozen (gc.freeze): no collection walks it
  again. Without the freeze, the full collection put off by the next point came later, on the GUI
  thread as the person went on: 190 to 530 ms (11 to 17 ms with it). Reference counting frees a
  frozen object as ever once it is let go; a reference cycle among frozen objects would stay in
  memory, though. The moments, records and rows make none (after the benchmark a full collection
  of everything unfrozen had nothing to free), but the test suite, which opens and closes
  hundreds of windows, left 37,000 such objects. So when the person leaves the window (another
  application in front, the window hidden) and no work runs, everything frozen is handed back
  and collected once, on the GUI thread, while nobody waits for the window. Nothing is collected
  on a worker here: a collection there could destroy a window's object on the wrong thread;
- no full collection starts (the oldest generation's threshold is raised until the last work
  ends); young collections run as before;
- Python hands its lock between threads every 0.5 ms instead of 5. A worker busy in Python holds
  it until the GUI thread has waited that long, and a repaint asks for it at each call from Qt into
  Python: with the collector kept off, the window still stopped 170 to 230 ms at 5 ms, 16 to 92 at
  1 ms, 10 to 40 at 0.5 ms. It costs nothing while the GUI thread does not ask; the import took no
  measurably longer.
"""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

SWITCH_SECONDS = 0.0005         # Python's default is 0.005
_NO_FULL_COLLECTION = 1 << 30   # the oldest generation's threshold while work runs

_lock = threading.RLock()       # re-entered when a finalizer run by a collection starts work itself
_running = 0
_saved: tuple[tuple[int, ...], float] | None = None
_watching = False


def hand_back_when_away() -> None:
    """Called on the GUI thread (where the work is started), once is enough: from then on, each
    time the person leaves the window while no work runs, what was frozen is collected."""
    global _watching
    if _watching or threading.current_thread() is not threading.main_thread():
        return      # connected from another thread, the call would wait for that thread's event loop
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        return
    _watching = True
    app.applicationStateChanged.connect(_person_left)


def _person_left() -> None:
    """Not in the middle of the state change being delivered: once the event loop is back."""
    from PySide6.QtCore import QTimer

    if _away():
        QTimer.singleShot(0, _hand_back_if_away)


def _away() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.applicationState().name != "ApplicationActive" and gc.get_freeze_count() > 0


def _hand_back_if_away() -> None:
    if _away():
        hand_back()


def hand_back() -> bool:
    """Unless work runs: everything frozen is handed back to the collector and collected now (a walk
    of every object, on this thread). False when work runs."""
    with _lock:
        if _running:
            return False
        gc.unfreeze()
        gc.collect()
        return True


@contextmanager
def long_work() -> Iterator[None]:
    """Run the body with the collector kept off the long-lived objects and full collections put
    off; safe from any thread, and nested or overlapping works share one setting."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = (gc.get_threshold(), sys.getswitchinterval())
            young, middle, _old = _saved[0]
            gc.set_threshold(young, middle, _NO_FULL_COLLECTION)
            sys.setswitchinterval(SWITCH_SECONDS)
        _running += 1
    gc.freeze()
    try:
        yield
    finally:
        gc.freeze()
        with _lock:
            _running -= 1
            if _running == 0 and _saved is not None:
                threshold, switch = _saved
                gc.set_threshold(*threshold)
                sys.setswitchinterval(switch)
                _saved = None


def running() -> int:
    """How many works are running now."""
    return _running
