"""Quitting in every state the window can be in (issue 19: one lifecycle): with the settings open,
an import running, a pause running, breathing, the look back still reading, a repair being typed.
The composition root shuts its parts down in reverse order; afterwards nothing of Goldseam runs
(no timer, no work on the thread pool, no tray icon) and nothing is written into the folder."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.application.background import start_in_background, wait_for_work
from goldseam.ui.widgets import look
from goldseam.ui.wiring import WindowParts


def folder_state(folder) -> dict:
    """Every file under the data folder with its size and time of last change."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def running_timers(window) -> list[str]:
    return [f"{t.parent().__class__.__name__}.{t.objectName() or 'timer'}"
            for t in window.findChildren(QTimer) if t.isActive()]


def settings_open(qtbot, parts, data, gates):
    parts.window.open_settings()
    assert parts.preferences.dialog is not None and parts.preferences.dialog.isVisible()


def import_running(qtbot, parts, data, gates):
    gate, entered = threading.Event(), threading.Event()
    gates.append(gate)
    moments = [RepairMoment(created_at=f"2026-0{1 + n % 9}-10T10:00:00+00:00") for n in range(200)]

    def work():
        entered.set()
        gate.wait(60)
        return data.journal.import_moments(moments)
    start_in_background(parts.window, work, lambda result, error: None)
    assert entered.wait(60)
    return lambda again: again.journal.count() == 200      # the import ended whole, before the close


def pause_running(qtbot, parts, data, gates):
    parts.window.take_pause(20)
    assert parts.promises.pause_moment() is not None
    assert running_timers(parts.window), "a running pause keeps a timer (the call back, the ticking)"


def breathing(qtbot, parts, data, gates):
    parts.window.breathe()
    guide = parts.window.breathing_view.guide
    qtbot.mouseClick(guide.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: guide.widget.timer.isActive())


def look_back_reading(qtbot, parts, data, gates):
    for n in range(30):
        data.journal.save(RepairMoment(created_at=f"20{10 + n % 15}-0{1 + n % 9}-10T10:00:00+00:00"))
    gate, entered = threading.Event(), threading.Event()
    gates.append(gate)
    reading = data.journal.moments_of

    def slow(month):
        entered.set()
        gate.wait(60)
        return reading(month)
    data.journal.moments_of = slow
    parts.window.look_back()
    assert entered.wait(60) and parts.window.review.loader.loading


def repair_typed(qtbot, parts, data, gates):
    parts.window.begin_repair()
    box = parts.window.wizard.notice.what
    box.setFocus()
    qtbot.keyClicks(box, "I talked over you, louder and louder ")
    assert running_timers(parts.window), "typing arms the draft's save"
    return lambda again: "louder and louder" in again.drafts.load().notice.what_happened




STATES = [settings_open, import_running, pause_running, breathing, look_back_reading, repair_typed]


@pytest.mark.parametrize("state", STATES, ids=[s.__name__ for s in STATES])
def test_quitting_stops_everything_and_writes_nothing_after(qtbot, data_dir, clock, state):
    look.apply(QApplication.instance())
    data = DataFolder.open(data_dir)
    parts = WindowParts(data, now=clock)
    window = parts.window
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    gates: list[threading.Event] = []
    kept = state(qtbot, parts, data, gates)

    # Quitting: the window closes (saving what is typed), the work still running is let go of a
    # moment later, as a real import ends; the root shuts everything down, then the folder closes.
    # (The work is let go of 0.2 s after quitting began: quitting waits for the month being read.)
    for gate in gates:
        threading.Timer(0.2, gate.set).start()
    parts.quit()            # Ctrl+Q: closing alone would keep Goldseam for a pause's call back
    parts.shutdown()
    assert wait_for_work(0), "no storage work still runs"
    assert running_timers(window) == []
    assert parts.calls.call_back.tray is None
    assert parts.preferences.dialog is None
    data.close()

    after = folder_state(data_dir)
    clock.advance(hours=2)                  # a pause's end and any reminder would be due by now
    qtbot.wait(300)                         # what might still be queued gets its turn
    parts.shutdown()                        # a second quit (a logout after Ctrl+Q) does nothing
    QApplication.processEvents()
    assert folder_state(data_dir) == after, "nothing was written after the folder closed"
    if kept is not None:
        with DataFolder.open(data_dir, read_only=True) as again:
            assert kept(again)
