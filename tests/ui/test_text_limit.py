"""A text box never takes more than MAX_TEXT characters, and says so calmly."""

import pytest
from PySide6.QtCore import QEvent, QLocale, QMimeData, Qt
from PySide6.QtGui import (QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QInputMethodEvent,
                           QKeyEvent)
from PySide6.QtWidgets import QApplication

from goldseam.core.moment import MAX_TEXT
from goldseam.ui.widgets.text_box import TextBox

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"      # one character on screen, five code points
E_ACUTE = "e\u0301"                                       # e + combining accent: one character on screen


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _send_text(widget, text):
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text))


def _filler(count, char="a"):
    """`count` characters ending in `char`, in words: one unbroken 100,000-character line is
    very slow for Qt to lay out, and nobody writes like that."""
    text = (char * 9 + " ") * (count // 10 + 1)
    return text[:count - 1] + char


def _fill(box, count, char="a"):
    box.set_text_quietly(_filler(count, char))
    box.moveCursor(box.textCursor().MoveOperation.End)
    box.setFocus()


def _wizard(qtbot, open_window):
    window, _ = open_window()
    _click(qtbot, window.home.begin_button)
    return window, window.wizard


def _boxes(wizard):
    return [(0, wizard.notice, wizard.notice.what), (2, wizard.acknowledge, wizard.acknowledge.text),
            (3, wizard.reach_back, wizard.reach_back.words), (4, wizard.accept, wizard.accept.offered),
            (4, wizard.accept, wizard.accept.landed)]


def test_every_wizard_box_refuses_typing_past_the_limit_and_says_so(qtbot, open_window, on_disk):
    window, wizard = _wizard(qtbot, open_window)
    for step, page, box in _boxes(wizard):
        wizard.go_to(step)
        _fill(box, MAX_TEXT - 2)
        qtbot.keyClicks(box, "xyz")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        _send_text(box, "\u00e9")
        assert len(box.text()) == MAX_TEXT and box.text().endswith("axy")
        assert page.body.indexOf(box.footer) == page.body.indexOf(box) + 1, "the note sits right below its box"
        assert box.note.isVisible() and "full" in box.note.text() and "100,000" in box.note.text()
        assert not box.counter.isVisible()                # one calm message at a time
        assert box.accessibleDescription().startswith(box.note.text())     # then the question it answers
    window.keeper.flush()
    draft = on_disk()[1]
    assert draft is not None, "an over-long field must never make the draft unreadable"
    for text in (draft.notice.what_happened, draft.acknowledge.text, draft.reach_back.phrase,
                 draft.accept.offered, draft.accept.how_it_landed):
        assert len(text) == MAX_TEXT


def test_the_note_goes_when_there_is_room_again(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    box = wizard.notice.what
    _fill(box, MAX_TEXT)
    qtbot.keyClicks(box, "x")
    assert box.note.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert not box.note.isVisible() and len(box.text()) == MAX_TEXT - 1
    assert box.counter.isVisible() and box.counter.text() == "99,999 of 100,000 characters"
    assert "full" not in box.accessibleDescription()    # back to the question the box answers
    assert box.accessibleDescription().startswith("Something between you came apart")
    qtbot.keyClicks(box, "y")                          # one fits again, quietly
    assert not box.note.isVisible() and box.text().endswith("y")


def test_the_counter_appears_only_near_the_limit(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    box = wizard.notice.what
    qtbot.keyClicks(box, "far from full")
    assert not box.counter.isVisible() and not box.footer.isVisible()
    _fill(box, 89_999)
    assert not box.counter.isVisible()
    qtbot.keyClicks(box, "b")
    assert box.counter.isVisible() and box.counter.text() == "90,000 of 100,000 characters"
    assert not box.note.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert not box.counter.isVisible()


def test_a_paste_is_cut_to_what_fits_and_never_splits_a_character(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    box = wizard.notice.what
    clipboard = QGuiApplication.clipboard()

    _fill(box, MAX_TEXT - 10)
    clipboard.setText("0123456789ABCDEF")
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.text().endswith("a0123456789") and len(box.text()) == MAX_TEXT
    assert box.note.isVisible() and "copied" in box.note.text()

    _fill(box, MAX_TEXT - 2)                           # the accent would not fit with its letter
    clipboard.setText("b" + E_ACUTE + "z")
    box.paste()                                        # what the context menu's Paste does
    assert box.text().endswith("ab") and len(box.text()) == MAX_TEXT - 1
    assert box.note.isVisible()

    _fill(box, MAX_TEXT - 4, char="\U0001FAF6")        # emoji: two UTF-16 units each, one character
    clipboard.setText("\U0001F33F" * 6)
    box.paste()
    assert len(box.text()) == MAX_TEXT and box.text().endswith("\U0001F33F" * 4)

    _fill(box, MAX_TEXT - 3)
    clipboard.setText(FAMILY)
    box.paste()
    assert len(box.text()) == MAX_TEXT - 3            # nothing half-added
    assert box.note.isVisible()
    assert clipboard.text() == FAMILY                  # and the rest is still where it came from


def test_a_paste_that_fits_is_left_alone(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    box = wizard.notice.what
    QGuiApplication.clipboard().setText("é, ü and 中文, " + FAMILY)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "é, ü and 中文, " + FAMILY
    assert not box.footer.isVisible()


def test_drag_and_drop_and_input_methods_are_cut_too(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    box = wizard.notice.what
    _fill(box, MAX_TEXT - 3)
    mime = QMimeData()
    mime.setText("dropped text")
    point = box.viewport().rect().center()
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(box.viewport(), kind(point, Qt.DropAction.CopyAction, mime,
                                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    drop = QDropEvent(point.toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box.viewport(), drop)
    assert len(box.text()) == MAX_TEXT and "dro" in box.text() and "drop" not in box.text()
    assert box.note.isVisible()

    _fill(box, MAX_TEXT - 1)
    event = QInputMethodEvent("", [])
    event.setCommitString("\u4e2d\u6587")                # an input method commits two characters
    QApplication.sendEvent(box, event)
    assert len(box.text()) == MAX_TEXT and box.text().endswith("\u4e2d")
    assert box.note.isVisible()


def test_stems_and_phrases_never_overfill_a_box(qtbot, open_window):
    window, wizard = _wizard(qtbot, open_window)
    wizard.go_to(2)
    page = wizard.acknowledge
    _fill(page.text, MAX_TEXT - 6, char="b")
    _click(qtbot, page.stem_buttons[0])
    assert len(page.text.text()) == MAX_TEXT and page.text.text().endswith("b I can")
    assert page.text.note.isVisible()

    wizard.go_to(3)
    page = wizard.reach_back
    _fill(page.words, MAX_TEXT)
    page.phrases.setCurrentRow(0)
    _click(qtbot, page.use_button)                     # a phrase replaces, so it always fits
    assert page.words.text() == page.phrases.item(0).data(Qt.ItemDataRole.UserRole)


def test_text_loaded_from_storage_is_shown_as_it_is(qtbot):
    box = TextBox("Test box")
    qtbot.addWidget(box)
    box.set_text_quietly(_filler(MAX_TEXT + 5, "q"))
    assert len(box.text()) == MAX_TEXT + 5
    box.show()
    _fill(box, MAX_TEXT + 5, char="q")
    qtbot.keyClicks(box, "x")
    assert len(box.text()) == MAX_TEXT + 5 and box.note.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)          # deleting is always possible
    assert len(box.text()) == MAX_TEXT + 4


def test_far_below_the_limit_a_keystroke_never_reads_the_whole_text(qtbot, monkeypatch):
    box = TextBox("Test box")
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    reads = []
    real = box.toPlainText
    for name in ("toPlainText", "text"):
        monkeypatch.setattr(box, name, lambda name=name: reads.append(name) or real())
    qtbot.keyClicks(box, "Typing along far below the limit")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    _send_text(box, "\u00fc")
    assert reads == []
    assert real() == "Typing along far below the limit\n\u00fc"


@pytest.mark.parametrize("locale_name", ["C", "de_DE"])
def test_numbers_are_written_for_the_reader(qtbot, locale_name):
    previous = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:
        box = TextBox("Test box")
        qtbot.addWidget(box)
        box.set_text_quietly(_filler(MAX_TEXT))
        expected = "100,000" if locale_name == "C" else "100.000"
        assert expected in box.counter.text()
    finally:
        QLocale.setDefault(previous)


def test_any_other_way_in_is_trimmed_back_to_the_limit(qtbot):
    box = TextBox("Test box")
    qtbot.addWidget(box)
    box.show()
    _fill(box, MAX_TEXT - 3)
    before = box.text()
    edits = []
    box.edited.connect(lambda: edits.append(len(box.text())))
    box.textCursor().insertText("0123456789")          # straight into the document, no check first
    assert len(box.text()) == MAX_TEXT and box.text().endswith("a012")
    assert edits == [MAX_TEXT], "the page only ever hears of the trimmed text"
    assert box.note.isVisible()
    box.undo()                                         # one undo takes back the insertion and the trim
    assert box.text() == before
    assert not box.note.isVisible()
    box.redo()                                         # and redo brings back only what fits
    assert len(box.text()) == MAX_TEXT and box.text().endswith("a012")
