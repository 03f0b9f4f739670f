"""Nothing moves under the pointer (issue 21, item 5): the flooding advice scrolled the page
about 75 px so the next click missed its chip; "Copied." and "Kept." and the reminder banner
(62 px) shifted what was below them the same way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QLineEdit

from review_journal import moment, write
from window_parts import parts_of


def where(widget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


def settle(qtbot):
    for _ in range(3):
        qtbot.wait(10)
        QApplication.processEvents()


def click(widget) -> None:
    """A click as a mouse gives it: through the window, which sees every input (QTest's
    click on a widget goes straight to the widget)."""
    from PySide6.QtTest import QTest

    window = widget.window()
    QCursor.setPos(widget.mapToGlobal(widget.rect().center()))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, widget.rect().center()))


def point_at(widget) -> None:
    QCursor.setPos(widget.mapToGlobal(widget.rect().center()))
    assert widget.rect().contains(widget.mapFromGlobal(QCursor.pos())), "this platform moves no pointer"


def test_the_flooding_advice_appears_without_moving_the_chips_under_the_pointer(qtbot, open_window):
    window, _ = open_window()
    window.resize(1024, 600)
    window.begin_repair()
    notice = window.wizard.notice
    first, second = list(notice.signs.chips.values())[:2]
    window.wizard.scrolls[0].ensureWidgetVisible(first)        # as a person scrolls down to the question
    settle(qtbot)
    point_at(first)
    before, scrolled = where(second), window.wizard.scrolls[0].verticalScrollBar().value()
    click(first)
    click(second)         # two signs: flooded
    settle(qtbot)
    assert notice.flood_note.isVisible()
    assert window.wizard.scrolls[0].verticalScrollBar().value() == scrolled
    assert where(second) == before


def test_by_keyboard_the_advice_is_still_brought_into_view(qtbot, open_window):
    window, _ = open_window()
    window.resize(1024, 600)
    window.begin_repair()
    notice = window.wizard.notice
    QCursor.setPos(window.mapToGlobal(QPoint(-50, -50)))         # the pointer is elsewhere
    first, second = list(notice.signs.chips.values())[:2]
    for chip in (first, second):
        chip.setFocus()
        qtbot.keyClick(chip, Qt.Key.Key_Space)
    settle(qtbot)
    viewport = window.wizard.scrolls[0].viewport()
    note = notice.flood_note
    top = note.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top and top + note.height() <= viewport.height() + note.height() // 2


@pytest.mark.parametrize("width", [1024, 0])          # 0: as narrow as the window goes, where it wraps
def test_copied_appears_without_moving_what_is_below(qtbot, open_window, width):
    window, _ = open_window()
    window.resize(width or window.minimumSizeHint().width(), 600)
    window.begin_repair()
    window.wizard.go_to(3)
    page = window.wizard.reach_back
    page.words.setPlainText("Can we begin again?")
    page.copy_button.setFocus()                 # scrolled to, as a person does before clicking it
    settle(qtbot)
    below = where(page.now_choice)
    click(page.copy_button)
    settle(qtbot)
    assert page.status.text().startswith("Copied.")
    assert where(page.now_choice) == below
    click(page.keep_button)
    settle(qtbot)
    assert page.status.text().startswith("Kept.")
    assert where(page.now_choice) == below
    if not width:
        assert page.status.heightForWidth(page.status.width()) > page.status.fontMetrics().lineSpacing() * 1.5


def test_a_reminder_due_while_home_is_shown_moves_nothing_above_it(qtbot, open_window, clock, monkeypatch):
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, ms=0: None))
    window, _ = open_window()
    window.resize(1024, 600)
    window.begin_repair()
    wizard = window.wizard
    wizard.go_to(3)
    page = wizard.reach_back
    page.words.setPlainText("Can we try that again, more gently?")
    qtbot.mouseClick(page.later_choice, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.remind.check, Qt.MouseButton.LeftButton)
    wizard.go_to(4)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)      # saved: home
    home = window.home
    assert window.stack.currentWidget() is home
    settle(qtbot)
    point_at(home.begin_button)
    begin, recent = where(home.begin_button), where(home.recent)
    clock.advance(hours=1)
    parts_of(window).promises._timer.timeout.emit()
    settle(qtbot)
    assert home.reminder_banner.isVisible()
    assert where(home.begin_button) == begin and where(home.recent) == recent
    # Home shown anew: the banner is at the top again, above the buttons.
    window.look_back()
    window.show_home()
    settle(qtbot)
    assert where(home.reminder_banner).y() < where(home.begin_button).y()


def _turn_wheel(widget, down: bool = True) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    at = QPointF(widget.rect().center())
    wheel = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120 if down else 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, wheel)


def test_scrolling_over_the_strength_or_the_phrase_kind_changes_neither(qtbot, open_window):
    """A wheel turned to scroll step 1 rated the strength "0 of 10" as it passed under the
    pointer (and scrolling back, "10 of 10"); in step 4 it changed the kind of phrase."""
    window, _ = open_window()
    window.resize(1024, 600)
    window.begin_repair()
    picker = window.wizard.notice.intensity
    qtbot.waitUntil(lambda: picker.slider.isVisible())
    for down in (True, False):
        _turn_wheel(picker.slider, down)
    assert picker.value() is None, "still not rated"
    window.wizard.go_to(3)
    group = window.wizard.reach_back.group
    chosen = group.currentIndex()
    _turn_wheel(group)
    assert group.currentIndex() == chosen


def test_a_filter_box_keeps_its_choice_under_a_turning_wheel(qtbot, open_window, data_dir):
    write(data_dir, [moment("one", "2026-11-20T20:00:00+00:00", tags=["home"])])
    window, _ = open_window()
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading, timeout=5000)
    review.filters_button.click()
    bar = review.filter_bar
    for box in (bar.tag, bar.date_from):
        before = box.currentIndex() if box is bar.tag else box.date()
        _turn_wheel(box)
        assert (box.currentIndex() if box is bar.tag else box.date()) == before


def test_a_minutes_box_clicked_takes_the_wheel(qtbot, open_window):
    """Once clicked (in its text), a box does take the wheel: the person chose it."""
    window, _ = open_window()
    window.take_pause()
    box = window.pause_view.page.minutes
    before = box.value()
    box.setFocus()                                  # focused by the program, not chosen
    _turn_wheel(box, down=False)
    assert box.value() == before
    click(box.findChild(QLineEdit))                 # clicked in its text, as a pointer does
    _turn_wheel(box, down=False)
    assert box.value() == before + 1
