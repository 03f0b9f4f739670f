"""The pause that calls you back: from home, at the time, after being away, in a repair,
and the "say it later" reminder. Driven with clicks, read from the screen and the disk."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from goldseam.storage.data_folder import DataFolder
from goldseam.ui.pause.call_back import TRAY, WINDOW
from goldseam.ui.pause.promise_keeper import STEP_MS
from window_parts import parts_of


def click(qtbot, widget):
    assert widget.isVisible(), widget.text() if hasattr(widget, "text") else widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wake(window):
    """What the promise keeper's timer does when it fires (the fake clock has moved on)."""
    parts_of(window).promises._timer.timeout.emit()


def promises(data_dir):
    with DataFolder.open(data_dir, read_only=True) as data:
        return data.promises.pause(), data.promises.reminders(), data.journal.all()


def start_alone_pause(qtbot, window, minutes=20):
    click(qtbot, window.home.pause_button)
    view = window.pause_view
    assert window.stack.currentWidget() is view
    view.page.minutes.setValue(minutes)
    click(qtbot, view.page.start_button)
    return view


def test_a_pause_from_home_is_kept_shown_and_titled(qtbot, open_window, data_dir, clock):
    window, _ = open_window()
    view = start_alone_pause(qtbot, window)
    assert "20:20" in view.page.return_label.text()
    running, _, moments = promises(data_dir)
    assert running is not None and running.kind == "pause" and running.pause.minutes_planned == 20
    assert moments == []
    assert window.windowTitle() == "Goldseam \u2014 on a pause, 20 minutes left"

    click(qtbot, view.home_button)
    assert window.stack.currentWidget() is window.home
    assert "on a pause until 20:20" in window.home.pause_banner.text.text()
    assert QApplication.focusWidget() is window.home.pause_banner.open_button
    assert not window.home.pause_button.isVisible()
    assert parts_of(window).promises.next_wake_ms() == pytest.approx(STEP_MS, abs=50)

    clock.advance(minutes=12, seconds=30)
    parts_of(window).calls.update_title()
    assert window.windowTitle() == "Goldseam \u2014 on a pause, 8 minutes left"
    click(qtbot, window.home.pause_banner.open_button)
    assert window.stack.currentWidget() is view and view.page.countdown.text() == "07:30"


def test_at_the_time_the_person_is_called_back_without_a_tray(qtbot, open_window, data_dir, clock, alerts):
    window, _ = open_window()
    view = start_alone_pause(qtbot, window, minutes=20)
    click(qtbot, view.home_button)
    clock.advance(minutes=19, seconds=59)
    wake(window)
    assert alerts == [] and "on a pause" in window.home.pause_banner.text.text()
    assert parts_of(window).promises.next_wake_ms() == pytest.approx(1000, abs=60)

    clock.advance(seconds=1)
    wake(window)
    assert alerts == [window]
    assert parts_of(window).calls.call_back.last_way == WINDOW
    banner = window.home.pause_banner
    assert "It is time: you said you would come back at 20:20" in banner.text.text()
    assert banner.back_button.isVisible() and banner.more_button.isVisible()
    assert window.windowTitle() == "Goldseam \u2014 time to come back"
    wake(window)
    assert alerts == [window], "called once, not again at every look"

    clock.advance(minutes=2)
    click(qtbot, banner.back_button)
    running, _, moments = promises(data_dir)
    assert running is None
    [kept] = moments
    assert kept.kind == "pause" and kept.completed and kept.pause.outcome == "returned"
    assert kept.pause.returned_at == "2026-11-28T20:22:00+00:00"
    assert "Welcome back" in window.home.saved_note.text()
    assert not banner.isVisible() and window.windowTitle() == "Goldseam"
    assert window.home.recent.item(0).text().endswith("\u2014 A pause of 20 minutes, you came back")


def test_with_a_tray_the_call_is_a_tray_message_with_no_private_words(qtbot, open_window, clock, alerts,
                                                                       monkeypatch):
    window, _ = open_window()
    messages = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: messages.append(args))
    parts_of(window).calls.call_back._tray_available = lambda: True
    start_alone_pause(qtbot, window, minutes=5)
    clock.advance(minutes=5)
    wake(window)
    assert parts_of(window).calls.call_back.last_way == TRAY
    [(title, body, *_rest)] = messages
    assert title == "Goldseam" and body == "It is 20:05: the time you named to come back from your pause."
    assert alerts == [window]
    assert parts_of(window).calls.call_back.tray.isVisible()
    click(qtbot, window.pause_view.page.back_button)
    assert not parts_of(window).calls.call_back.tray.isVisible()


