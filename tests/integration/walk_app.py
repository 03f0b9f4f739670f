"""Goldseam as `goldseam --data-dir DIR` starts it, plus one thing the screen-reader walk
(test_screen_reader_walk.py) cannot learn over AT-SPI: what a label shows on screen.

Qt 6.11 gives a label's accessible name to AT-SPI but no Text interface, so a fixed name hides
the visible text entirely. The walk sends the AT-SPI ids of the labels it met (a JSON list, one
line) to the socket named first on the command line; the answer maps each id to the widget's
class and its text as shown (rich text as plain text). Nothing else in the app is touched.

Usage: python walk_app.py SOCKET [goldseam arguments...]
"""

from __future__ import annotations

import socket
import sys

import probe_wire   # beside this file: its folder is on sys.path when run as a script

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QAccessible, QTextDocument, Qt
from PySide6.QtWidgets import QApplication


def shown_text(widget) -> str | None:
    """The text a sighted person sees on `widget`, or None when it has no text()."""
    text = getattr(widget, "text", None)
    if not callable(text):
        return None
    try:
        value = text()
    except TypeError:
        return None
    if not isinstance(value, str):
        return None
    format_ = widget.textFormat() if callable(getattr(widget, "textFormat", None)) else Qt.TextFormat.PlainText
    if format_ == Qt.TextFormat.MarkdownText:
        document = QTextDocument()
        document.setMarkdown(value)
        return document.toPlainText()
    if format_ == Qt.TextFormat.RichText or (format_ == Qt.TextFormat.AutoText and Qt.mightBeRichText(value)):
        document = QTextDocument()
        document.setHtml(value)
        return document.toPlainText()
    return value


def answer(server: socket.socket) -> None:
    connection, _address = server.accept()
    with connection:
        connection.settimeout(5)
        reply = {}
        for ident in probe_wire.receive(connection, []):
            interface = QAccessible.accessibleInterface(int(ident))
            widget = interface.object() if interface is not None and interface.isValid() else None
            # The name as the app gives it now, read in the same instant as the text: a label
            # that changes (the countdown) may have moved on since the walk read its name.
            reply[str(ident)] = None if widget is None else {"class": type(widget).__name__,
                                                              "text": shown_text(widget),
                                                              "name": interface.text(QAccessible.Text.Name)}
        probe_wire.send(connection, reply)


def main() -> int:
    path, goldseam_args = sys.argv[1], sys.argv[2:]
    _app = QApplication(sys.argv[:1])   # the one Goldseam's run_gui takes (QApplication.instance())
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: answer(server))

    from goldseam import cli

    try:
        return cli.main(goldseam_args)
    finally:
        notifier.setEnabled(False)
        server.close()


if __name__ == "__main__":
    sys.exit(main())
