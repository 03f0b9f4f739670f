"""The person's own phrases on the look back: given new words, removed and put back, ticked as
landing well, by mouse and by keyboard; each change read back from the folder on disk."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from goldseam.core.repository import OwnPhrase
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WriteFailed
from goldseam.ui.widgets import look
from goldseam.ui.review.phrases_view import LIST_CHARS, PhrasesView

LONG = "Ich höre dir zu, und ich bleibe. " * 200


@pytest.fixture
def kept(data_dir):
    data = DataFolder.open(data_dir)
    for text, lands_well in (("Can we start again, slowly?", True), ("I miss you when we fight.", False),
                             ("أنا آسف، لم أقصد ذلك", False), (LONG, False)):
        data.journal.keep_phrase(OwnPhrase(text, "own", lands_well))
    yield data
    data.close()


@pytest.fixture
def view(qtbot, kept):
    look.apply(QApplication.instance())
    widget = PhrasesView(kept.journal)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def on_disk(data_dir):
    with DataFolder.open(data_dir, read_only=True) as data:
        return {p.text: p.lands_well for p in data.journal.own_phrases()}


def shown(view):
    return [view.list.item(row).text() for row in range(view.list.count())]


def type_text(widget, text):
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))


def test_lists_every_kept_phrase_with_its_tick_and_a_long_one_shortened(view):
    assert shown(view)[:3] == ["Can we start again, slowly?", "I miss you when we fight.", "أنا آسف، لم أقصد ذلك"]
    assert len(shown(view)[3]) == LIST_CHARS and shown(view)[3].endswith("…")
    ticks = [view.list.item(row).checkState() == Qt.CheckState.Checked for row in range(4)]
    assert ticks == [True, False, False, False]
    assert view.lands_well.isChecked()                   # the first phrase is selected, and it lands well
    assert view.list.accessibleName() and view.remove_button.accessibleName()


def test_ticking_lands_well_is_kept_on_disk(qtbot, view, data_dir):
    changed = []
    view.changed.connect(lambda: changed.append(1))
    view.list.setCurrentRow(1)
    qtbot.mouseClick(view.lands_well, Qt.MouseButton.LeftButton)
    assert on_disk(data_dir)["I miss you when we fight."] is True
    assert view.list.item(1).checkState() == Qt.CheckState.Checked
    # and from the keyboard, on the list itself: Space on a phrase
    view.list.setCurrentRow(0)
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Space)
    assert on_disk(data_dir)["Can we start again, slowly?"] is False
    assert not view.lands_well.isChecked()
    assert len(changed) == 2


def test_new_words_by_keyboard_replace_the_phrase_on_disk(qtbot, view, data_dir):
    view.list.setCurrentRow(2)
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_F2)
    assert view.editor.isVisible() and view.new_words.hasFocus()
    assert view.new_words.text() == "أنا آسف، لم أقصد ذلك"
    view.new_words.clear()
    type_text(view.new_words, "Je suis désolé, vraiment 🌱")
    qtbot.keyClick(view.new_words, Qt.Key.Key_Return)
    assert not view.editor.isVisible()
    disk = on_disk(data_dir)
    assert "Je suis désolé, vraiment 🌱" in disk and "أنا آسف، لم أقصد ذلك" not in disk
    assert view.current_text() == "Je suis désolé, vraiment 🌱"


def test_enter_on_change_words_opens_the_editor(qtbot, view):
    view.list.setCurrentRow(0)
    view.rename_button.setFocus()
    qtbot.keyClick(view.rename_button, Qt.Key.Key_Return)
    assert view.editor.isVisible() and view.new_words.hasFocus()


def test_a_long_phrase_is_changed_in_full_and_escape_changes_nothing(qtbot, view, data_dir):
    view.list.setCurrentRow(3)
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    assert view.new_words.text() == LONG          # the whole phrase, not the shortened line
    qtbot.keyClick(view.new_words, Qt.Key.Key_End)
    type_text(view.new_words, " Immer.")
    qtbot.keyClick(view.new_words, Qt.Key.Key_Escape)
    assert not view.editor.isVisible() and LONG in on_disk(data_dir)
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(view.new_words, Qt.Key.Key_End)
    type_text(view.new_words, " Immer.")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert LONG + " Immer." in on_disk(data_dir)


def test_new_words_that_are_kept_already_become_one_phrase(qtbot, view, data_dir):
    view.list.setCurrentRow(1)
    view.start_rename()
    view.new_words.setText("Can we start again, slowly?")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    disk = on_disk(data_dir)
    assert "I miss you when we fight." not in disk and disk["Can we start again, slowly?"] is True
    assert shown(view).count("Can we start again, slowly?") == 1


def test_remove_then_undo_by_button_and_by_ctrl_z(qtbot, view, data_dir):
    view.list.setCurrentRow(1)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert "I miss you when we fight." not in on_disk(data_dir)
    assert view.undo_bar.isVisible() and "I miss you when we fight." in view.undo_note.text()
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert on_disk(data_dir)["I miss you when we fight."] is False and not view.undo_bar.isVisible()

    view.list.setCurrentRow(0)
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert "Can we start again, slowly?" not in on_disk(data_dir)
    qtbot.keyClick(view.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(data_dir)["Can we start again, slowly?"] is True       # back, still landing well


def test_removing_every_phrase_shows_a_kind_empty_state(qtbot, view, data_dir):
    for _ in range(4):
        view.list.setCurrentRow(0)
        view.remove_current()
    assert on_disk(data_dir) == {}
    assert view.empty.isVisible() and not view.list.isVisible()
    assert not view.remove_button.isEnabled() and view.undo_button.hasFocus()


def test_a_refused_write_is_explained_and_the_list_stays_as_on_disk(qtbot, view, data_dir, kept, monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, body, *a: boxes.append(body)))

    def full(text):
        raise WriteFailed(data_dir / "journal" / "phrases.json", OSError(28, "No space left on device"))

    monkeypatch.setattr(kept.journal, "forget_phrase", full)
    view.list.setCurrentRow(1)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert boxes and "The disk is full" in boxes[0] and "as they were" in boxes[0]
    assert "I miss you when we fight." in shown(view) and not view.undo_bar.isVisible()
    assert "I miss you when we fight." in on_disk(data_dir)


def test_render_for_a_look(view, tmp_path):
    import os

    view.list.setCurrentRow(1)
    view.remove_current()
    view.list.setCurrentRow(0)
    view.start_rename()
    image = view.grab()
    image.save(str(tmp_path / "phrases.png"))
    if os.environ.get("GOLDSEAM_SHOTS"):
        image.save(os.path.join(os.environ["GOLDSEAM_SHOTS"], "review_phrases.png"))
    assert image.width() == 1024
