"""Quitting while an import, a restore, a backup or an export runs (issue 19, item 2): the work ends
whole before the data folder is closed, nothing is written after, and a quit that has to wait says
"Finishing…"."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.application.background import finish_background_work, run_in_background, wait_for_work


def slow_import(data, entered: threading.Event, gate: threading.Event, moments):
    def work():
        entered.set()
        gate.wait(10)
        return data.journal.import_moments(moments)
    return work


def quit_when(entered: threading.Event, loops: list, then) -> QTimer:
    """End the waiting loop from outside once the work has begun, as quitting does (Ctrl+Q, a closed
    window and a logout end every running loop; QCoreApplication.exit itself would also stop every
    later loop of this test process, so the loop is ended alone here)."""
    timer = QTimer()

    def check():
        if entered.is_set() and loops:
            timer.stop()
            loops[-1].exit(0)
            then()
    timer.timeout.connect(check)
    timer.start(5)
    return timer


def recording_loops(monkeypatch) -> list:
    from goldseam.ui.application import background

    loops: list = []

    class Recorded(QEventLoop):
        def __init__(self, *args):
            super().__init__(*args)
            loops.append(self)

    monkeypatch.setattr(background, "QEventLoop", Recorded)
    return loops


def test_quitting_during_an_import_waits_for_it_and_keeps_its_result(qtbot, data_dir, monkeypatch):
    moments = [RepairMoment(created_at=f"2026-0{1 + n % 9}-10T10:00:00+00:00") for n in range(300)]
    entered, gate = threading.Event(), threading.Event()
    widget = QWidget()
    with DataFolder.open(data_dir) as data:
        # the work goes on a little after the loop was ended: the worker is still writing then
        timer = quit_when(entered, recording_loops(monkeypatch), lambda: threading.Timer(0.2, gate.set).start())
        result = run_in_background(widget, slow_import(data, entered, gate, moments))
        timer.stop()
        assert result.added == 300                      # the import's own result, not a broken wait
        assert wait_for_work(0)                          # nothing of it still runs
    with DataFolder.open(data_dir, read_only=True) as data:
        assert data.journal.count() == 300


def test_the_app_closes_storage_only_after_the_work_ended_saying_finishing(qtbot, data_dir, monkeypatch):
    from goldseam.ui.application import background

    entered, gate, ended = threading.Event(), threading.Event(), threading.Event()
    shown: list[str] = []
    real_show = QProgressDialog.show

    def noting_show(dialog):
        shown.append(dialog.labelText())
        gate.set()                  # the work can end once the person was told
        real_show(dialog)

    monkeypatch.setattr(QProgressDialog, "show", noting_show)
    data = DataFolder.open(data_dir)

    def work():
        entered.set()
        gate.wait(10)
        data.journal.save(RepairMoment(created_at="2026-11-10T10:00:00+00:00"))
        ended.set()

    background.start_in_background(QApplication.instance(), work, lambda result, error: None)
    assert entered.wait(5)
    finish_background_work()        # what quitting does (WindowParts.shutdown) before data.close()
    assert ended.is_set() and shown == ["Finishing what Goldseam was saving…"]
    data.close()
    with DataFolder.open(data_dir, read_only=True) as again:
        assert again.journal.count() == 1
