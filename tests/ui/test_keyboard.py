"""A whole repair with Tab, Space and Enter alone, and a Tab order that follows reading
order with every stop a visible control."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from goldseam.core.steps import STEP_COUNT
from window_parts import parts_of


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, widget, limit=60):
    """Tab until `widget` has the focus, as a person would; fail if it never does."""
    for _ in range(limit):
        if focused() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget.accessibleName() or widget}")


def tab_stops(qtbot, start, limit=80):
    """Every widget Tab visits, from `start` round to `start` again."""
    start.setFocus()
    stops = [start]
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is start:
            return stops
        stops.append(focused())
    raise AssertionError("Tab never comes round again")


def test_a_whole_repair_with_say_it_later_by_tab_space_and_enter(qtbot, open_window, on_disk, clock):
    window, _ = open_window()
    assert focused() is window.home.begin_button
    press(qtbot, Qt.Key.Key_Return)                      # Enter presses a focused button, as Space does
    wizard = window.wizard
    assert wizard.step_counter.text() == "Step 1 of 5"

    qtbot.keyClicks(focused(), "We talked past each other")
    tab_to(qtbot, wizard.notice.feelings.chips["sad"])
    press(qtbot, Qt.Key.Key_Space)
    assert focused().text() == "\u2713 sad", "a chosen feeling shows a check mark, not only a colour"
    tab_to(qtbot, wizard.next_button)
    press(qtbot, Qt.Key.Key_Enter)

    # The pause: a number and Enter start it; Enter on "I'm back" ends it.
    assert wizard.step_counter.text() == "Step 2 of 5"
    assert focused() is wizard.pause.minutes
    focused().selectAll()
    qtbot.keyClicks(focused(), "1")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.pause.countdown.isVisible() and wizard.pause.countdown.text() == "01:00"
    assert focused() is wizard.pause.back_button
    clock.advance(minutes=1)
    press(qtbot, Qt.Key.Key_Return)
    assert "Welcome back" in wizard.pause.back_message.text() and "1 minute and" in wizard.pause.back_message.text()
    tab_to(qtbot, wizard.next_button)
    press(qtbot, Qt.Key.Key_Return)

    assert wizard.step_counter.text() == "Step 3 of 5"
    qtbot.keyClicks(focused(), "I cut you off.")
    tab_to(qtbot, wizard.next_button)
    press(qtbot, Qt.Key.Key_Return)

    # Reach back: own words, then "later", reached with Tab and chosen with Space.
    assert wizard.step_counter.text() == "Step 4 of 5"
    tab_to(qtbot, wizard.reach_back.words)
    qtbot.keyClicks(focused(), "Can we try again tonight?")
    tab_to(qtbot, wizard.reach_back.later_choice)
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.reach_back.later_choice.isChecked() and not wizard.reach_back.now_choice.isChecked()
    assert wizard.reach_back.later_choice.text().startswith("\u2713")
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is wizard.reach_back.now_choice
    press(qtbot, Qt.Key.Key_Return)                      # now, then later again: one at a time
    assert wizard.reach_back.now_choice.isChecked() and not wizard.reach_back.later_choice.isChecked()
    tab_to(qtbot, wizard.reach_back.later_choice)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, wizard.next_button)
    press(qtbot, Qt.Key.Key_Return)

    # Step 5 knows nothing may have been offered yet.
    assert wizard.step_counter.text() == "Step 5 of 5"
    assert wizard.accept.later_note.isVisible()
    assert wizard.accept.offered_question.text().startswith("Has anything been offered yet")
    tab_to(qtbot, wizard.next_button)
    press(qtbot, Qt.Key.Key_Return)

    assert window.stack.currentWidget() is window.home and window.home.closure.isVisible()
    assert window.home.closure_title.text() == "This moment is kept", "not 'repaired': they will say it later"
    (saved,), draft = on_disk()
    assert draft is None
    assert saved.completed and saved.reach_back.when == "later"
    assert saved.reach_back.phrase == "Can we try again tonight?" and saved.notice.feelings == ["sad"]
    assert saved.pause.outcome == "returned" and saved.acknowledge.text == "I cut you off."


@pytest.mark.parametrize("step", range(STEP_COUNT))
def test_tab_follows_reading_order_through_visible_controls_only(qtbot, open_window, step):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    wizard.go_to(step)
    stops = tab_stops(qtbot, wizard.leave_button)
    for stop in stops:
        assert stop.isVisible(), f"an invisible Tab stop: {stop}"
        assert not isinstance(stop, QScrollArea), "the scroll area is not a stop of its own"
        assert stop.accessibleName(), f"a Tab stop without a name: {stop}"
    nav = [w for w in (wizard.back_button, wizard.skip_button, wizard.next_button) if w.isVisible() and w.isEnabled()]
    assert stops[0] is wizard.leave_button, "Leave for now is at the top: it comes first"
    assert stops[-len(nav):] == nav, "Back, Skip and Next come last, in that order"
    fields = stops[1:-len(nav)]
    assert fields, "the step has controls to reach"
    top = [w.mapTo(wizard, QPoint(0, 0)) for w in fields]
    for (a, pa), (b, pb) in zip(zip(fields, top), zip(fields[1:], top[1:])):
        same_row = pb.y() < pa.y() + a.height() and pa.y() < pb.y() + b.height()
        assert (pb.y() >= pa.y() + a.height() // 2) or (same_row and pb.x() > pa.x()), (
            f"step {step + 1}: {b.accessibleName()!r} comes after {a.accessibleName()!r} in Tab order "
            "but before it on screen")


def test_enter_presses_the_focused_button_on_every_screen(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    buttons = [b for b in wizard.findChildren(QAbstractButton) if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    buttons += window.home.findChildren(QAbstractButton)
    assert all(getattr(b, "autoDefault", lambda: True)() for b in buttons)
    wizard.skip_button.setFocus()
    press(qtbot, Qt.Key.Key_Enter)
    assert wizard.step_counter.text() == "Step 2 of 5"


def test_an_alt_letter_with_nothing_behind_it_types_nothing(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    box = window.wizard.notice.what
    box.setFocus()
    qtbot.keyClicks(box, "We argued")
    for key in (Qt.Key.Key_X, Qt.Key.Key_B):             # Back is disabled on step 1: Alt+B does nothing
        qtbot.keyClick(box, key, Qt.KeyboardModifier.AltModifier)
    assert box.text() == "We argued"
    assert window.wizard.step_counter.text() == "Step 1 of 5"


def test_a_pause_the_look_back_and_the_settings_by_keyboard_alone(qtbot, open_window, on_disk, clock, data_dir):
    from review_journal import write

    from goldseam.ui.widgets import look

    write(data_dir)                                      # a few moments to look back on
    window, data = open_window()
    home = window.home

    # A pause from home: Tab to it, Enter; a number and Enter start it; Enter on "I'm back".
    tab_to(qtbot, home.pause_button)
    press(qtbot, Qt.Key.Key_Return)
    pause = window.pause_view.page
    assert window.stack.currentWidget() is window.pause_view and focused() is pause.minutes
    focused().selectAll()
    qtbot.keyClicks(focused(), "5")
    press(qtbot, Qt.Key.Key_Return)
    assert pause.countdown.text() == "05:00" and focused() is pause.back_button
    clock.advance(minutes=5)
    press(qtbot, Qt.Key.Key_Return)
    assert "Welcome back" in pause.back_message.text()
    tab_to(qtbot, window.pause_view.home_button)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is home
    assert any(m.kind == "pause" and m.pause.outcome == "returned" for m in on_disk()[0])

    # The look back: Tab to it, Enter; type a search; Tab to the list, Down opens a moment.
    tab_to(qtbot, home.look_back_button)
    press(qtbot, Qt.Key.Key_Return)
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading, timeout=10000)
    assert focused() is review.search
    qtbot.keyClicks(focused(), "dishes")
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    tab_to(qtbot, review.list)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: review.detail.moment is not None)
    assert review.detail.moment.notice.what_happened == "We argued about the dishes"
    # Its words corrected with the keyboard, kept on disk: it is read first; Edit turns it into fields.
    tab_to(qtbot, review.detail.edit_button)
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is _first_text_box(review.detail)
    press(qtbot, Qt.Key.Key_End)
    qtbot.keyClicks(focused(), " again")
    review.detail.save_now()
    assert any(m.notice.what_happened == "We argued about the dishes again" for m in on_disk()[0])
    # What has grown: to the tab bar, Right.
    tab_to(qtbot, review.tabs.tabBar())
    press(qtbot, Qt.Key.Key_Right)
    assert review.tabs.currentIndex() == 1
    tab_to(qtbot, review.home_button)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is home

    # The settings: Tab to them, Enter; Down in "Light or dark" chooses; Esc closes; the choice stays.
    tab_to(qtbot, home.settings_button)
    press(qtbot, Qt.Key.Key_Return)
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    theme = dialog.look.theme.buttons
    tab_to(qtbot, next(b for b in theme.values() if b.isChecked()))
    while not theme["dark"].isChecked():
        press(qtbot, Qt.Key.Key_Down)
    assert data.settings.get("theme") == "dark" and look.scheme(QApplication.instance()) == "dark"
    # Back up now, with Space: the focus stays on it (it had gone to Close, a second Space away).
    dialog.tabs.setCurrentIndex(2)
    tab_to(qtbot, dialog.data.back_up)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Backed up" in dialog.data.status.text())
    assert focused() is dialog.data.back_up
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: parts_of(window).preferences.dialog is None)
    look.apply(QApplication.instance())


def _first_text_box(widget):
    from PySide6.QtWidgets import QPlainTextEdit

    boxes = [b for b in widget.findChildren(QPlainTextEdit) if b.isVisible()]
    return min(boxes, key=lambda b: b.mapTo(widget, QPoint(0, 0)).y())


def test_ctrl_tab_turns_the_settings_page_without_passing_close(qtbot, open_window):
    window, _ = open_window()
    window.open_settings()
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.look.theme.buttons["light"].setFocus()
    visited = []
    QApplication.instance().focusChanged.connect(lambda _old, new: visited.append(new))
    for page in (1, 2, 0):
        press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert dialog.tabs.currentIndex() == page
        assert dialog.close_button not in visited, "the focus went through Close (a screen reader says it)"
        assert focused() is dialog.tabs.tabBar(), "the focus is on the tabs, which say the page now open"
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.tabs.currentWidget().isAncestorOf(focused()), "Tab then goes into the page"
