"""The look back as a person uses it (issue 9): opened from home by a click, by the keyboard
and from a recent moment; every moment listed; search and filters; delete with undo, and the
delete reaching the disk only after the undo time or when the window closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from goldseam import cli
from review_journal import SAMPLE, stored, write


def open_review(qtbot, window):
    qtbot.mouseClick(window.home.look_back_button, Qt.MouseButton.LeftButton)
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: not review.loader.loading, timeout=5000)
    return review


def shown(review) -> list[str]:
    return [review.model.entry(row).moment.notice.what_happened or "(pause)" for row in range(review.model.rowCount())]


def test_every_moment_newest_first_with_a_count(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    assert shown(review) == ["We argued about the dishes", "Un été difficile chez ses parents", "(pause)",
                             "The cold call about money"]
    assert review.count.text() == "4 moments"
    first = review.model.index(0).data()
    assert "We argued about the dishes" in first and "felt 7 of 10, then 3" in first
    assert review.detail.moment.notice.what_happened == "We argued about the dishes"


def test_the_keyboard_opens_it_and_escape_goes_home(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    button = window.home.look_back_button
    assert button.shortcut().toString() == "Alt+L"
    for _ in range(30):                     # Tab to it, as a person would
        if QApplication.focusWidget() is button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.review
    qtbot.waitUntil(lambda: not window.review.loader.loading, timeout=5000)
    window.review.list.setFocus()
    qtbot.keyClick(window.review.list, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home


def test_a_recent_moment_opens_the_look_back_at_that_moment(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    recent = window.home.recent
    item = next(recent.item(i) for i in range(recent.count()) if "été" in recent.item(i).text())
    recent.setCurrentItem(item)
    recent.setFocus()
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: review.detail.moment is not None
                    and review.detail.moment.notice.what_happened.startswith("Un été"), timeout=5000)
    assert review.list.currentIndex().row() == 1


def test_a_recent_moment_is_shown_even_after_a_search_that_hid_it(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    qtbot.keyClicks(review.search, "cold call")
    review.filter_bar.kind.setCurrentIndex(review.filter_bar.kind.findData("repair"))
    qtbot.keyClick(review.list, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    recent, item = _recent_item(window, "été")
    recent.setCurrentItem(item)
    recent.setFocus()
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.detail.moment is not None
                    and review.detail.moment.notice.what_happened.startswith("Un été"), timeout=5000)
    assert review.search.text() == "" and review.filter_bar.filter().is_empty()


def test_search_ignores_accents_and_case_and_filters_narrow(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    qtbot.keyClicks(review.search, "ETE")
    assert shown(review) == ["Un été difficile chez ses parents"]
    assert review.count.text() == "1 of 4 moments"
    review.search.clear()
    qtbot.mouseClick(review.filters_button, Qt.MouseButton.LeftButton)
    bar = review.filter_bar
    bar.kind.setCurrentIndex(bar.kind.findData("pause"))
    assert shown(review) == ["(pause)"]
    bar.kind.setCurrentIndex(0)
    bar.status.setCurrentIndex(bar.status.findData(False))
    assert shown(review) == ["The cold call about money"]
    bar.status.setCurrentIndex(0)
    bar.tag.setCurrentIndex(bar.tag.findData("family"))
    assert shown(review) == ["Un été difficile chez ses parents"]
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert len(shown(review)) == 4


def test_delete_then_ctrl_z_puts_it_back_and_nothing_changes_on_disk(qtbot, open_window, data_dir):
    moments = write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.list.setFocus()
    qtbot.keyClick(review.list, Qt.Key.Key_Delete)
    assert len(shown(review)) == 3 and review.undo_bar.isVisible()
    assert "Moment deleted" in review.undo_bar.text.text()
    qtbot.keyClick(review.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(shown(review)) == 4 and not review.undo_bar.isVisible()
    assert set(stored(data_dir)) == {m.id for m in moments}


def test_a_delete_reaches_the_disk_after_the_undo_time(qtbot, open_window, data_dir):
    moments = write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.pending.undo_seconds = 0.3
    qtbot.mouseClick(review.detail.delete_button, Qt.MouseButton.LeftButton)
    assert moments[0].id in stored(data_dir)           # not yet: it can still be undone
    qtbot.waitUntil(lambda: moments[0].id not in stored(data_dir), timeout=3000)
    assert set(stored(data_dir)) == {m.id for m in moments[1:]}
    qtbot.mouseClick(review.home_button, Qt.MouseButton.LeftButton)
    assert all("dishes" not in window.home.recent.item(i).text() for i in range(window.home.recent.count()))


def test_closing_the_window_writes_a_pending_delete(qtbot, open_window, data_dir):
    moments = write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.delete(moments[1].id)
    qtbot.mouseClick(review.home_button, Qt.MouseButton.LeftButton)   # still undoable: home does not show it
    assert all("été" not in window.home.recent.item(i).text() for i in range(window.home.recent.count()))
    assert moments[1].id in stored(data_dir)
    window.close()
    assert set(stored(data_dir)) == {m.id for m in SAMPLE} - {moments[1].id}


def test_an_empty_journal_gets_a_kind_word(qtbot, open_window):
    window, _ = open_window()
    review = open_review(qtbot, window)
    assert review.empty.isVisible() and "gold seam" in review.empty.text()
    assert not review.list.isVisible()
    assert not review.detail.isVisible()                # no "choose a moment" beside nothing to choose
    assert not review.export_button.isEnabled() and review.merge_button.isEnabled()


def test_goldseam_review_opens_the_window_on_the_look_back(monkeypatch, tmp_path):
    asked = {}
    import goldseam.app as app

    monkeypatch.setattr(app, "run_gui", lambda folder, **kw: asked.update(kw) or 0)
    monkeypatch.setattr("goldseam.display_check.display_problem", lambda: None)
    assert cli.main(["--data-dir", str(tmp_path / "d"), "review"]) == 0
    assert asked["open_review"] is True


def test_the_moment_read_follows_the_search(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    assert review.detail.moment.notice.what_happened == "We argued about the dishes"
    qtbot.keyClicks(review.search, "ete")
    assert review.detail.moment.notice.what_happened == "Un été difficile chez ses parents"
    qtbot.keyClicks(review.search, "xyz")
    assert review.detail.moment is None and review.model.rowCount() == 0


def test_what_has_grown_and_your_phrases_tabs(qtbot, open_window, data_dir):
    from goldseam.core.repository import OwnPhrase
    from goldseam.storage.data_folder import DataFolder

    write(data_dir)
    with DataFolder.open(data_dir) as data:
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", None, True))
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: review._insights is not None and "mended 2 moments" in review._insights.summary.text(),
                    timeout=5000)
    assert review._insights.bowl.accessibleDescription() == "A bowl mended with gold, for 2 repairs."
    review.tabs.setCurrentIndex(2)
    assert review._phrases.phrases()[0].text == "Tea on the balcony?"


def test_the_undo_bar_says_it_all_on_one_line_in_a_small_window(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    window.resize(1024, 600)
    review = open_review(qtbot, window)
    qtbot.keyClick(review.list, Qt.Key.Key_Delete)
    qtbot.wait(20)
    text = review.undo_bar.text
    assert text.text() == "Moment deleted. You can undo it for 10 seconds."
    assert text.heightForWidth(text.width()) < 2 * text.fontMetrics().lineSpacing()
    assert review.undo_bar.width() > review.list.width()        # the whole width, not the list's column
    qtbot.keyClick(review.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _recent_item(window, words: str):
    recent = window.home.recent
    return recent, next(recent.item(i) for i in range(recent.count()) if words in recent.item(i).text())


def test_a_double_click_on_a_recent_moment_opens_it(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    recent, item = _recent_item(window, "cold call")
    point = recent.visualItemRect(item).center()
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=point)   # the first click of a double-click
    qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=point)
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: review.detail.moment is not None
                    and review.detail.moment.notice.what_happened == "The cold call about money", timeout=5000)


def test_the_context_menu_on_a_recent_moment_opens_it(qtbot, open_window, data_dir):
    from PySide6.QtGui import QContextMenuEvent

    write(data_dir)
    window, _ = open_window()
    recent, item = _recent_item(window, "été")
    point = recent.visualItemRect(item).center()
    QApplication.sendEvent(recent, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point,
                                                     recent.viewport().mapToGlobal(point)))
    menu = recent._menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert [a.text() for a in menu.actions()] == ["Open in the look back"]
    menu.actions()[0].trigger()
    menu.close()
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: review.detail.moment is not None
                    and review.detail.moment.notice.what_happened.startswith("Un été"), timeout=5000)


def test_the_searched_words_are_marked_in_the_moment_read_too(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    qtbot.keyClicks(review.search, "ETE")
    qtbot.waitUntil(lambda: review.detail.moment is not None
                    and review.detail.moment.notice.what_happened.startswith("Un été"), timeout=5000)
    box = review.detail.boxes[("notice", "what_happened")]
    marked = [box.toPlainText()[m.cursor.selectionStart():m.cursor.selectionEnd()] for m in box.extraSelections()]
    assert marked == ["été"]
    review.search.clear()
    assert box.extraSelections() == []


def test_what_an_export_said_is_gone_at_the_next_visit(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.exports.reported.emit("3 moments exported to moments.md.")
    assert review.note.text() == "3 moments exported to moments.md."
    review.leave()
    review = open_review(qtbot, window)
    assert review.note.text() == ""
