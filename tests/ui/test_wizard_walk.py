"""Walk the whole repair, by keyboard and by mouse, and read it back from disk."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def press_mnemonic(qtbot, key):
    """Alt+letter: a button's mnemonic clicks it after a short visual press."""
    press(qtbot, key, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)


def type_text(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_whole_wizard_by_keyboard(qtbot, open_window, on_disk):
    window, _ = open_window()
    assert "Goldseam" in window.windowTitle()
    assert QApplication.focusWidget() is window.home.begin_button
    press(qtbot, Qt.Key.Key_Space)
    wizard = window.wizard
    assert wizard.step_counter.text() == "Step 1 of 5"

    # Notice: words, intensity with the arrows, a feeling chip with the space bar
    type_text(qtbot, "We snapped about the weekend plans")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.notice.intensity.slider
    for _ in range(4):                  # the first shows the handle where it rests (5), then 6, 7, 8
        press(qtbot, Qt.Key.Key_Right)
    assert wizard.notice.intensity.label.text() == "8 of 10"
    while QApplication.focusWidget() is not wizard.notice.feelings.chips["hurt"]:
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # Pause: skipped with its mnemonic
    assert wizard.step_counter.text() == "Step 2 of 5"
    press_mnemonic(qtbot, Qt.Key.Key_K)

    # Acknowledge
    assert wizard.step_counter.text() == "Step 3 of 5"
    assert QApplication.focusWidget() is wizard.acknowledge.text
    type_text(qtbot, "I can see how that felt dismissive.")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # Reach back: a phrase of the first group, found with the arrows, chosen with Enter
    assert QApplication.focusWidget() is wizard.reach_back.group
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.reach_back.phrases
    press(qtbot, Qt.Key.Key_Down)
    assert wizard.reach_back.words.text() == ""       # moving through the list only moves
    press(qtbot, Qt.Key.Key_Return)
    chosen = wizard.reach_back.words.text()
    assert chosen == wizard.reach_back.phrases.currentItem().text()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # Accept
    assert wizard.next_button.text().replace("&", "") == "Save this moment"
    type_text(qtbot, "A cup of tea")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "It softened things")
    press(qtbot, Qt.Key.Key_Tab)
    for _ in range(4):                  # 5 where it rests, then 4, 3, 2
        press(qtbot, Qt.Key.Key_Left)
    press_mnemonic(qtbot, Qt.Key.Key_S)

    # Home again, with the moment listed and on disk
    assert window.stack.currentWidget() is window.home
    assert window.home.recent.count() == 1
    line = window.home.recent.item(0).text()
    assert "We snapped about the weekend plans" in window.home.recent.item(0).toolTip() and line.endswith("(felt 8 of 10, then 2)")
    moments, draft = on_disk()
    assert draft is None
    (moment,) = moments
    assert moment.completed
    assert moment.notice.what_happened == "We snapped about the weekend plans"
    assert moment.notice.intensity == 8 and moment.notice.feelings == ["hurt"]
    assert moment.acknowledge.text == "I can see how that felt dismissive."
    assert moment.reach_back.phrase == chosen and moment.reach_back.category == "feel"
    assert moment.accept.offered == "A cup of tea" and moment.accept.how_it_landed == "It softened things"
    assert moment.accept.intensity == 2
    assert moment.finished_at == moment.updated_at      # the look back's "time to repair" ends here


def test_whole_wizard_by_mouse(qtbot, open_window, on_disk):
    window, _ = open_window()
    click = lambda w: qtbot.mouseClick(w, Qt.MouseButton.LeftButton)  # noqa: E731
    click(window.home.begin_button)
    wizard = window.wizard
    qtbot.keyClicks(wizard.notice.what, "Cold silence at dinner")
    click(wizard.notice.feelings.chips["lonely"])
    click(wizard.notice.feelings.chips["sad"])
    click(wizard.next_button)
    click(wizard.skip_button)
    click(wizard.acknowledge.stem_buttons[1])
    qtbot.keyClicks(wizard.acknowledge.text, "you went quiet.")
    click(wizard.next_button)
    reach = wizard.reach_back
    reach.group.setCurrentIndex(reach.group.findData("reset"))
    rect = reach.phrases.visualItemRect(reach.phrases.item(0))
    click_at = rect.center()
    qtbot.mouseClick(reach.phrases.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert reach.words.text() == "Can we start over?"
    click(reach.later_choice)
    click(wizard.next_button)
    qtbot.keyClicks(wizard.accept.offered, "A hug")
    click(wizard.back_button)
    assert wizard.step_counter.text() == "Step 4 of 5"
    assert reach.words.text() == "Can we start over?" and reach.later_choice.isChecked()
    click(wizard.next_button)
    assert wizard.accept.offered.text() == "A hug"
    click(wizard.next_button)

    moments, draft = on_disk()
    assert draft is None
    (moment,) = moments
    assert moment.notice.feelings == ["lonely", "sad"]
    assert moment.acknowledge.text == "I think I missed you when you went quiet."
    assert moment.reach_back.phrase == "Can we start over?"
    assert moment.reach_back.category == "reset" and moment.reach_back.when == "later"
    assert moment.accept.offered == "A hug" and moment.accept.intensity is None
    assert window.home.closure.isVisible() and window.home.closure_title.text() == "This moment is kept"  # "later"


def test_non_ascii_text_is_kept(qtbot, open_window, on_disk):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    window, _ = open_window()
    qtbot.mouseClick(window.home.begin_button, Qt.MouseButton.LeftButton)
    box = window.wizard.notice.what
    box.setFocus()
    for char in "é🫶ש":
        QApplication.sendEvent(box, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
    window.keeper.flush()
    _, draft = on_disk()
    assert draft.notice.what_happened == "é🫶ש"
