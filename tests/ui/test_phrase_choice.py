"""Choosing a phrase is a deliberate act, and never costs the person their own words."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _reach_back(qtbot, open_window):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    wizard = window.wizard
    for _ in range(3):
        _click(qtbot, wizard.next_button)
    assert wizard.step_counter.text() == "Step 4 of 5"
    return window, wizard.reach_back


def _phrase(page, row):
    return page.phrases.item(row).data(Qt.ItemDataRole.UserRole)


def _type_words_then_tab_to_the_list(qtbot, page, words):
    page.words.setFocus()
    qtbot.keyClicks(page.words, words)
    page.group.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.phrases


def test_tab_and_arrow_keys_only_move_through_the_phrases(qtbot, open_window, on_disk):
    window, page = _reach_back(qtbot, open_window)
    _type_words_then_tab_to_the_list(qtbot, page, "My own clumsy words")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_Home):
        press(qtbot, key)
    assert page.phrases.currentRow() == 0
    assert page.words.text() == "My own clumsy words"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.use_button
    assert page.words.text() == "My own clumsy words"
    assert not page.replaced_row.isVisible()
    window.keeper.flush()
    assert on_disk()[1].reach_back.phrase == "My own clumsy words"


def test_enter_space_click_and_the_button_each_choose_a_phrase(qtbot, open_window, on_disk):
    window, page = _reach_back(qtbot, open_window)
    page.group.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)
    assert page.words.text() == ""
    press(qtbot, Qt.Key.Key_Return)
    assert page.words.text() == _phrase(page, 1)

    press(qtbot, Qt.Key.Key_Down)
    assert page.words.text() == _phrase(page, 1)
    press(qtbot, Qt.Key.Key_Space)
    assert page.words.text() == _phrase(page, 2)

    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.use_button and page.use_button.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    assert page.words.text() == _phrase(page, 3)

    rect = page.phrases.visualItemRect(page.phrases.item(0))
    qtbot.mouseClick(page.phrases.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.words.text() == _phrase(page, 0)
    window.keeper.flush()
    reach = on_disk()[1].reach_back
    assert reach.phrase == _phrase(page, 0) and reach.category == "feel"


def test_the_use_button_waits_for_a_phrase_to_be_there(qtbot, open_window):
    window, page = _reach_back(qtbot, open_window)
    assert page.use_button.accessibleName()
    page.group.setCurrentIndex(page.group.findData("own"))   # nothing kept yet: only a hint row
    assert not page.use_button.isEnabled()
    page.group.setCurrentIndex(0)
    assert not page.use_button.isEnabled()                   # which phrase? none is highlighted yet
    page.phrases.setCurrentRow(1)
    assert page.use_button.isEnabled() and page.words.text() == ""


def test_ctrl_z_in_the_box_brings_back_words_a_phrase_replaced(qtbot, open_window, on_disk):
    window, page = _reach_back(qtbot, open_window)
    _type_words_then_tab_to_the_list(qtbot, page, "Sorry I was sharp")
    press(qtbot, Qt.Key.Key_Return)
    assert page.words.text() == _phrase(page, 0)
    assert page.replaced_row.isVisible()
    page.words.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.words.text() == "Sorry I was sharp"
    assert not page.replaced_row.isVisible()
    window.keeper.flush()
    reach = on_disk()[1].reach_back
    assert reach.phrase == "Sorry I was sharp" and reach.category is None


def test_bring_back_my_words_by_keyboard_alone(qtbot, open_window, on_disk):
    window, page = _reach_back(qtbot, open_window)
    _type_words_then_tab_to_the_list(qtbot, page, "Tea later?")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert page.words.text() == _phrase(page, 1)
    # Clicking through more phrases still leads back to the person's own words.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert page.words.text() == _phrase(page, 2)
    assert page.replaced_row.isVisible()
    assert "replaced" in page.replaced_text.text()
    assert page.restore_button.accessibleName()
    window.keeper.flush()
    assert on_disk()[1].reach_back.phrase == _phrase(page, 2)

    for _ in range(20):
        if QApplication.focusWidget() is page.restore_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.restore_button
    press(qtbot, Qt.Key.Key_Space)
    assert page.words.text() == "Tea later?"
    assert not page.replaced_row.isVisible()
    assert QApplication.focusWidget() is page.words
    window.keeper.flush()
    reach = on_disk()[1].reach_back
    assert reach.phrase == "Tea later?" and reach.category is None
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)     # and the phrase is one undo away
    assert page.words.text() == _phrase(page, 2)


def test_the_way_back_goes_at_the_next_edit(qtbot, open_window):
    window, page = _reach_back(qtbot, open_window)
    _type_words_then_tab_to_the_list(qtbot, page, "Mine")
    press(qtbot, Qt.Key.Key_Return)
    assert page.replaced_row.isVisible()
    page.words.setFocus()
    qtbot.keyClicks(page.words, " now")
    assert not page.replaced_row.isVisible()
    assert page.words.text() == _phrase(page, 0) + " now"


def test_a_phrase_over_empty_or_the_same_words_needs_no_way_back(qtbot, open_window):
    window, page = _reach_back(qtbot, open_window)
    page.group.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    assert page.words.text() == _phrase(page, 0)
    assert not page.replaced_row.isVisible()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)                  # one phrase for another: nothing of theirs is lost
    assert page.words.text() == _phrase(page, 1)
    assert not page.replaced_row.isVisible()
