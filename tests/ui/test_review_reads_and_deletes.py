"""The look back's rows and its deletes, where a read on the worker thread and a delete on the GUI
thread cross (issue 19, items 1, 3 and 4): a deleted moment never comes back from a read that began
before its delete reached the disk; each delete keeps its own undo time; rows of a read that was
cancelled or started again are never shown."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from goldseam.core.moment import RepairMoment
from goldseam.core.review_filter import entry_for
from goldseam.ui.review import pending_deletes
from goldseam.ui.review.journal_loader import JournalLoader
from goldseam.ui.review.moment_model import MomentListModel
from goldseam.ui.review.pending_deletes import PendingDeletes


def moment(what: str, day: int = 10) -> RepairMoment:
    made = RepairMoment(created_at=f"2026-11-{day:02d}T20:00:00+01:00")
    made.notice.what_happened = what
    return made


class Journal:
    """A repository of one month whose reads can be held at a gate after they have read."""

    def __init__(self, moments):
        self.moments = list(moments)
        self.gate = threading.Event()
        self.gate.set()
        self.read_done = threading.Event()
        self.deleted: list[str] = []

    def months(self):
        return ["2026-11"]

    def moments_of(self, month):
        found = list(self.moments)           # what the journal holds at the moment of the read
        self.read_done.set()
        self.gate.wait(10)
        return found

    def delete(self, moment_id):
        self.deleted.append(moment_id)
        self.moments = [m for m in self.moments if m.id != moment_id]
        return True


def ids(model) -> list[str]:
    return [model.entry(row).id for row in range(model.rowCount())]


def test_a_moment_deleted_while_a_read_is_under_way_does_not_come_back(owner, qtbot):
    kept, gone = moment("kept", 9), moment("deleted", 10)
    journal = Journal([kept, gone])
    model = MomentListModel(owner)
    model.add_entries([entry_for(kept), entry_for(gone)])     # shown by an earlier read
    pending = PendingDeletes(journal, model, undo_seconds=0.05, parent=owner)
    loader = JournalLoader(journal, owner)
    loader.month_loaded.connect(model.add_entries)
    journal.gate.clear()
    loader.start()                                   # the look back reads the month again...
    assert journal.read_done.wait(5)                 # ...and has read it, the deleted moment still in it
    assert pending.delete(gone.id)
    qtbot.waitUntil(lambda: journal.deleted == [gone.id], timeout=5000)     # the undo time passed: written
    journal.gate.set()                               # the older read now delivers its rows
    qtbot.waitUntil(lambda: not loader.loading, timeout=5000)
    assert ids(model) == [kept.id]
    assert loader.wait(5)


def test_each_delete_keeps_its_own_undo_time(owner, qtbot, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(pending_deletes.time, "monotonic", lambda: now[0])
    first, second = moment("first", 9), moment("second", 10)
    journal = Journal([first, second])
    model = MomentListModel(owner)
    model.add_entries([entry_for(first), entry_for(second)])
    pending = PendingDeletes(journal, model, undo_seconds=10, parent=owner)
    pending.delete(first.id)
    now[0] += 6
    pending.delete(second.id)
    now[0] += 4.5                                    # the first's ten seconds are over, the second's are not
    pending._timer.timeout.emit()                    # its timer comes due
    qtbot.waitUntil(lambda: journal.deleted == [first.id])
    assert pending.count() == 1
    assert pending.undo().id == second.id            # the second can still be undone
    assert ids(model) == [second.id]
    pending._timer.stop()


def test_rows_of_a_read_started_again_are_never_shown(owner, qtbot):
    old, new = moment("from the first read", 9), moment("from the second read", 10)
    journal = Journal([old])
    loader = JournalLoader(journal, owner)
    shown: list = []
    loader.month_loaded.connect(shown.extend)
    loader.start()
    first_read = loader._running[-1]
    assert first_read.wait(5)            # read and emitted, not yet delivered: the GUI thread was busy
    journal.moments = [new]
    loader.start()                       # the look back starts again (the journal changed)
    qtbot.waitUntil(lambda: not loader.loading, timeout=5000)
    assert [entry.id for entry in shown] == [new.id]


def test_rows_of_a_cancelled_read_are_never_shown(owner, qtbot):
    journal = Journal([moment("read, then cancelled")])
    loader = JournalLoader(journal, owner)
    shown: list = []
    loader.month_loaded.connect(shown.extend)
    finished: list = []
    loader.finished.connect(lambda: finished.append(True))
    loader.start()
    assert loader._running[-1].wait(5)
    loader.cancel()                      # the person left the look back
    QApplication.processEvents()         # the rows the read emitted, queued for this thread, arrive now
    assert shown == [] and finished == []
