"""A logout, `kill` or Ctrl+C asks Goldseam to end: save what is on screen and leave at
once, whatever is showing, a welcome or a question included.

Python runs signal handlers only when it gets control, and Qt's event loop may
sleep for hours: the signal is written to a socket (signal.set_wakeup_fd) that
a QSocketNotifier watches, so the loop wakes at once and nothing polls. Ending
calls QCoreApplication.exit, which ends every running loop, modal ones too;
whoever opens the next step checks `ending` first.
"""

from __future__ import annotations

import signal
import socket
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class TerminationWatch(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ending = False
        self._before_exit: list[Callable[[], object]] = []
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        # A signal someone chose to ignore stays ignored (`nohup goldseam` keeps running at logout).
        self._previous = {number: signal.getsignal(number) for number in SIGNALS}
        for number, previous in self._previous.items():
            if previous is not signal.SIG_IGN:
                signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def before_exit(self, action: Callable[[], object]) -> None:
        """Run `action` (save the draft) before leaving; it must not ask anything."""
        self._before_exit.append(action)

    @staticmethod
    def _note(_number: int, _frame: object) -> None:
        """Python's part does nothing: the wake-up socket carries the signal to the event loop."""

    def _woken(self) -> None:
        received = b""
        try:
            while chunk := self._reader.recv(64):
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
        self._reader.close()
        self._writer.close()
