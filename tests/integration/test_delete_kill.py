"""A delete in the look back reaches the disk only when the undo time has passed or the window
closes: a real process deletes through PendingDeletes and is killed (SIGKILL, nothing runs
after it) before the time, after it, and just after its window closed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder

DELETER = r"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
from goldseam.core.review_filter import entry_for
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.review.moment_model import MomentListModel
from goldseam.ui.review.pending_deletes import PendingDeletes

folder, moment_id, undo_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)     # still running when killed, as a slow quit would be
data = DataFolder.open(folder)
model = MomentListModel()
for month in data.journal.months():
    model.add_entries([entry_for(m) for m in data.journal.moments_of(month)])
deletes = PendingDeletes(data.journal, model, undo_seconds=undo_seconds)

class Window(QWidget):
    def closeEvent(self, event):        # as MainWindow.closeEvent → ReviewView.flush()
        deletes.flush()
        print("closed", flush=True)
        event.accept()

window = Window()
window.show()
deletes.pending_changed.connect(lambda count: count and print(f"pending {count}", flush=True))
deletes.written.connect(lambda count: print("written", flush=True))     # on the disk
assert deletes.delete(moment_id)
print("deleted", model.rowCount(), flush=True)
from PySide6.QtCore import QSocketNotifier
notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
def order():                            # the parent's orders, read between events
    if sys.stdin.readline().strip() == "close":
        window.close()
notifier.activated.connect(order)
app.exec()
"""

@pytest.fixture
def journal_of_three(tmp_path):
    folder = tmp_path / "data"
    moments = []
    with DataFolder.open(folder) as data:
        for n in range(3):
            m = RepairMoment()
            m.completed = True
            m.notice.what_happened = f"moment {n}"
            m.created_at = m.updated_at = f"2026-11-{n + 1:02d}T21:00:00+00:00"
            data.journal.save(m)
            moments.append(m)
    return folder, moments


def ids_on_disk(folder) -> set[str]:
    with DataFolder.open(folder, read_only=True) as data:
        return {m.id for m in data.journal.all()}


def start(folder, moment_id: str, undo_seconds: float) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", DELETER, str(folder), moment_id, str(undo_seconds)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = child.stdout.readline().strip()
    if first != "pending 1":
        child.kill()
        raise AssertionError(f"the deleting process did not start: {first} {child.stderr.read()[-2000:]}")
    assert next_line(child) == "deleted 2"      # gone from the list at once
    return child


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


def next_line(child: subprocess.Popen) -> str:
    return child.stdout.readline().strip()


def test_killed_before_the_undo_time_the_moment_is_still_on_disk(journal_of_three):
    folder, moments = journal_of_three
    child = start(folder, moments[1].id, undo_seconds=30)
    kill(child)
    assert ids_on_disk(folder) == {m.id for m in moments}


def test_killed_after_the_undo_time_the_moment_is_gone(journal_of_three):
    folder, moments = journal_of_three
    child = start(folder, moments[1].id, undo_seconds=0.5)
    assert next_line(child) == "written"       # the undo time has passed in the child
    kill(child)
    assert ids_on_disk(folder) == {moments[0].id, moments[2].id}


def test_closing_the_window_writes_the_delete_at_once(journal_of_three):
    folder, moments = journal_of_three
    child = start(folder, moments[0].id, undo_seconds=600)
    child.stdin.write("close\n")
    child.stdin.flush()
    assert next_line(child) == "written"
    assert next_line(child) == "closed"
    kill(child)                                 # killed right after: the close had written it
    assert ids_on_disk(folder) == {moments[1].id, moments[2].id}
