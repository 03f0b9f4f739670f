"""Where breathing lives: "Breathe" on home, the flooding advice of step 1, and the running
pause; the guide's choices are kept for next time (in settings, never in the journal)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication



def click(qtbot, widget):
    assert widget.isVisible()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_breathe_from_home_and_back(qtbot, open_window):
    window, _ = open_window()
    click(qtbot, window.home.breathe_button)
    view = window.breathing_view
    assert window.stack.currentWidget() is view
    assert QApplication.focusWidget() is view.guide.start_button
    click(qtbot, view.guide.start_button)
    assert view.guide.is_running() and view.guide.widget.timer.isActive()
    click(qtbot, view.home_button)
    assert window.stack.currentWidget() is window.home
    assert not view.guide.is_running() and not view.guide.widget.timer.isActive()


def test_the_flooding_advice_offers_two_minutes_of_breathing(qtbot, open_window):
    window, _ = open_window()
    click(qtbot, window.home.begin_button)
    notice = window.wizard.notice
    assert not notice.guide.isVisible()
    notice.pulse.setValue(112)
    click(qtbot, notice.breathe_button)
    assert notice.guide.isVisible() and notice.guide.is_running()
    assert 100 <= notice.guide.widget._session.seconds <= 120, "whole breaths within two minutes"
    click(qtbot, window.wizard.next_button)
    assert not notice.guide.is_running(), "leaving the step ends the breathing"


def test_the_running_pause_offers_the_guide_and_ideas(qtbot, open_window):
    window, _ = open_window()
    click(qtbot, window.home.begin_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    page = wizard.pause
    assert not page.guide.isVisible()
    click(qtbot, page.start_button)
    assert page.guide.isVisible()
    assert "not to go over the argument" in page.ideas_text.text()
    click(qtbot, page.guide.start_button)
    assert page.guide.is_running()
    click(qtbot, page.back_button)          # in its first minute: asked first, the guide goes on
    assert page.early.isVisible() and page.guide.is_running()
    click(qtbot, page.end_now_button)
    assert not page.guide.is_running()


def test_choices_are_kept_and_shared_between_guides(qtbot, open_window, data_dir):
    window, data = open_window()
    click(qtbot, window.home.breathe_button)
    guide = window.breathing_view.guide
    box = guide.pattern_box
    box.setCurrentIndex(box.findText("4-7-8", Qt.MatchFlag.MatchContains))
    chosen = guide.preferences().pattern
    guide.minutes_box.setValue(5)
    assert data.settings.get("breathing")["pattern"] == chosen
    assert data.settings.get("breathing")["minutes"] == 5
    window.begin_repair()
    assert window.wizard.pause.guide.preferences().pattern == chosen
    window.close()
    window, _ = open_window()
    click(qtbot, window.home.breathe_button)
    assert window.breathing_view.guide.preferences().pattern == chosen
    assert window.breathing_view.guide.minutes_box.value() == 5
    assert not (data_dir / "journal.json").exists() or chosen not in (data_dir / "journal.json").read_text()
