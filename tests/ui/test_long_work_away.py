"""What background work froze is handed back to Python's collector when the person leaves the window
(another application in front, the window hidden), so a cycle frozen with it does not stay in memory
for the life of the process (issue 19, item 5)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from goldseam.ui.application import long_work


class Node:
    pass


def test_leaving_the_window_collects_what_was_frozen(qtbot, qapp, monkeypatch):
    long_work.hand_back_when_away()
    node = Node()
    node.itself = node
    ref = weakref.ref(node)
    with long_work.long_work():
        pass
    del node
    gc.collect()
    assert ref() is not None            # frozen with the work: no collection walks it

    monkeypatch.setattr(QGuiApplication, "applicationState",
                        staticmethod(lambda: Qt.ApplicationState.ApplicationActive))
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.wait(50)
    assert ref() is not None            # the person is still here: nothing walks everything now

    monkeypatch.setattr(QGuiApplication, "applicationState",
                        staticmethod(lambda: Qt.ApplicationState.ApplicationInactive))
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: ref() is None)      # once the event loop is back, not during the signal
    assert gc.get_freeze_count() == 0