def test_asking_for_more_time_on_home_keeps_the_promise(qtbot, open_window, data_dir, clock, alerts):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window, minutes=20).home_button)
    clock.advance(minutes=20)
    wake(window)
    banner = window.home.pause_banner
    banner.more.setValue(15)
    click(qtbot, banner.more_button)
    assert "on a pause until 20:35" in banner.text.text()
    running, _, _ = promises(data_dir)
    assert running.pause.outcome == "extended" and running.pause.minutes_planned == 35
    clock.advance(minutes=15)
    wake(window)
    assert len(alerts) == 2, "the new time calls back again"


@pytest.mark.parametrize("came_back, outcome, words", [(True, "returned", "Thank you for telling Goldseam"),
                                                       (False, "missed", "A pause that ran long is still a pause")])
def test_a_time_that_passed_while_closed_is_asked_about_once(qtbot, open_window, data_dir, clock, alerts,
                                                             came_back, outcome, words):
    window, data = open_window()
    start_alone_pause(qtbot, window, minutes=30)
    parts_of(window).quit()                 # Quit (closing would keep Goldseam for the call back)
    clock.advance(hours=2)
    window, data = open_window()
    banner = window.home.pause_banner
    assert banner.text.text() == "You planned to come back at 20:30. Did you?"
    assert alerts == [], "a question on opening, not a call"
    assert QApplication.focusWidget() is banner.yes_button
    click(qtbot, banner.yes_button if came_back else banner.no_button)
    assert words in window.home.saved_note.text()
    running, _, [kept] = promises(data_dir)
    assert running is None and kept.kind == "pause" and kept.pause.outcome == outcome
    window.close()
    window, _ = open_window()
    assert not window.home.pause_banner.isVisible()


def test_a_pause_inside_a_repair_calls_back_on_home_and_returns_to_the_step(qtbot, open_window, on_disk, clock,
                                                                            alerts):
    window, _ = open_window()
    click(qtbot, window.home.begin_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    wizard.pause.minutes.setValue(25)
    click(qtbot, wizard.pause.start_button)
    click(qtbot, wizard.leave_button)
    assert "on a pause until 20:25" in window.home.pause_banner.text.text()
    clock.advance(minutes=25)
    wake(window)
    assert alerts == [window]
    click(qtbot, window.home.pause_banner.back_button)
    assert window.stack.currentWidget() is wizard and wizard.index == 1
    assert wizard.pause.back_message.text().startswith("Welcome back. You gave yourself 25 minutes")
    window.keeper.flush()
    _, draft = on_disk()
    assert draft.pause.outcome == "returned" and draft.kind == "repair"


def test_say_it_later_reminds_at_the_time_with_the_words(qtbot, open_window, data_dir, clock, alerts, monkeypatch):
    window, _ = open_window()
    click(qtbot, window.home.begin_button)
    wizard = window.wizard
    wizard.go_to(3)
    page = wizard.reach_back
    page.words.setPlainText("Can we try that again, more gently?")
    click(qtbot, page.later_choice)
    assert page.remind.isVisible()
    click(qtbot, page.remind.check)
    assert page.remind.value() == "2026-11-28T21:00:00+00:00"     # an hour on, on the quarter hour
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)                             # save the moment
    _, [reminder], [moment] = promises(data_dir)
    assert moment.reach_back.remind_at == reminder.due_at == "2026-11-28T21:00:00+00:00"

    clock.advance(hours=1)
    wake(window)
    assert alerts == [window]
    banner = window.home.reminder_banner
    assert banner.isVisible()
    assert "\u201cCan we try that again, more gently?\u201d" in banner.text.text()
    click(qtbot, banner.snooze_button)
    assert window.home.saved_note.text() == "Goldseam will remind you again at 22:00."
    _, [reminder], _ = promises(data_dir)
    assert reminder.due_at == "2026-11-28T22:00:00+00:00" and not banner.isVisible()
    clock.advance(hours=1)
    wake(window)
    click(qtbot, banner.done_button)
    assert promises(data_dir)[1] == [] and not banner.isVisible()


def test_nothing_ticks_for_the_title_while_the_window_is_hidden(qtbot, open_window, clock):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window).home_button)
    assert parts_of(window).calls._title_timer.isActive()
    window.hide()
    parts_of(window).calls.update_title()
    assert not parts_of(window).calls._title_timer.isActive()
    assert parts_of(window).promises.next_wake_ms() is not None, "the call back itself stays armed"


def test_a_computer_that_slept_through_the_time_asks_rather_than_calls(qtbot, open_window, data_dir, clock,
                                                                       alerts):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window, minutes=20).home_button)
    clock.advance(hours=3)          # the timer's clock stood still while the computer slept
    wake(window)
    assert alerts == []
    assert window.home.pause_banner.text.text() == "You planned to come back at 20:20. Did you?"


