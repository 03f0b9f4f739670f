"""What each step does for the person, beyond typing."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _wizard(qtbot, open_window):
    window, data = open_window()
    _click(qtbot, window.home.begin_button)
    return window, window.wizard


def test_flooding_recommends_the_pause_first(qtbot, open_window, on_disk):
    window, wizard = _wizard(qtbot, open_window)
    notice = wizard.notice
    assert not notice.flood_note.isVisible()
    notice.pulse.setValue(92)
    assert not notice.flood_note.isVisible()
    notice.pulse.setValue(112)
    assert notice.flood_note.isVisible()
    notice.pulse.setValue(0)
    _click(qtbot, notice.signs.chips["foggy"])
    assert notice.flood_note.isVisible()
    _click(qtbot, notice.pause_button)
    assert wizard.step_counter.text() == "Step 2 of 5"
    window.keeper.flush()
    draft = on_disk()[1]
    assert draft.notice.flooded is True and draft.notice.flood_signs == ["foggy"]


def test_untouched_flooding_check_is_recorded_as_unknown(qtbot, open_window, on_disk):
    window, wizard = _wizard(qtbot, open_window)
    qtbot.keyClicks(wizard.notice.what, "x")
    window.keeper.flush()
    assert on_disk()[1].notice.flooded is None


def test_intensity_can_be_cleared(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    picker = wizard.notice.intensity
    picker.slider.setFocus()
    qtbot.keyClick(picker.slider, Qt.Key.Key_Left)     # the first arrow shows where it rests
    qtbot.keyClick(picker.slider, Qt.Key.Key_Left)
    assert picker.value() == 4 and picker.label.text() == "4 of 10"
    _click(qtbot, picker.clear_button)
    assert picker.value() is None and picker.label.text() == "Not rated"


def test_pause_counts_down_by_the_clock_and_records_the_return(qtbot, open_window, on_disk, clock):
    window, wizard = _wizard(qtbot, open_window)
    _click(qtbot, wizard.next_button)
    page = wizard.pause
    page.minutes.setValue(25)
    _click(qtbot, page.start_button)
    assert page.countdown.text() == "25:00"
    assert "back at 20:25" in page.return_label.text()
    clock.advance(minutes=10, seconds=30)
    qtbot.waitUntil(lambda: page.countdown.text() == "14:30", timeout=2500)
    window.keeper.flush()
    assert on_disk()[1].pause.return_at.startswith("2026-11-28T20:25")

    clock.advance(minutes=15)
    qtbot.waitUntil(lambda: page.countdown.text() == "00:00", timeout=2500)
    assert "has come" in page.return_label.text()
    _click(qtbot, page.more_button)                  # ten more minutes still keeps the promise
    # From 20:25:30, to the whole minute the screen names: the call comes at the time it shows.
    assert page.countdown.text() == "10:30" and "20:36" in page.return_label.text()
    clock.advance(minutes=9)
    _click(qtbot, page.back_button)
    assert "Welcome back" in page.back_message.text()
    assert "asked for more time" in page.back_message.text(), "not 'you gave yourself 35 minutes'"
    assert "35" not in page.back_message.text()
    window.keeper.flush()
    pause = on_disk()[1].pause
    assert pause.outcome == "extended" and pause.minutes_planned == 35 and pause.returned_at


def test_a_running_pause_survives_quitting(qtbot, open_window, clock):
    from window_parts import parts_of

    window, wizard = _wizard(qtbot, open_window)
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.pause.start_button)
    parts_of(window).quit()     # Quit: closing would keep Goldseam open for the call back
    clock.advance(minutes=5)
    window, _ = open_window()
    _click(qtbot, window.home.resume_button)
    assert window.wizard.step_counter.text() == "Step 2 of 5"
    assert window.wizard.pause.countdown.text() == "15:00"


def test_moving_on_from_a_running_pause_asks_whether_the_person_is_back(qtbot, open_window, on_disk, clock,
                                                                       monkeypatch):
    from goldseam.ui.pause import pause_question

    answers, asked = [False, False, True], []
    monkeypatch.setattr(pause_question, "ask_if_back",
                        lambda _parent, back_at: asked.append(back_at) or answers.pop(0))
    window, wizard = _wizard(qtbot, open_window)
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.pause.start_button)
    clock.advance(minutes=21)
    _click(qtbot, wizard.next_button)           # "Not yet": the pause keeps running, the step stays
    _click(qtbot, wizard.back_button)           # Back asks too
    assert wizard.step_counter.text() == "Step 2 of 5" and wizard.pause.countdown.isVisible()
    window.keeper.flush()
    assert on_disk()[1].pause.returned_at is None
    _click(qtbot, wizard.next_button)           # "Yes, I'm back"
    assert wizard.step_counter.text() == "Step 3 of 5"
    assert len(asked) == 3 and all(":" in time for time in asked)
    window.keeper.flush()
    assert on_disk()[1].pause.outcome == "returned"


def test_stems_insert_and_nudges_are_gentle_and_dismissable(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.next_button)
    page = wizard.acknowledge
    _click(qtbot, page.stem_buttons[0])
    assert page.text.text() == "I can see how that felt "
    qtbot.keyClicks(page.text, "bad, but you always interrupt")
    assert page.nudge_frame.isVisible()
    first = page.nudge_text.text()
    assert "Always" in first or "always" in first
    _click(qtbot, page.dismiss_button)                 # quiets this sentence: no second nudge on it
    assert not page.nudge_frame.isVisible()
    qtbot.keyClicks(page.text, ". But it was late.")  # a new sentence can get its own
    assert page.nudge_frame.isVisible() and "but" in page.nudge_text.text()
    _click(qtbot, page.dismiss_button)
    assert not page.nudge_frame.isVisible()
    assert wizard.next_button.isEnabled()


def test_reach_back_copies_keeps_and_marks_own_phrases(qtbot, open_window, on_disk):
    window, wizard = _wizard(qtbot, open_window)
    for _ in range(3):
        _click(qtbot, wizard.next_button)
    page = wizard.reach_back
    qtbot.keyClicks(page.words, "Tea on the balcony?")
    _click(qtbot, page.copy_button)
    assert QGuiApplication.clipboard().text() == "Tea on the balcony?"
    assert not page.lands_well.isEnabled()
    _click(qtbot, page.keep_button)
    assert "Kept" in page.status.text() and not page.keep_button.isEnabled()
    _click(qtbot, page.lands_well)
    page.group.setCurrentIndex(page.group.findData("own"))
    assert page.phrases.item(0).text() == "\u2605 Tea on the balcony?"
    _click(qtbot, page.now_choice)
    _click(qtbot, page.later_choice)
    assert not page.now_choice.isChecked()
    window.keeper.flush()
    assert on_disk()[1].reach_back.when == "later"

    # kept for next time: a new repair in a new window offers it
    for _ in range(2):
        _click(qtbot, wizard.next_button)
    window.close()
    window, data = open_window()
    assert [p.text for p in data.journal.own_phrases()] == ["Tea on the balcony?"]
    assert data.journal.own_phrases()[0].lands_well


def test_leaving_for_now_during_a_pause_keeps_it_running(qtbot, open_window, on_disk, clock):
    window, wizard = _wizard(qtbot, open_window)
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.pause.start_button)
    _click(qtbot, wizard.leave_button)
    window.keeper.flush()
    pause = on_disk()[1].pause
    assert pause.outcome is None and pause.returned_at is None
    clock.advance(minutes=3)
    _click(qtbot, window.home.resume_button)
    assert wizard.pause.countdown.text() == "17:00"


def test_after_im_back_enter_goes_on_never_into_a_second_pause(qtbot, open_window, clock):
    """The focus after "I'm back" is on what goes on (Next in a repair, Back home alone), not on
    "Take another pause", where a tired second Enter would start a new pause."""
    from PySide6.QtWidgets import QApplication

    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    wizard.go_to(1)
    page = wizard.pause
    _click(qtbot, page.start_button)
    clock.advance(minutes=1)                    # past its first minute, where "I'm back" asks first
    page.back_button.setFocus()
    qtbot.keyClick(page.back_button, Qt.Key.Key_Return)
    assert "Welcome back" in page.back_message.text()
    assert QApplication.focusWidget() is wizard.next_button
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_Return)
    assert wizard.index == 2 and not page.is_running()
    window.show_home()
    window.take_pause(5)
    view = window.pause_view
    clock.advance(minutes=1)
    view.page.back_button.setFocus()
    qtbot.keyClick(view.page.back_button, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view.home_button
