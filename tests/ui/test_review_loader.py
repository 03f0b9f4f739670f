"""The journal read for the look back: off the GUI thread, a month at a time, newest first, the
window alive all along; a stop drops what was still on its way."""

from __future__ import annotations

import threading
import time
from datetime import timezone

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QListView

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import ReadFailed
from goldseam.ui.review import journal_loader
from goldseam.ui.review.journal_loader import JournalLoader
from goldseam.ui.review.moment_model import MOMENT_ROLE, MomentFilterModel, MomentListModel


def moment(what: str, when: str) -> RepairMoment:
    m = RepairMoment()
    m.completed = True
    m.notice.what_happened = what
    m.created_at = m.updated_at = when
    return m


# Three months and four time zones; "UTC" order is the order a person lived them.
MOMENTS = [
    ("Tokyo, 1 Nov at 08:30 there", "2026-11-01T08:30:00+09:00"),      # 31 Oct 23:30 UTC: October's part
    ("London, 31 Oct at 23:00", "2026-10-31T23:00:00+00:00"),
    ("New York, 31 Oct at 18:00 there", "2026-10-31T18:00:00-04:00"),  # 22:00 UTC
    ("Lisbon, 1 Nov just after midnight", "2026-11-01T00:10:00+00:00"),
    ("Late November", "2026-11-27T21:00:00+01:00"),
    ("September", "2026-09-12T07:00:00-07:00"),
]
NEWEST_FIRST = ["Late November", "Lisbon, 1 Nov just after midnight", "Tokyo, 1 Nov at 08:30 there",
                "London, 31 Oct at 23:00", "New York, 31 Oct at 18:00 there", "September"]


@pytest.fixture
def journal(data_dir):
    data = DataFolder.open(data_dir)
    for what, when in MOMENTS:
        data.journal.save(moment(what, when))
    yield data.journal
    data.close()


class SlowJournal:
    """The real journal, each month read slowly (a large journal on a slow disk)."""

    def __init__(self, journal, seconds: float):
        self._journal, self._seconds = journal, seconds

    def months(self):
        return self._journal.months()

    def moments_of(self, month):
        time.sleep(self._seconds)
        return self._journal.moments_of(month)


def load(qtbot, loader: JournalLoader) -> list[list]:
    months: list[list] = []
    loader.month_loaded.connect(months.append)
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        loader.start()
    return months


def test_months_arrive_newest_first_and_the_list_is_newest_first_across_time_zones(owner, qtbot, journal):
    loader = JournalLoader(journal, owner)
    model = MomentListModel(owner)
    shown = MomentFilterModel(model)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(shown)
    loader.month_loaded.connect(model.add_entries)
    months = load(qtbot, loader)
    # A month is the UTC month of created_at: Tokyo's 1 November morning is October's. The newest
    # month comes alone, the older ones whole, newest first (a few together when they come quickly).
    def month_of(entry):
        return entry.created.astimezone(timezone.utc).strftime("%Y-%m")
    assert {month_of(e) for e in months[0]} == {"2026-11"}
    arrived = [month_of(e) for month in months for e in month]
    assert arrived == sorted(arrived, reverse=True) and set(arrived) == {"2026-11", "2026-10", "2026-09"}
    for month in months:
        assert [e.sort_key() for e in month] == sorted((e.sort_key() for e in month), reverse=True)
    assert [view.model().index(row).data(MOMENT_ROLE).notice.what_happened
            for row in range(view.model().rowCount())] == NEWEST_FIRST
    assert shown.counts() == (6, 6)


def test_entries_are_built_on_a_worker_thread(owner, qtbot, journal, monkeypatch):
    threads = set()
    real = journal_loader.entry_for

    def noting(moment):
        threads.add(threading.current_thread())
        return real(moment)
    monkeypatch.setattr(journal_loader, "entry_for", noting)
    load(qtbot, JournalLoader(journal, owner))
    assert threads and threading.main_thread() not in threads


def test_the_window_keeps_turning_while_a_slow_journal_loads(owner, qtbot, journal):
    """A tick every 10 ms on the GUI thread: none is held up while three months take 0.9 s to read,
    and the first month is on screen long before the last is read."""
    loader = JournalLoader(SlowJournal(journal, 0.3), owner)
    model = MomentListModel(owner)
    loader.month_loaded.connect(model.add_entries)
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    first_rows = []
    model.rowsInserted.connect(lambda *_: first_rows.append(time.perf_counter()) if not first_rows else None)
    timer.start()
    began = time.perf_counter()
    months = load(qtbot, loader)
    ended = time.perf_counter()
    timer.stop()
    assert len(months) == 3 and ended - began >= 0.9
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 40 and max(gaps) < 0.1, f"the GUI thread stood still for {max(gaps) * 1e3:.0f} ms"
    assert first_rows[0] - began < 0.5


def test_cancel_drops_what_was_still_on_its_way(owner, qtbot, journal):
    loader = JournalLoader(SlowJournal(journal, 0.15), owner)
    months, finished = [], []
    loader.month_loaded.connect(months.append)
    loader.finished.connect(lambda: finished.append(True))
    loader.start()
    qtbot.waitUntil(lambda: len(months) == 1, timeout=5000)
    loader.cancel()
    assert loader.wait(5)
    qtbot.wait(400)
    assert len(months) == 1 and not finished and not loader.loading


def test_a_restart_delivers_each_month_once(owner, qtbot, journal):
    loader = JournalLoader(SlowJournal(journal, 0.05), owner)
    months = []
    loader.month_loaded.connect(months.append)
    loader.start()
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        loader.start()          # the person opened the look back again before the first read ended
    qtbot.wait(200)
    ids = [e.id for month in months for e in month]
    assert len(ids) == len(set(ids)) == len(MOMENTS)


def test_a_journal_that_cannot_be_read_says_so(owner, qtbot, journal, data_dir, monkeypatch):
    problem = ReadFailed(data_dir / "journal" / "2026-10-1.json", PermissionError(13, "Permission denied"))
    real = journal.moments_of

    def refuse(month):
        if month == "2026-10":
            raise problem
        return real(month)
    monkeypatch.setattr(journal, "moments_of", refuse)
    loader = JournalLoader(journal, owner)
    months, finished = [], []
    loader.month_loaded.connect(months.append)
    loader.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.start()
    assert failed.args == [problem]
    assert len(months) == 1 and not finished and not loader.loading    # November came; nothing after


def test_a_loader_gone_while_reading_leaves_nothing_behind(qtbot, journal):
    loader = JournalLoader(SlowJournal(journal, 0.1))
    loader.start()
    running = list(loader._running)
    loader.deleteLater()
    qtbot.wait(50)
    assert all(event.wait(5) for event in running)      # the read ended on its own, quietly
    qtbot.wait(100)


def test_a_screenful_of_the_newest_month_comes_ahead_of_the_rest(owner, qtbot, data_dir):
    with DataFolder.open(data_dir) as data:
        for n in range(45):
            data.journal.save(moment(f"November {n}", f"2026-11-{n % 28 + 1:02d}T{n % 24:02d}:00:00+00:00"))
        data.journal.save(moment("October", "2026-10-10T10:00:00+00:00"))
    data = DataFolder.open(data_dir)
    try:
        months = load(qtbot, JournalLoader(data.journal, owner))
    finally:
        data.close()
    assert [len(m) for m in months] == [journal_loader.FIRST_PIECE, 45 - journal_loader.FIRST_PIECE, 1]
    keys = [e.sort_key() for month in months for e in month]
    assert keys == sorted(keys, reverse=True)       # the pieces follow one another, newest first