def test_a_repair_pause_that_passed_while_closed_is_asked_about_and_kept_in_the_draft(qtbot, open_window, on_disk,
                                                                                     clock):
    window, _ = open_window()
    click(qtbot, window.home.begin_button)
    click(qtbot, window.wizard.next_button)
    click(qtbot, window.wizard.pause.start_button)
    parts_of(window).quit()
    clock.advance(hours=1)
    window, _ = open_window()
    banner = window.home.pause_banner
    assert banner.text.text() == "You planned to come back at 20:20. Did you?"
    assert window.home.draft_banner.isVisible()
    click(qtbot, banner.no_button)
    _, draft = on_disk()
    assert draft.pause.outcome == "missed" and draft.pause.returned_at == "2026-11-28T21:00:00+00:00"
    assert not banner.isVisible()


def test_away_from_home_the_call_is_one_line_with_the_way_home(qtbot, open_window, on_disk, clock, alerts):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window, minutes=20).home_button)
    click(qtbot, window.home.begin_button)
    window.wizard.notice.what.setPlainText("Words being written when the time comes")
    assert not window.call_strip.isVisible()
    clock.advance(minutes=20)
    wake(window)
    assert alerts == [window]
    strip = window.call_strip
    assert strip.isVisible()
    assert strip.text.text() == "The time you named to come back from your pause, 20:20, has come."
    assert window.stack.currentWidget() is window.wizard, "what is being written is not interrupted"
    click(qtbot, strip.button)
    assert window.stack.currentWidget() is window.home and not strip.isVisible()
    assert window.home.pause_banner.back_button.isVisible()
    _, draft = on_disk()
    assert draft.notice.what_happened == "Words being written when the time comes"


def test_a_soft_chime_only_when_asked_for_and_remembered(qtbot, open_window, data_dir, clock, alerts, monkeypatch):
    from goldseam.ui.pause import chime

    played = []
    monkeypatch.setattr(chime.Chime, "play", lambda self: played.append(True))
    window, data = open_window()
    view = start_alone_pause(qtbot, window, minutes=5)
    clock.advance(minutes=5)
    wake(window)
    assert played == [], "no sound unless asked for"
    click(qtbot, view.page.back_button)
    click(qtbot, view.page.again_button)
    click(qtbot, view.page.chime_box)
    assert data.settings.get("pause_chime") is True
    view.page.minutes.setValue(5)
    click(qtbot, view.page.start_button)
    clock.advance(minutes=5)
    wake(window)
    assert played == [True]
    click(qtbot, view.page.back_button)
    window.close()
    window, _ = open_window()
    click(qtbot, window.home.pause_button)
    assert window.pause_view.page.chime_box.isChecked()


def test_coming_back_to_the_computer_looks_at_the_clock_at_once(qtbot, open_window, clock, alerts):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window, minutes=20).home_button)
    clock.advance(minutes=20, seconds=30)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert alerts == [window]
    assert window.home.pause_banner.back_button.isVisible()


