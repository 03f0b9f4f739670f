"""One window per data folder: the running Goldseam listens on a local socket,
and a second start asks it to come to the front.

Why it is careful: a socket with a guessable name in the shared /tmp can be
blocked or answered by another local user, so on POSIX it lives in a folder
only this user can enter. The running app never waits on a client (the
window must not freeze), and a second start only says "the window came
forward" when the running app answers that it did.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import time
import zlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ... import APP_ID

_SHOW = b"show\n"
_PAUSE = b"pause"            # "pause\n" shows the pause; "pause 20\n" starts one of 20 minutes
_SHOWN = b"shown\n"
_MAX_REQUEST = 16            # bytes; the longest request, "pause 1440\n", is eleven
_REQUEST_TIMEOUT_MS = 1000   # a client that says nothing useful by then is dropped
_MAX_CLIENTS = 4
# sockaddr_un.sun_path holds 108 bytes on Linux, 104 on macOS and the BSDs, with the final NUL.
_MAX_SOCKET_PATH = 107 if sys.platform.startswith("linux") else 103


def channel_name(folder: Path) -> str | None:
    """Where a second start looks for the running Goldseam of this folder: a socket path on
    POSIX, a pipe name on Windows; None when there is no private place to look."""
    return _server_name(folder, create=False)


def _server_name(folder: Path, create: bool) -> str | None:
    try:
        resolved = Path(folder).resolve()
    except (OSError, RuntimeError):     # a link loop: no beacon, and nothing to ask
        return None
    where = str(resolved).encode("utf-8", "surrogateescape")
    # Two checksums of the path, not hashlib: importing hashlib loads OpenSSL (3.7 MiB) into every
    # window, for a name that needs only to differ between one person's folders.
    name = f"{APP_ID}-{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    if os.name != "posix":
        return name      # a named pipe; UserAccessOption keeps other users out
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    places = [Path(runtime)] if runtime and os.path.isabs(runtime) and _is_private_folder(runtime) else []
    if _is_private_folder(resolved):
        places.append(resolved)     # the data folder: 0700, ours, and its lock is held by the app
    for place in places:
        if _fits(place / name):
            return str(place / name)
    fallback = Path(tempfile.gettempdir()) / f"goldseam-{os.geteuid()}"
    if _fits(fallback / name) and _short_private_folder(fallback, create):
        return str(fallback / name)
    return None


def _fits(path: Path) -> bool:
    return len(os.fsencode(str(path))) <= _MAX_SOCKET_PATH


def _is_private_folder(path: Path | str) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o077


def _short_private_folder(folder: Path, create: bool) -> bool:
    """A 0700 folder of ours in the temp folder, for when the others make the path too long.
    Another user may have made it first: anything but a real 0700 folder we own is refused."""
    if create:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) == 0o700


class InstanceBeacon(QObject):
    """Held by the running app (which also holds the folder lock, so any socket already at
    its path was left by a killed run). Without a private place, or if listening fails, it
    stays quiet: `listening` is False and a second start hears nothing."""

    show_requested = Signal()
    pause_requested = Signal(int)       # minutes to start a pause with; 0: show the pause screen

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setMaxPendingConnections(_MAX_CLIENTS)
        self._server.newConnection.connect(self._accept)
        self._listening = False
        name = _server_name(folder, create=True)
        if name is not None:
            if os.name == "posix":
                _remove_stale(name)
            self._listening = self._server.listen(name)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def listening(self) -> bool:
        return self._listening

    def close(self) -> None:
        """Stop listening; on POSIX this also removes the socket file."""
        self._server.close()
        self._listening = False

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if len(self._server.findChildren(_Request)) >= _MAX_CLIENTS:
                socket.abort()
                socket.deleteLater()
            else:
                _Request(socket, self._answer)

    def _answer(self, request: bytes) -> bool:
        """Do what a second start asked; False for a request that is not ours."""
        if request == _SHOW.strip():
            self.show_requested.emit()
            return True
        minutes = pause_minutes(request)
        if minutes is None:
            return False
        self.show_requested.emit()
        self.pause_requested.emit(minutes)
        return True


def pause_request(minutes: int | None) -> bytes:
    return _PAUSE + (f" {minutes}".encode() if minutes else b"") + b"\n"


def pause_minutes(request: bytes) -> int | None:
    """0 for "pause", N for "pause N" with N a whole number of minutes in range; else None."""
    from ...core.moment import MAX_PAUSE_MINUTES

    if request == _PAUSE:
        return 0
    head, _space, number = request.partition(b" ")
    if head != _PAUSE or not number.isdigit() or len(number) > 4:
        return None
    minutes = int(number)
    return minutes if 1 <= minutes <= MAX_PAUSE_MINUTES else None


class _Request(QObject):
    """One client, read as its bytes arrive (never waited for), at most a short line."""

    def __init__(self, socket: QLocalSocket, answer) -> None:
        super().__init__(socket)         # lives and dies with its socket
        self._socket = socket
        self._answer = answer
        self._data = b""
        self._answered = False
        socket.setReadBufferSize(_MAX_REQUEST)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(socket.deleteLater)
        QTimer.singleShot(_REQUEST_TIMEOUT_MS, self, self._drop)
        self._read()

    def _read(self) -> None:
        if self._answered:
            return
        self._data += bytes(self._socket.read(_MAX_REQUEST + 1 - len(self._data)).data())
        if b"\n" in self._data:
            if not self._answer(self._data.split(b"\n", 1)[0]):
                self._drop()
                return
            self._answered = True
            self._socket.write(_SHOWN)
            self._socket.disconnectFromServer()   # sends the answer first, then closes
        elif len(self._data) > _MAX_REQUEST:
            self._drop()

    def _drop(self) -> None:
        self._socket.abort()
        self._socket.deleteLater()


def _remove_stale(path: str) -> None:
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
    except OSError:
        pass     # listen() then fails, and the beacon stays quiet


def ask_running_to_show(folder: Path, timeout_ms: int = 1000, request: bytes | None = None) -> bool:
    """True only if a running Goldseam for this folder answered that its window came forward
    (and did what `request` asked: the pause, with pause_request). Runs before any window
    exists, so waiting here (up to timeout_ms) freezes nothing."""
    name = channel_name(folder)
    if name is None:
        return False
    deadline = time.monotonic() + timeout_ms / 1000

    def left() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    socket = QLocalSocket()
    try:
        socket.connectToServer(name)
        if not socket.waitForConnected(left()):
            return False
        socket.write(request or _SHOW)
        if not socket.waitForBytesWritten(left()) and socket.bytesToWrite():
            return False
        reply = b""
        while b"\n" not in reply and len(reply) <= _MAX_REQUEST:
            if not socket.bytesAvailable() and not socket.waitForReadyRead(left()):
                break
            reply += bytes(socket.read(_MAX_REQUEST).data())
        reply += bytes(socket.read(_MAX_REQUEST).data())
        return reply.startswith(_SHOWN)
    finally:
        socket.abort()
