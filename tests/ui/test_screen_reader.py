"""What a screen reader hears, checked in-process: labels are read as shown, headings
are headings, news is announced once where it happens (never each second), and an
unrated feeling reads as unrated. (tests/integration/test_screen_reader_walk.py hears
the running app over AT-SPI.)"""

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel

from goldseam.ui import main_window
from goldseam.ui.widgets import accessible


@pytest.fixture
def heard(monkeypatch):
    """Every announcement the app makes, as (widget, text), with a screen reader 'on'."""
    said = []
    monkeypatch.setattr(accessible.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(accessible, "_tell", lambda widget, text: said.append((widget, text)))
    return said


def texts(said):
    return [text for _widget, text in said]


def labels_named_apart_from_their_text(root):
    wrong = []
    for label in root.findChildren(QLabel):
        name = label.accessibleName()
        if name and name != accessible.plain(label.text()):
            wrong.append(f"{name!r} over {label.text()[:40]!r}")
    return wrong


def test_every_label_is_read_as_it_is_shown(qtbot, open_window):
    window, _ = open_window()
    window.home.show_saved("Restored. Everything you wrote since is kept too.")
    window.begin_repair()
    for index in range(5):
        window.wizard.go_to(index)
    window.wizard.pause.start_button.click()
    assert labels_named_apart_from_their_text(window) == []
    countdown = QAccessible.queryAccessibleInterface(window.wizard.pause.countdown)
    assert countdown.text(QAccessible.Text.Name) == window.wizard.pause.countdown.text() == "20:00"


def test_the_welcome_is_read_in_full(qtbot):
    from goldseam.ui.home.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    read = QAccessible.queryAccessibleInterface(dialog.text).text(QAccessible.Text.Name)
    assert "ordinary disagreements between people who are safe with each other" in read
    assert "never sends anything anywhere" in read


def test_titles_are_headings(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    title = QAccessible.queryAccessibleInterface(window.wizard.title)
    assert title.role() == QAccessible.Role.Heading
    assert title.text(QAccessible.Text.Name) == "Notice what happened"


def test_each_step_says_its_name_once_as_the_focus_enters_it(qtbot, open_window, heard):
    """A step's name is the name of the group its fields are in, which Orca 43 and newer read
    as the focus enters it; nothing is said beside it (news said during a screen change was
    lost in Orca 43, and said as well it would be heard twice)."""
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard

    def entered() -> str:
        page = wizard.pages[wizard.index]
        assert page.isAncestorOf(QApplication.focusWidget()), "the focus is in the step"
        group = QAccessible.queryAccessibleInterface(page)
        assert group.role() == QAccessible.Role.Grouping
        return group.text(QAccessible.Text.Name)

    seen = [entered()]
    qtbot.mouseClick(wizard.skip_button, Qt.MouseButton.LeftButton)
    seen.append(entered())
    qtbot.mouseClick(wizard.skip_button, Qt.MouseButton.LeftButton)
    seen.append(entered())
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    seen.append(entered())
    assert seen == ["Step 1 of 5: Notice what happened", "Step 2 of 5: Take a pause",
                    "Step 3 of 5: Acknowledge your part", "Step 2 of 5: Take a pause"]
    assert texts(heard) == []
    progress = QAccessible.queryAccessibleInterface(wizard.progress)
    assert progress.role() != QAccessible.Role.ProgressBar       # Orca said "40 percent" first
    first = wizard.acknowledge.first_focus()
    assert "What can you own" in first.accessibleDescription()


def test_the_pause_is_quiet_while_it_counts_and_speaks_once_when_the_time_comes(qtbot, open_window, heard, clock):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    wizard.go_to(1)
    wizard.pause.minutes.setValue(1)
    heard.clear()
    qtbot.mouseClick(wizard.pause.start_button, Qt.MouseButton.LeftButton)
    assert len(heard) == 1 and "back at" in heard[0][1]
    heard.clear()
    qtbot.wait(300)                             # the page settles after the pause starts
    layouts = _LayoutCounter(wizard.pause)
    for _ in range(3):
        clock.advance(seconds=1)
        qtbot.wait(1050)
    assert wizard.pause.countdown.text() == "00:57"
    assert heard == [], "no word each second"
    assert layouts.count == 0, "a new second repaints the countdown only, never the page's layout"
    clock.advance(seconds=60)
    qtbot.waitUntil(lambda: bool(heard), timeout=2500)
    qtbot.wait(2100)
    assert texts(heard) == [f"It is {wizard.pause.return_time()}: the time you named has come. "
                            "Come back when you are ready."]


class _LayoutCounter(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.count = 0
        for widget in [page, *page.findChildren(QObject)]:
            if hasattr(widget, "installEventFilter"):
                widget.installEventFilter(self)

    def eventFilter(self, _watched, event):  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_news_on_a_step_is_announced_once(qtbot, open_window, heard):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    heard.clear()
    notice = wizard.notice
    qtbot.mouseClick(notice.signs.chips["foggy"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(notice.signs.chips["racing_heart"], Qt.MouseButton.LeftButton)   # still flooded: no repeat
    assert texts(heard) == [notice.note_text.text()]

    wizard.go_to(2)
    heard.clear()
    qtbot.keyClicks(wizard.acknowledge.text, "I'm sorry but")
    qtbot.keyClicks(wizard.acknowledge.text, " you always do this")
    assert heard == [], "not while the person is typing"
    qtbot.waitUntil(lambda: bool(heard), timeout=2500)
    qtbot.wait(300)
    assert texts(heard) == [wizard.acknowledge.nudge_text.text()], "only the nudge on screen, once"

    wizard.go_to(3)
    reach = wizard.reach_back
    assert not reach.copy_button.isEnabled(), "nothing to copy yet"
    qtbot.keyClicks(reach.words, "Can we start over?")
    heard.clear()
    qtbot.mouseClick(reach.copy_button, Qt.MouseButton.LeftButton)
    assert texts(heard) == [reach.status.text()] and reach.status.text().startswith("Copied")
    reach.group.setCurrentIndex(1)
    assert reach.status.text() == "", "the word about copying goes with the change of group"

    wizard.go_to(4)
    heard.clear()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert window.home.closure.isVisible()
    assert texts(heard) == [f"This repair is kept. {window.home.closure_text.text()}"]


def test_a_repair_with_nothing_in_it_is_not_praised_as_a_repair(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    for _step in range(5):
        qtbot.mouseClick(window.wizard.next_button, Qt.MouseButton.LeftButton)
    assert window.home.closure.isVisible() and window.home.closure_title.text() == "This moment is kept"
    assert "Noticing" in window.home.closure_text.text()


def test_unrated_reads_and_looks_unrated_and_a_click_lands_where_it_is(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    picker = window.wizard.notice.intensity
    slider = picker.slider
    assert picker.label.text() == "Not rated" and slider.accessibleDescription() == "Not rated"
    assert slider.property("rated") is False and read_value(slider) is None       # no number, not 5
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() - 3, slider.height() // 2))
    assert picker.value() == 10 and picker.label.text() == "10 of 10"
    assert slider.accessibleName() == "How strong it feels now" and slider.property("rated") is True
    assert read_value(slider) == 10 and slider.accessibleDescription() == ""
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(3, slider.height() // 2))
    assert picker.value() == 0
    qtbot.mouseClick(picker.clear_button, Qt.MouseButton.LeftButton)
    assert picker.value() is None and slider.accessibleDescription() == "Not rated" and read_value(slider) is None


def test_no_key_clears_a_rating_by_accident_and_the_first_arrow_shows_where_it_rests(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    picker = window.wizard.notice.intensity
    slider = picker.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)           # unrated: the handle appears where it rests
    assert picker.value() == 5 and picker.label.text() == "5 of 10"
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert picker.value() == 8 and picker.label.text() == "8 of 10"
    qtbot.keyClick(slider, Qt.Key.Key_Tab)             # on to the feelings, not to Clear
    focused = QApplication.focusWidget()
    assert focused is not picker.clear_button and focused is window.wizard.notice.feelings.chips["hurt"]
    qtbot.keyClick(focused, Qt.Key.Key_Space)          # what Space there does is choose a feeling
    assert picker.value() == 8
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Delete)          # the deliberate way to clear it by keys
    assert picker.value() is None and picker.label.text() == "Not rated" and slider.hasFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Left)
    assert picker.value() == 5


def read_value(widget):
    """The number a screen reader is told, or None when it is told none."""
    value = QAccessible.queryAccessibleInterface(widget).valueInterface()
    return None if value is None else value.currentValue()


def test_groups_and_lists_are_labelled(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    labelled = {label.buddy() for label in wizard.findChildren(QLabel) if label.buddy() is not None}
    for widget in (wizard.notice.feelings, wizard.notice.signs, wizard.notice.intensity.slider,
                   wizard.reach_back.phrases, wizard.reach_back.group, wizard.reach_back.when,
                   wizard.pause.minutes):
        assert widget in labelled, widget.accessibleName()


def test_focus_goes_straight_to_the_new_steps_first_field(qtbot, open_window):
    from PySide6.QtWidgets import QApplication

    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    moves = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))
    for step, press in ((0, wizard.skip_button), (2, wizard.next_button), (3, wizard.skip_button)):
        wizard.go_to(step)
        wizard.pages[step].first_focus().setFocus()
        moves.clear()
        press.click()                           # as a screen reader's "press" does: no focus on the button
        arrived = [w for w in moves if w is not None]
        assert arrived == [wizard.pages[step + 1].first_focus()], [w.accessibleName() for w in arrived]


def test_buttons_that_go_away_hand_the_focus_straight_on(qtbot, open_window, clock):
    from PySide6.QtWidgets import QApplication

    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    moves = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))

    def press(button, then):
        button.setFocus()
        moves.clear()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        arrived = [w for w in moves if w is not None]
        assert arrived == [then], [w.accessibleName() for w in arrived]

    picker = wizard.notice.intensity
    picker.set_value(4)
    press(picker.clear_button, picker.slider)
    wizard.go_to(1)
    press(wizard.pause.start_button, wizard.pause.back_button)
    press(wizard.pause.back_button, wizard.pause.keep_pausing_button)   # its first minute: asked first
    press(wizard.pause.keep_pausing_button, wizard.pause.back_button)
    clock.advance(minutes=1)
    press(wizard.pause.back_button, wizard.next_button)     # back from the pause: Enter again goes on
    wizard.go_to(2)
    qtbot.keyClicks(wizard.acknowledge.text, "You always")
    press(wizard.acknowledge.dismiss_button, wizard.acknowledge.text)
    wizard.go_to(3)
    qtbot.keyClicks(wizard.reach_back.words, "Can we begin again?")
    press(wizard.reach_back.keep_button, wizard.reach_back.lands_well)


def test_leaving_hands_the_focus_straight_to_continue(qtbot, open_window):
    from PySide6.QtWidgets import QApplication

    window, _ = open_window()
    window.begin_repair()
    qtbot.keyClicks(window.wizard.notice.what, "We argued")
    moves = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))
    window.wizard.leave_button.click()
    assert [w for w in moves if w is not None] == [window.home.resume_button]


def test_a_long_phrase_of_ones_own_shows_its_beginning_in_the_list(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    window.wizard.go_to(3)
    page = window.wizard.reach_back
    long_phrase = "Je suis désolé, vraiment. " * 120
    qtbot.keyClicks(page.words, "x")
    page.words.replace_all(long_phrase)
    page.keep_button.click()
    page.group.setCurrentIndex(page.group.count() - 1)
    item = page.phrases.item(0)
    assert item.text().endswith("\u2026") and len(item.text()) <= 302
    page.words.replace_all("")
    page._pick(item)
    assert page.words.text() == long_phrase.strip() or page.words.text() == long_phrase


def test_news_is_a_notification_that_appears_where_it_is_said(qtbot, monkeypatch, open_window):
    """Orca 43 hears no AT-SPI announcement; it (and every newer Orca) presents a notification
    as it appears. What the app says appears as a new notification each time, named by the
    words, in the window where it was said, then goes away; a hidden window keeps nothing to
    say later."""
    monkeypatch.setattr(accessible.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(accessible._Herald, "LIFETIME_MS", 50)
    window, _ = open_window()
    accessible.say(window.home, "Kept. <b>Thank</b> you.")
    accessible.say(window.home, "Moment put back.")
    assert window.findChildren(accessible._Herald) == []          # not before the focus has moved
    qtbot.waitUntil(lambda: len(window.findChildren(accessible._Herald)) == 2, timeout=60_000)
    heralds = window.findChildren(accessible._Herald)
    assert len(heralds) == 2 and all(herald.isVisible() for herald in heralds)
    shown = [QAccessible.queryAccessibleInterface(herald) for herald in heralds]
    assert [interface.role() for interface in shown] == [QAccessible.Role.Notification] * 2
    assert [interface.text(QAccessible.Text.Name) for interface in shown] == ["Kept. Thank you.", "Moment put back."]
    assert all(herald.width() * herald.height() == 1 for herald in heralds)     # nothing to see
    qtbot.waitUntil(lambda: not window.findChildren(accessible._Herald), timeout=60_000)
    window.hide()
    accessible.say(window.home, "Nobody sees this window.")
    qtbot.wait(50)
    window.show()
    qtbot.wait(50)
    assert window.findChildren(accessible._Herald) == []


def test_with_a_screen_reader_listening_the_screens_are_built_before_they_are_asked_for(qtbot, open_window,
                                                                                      monkeypatch):
    """Built on first use, the repair screen sent Orca 43 so many events that "Begin a repair" was
    heard about two seconds late; with a screen reader listening they are built ahead, and
    without one nothing is built before it is needed (the window starts as fast as it can)."""
    window, _ = open_window()
    window.build_screens_ahead()
    qtbot.wait(3 * main_window.BUILD_AHEAD_GAP_MS)
    assert window._wizard is None and window._breathing_view is None and window._pause_view is None
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    window.build_screens_ahead()
    qtbot.waitUntil(lambda: None not in (window._wizard, window._breathing_view, window._pause_view))
    assert window.stack.currentWidget() is window.home          # built, not shown
