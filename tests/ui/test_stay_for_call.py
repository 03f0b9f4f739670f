"""Closing the window while a pause or a reminder is still to come: Goldseam stays in the background
(a tray icon, or minimised with a note the first time) and the window comes back with the question at
the time; Quit really quits and the next start asks. Driven with clicks and keys, read from the
screen and the disk."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from goldseam.storage.data_folder import DataFolder
from goldseam.ui.pause.stay_for_call import NOTE_SEEN
from goldseam.ui.wiring import quit_key

from window_parts import parts_of


def click(qtbot, widget):
    assert widget.isVisible(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def tray_messages(monkeypatch):
    seen = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: seen.append(args[:2]))
    return seen


def wake(window):
    parts_of(window).promises._timer.timeout.emit()


def start_pause(qtbot, window, minutes=20):
    click(qtbot, window.home.pause_button)
    window.pause_view.page.minutes.setValue(minutes)
    click(qtbot, window.pause_view.page.start_button)


def stored(data_dir):
    with DataFolder.open(data_dir, read_only=True) as data:
        return data.promises.pause(), data.settings.get(NOTE_SEEN, False)


def closed_to_the_tray(qtbot, window, minutes=10):
    """A pause started, then the window closed on a desktop with a tray: the stay, with its tray icon."""
    stay = parts_of(window).stay
    stay._tray_available = lambda: True
    start_pause(qtbot, window, minutes=minutes)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    return stay


def the_note():
    notes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return notes[0] if notes else None


def button(box, words):
    [found] = [b for b in box.buttons() if b.text().replace("&", "") == words]
    return found


def test_without_a_tray_closing_during_a_pause_keeps_goldseam_and_calls_back_at_the_time(
        qtbot, open_window, data_dir, clock, alerts):
    window, _ = open_window()
    start_pause(qtbot, window, minutes=20)
    window.close()
    note = the_note()
    assert note is not None and window.isVisible(), "the first time, a note says what happens"
    assert note.text() == "Goldseam stays open in the background until 20:20 to call you back."
    assert "taskbar" in note.informativeText()
    QTest.keyClick(note, Qt.Key.Key_Escape)         # Esc keeps the promise, it does not quit
    qtbot.waitUntil(lambda: window.isMinimized())
    assert window.isVisible() and parts_of(window).stay.away
    assert stored(data_dir)[1] is True, "the note is told once"

    clock.advance(minutes=20)
    wake(window)
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert alerts == [window]
    assert window.home.pause_banner.text.text().startswith("It is time: you said you would come back at 20:20")
    assert not parts_of(window).stay.away

    # Nothing more to come: now closing ends it, and the question waits for the next start.
    window.close()
    assert not window.isVisible() and the_note() is None
    assert stored(data_dir)[0] is not None


def test_the_second_time_no_note_and_quit_from_the_note_really_quits(qtbot, open_window, data_dir):
    window, data = open_window()
    data.settings.set(NOTE_SEEN, True)
    start_pause(qtbot, window, minutes=5)
    window.close()
    assert the_note() is None and window.isMinimized(), "told once: straight to the taskbar"

    window.showNormal()
    qtbot.waitUntil(lambda: not parts_of(window).stay.away)
    data.settings.set(NOTE_SEEN, False)
    window.close()
    note = the_note()
    click(qtbot, button(note, "Quit now"))
    qtbot.waitUntil(lambda: not window.isVisible())
    running, _ = stored(data_dir)
    assert running is not None and running.pause.minutes_planned == 5, "the next start asks about it"


def test_with_a_tray_the_window_goes_and_the_tray_says_when_it_comes_back(qtbot, open_window, data_dir, clock,
                                                                          alerts, tray_messages):
    window, _ = open_window()
    stay = parts_of(window).stay
    stay._tray_available = lambda: True
    parts_of(window).calls.call_back._tray_available = lambda: True
    start_pause(qtbot, window, minutes=30)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert the_note() is None and stay.tray.isVisible()
    assert stay.tray.toolTip() == "Goldseam: Back at 20:30"
    assert [a.text() for a in stay.tray.contextMenu().actions()] == ["Back at 20:30", "Show Goldseam", "",
                                                                     "Quit Goldseam"]
    assert tray_messages == [("Goldseam stays open",
                              "Goldseam stays open in the background until 20:30 to call you back.")]

    clock.advance(minutes=30)
    wake(window)
    qtbot.waitUntil(lambda: window.isVisible())
    assert not stay.tray.isVisible() and alerts == [window]
    assert tray_messages[-1] == ("Goldseam", "It is 20:30: the time you named to come back from your pause.")
    assert "you said you would come back at 20:30" in window.home.pause_banner.text.text()


def test_the_trays_quit_ends_goldseam_with_the_pause_kept_for_the_next_start(qtbot, open_window, data_dir,
                                                                             tray_messages):
    window, _ = open_window()
    stay = closed_to_the_tray(qtbot, window)
    [quit_action] = [a for a in stay.tray.contextMenu().actions() if a.text() == "Quit Goldseam"]
    quit_action.trigger()
    assert not window.isVisible() and not stay.away
    window.close()      # closing again (the test's own clean-up) changes nothing
    running, _ = stored(data_dir)
    assert running is not None


def test_show_goldseam_from_the_tray_brings_the_window_back_as_it_was(qtbot, open_window, tray_messages):
    window, _ = open_window()
    stay = closed_to_the_tray(qtbot, window)
    [show] = [a for a in stay.tray.contextMenu().actions() if a.text() == "Show Goldseam"]
    show.trigger()
    qtbot.waitUntil(lambda: window.isVisible())
    assert window.stack.currentWidget() is window.pause_view and not stay.tray.isVisible()


def test_a_reminder_still_to_come_keeps_goldseam_too(qtbot, open_window, data_dir, clock, tray_messages,
                                                     sample_moment):
    window, data = open_window()
    moment = sample_moment()
    moment.reach_back.when = "later"
    moment.reach_back.remind_at = "2026-11-28T22:15:00+00:00"
    parts_of(window).promises.remind_later(moment)
    stay = parts_of(window).stay
    stay._tray_available = lambda: True
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert stay.tray.toolTip() == "Goldseam: Reminder at 22:15"


def test_without_a_tray_the_note_for_a_reminder_speaks_of_the_reminder(qtbot, open_window, sample_moment):
    window, _ = open_window()
    moment = sample_moment()
    moment.reach_back.when = "later"
    moment.reach_back.remind_at = "2026-11-28T22:15:00+00:00"
    parts_of(window).promises.remind_later(moment)
    window.close()
    note = the_note()
    assert note.text() == "Goldseam stays open in the background until 22:15 to call you back."
    assert note.informativeText().endswith("Goldseam will remind you the next time you open it.")
    QTest.keyClick(note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.isMinimized())


def test_nothing_promised_closing_quits_and_ctrl_q_quits_even_with_a_pause(qtbot, open_window, data_dir):
    window, _ = open_window()
    window.close()
    assert not window.isVisible() and the_note() is None

    window, _ = open_window()
    parts_of(window).add_quit_key()
    start_pause(qtbot, window, minutes=10)
    QTest.keySequence(window.windowHandle(), QKeySequence(quit_key()))
    qtbot.waitUntil(lambda: not window.isVisible())
    assert the_note() is None
    running, _ = stored(data_dir)
    assert running is not None, "Quit keeps the pause for the next start's question"


def test_with_the_lock_on_goldseam_goes_locked_and_comes_back_on_its_lock_screen(qtbot, open_window, data_dir,
                                                                                  clock, alerts, tray_messages):
    from test_lock_window import PASS, lock_folder, visible_words
    from goldseam.storage import lock_setup, sealing

    lock_folder(data_dir)
    lock_setup.unlock(data_dir, PASS)
    try:
        window, _ = open_window()
        stay = parts_of(window).stay
        stay._tray_available = lambda: True
        start_pause(qtbot, window, minutes=15)
        window.pause_view.page.minutes.setFocus()
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible())
        hide = parts_of(window).hide
        assert hide.hidden, "closed with the lock on, the words are covered before the window goes"
        clock.advance(minutes=15)
        wake(window)
        qtbot.waitUntil(lambda: window.isVisible())
        assert hide.hidden and "pause has come" in hide.screen.call.text()
        assert "20:15" not in window.windowTitle() and window.windowTitle() == "Goldseam"
        assert "evening" not in visible_words(window)
    finally:
        sealing.let_go(data_dir)


def test_the_settings_open_when_closing_close_with_the_window(qtbot, open_window, tray_messages):
    window, _ = open_window()
    stay = parts_of(window).stay
    stay._tray_available = lambda: True
    start_pause(qtbot, window, minutes=10)
    parts_of(window).preferences.open_dialog()
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not dialog.isVisible(), "no dialog left alone on the desk"