def test_what_is_not_on_screen_is_not_said(qtbot, open_window, clock, alerts, monkeypatch):
    from goldseam.ui.widgets import accessible

    said = []
    monkeypatch.setattr(accessible.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(accessible, "_tell", lambda _widget, text: said.append(text))
    window, _ = open_window()
    view = start_alone_pause(qtbot, window, minutes=5)
    said.clear()
    clock.advance(minutes=5)
    wake(window)
    view.page._refresh()
    heard = [text for text in said if text]
    assert heard == ["It is 20:05: the time you named has come. Come back when you are ready."], \
        "once, by the screen that is shown; not also by home's hidden banner"


def test_choosing_a_pause_is_as_tall_as_its_choice_not_as_the_running_pause(qtbot, open_window):
    window, _ = open_window()
    click(qtbot, window.home.pause_button)
    page = window.pause_view.page
    choosing = page.sizeHint().height()
    click(qtbot, page.start_button)
    assert page.sizeHint().height() > choosing + 150, "the running pause holds the breathing guide"


def test_the_pause_screen_and_breathe_have_headings(qtbot, open_window, monkeypatch):
    from PySide6.QtGui import QAccessible

    window, _ = open_window()
    window.take_pause()
    window.pause_view.home_button.click()
    window.breathe()
    for title in (window.pause_view.title, window.breathing_view.title):
        assert QAccessible.queryAccessibleInterface(title).role() == QAccessible.Role.Heading


def test_the_wheel_scrolls_the_page_past_a_minutes_box_it_does_not_change(qtbot, open_window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    window, _ = open_window()
    window.resize(640, 370)
    view = start_alone_pause(qtbot, window, minutes=20)
    box = view.page.more
    before = box.value()
    qtbot.wait(20)          # laid out at the small size
    bar = view.scroll.verticalScrollBar()
    assert bar.maximum() > 0 and not box.hasFocus()
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, "a turn of the wheel gives it no focus either"
    at = QPointF(box.rect().center())
    wheel = QWheelEvent(at, QPointF(box.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(box, wheel)
    assert box.value() == before, "the number under the pointer stays as chosen"
    assert bar.value() > 0, "the page scrolled instead"


def test_a_repair_pause_started_while_one_taken_alone_runs_takes_its_place(qtbot, open_window, data_dir, clock):
    window, _ = open_window()
    click(qtbot, start_alone_pause(qtbot, window, minutes=30).home_button)
    clock.advance(minutes=5)
    click(qtbot, window.home.begin_button)
    click(qtbot, window.wizard.next_button)
    click(qtbot, window.wizard.pause.start_button)
    running, _, [kept] = promises(data_dir)
    assert running is None and kept.kind == "pause" and kept.pause.outcome == "returned"
    assert kept.pause.returned_at == "2026-11-28T20:05:00+00:00"
    click(qtbot, window.wizard.leave_button)
    assert "on a pause until 20:25" in window.home.pause_banner.text.text()


def test_a_promises_file_set_aside_is_named_for_what_it_holds():
    from goldseam.ui.widgets.storage_messages import held_text

    text = held_text("promises.json", "28 Nov 2026, 20:00")
    assert text.startswith("Your running pause and reminders could not be read, so Goldseam set them aside")
    assert "preferences" not in text


@pytest.mark.parametrize("banner", ["pause", "reminder", "restore"])
def test_one_gold_button_on_home_while_a_banner_asks(qtbot, open_window, clock, banner):
    from PySide6.QtWidgets import QPushButton

    window, _ = open_window()
    home = window.home
    if banner == "pause":
        click(qtbot, start_alone_pause(qtbot, window).home_button)
    elif banner == "reminder":
        from goldseam.ui.pause.promise_keeper import DueReminder
        from goldseam.storage.promises import Reminder
        home.show_reminder(DueReminder(Reminder("0f2b3c4d-0000-4000-8000-00000000000a",
                                                "2026-11-28T19:00:00+00:00"), "Sorry", False))
    else:
        home.show_held("Your journal could not be read, so Goldseam set it aside, untouched.")
    gold = [b.text() for b in home.findChildren(QPushButton) if b.isVisible() and b.objectName() == "Primary"]
    assert len(gold) == 1, gold
    home.show_held(None)
    home.show_reminder(None)


def test_im_back_in_a_pauses_first_minute_asks_and_a_stopped_pause_is_never_kept_as_a_promise(
        qtbot, open_window, data_dir, clock):
    """A second Enter on "I'm back" right after Start ended a 20-minute pause and home said
    "A pause of 20 minutes, you came back". In its first minute "I'm back" asks; the harmless
    answer has the focus; ended anyway, the pause is recorded as stopped, and not counted."""
    from goldseam.core import insights

    window, _ = open_window()
    view = start_alone_pause(qtbot, window, minutes=20)
    page = view.page
    assert QApplication.focusWidget() is page.back_button
    qtbot.keyClick(page.back_button, Qt.Key.Key_Return)       # the stray second Enter
    assert page.early.isVisible() and "less than a minute ago" in page.early_text.text()
    assert QApplication.focusWidget() is page.keep_pausing_button
    qtbot.keyClick(page.keep_pausing_button, Qt.Key.Key_Return)   # a third: the pause goes on
    assert not page.early.isVisible() and page.is_running()
    running, _, moments = promises(data_dir)
    assert running is not None and running.pause.returned_at is None and moments == []

    clock.advance(seconds=40)
    click(qtbot, page.back_button)
    click(qtbot, page.end_now_button)                   # asked, and answered on purpose
    assert "before its first minute was over" in page.back_message.text()
    _, _, [stopped] = promises(data_dir)
    assert stopped.pause.outcome is None and stopped.pause.returned_at is not None
    click(qtbot, view.home_button)
    row = window.home.recent.item(0).text()
    assert "stopped after 0 minutes" in row and "came back" not in row
    found = insights.compute([stopped])
    assert found.pauses == 0 and found.came_back == 0


def test_the_question_goes_once_the_first_minute_is_over(qtbot, open_window, data_dir, clock):
    window, _ = open_window()
    page = start_alone_pause(qtbot, window, minutes=20).page
    click(qtbot, page.back_button)
    assert page.early.isVisible()
    clock.advance(seconds=61)
    page._refresh()                                   # the second's tick
    assert not page.early.isVisible() and QApplication.focusWidget() is page.back_button
    click(qtbot, page.back_button)
    _, _, [kept] = promises(data_dir)
    assert kept.pause.outcome == "returned"
