import gc
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtWidgets import QApplication

from goldseam.ui.widgets import look
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.wiring import WindowParts

from window_parts import remember


class FakeClock:
    def __init__(self):
        self.value = datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.value

    def advance(self, **delta):
        self.value += timedelta(**delta)


@pytest.fixture(autouse=True)
def collected_on_the_gui_thread():
    """Qt objects a test leaves in reference cycles (a PendingDeletes and the callback of its work
    on the thread pool, say) are collected when the test ends, here on the GUI thread. Left to
    Python's collector they are freed whenever it next runs, which can be on a worker of the
    thread pool, and a QObject deleted off its own thread brings the process down."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path, monkeypatch):
    """"Start Goldseam when I log in" writes to $XDG_CONFIG_HOME/autostart: never the real one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def owner(qapp):
    """The parent of the Qt objects a test makes without a widget (a model, a loader, pending
    deletes): they are deleted with it when the test ends, here on the GUI thread, never by
    Python's collector on a worker of the thread pool (which crashed 1 loaded run in 8)."""
    from PySide6.QtCore import QObject
    import shiboken6

    holder = QObject()
    yield holder
    shiboken6.delete(holder)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: one that a test did not
    expect (and patch itself) fails that test instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(*args, **_kwargs):
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected dialog: {texts[:2] or args[:1]}")

    for name in ("information", "question", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def alerts(monkeypatch):
    """The windows Goldseam asked the desktop to draw attention to (QApplication.alert), in order."""
    seen = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, ms=0: seen.append(widget)))
    return seen


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def open_window(qtbot, data_dir, clock):
    """Open Goldseam on the test data folder, as the app does; close it all afterwards."""
    look.apply(QApplication.instance())
    opened = []

    def make():
        for old_window, old_data, _old_parts in opened:     # a closed window's app has exited: let go of the folder
            if not old_window.isVisible():
                old_data.close()
        data = DataFolder.open(data_dir)
        parts = WindowParts(data, now=clock)
        remember(parts)
        window = parts.window
        qtbot.addWidget(window)
        with qtbot.waitExposed(window), qtbot.waitSignal(window.first_painted):
            window.show()       # painted, and what starts after the first paint started (Esc twice, say)
        with qtbot.waitActive(window):
            window.activateWindow()
        opened.append((window, data, parts))
        return window, data

    yield make
    for window, data, parts in opened:
        parts.shutdown()
        data.close()


@pytest.fixture
def on_disk(data_dir):
    """What a fresh reader finds in the folder right now: (moments, draft)."""
    def read():
        with DataFolder.open(data_dir, read_only=True) as data:
            return data.journal.all(), data.drafts.load()
    return read
