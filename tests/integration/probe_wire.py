"""The probe's wire format, shared by the walk's two sides (they run under two Pythons:
walk_app.py under the project's, atspi_client.py under the system's with pyatspi):
one JSON document a line each way."""

from __future__ import annotations

import json
import socket


def send(connection: socket.socket, document) -> None:
    connection.sendall(json.dumps(document).encode() + b"\n")


def receive(connection: socket.socket, empty):
    """The next document, or `empty` when the other side hung up without one."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return json.loads(data) if data else empty
