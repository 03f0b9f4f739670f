"""Nothing typed is lost: autosave, resume after closing, and calm handling of disk trouble."""

import errno
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from goldseam.ui.wizard.draft_keeper import AUTOSAVE_DELAY_MS



def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_typing_is_autosaved_once_typing_pauses(qtbot, open_window, on_disk):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    qtbot.keyClicks(window.wizard.notice.what, "Half a sentence")
    assert on_disk()[1].notice.what_happened == ""          # not yet: typing has not paused
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)
    assert on_disk()[1].notice.what_happened == "Half a sentence"


def test_closing_mid_flow_and_starting_again_resumes_exactly_there(qtbot, open_window, on_disk):
    window, data = open_window()
    _click(qtbot, window.home.begin_button)
    wizard = window.wizard
    qtbot.keyClicks(wizard.notice.what, "The phone call")
    _click(qtbot, wizard.notice.feelings.chips["scared"])
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.next_button)
    qtbot.keyClicks(wizard.acknowledge.text, "I hung up on you")
    window.close()                                   # straight away, before the autosave delay
    data.close()

    window, _ = open_window()
    assert window.home.draft_banner.isVisible()
    assert "step 3 of 5" in window.home.draft_text.text()
    assert not window.home.begin_button.isVisible()
    _click(qtbot, window.home.resume_button)
    wizard = window.wizard
    assert wizard.step_counter.text() == "Step 3 of 5"
    assert wizard.acknowledge.text.text() == "I hung up on you"
    _click(qtbot, wizard.back_button)
    _click(qtbot, wizard.back_button)
    assert wizard.notice.what.text() == "The phone call"
    assert wizard.notice.feelings.selected() == ["scared"]


def test_leave_for_now_keeps_the_draft(qtbot, open_window, on_disk):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    qtbot.keyClicks(window.wizard.notice.what, "Later")
    _click(qtbot, window.wizard.leave_button)
    assert window.stack.currentWidget() is window.home
    assert window.home.draft_banner.isVisible()
    assert on_disk()[1].notice.what_happened == "Later"


def test_discard_asks_once_then_removes_the_draft(qtbot, open_window, on_disk, monkeypatch):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    qtbot.keyClicks(window.wizard.notice.what, "Never mind")
    _click(qtbot, window.wizard.leave_button)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    _click(qtbot, window.home.discard_button)
    assert len(asked) == 1 and on_disk()[1] is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    _click(qtbot, window.home.discard_button)
    assert on_disk()[1] is None
    assert window.home.begin_button.isVisible() and not window.home.draft_banner.isVisible()


def _disk_full(monkeypatch):
    real_write = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    return real_write


def test_disk_full_keeps_the_words_on_screen_and_retries(qtbot, open_window, on_disk, monkeypatch):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    wizard = window.wizard
    _disk_full(monkeypatch)
    qtbot.keyClicks(wizard.notice.what, "Words that must not vanish")
    qtbot.waitUntil(wizard.banner.isVisible, timeout=3000)
    assert "disk is full" in wizard.banner_text.text()
    assert "Words that must not vanish" not in wizard.banner_text.text()
    assert wizard.notice.what.text() == "Words that must not vanish"
    assert on_disk()[1].notice.what_happened == ""
    monkeypatch.undo()
    _click(qtbot, wizard.retry_button)
    assert not wizard.banner.isVisible()
    assert on_disk()[1].notice.what_happened == "Words that must not vanish"


def test_finishing_on_a_full_disk_stays_on_the_last_step(qtbot, open_window, on_disk, monkeypatch):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    wizard = window.wizard
    qtbot.keyClicks(wizard.notice.what, "Keep me")
    for _ in range(4):
        _click(qtbot, wizard.next_button)
    qtbot.keyClicks(wizard.accept.offered, "An apology")
    window.keeper.flush()
    _disk_full(monkeypatch)
    _click(qtbot, wizard.next_button)
    assert window.stack.currentWidget() is wizard and wizard.banner.isVisible()
    monkeypatch.undo()
    _click(qtbot, wizard.next_button)
    assert window.stack.currentWidget() is window.home
    moments, draft = on_disk()
    assert draft is None and moments[0].accept.offered == "An apology" and moments[0].completed


def test_closing_with_unsaved_words_asks_before_losing_them(qtbot, open_window, monkeypatch):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    _disk_full(monkeypatch)
    qtbot.keyClicks(window.wizard.notice.what, "Unsaved")
    asked = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked and window.isVisible()
    monkeypatch.undo()
    window.close()
    assert not window.isVisible()


def test_discard_that_cannot_be_written_is_explained_and_keeps_the_draft(qtbot, open_window, on_disk, monkeypatch):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    qtbot.keyClicks(window.wizard.notice.what, "Still here")
    _click(qtbot, window.wizard.leave_button)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    _disk_full(monkeypatch)
    _click(qtbot, window.home.discard_button)
    assert told and "disk is full" in told[0]
    monkeypatch.undo()
    assert on_disk()[1].notice.what_happened == "Still here"
