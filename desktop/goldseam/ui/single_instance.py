"""One window per data folder: the running Goldseam listens on a local socket
named after the app id, and a second start asks it to come to the front."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .. import APP_ID

_SHOW = b"show\n"


def channel_name(folder: Path) -> str:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{APP_ID}-{digest}"


class InstanceBeacon(QObject):
    """Held by the running app (which also holds the folder lock)."""

    show_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = channel_name(folder)
        QLocalServer.removeServer(name)  # a crashed run may have left its socket; we hold the lock
        self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The message is one short line, sent right after connecting.
            if socket.bytesAvailable() or socket.waitForReadyRead(300):
                if bytes(socket.readAll().data()).startswith(_SHOW.strip()):
                    self.show_requested.emit()
            socket.abort()
            socket.deleteLater()


def ask_running_to_show(folder: Path, timeout_ms: int = 500) -> bool:
    """True if a running Goldseam for this folder got the message."""
    socket = QLocalSocket()
    socket.connectToServer(channel_name(folder))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_SHOW)
    ok = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return ok
