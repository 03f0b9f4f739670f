"""One "journal changed" event (issue 19): every write the window makes is said once, with what
it added, changed or removed and from where, and home, the look back and the promise keeper hear
that one event (no other path carries a change)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel

from goldseam.core.journal_change import LOOK_BACK, PAUSE, REPAIR, SETTINGS
from goldseam.core.moment import RepairMoment
from goldseam.ui.application.background import start_in_background
from goldseam.ui.journal_events import JournalEvents
from window_parts import parts_of


def heard(events: JournalEvents) -> list:
    changes: list = []
    events.changed.connect(lambda change: changes.append((change, QThread.currentThread())))
    return changes


def test_each_write_is_said_once_with_its_ids_and_origin(qtbot, open_window):
    window, data = open_window()
    events = parts_of(window).events
    changes = heard(events)
    journal = events.journal_for(data.journal, LOOK_BACK)
    moment = RepairMoment(created_at="2026-11-20T20:00:00+00:00")
    moment.notice.what_happened = "Wir haben uns über den Urlaub gestritten. " * 200
    journal.save(moment)
    journal.save(moment)
    assert not journal.delete("no-such-moment")
    assert journal.delete(moment.id)
    said = [(c.added, c.changed, c.removed, c.origin) for c, _thread in changes]
    assert said == [({moment.id}, set(), set(), LOOK_BACK), (set(), {moment.id}, set(), LOOK_BACK),
                    (set(), set(), {moment.id}, LOOK_BACK)]


def test_a_write_on_the_thread_pool_is_heard_on_the_gui_thread_and_none_after_quitting(qtbot, open_window):
    window, data = open_window()
    parts = parts_of(window)
    changes = heard(parts.events)
    journal = parts.events.journal_for(data.journal, SETTINGS)
    worker: list = []

    def work():
        worker.append(threading.current_thread())
        return journal.import_moments([RepairMoment(created_at="2026-10-01T08:00:00+00:00")])
    start_in_background(window, work, lambda result, error: None)
    qtbot.waitUntil(lambda: bool(changes))
    [(change, thread)] = changes
    assert change.everything and change.origin == SETTINGS
    assert worker[0] is not threading.main_thread() and thread == window.thread()

    parts.events.shutdown()
    journal.save(RepairMoment(created_at="2026-10-02T08:00:00+00:00"))
    assert len(changes) == 1, "nothing is announced once the window's parts have shut down"


def test_home_and_the_open_look_back_hear_a_moment_kept_elsewhere(qtbot, open_window):
    window, data = open_window()
    parts = parts_of(window)
    first = RepairMoment(created_at="2026-11-01T20:00:00+00:00")
    first.notice.what_happened = "the first"
    data.journal.save(first)
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 1)

    # A pause taken alone comes to the journal from the promise keeper, not from the look back.
    kept = RepairMoment(kind="pause", created_at="2026-11-28T19:00:00+00:00")
    kept.completed = True
    parts.events.journal_for(data.journal, PAUSE).save(kept)
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 2)
    assert window.home.recent.count() == 2

    # The look back's own edit is not read again by it (it shows it already); home hears it.
    reads = []
    real_start = review.loader.start
    review.loader.start = lambda *a: (reads.append(1), real_start(*a))
    first.notice.what_happened = "the first, said again"
    parts.events.journal_for(data.journal, LOOK_BACK).save(first)
    assert reads == []
    assert any("said again" in window.home.recent.item(i).text() for i in range(window.home.recent.count()))


def test_the_repair_saved_in_the_wizard_is_said_as_added_from_the_repair(qtbot, open_window):
    window, data = open_window()
    changes = heard(parts_of(window).events)
    window.begin_repair()
    qtbot.keyClicks(window.wizard.notice.what, "We argued about the weekend")
    moment_id = parts_of(window).keeper.moment.id
    assert parts_of(window).keeper.finish()
    [(change, _thread)] = changes
    assert change.origin == REPAIR and change.added == {moment_id} and not change.changed


def what_has_grown_of_two_repairs(qtbot, open_window):
    """The look back open on "What has grown", over two kept repairs: (window, data, review)."""
    window, data = open_window()
    for day in (1, 2):
        repair = RepairMoment(created_at=f"2026-11-0{day}T20:00:00+00:00")
        repair.completed = True
        data.journal.save(repair)
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 2)
    review.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "mended 2 moments" in insights_text(review))
    return window, data, review


def test_what_has_grown_stays_in_view_and_counts_what_an_import_brought(qtbot, open_window):
    window, data, review = what_has_grown_of_two_repairs(qtbot, open_window)

    brought = RepairMoment(created_at="2026-10-15T20:00:00+00:00")
    brought.completed = True
    parts_of(window).events.journal_for(data.journal, SETTINGS).import_moments([brought])
    qtbot.waitUntil(lambda: "mended 3 moments" in insights_text(review))
    assert review.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 3)


def test_an_older_picture_of_what_has_grown_never_covers_a_newer_one(qtbot, open_window, monkeypatch):
    """The picture is drawn on the thread pool; asked for while a read began (no moments yet) and
    again when it ended, the first may be done last. Only the newest is shown."""
    import goldseam.ui.application.background as background

    _window, _data, review = what_has_grown_of_two_repairs(qtbot, open_window)
    held = []
    real = background.start_in_background

    def hold_pictures(owner, work, done):
        """Only the pictures are held; other work (home's count, say, on a busy machine) runs as usual."""
        if "_show_insights" in work.__qualname__:
            held.append((work, done))
        else:
            real(owner, work, done)
    monkeypatch.setattr(background, "start_in_background", hold_pictures)
    review.open()                               # read again, as a change from elsewhere does
    review.tabs.setCurrentIndex(1)              # the picture asked for with nothing read yet
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 2)
    assert len(held) == 2                       # and again when the read ended
    for work, done in reversed(held):           # the older one done last
        done(work(), None)
    assert "mended 2 moments" in insights_text(review)


def insights_text(review) -> str:
    """What the "What has grown" tab says, as its labels read."""
    return " ".join(label.text() for label in review.tabs.widget(1).findChildren(QLabel))


def test_the_closing_words_go_when_their_repair_is_deleted_in_the_look_back(qtbot, open_window):
    window, data = open_window()
    window.begin_repair()
    qtbot.keyClicks(window.wizard.notice.what, "We argued about the dishes")
    moment = window.keeper.moment
    assert window.keeper.finish()
    window.wizard.finished.emit(moment)             # as the last step's Save does
    assert window.home.closure.isVisible()
    parts_of(window).events.journal_for(data.journal, LOOK_BACK).delete(moment.id)
    assert not window.home.closure.isVisible()
    other = RepairMoment(created_at="2026-11-20T20:00:00+00:00")
    window.home.show_closure(other)
    parts_of(window).events.journal_for(data.journal, LOOK_BACK).save(other)
    assert window.home.closure.isVisible(), "a change that is not its deletion leaves the words"
