"""Reading and correcting a moment in the look back (issue 9): every answer shown, an edit saved
after typing rests (and at once when the person moves on or leaves), tags added and removed,
long texts in any script, and a failed save that keeps the words and tries again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from goldseam.core import clock
from goldseam.storage.errors import WriteFailed
from review_journal import moment, stored, write


def open_review(qtbot, window):
    """The look back, its moment turned into fields with "Edit", as a person corrects one."""
    window.look_back()
    qtbot.waitUntil(lambda: not window.review.loader.loading and window.review.detail.moment is not None,
                    timeout=5000)
    qtbot.mouseClick(window.review.detail.edit_button, Qt.MouseButton.LeftButton)
    assert window.review.detail.editing
    return window.review


def read_it(qtbot, open_window, size: tuple[int, int]):
    """The look back at `size`, its first moment opened to be read (not yet edited)."""
    window, _ = open_window()
    window.resize(*size)
    window.look_back()
    qtbot.waitUntil(lambda: window.review.detail.moment is not None, timeout=5000)
    return window.review


def type_into(widget, text: str) -> None:
    widget.setFocus()
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))


def test_every_answer_is_shown(qtbot, open_window, data_dir):
    m = moment("We argued about the dishes", "2026-11-20T20:00:00+00:00", feelings=["hurt", "lonely"])
    m.reach_back.phrase = "Can we start over?"
    m.accept.offered = "A hug"
    m.accept.how_it_landed = "Softer"
    write(data_dir, [m])
    window, _ = open_window()
    detail = open_review(qtbot, window).detail
    texts = {key: box.text() for key, box in detail.boxes.items()}
    assert texts == {("notice", "what_happened"): "We argued about the dishes",
                     ("acknowledge", "text"): "I can see how that landed.",
                     ("reach_back", "phrase"): "Can we start over?", ("accept", "offered"): "A hug",
                     ("accept", "how_it_landed"): "Softer"}
    assert "Felt 7 of 10, then 3" in detail.summary.text()
    assert detail.feelings.selected() == ["hurt", "lonely"]
    assert (detail.before.value(), detail.after.value()) == (7, 3)
    assert "20 Nov 2026" in detail.heading.text()


def test_an_edit_reaches_the_disk_when_typing_rests_and_keeps_finished_at(qtbot, open_window, data_dir):
    m = moment("We argued", "2026-11-20T20:00:00+00:00", finished_at="2026-11-20T20:40:00+00:00")
    write(data_dir, [m])
    window, _ = open_window()
    review = open_review(qtbot, window)
    box = review.detail.boxes[("notice", "what_happened")]
    box.moveCursor(box.textCursor().MoveOperation.End)
    type_into(box, " — et puis l’été 🌻")
    assert stored(data_dir)[m.id].notice.what_happened == "We argued"      # not at every key
    qtbot.waitUntil(lambda: stored(data_dir)[m.id].notice.what_happened == "We argued — et puis l’été 🌻",
                    timeout=3000)
    again = stored(data_dir)[m.id]
    assert clock.from_iso(again.updated_at) > clock.from_iso(m.updated_at)
    assert again.finished_at == "2026-11-20T20:40:00+00:00" and again.created_at == m.created_at
    assert "l’été" in review.model.index(0).data()          # the list says the new words too


def test_leaving_saves_what_was_typed_at_once(qtbot, open_window, data_dir):
    m = moment("first words", "2026-11-20T20:00:00+00:00")
    write(data_dir, [m])
    window, _ = open_window()
    review = open_review(qtbot, window)
    box = review.detail.boxes[("accept", "how_it_landed")]
    type_into(box, "It landed softly")
    qtbot.mouseClick(review.home_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir)[m.id].accept.how_it_landed == "It landed softly"


def test_tags_added_and_removed_on_disk(qtbot, open_window, data_dir):
    m = moment("tagged", "2026-11-20T20:00:00+00:00", tags=["home"])
    write(data_dir, [m])
    window, _ = open_window()
    detail = open_review(qtbot, window).detail
    qtbot.keyClicks(detail.tag_input, "#weekend")
    qtbot.keyClick(detail.tag_input, Qt.Key.Key_Return)
    type_into(detail.tag_input, "Été")
    qtbot.keyClick(detail.tag_input, Qt.Key.Key_Return)
    assert stored(data_dir)[m.id].tags == ["home", "weekend", "Été"]
    type_into(detail.tag_input, "éTÉ")          # the same tag in other capitals is not a second one
    qtbot.keyClick(detail.tag_input, Qt.Key.Key_Return)
    assert stored(data_dir)[m.id].tags == ["home", "weekend", "Été"]
    remove = next(b for b in detail.tag_row.findChildren(type(detail.delete_button))
                  if b.accessibleName() == "Remove the tag home")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert stored(data_dir)[m.id].tags == ["weekend", "Été"]


def test_tab_reaches_each_tag_where_it_is_shown_before_the_box(qtbot, open_window, data_dir):
    m = moment("tagged", "2026-11-20T20:00:00+00:00", tags=["home"])
    write(data_dir, [m])
    window, _ = open_window()
    detail = open_review(qtbot, window).detail
    qtbot.keyClicks(detail.tag_input, "weekend")
    qtbot.keyClick(detail.tag_input, Qt.Key.Key_Return)       # a tag added now, by keyboard
    qtbot.wait(20)                                             # a new chip is shown by the event loop
    order = []
    widget = detail.tag_input
    widget.setFocus()
    for _ in range(3):                                         # back from the box, as Shift+Tab goes
        qtbot.keyClick(widget, Qt.Key.Key_Backtab)
        widget = QApplication.focusWidget()
        order.append(widget.accessibleName())
    assert order[:2] == ["Remove the tag weekend", "Remove the tag home"]
    assert order[2] == "How strong it felt after"            # its Clear is not a Tab stop
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().accessibleName() == "Remove the tag home"


def test_a_long_tag_does_not_widen_the_pane(qtbot, open_window, data_dir):
    tag = "très-long-tag-" * 12
    m = moment("tagged", "2026-11-20T20:00:00+00:00", tags=[tag])
    write(data_dir, [m])
    window, _ = open_window()
    window.resize(1024, 600)
    detail = open_review(qtbot, window).detail
    qtbot.wait(20)
    chip = next(b for b in detail.tag_row.findChildren(type(detail.delete_button))
                if b.accessibleName() == f"Remove the tag {tag}")
    assert chip.toolTip() == f"#{tag}" and chip.text().startswith("#très-long-tag-")
    viewport = detail.scroll.viewport()
    assert detail.scroll.widget().width() <= viewport.width()     # nothing cut off at the right
    for box in detail.boxes.values():
        right = box.mapTo(viewport, box.rect().topRight()).x()
        assert right <= viewport.width()


def test_a_long_text_in_many_scripts_is_shown_and_kept_whole(qtbot, open_window, data_dir):
    long = ("Ärger über die Spülmaschine — حين تأخرت — 約束の時間 🙏 " * 300).strip()
    m = moment(long, "2026-11-20T20:00:00+00:00")
    write(data_dir, [m])
    window, _ = open_window()
    review = open_review(qtbot, window)
    box = review.detail.boxes[("notice", "what_happened")]
    assert box.text() == long
    type_into(review.detail.boxes[("acknowledge", "text")], "!")
    review.detail.save_now()
    assert stored(data_dir)[m.id].notice.what_happened == long


def test_a_failed_save_keeps_the_words_says_so_and_tries_again(qtbot, open_window, data_dir, monkeypatch):
    m = moment("before", "2026-11-20T20:00:00+00:00")
    write(data_dir, [m])
    window, data = open_window()
    review = open_review(qtbot, window)
    real = type(data.journal).save
    failing = [True]

    def save(journal, moment):
        if failing[0]:
            import errno
            raise WriteFailed(data_dir / "journal" / "x.json", OSError(errno.ENOSPC, "No space left on device"))
        return real(journal, moment)

    monkeypatch.setattr(type(data.journal), "save", save)
    review.detail._retry.setInterval(200)
    type_into(review.detail.boxes[("notice", "what_happened")], "kept ")
    review.detail.save_now()
    assert "tries again" in review.detail.status.text()
    assert review.detail.boxes[("notice", "what_happened")].text().startswith("kept ")
    failing[0] = False
    qtbot.waitUntil(lambda: stored(data_dir)[m.id].notice.what_happened.startswith("kept "), timeout=3000)
    assert review.detail.status.text() == "Saved."


def test_feelings_and_how_strong_corrected_on_disk_keeping_words_of_their_own(qtbot, open_window, data_dir):
    m = moment("felt", "2026-11-20T20:00:00+00:00", feelings=["hurt", "a word of my own"])
    write(data_dir, [m])
    window, _ = open_window()
    detail = open_review(qtbot, window).detail
    qtbot.mouseClick(detail.feelings.chips["sad"], Qt.MouseButton.LeftButton)
    detail.after.slider.setFocus()
    qtbot.keyClick(detail.after.slider, Qt.Key.Key_Left)
    detail.save_now()
    again = stored(data_dir)[m.id]
    assert sorted(again.notice.feelings) == ["a word of my own", "hurt", "sad"]
    assert again.accept.intensity == 2 and again.notice.intensity == 7


def test_a_moment_opens_as_calm_reading_text_and_edit_turns_it_into_growing_fields(qtbot, open_window, data_dir):
    """Every field was an editable box showing two and a half lines: a moment is read as text,
    whole, and "Edit" gives the fields, as tall as their words."""
    long_words = " ".join(f"Sentence {n} of what happened between us that evening." for n in range(8))
    write(data_dir, [moment(long_words, "2026-11-20T20:00:00+00:00", ack="I was tired and short with you.")])
    detail = read_it(qtbot, open_window, (1024, 640)).detail
    assert not detail.editing and detail.reading.isVisible()
    assert not any(box.isVisible() for box in detail.boxes.values())
    shown = detail.reading.text()
    assert "Sentence 7 of what happened" in shown and "I was tired and short with you." in shown
    qtbot.mouseClick(detail.edit_button, Qt.MouseButton.LeftButton)
    box = detail.boxes[("notice", "what_happened")]
    assert detail.editing and box.isVisible() and not detail.reading.isVisible()
    # The same labels, read or corrected ("What I acknowledged" became "What you acknowledged").
    answered = [detail.labels[key] for key, field in detail.boxes.items() if field.text()]
    for label in [*answered, *detail.choice_labels]:                # the moment has both strengths and a feeling
        assert label.text() in shown, label.text()
    qtbot.waitUntil(lambda: box.height() >= 4 * box.fontMetrics().lineSpacing())       # grown with its words
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() == 0)                     # no half-drawn line
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " The end.")
    qtbot.mouseClick(detail.edit_button, Qt.MouseButton.LeftButton)                    # Stop editing
    assert not detail.editing and "The end." in detail.reading.text()
    assert stored(data_dir)[detail.moment.id].notice.what_happened.endswith("The end.")


def test_a_long_answer_is_edited_whole_and_the_line_typed_stays_in_view(qtbot, open_window, data_dir):
    """A 3,000-character answer stopped growing at 18 lines with a half-drawn line; typing new
    lines at the foot of the pane went out of sight; the tags were read twice."""
    from PySide6.QtCore import QPoint

    long_words = " ".join(f"Sentence {n} of a long evening, said again and again." for n in range(55))
    write(data_dir, [moment(long_words, "2026-11-20T20:00:00+00:00", tags=["été", "work"])])
    detail = read_it(qtbot, open_window, (1024, 640)).detail
    assert detail.reading.text().count("été") == 1          # the tags, once
    qtbot.mouseClick(detail.edit_button, Qt.MouseButton.LeftButton)
    box = detail.boxes[("notice", "what_happened")]
    qtbot.waitUntil(lambda: box.height() > 20 * box.fontMetrics().lineSpacing())
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() == 0)        # whole, no scrolling inside
    last = detail.boxes[("accept", "how_it_landed")]
    last.setFocus()
    for _ in range(12):
        qtbot.keyClick(last, Qt.Key.Key_Return)
        qtbot.keyClicks(last, "one more line")
    viewport = detail.scroll.viewport()

    def typing_in_view() -> bool:
        cursor = last.cursorRect()
        at = last.viewport().mapTo(viewport, cursor.bottomLeft())
        return viewport.rect().contains(QPoint(max(at.x(), 0), at.y()))

    qtbot.waitUntil(typing_in_view, timeout=2000)


def test_the_first_word_searched_for_is_brought_into_view(qtbot, open_window, data_dir):
    long_words = " ".join(f"Sentence {n} of a long evening, and then of the morning after." for n in range(120)) + " The fridge, at last."
    write(data_dir, [moment(long_words, "2026-11-20T20:00:00+00:00")])
    review = read_it(qtbot, open_window, (1024, 600))
    detail = review.detail
    bar = detail.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    review.search.setText("fridge")
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
    assert "fridge" in detail.reading.text()
