"""A logout, `kill` or Ctrl+C asks Goldseam to end: save what is on screen and leave at
once, whatever is showing, a welcome or a question included.

Python runs signal handlers only when it gets control, and Qt's event loop may
sleep for hours: the signal is written to a socket (signal.set_wakeup_fd) that
a QSocketNotifier watches, so the loop wakes at once and nothing polls. Ending
calls QCoreApplication.exit, which ends every running loop, modal ones too;
whoever opens the next step checks `ending` first.
"""

from __future__ import annotations

import os
import signal
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class TerminationWatch(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ending = False
        self._before_exit: list[Callable[[], object]] = []
        self._reader, self._writer = _wake_up_pair()
        signal.set_wakeup_fd(self._writer)
        # A signal someone chose to ignore stays ignored (`nohup goldseam` keeps running at logout).
        self._previous = {number: signal.getsignal(number) for number in SIGNALS}
        for number, previous in self._previous.items():
            if previous is not signal.SIG_IGN:
                signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def before_exit(self, action: Callable[[], object]) -> None:
        """Run `action` (save the draft) before leaving; it must not ask anything."""
        self._before_exit.append(action)

    @staticmethod
    def _note(_number: int, _frame: object) -> None:
        """Python's part does nothing: the wake-up descriptor carries the signal to the event loop."""

    def _woken(self) -> None:
        received = b""
        try:
            while chunk := _read(self._reader):
                received += chunk
        except (BlockingIOError, InterruptedError):
            pass
        if set(received) & set(SIGNALS) and not self.ending:
            self.end()

    def end(self) -> None:
        self.ending = True
        for action in self._before_exit:
            try:
                action()
            except Exception:   # leaving must not fail; the draft keeper reports its own trouble
                pass
        QCoreApplication.exit(0)

    def close(self) -> None:
        """Give the signals back as they were (tests open many windows in one process)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(-1)
        for number, previous in self._previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        for end in (self._reader, self._writer):
            _close(end)


# POSIX: a non-blocking pipe (no socket module at start-up). Windows: set_wakeup_fd wants a socket.
if os.name == "posix":
    def _wake_up_pair() -> tuple[int, int]:
        reader, writer = os.pipe()
        for end in (reader, writer):
            os.set_blocking(end, False)
        return reader, writer

    def _read(end: int) -> bytes:
        return os.read(end, 64)

    def _close(end: int) -> None:
        os.close(end)
else:  # pragma: no cover - exercised on Windows only
    import socket

    _ENDS: dict[int, socket.socket] = {}

    def _wake_up_pair() -> tuple[int, int]:
        reader, writer = socket.socketpair()
        for end in (reader, writer):
            end.setblocking(False)
            _ENDS[end.fileno()] = end
        return reader.fileno(), writer.fileno()

    def _read(end: int) -> bytes:
        return _ENDS[end].recv(64)

    def _close(end: int) -> None:
        _ENDS.pop(end).close()
