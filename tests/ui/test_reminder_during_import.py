"""A reminder that comes due while an import holds the journal calls the person back at once,
with the words they meant to say, instead of leaving the window unanswering until the import
ends (issue 19, item 5). The import is stood in for by a thread holding the journal's lock, as
every call of the journal does."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QApplication

from goldseam.storage.data_folder import DataFolder
from goldseam.storage.promises import Reminder

from window_parts import parts_of

WORDS = "Can we try that again, more gently?"


@pytest.fixture
def saved_with_reminder(data_dir, sample_moment):
    moment = sample_moment()
    moment.reach_back.phrase = WORDS
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(moment)
        data.promises.remind(Reminder(moment.id, "2026-11-28T21:00:00+00:00"))      # an hour after the clock
    return moment


@contextmanager
def journal_held(journal):
    """Another thread holds the journal until the block ends; `state["held"]` says whether it still
    did at a given point (it lets go after 30 s at most, so a window waiting for it fails, not hangs)."""
    state = {"held": False}
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with journal._lock:
            state["held"] = True
            held.set()
            release.wait(30)
            state["held"] = False

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(30)
    try:
        yield state
    finally:
        release.set()
        thread.join(30)


def wake(window):
    parts_of(window).promises._timer.timeout.emit()


def test_a_reminder_due_during_an_import_calls_at_once_with_the_words(qtbot, open_window, clock, alerts,
                                                                      saved_with_reminder):
    window, _ = open_window()
    keeper = parts_of(window).promises
    keeper.refresh()            # any look at the clock while the journal is free learns the words to come
    clock.advance(hours=1)
    with journal_held(window.journal) as state:
        wake(window)
        called_while_held = state["held"]
        assert alerts == [window]
        [due] = keeper.due_reminders()
        assert due.phrase == WORDS
        assert f"\u201c{WORDS}\u201d" in window.home.reminder_banner.text.text()
    assert called_while_held


def test_words_not_read_before_are_read_once_the_journal_is_free(qtbot, open_window, clock, alerts,
                                                                 saved_with_reminder):
    window, _ = open_window()       # built without reading the words of reminders still to come
    keeper = parts_of(window).promises
    clock.advance(hours=1)
    with journal_held(window.journal) as state:
        wake(window)
        called_while_held = state["held"]
        assert alerts == [window]
        assert [due.phrase for due in keeper.due_reminders()] == [""]
    assert called_while_held
    qtbot.waitUntil(lambda: [due.phrase for due in keeper.due_reminders()] == [WORDS])
    assert len(alerts) == 1         # called once, not again when the words came
