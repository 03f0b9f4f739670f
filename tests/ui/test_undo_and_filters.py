"""What Undo brings back is seen, and the moment being read stays in view (issue 21, item 3):
with a filter on, a moment put back by Ctrl+Z updated the count and stayed invisible, and
after a filter change the selected moment could sit scrolled out of view."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt

from review_journal import moment, write
from test_review_filters import open_review


def sized(open_window, size=(1024, 600)):
    window, _ = open_window()
    window.resize(*size)
    return window


def ids_shown(review) -> list[str]:
    return [review.model.entry(row).id for row in range(review.model.rowCount())]


def in_view(review) -> bool:
    rect = review.list.visualRect(review.list.currentIndex())
    return rect.isValid() and review.list.viewport().rect().contains(rect)


def many(count: int = 300, tagged_every: int = 3):
    start = datetime(2026, 11, 20, 20, 0, tzinfo=timezone.utc)
    return [moment(f"Moment number {n}", (start - timedelta(days=2 * n)).isoformat(),
                   tags=["home"] if n % tagged_every == 0 else ["work"]) for n in range(count)]


def test_a_moment_put_back_under_a_filter_is_shown(qtbot, open_window, data_dir):
    write(data_dir, many(30))
    review = open_review(qtbot, sized(open_window))
    review.search.setText("number 2")
    qtbot.waitUntil(lambda: 0 < review.model.rowCount() < 30)
    review.list.setFocus()
    target = ids_shown(review)[0]
    review.list.setCurrentIndex(review.model.index(0))
    qtbot.keyClick(review.list, Qt.Key.Key_Delete)
    assert target not in ids_shown(review)
    review.search.setText("number 1")                   # the search moved on before the undo
    qtbot.keyClick(review.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert target in ids_shown(review), "the moment put back is in the list"
    assert review.list.currentIndex().isValid() and review.model.entry(review.list.currentIndex().row()).id == target
    assert review.detail.moment.id == target
    assert in_view(review)
    assert review.search.text() == "" and review.filter_bar.filter("").is_empty()
    assert "cleared" in review.count.text()


def test_the_moment_being_read_stays_in_view_when_the_filters_change(qtbot, open_window, data_dir):
    write(data_dir, many(300))
    review = open_review(qtbot, sized(open_window))
    review.list.setFocus()
    for _ in range(60):                                 # far down the list
        qtbot.keyClick(review.list, Qt.Key.Key_Down)
    chosen = review.model.entry(review.list.currentIndex().row()).id
    assert in_view(review)
    review.filters_button.click()
    bar = review.filter_bar
    qtbot.waitUntil(lambda: in_view(review))
    bar.tag.setCurrentIndex(bar.tag.findText("#home"))     # chosen is moment 60: tagged home
    assert review.model.entry(review.list.currentIndex().row()).id == chosen
    qtbot.waitUntil(lambda: in_view(review), timeout=2000)
    bar.tag.setCurrentIndex(0)                          # any tag again
    assert review.model.entry(review.list.currentIndex().row()).id == chosen
    qtbot.waitUntil(lambda: in_view(review), timeout=2000)
    bar.tag.setCurrentIndex(bar.tag.findText("#work"))     # the one read is filtered out: the first found
    assert review.list.currentIndex().row() == 0
    qtbot.waitUntil(lambda: in_view(review), timeout=2000)


def test_ctrl_z_in_the_search_box_brings_a_deleted_moment_back(qtbot, open_window, data_dir):
    """Typed into the search after a delete, Ctrl+Z undid the typing and the moment was lost
    when the undo time ran out: while a delete can be undone, Ctrl+Z there undoes the delete."""
    write(data_dir, many(6))
    window, _ = open_window()
    review = open_review(qtbot, window)
    review.list.setFocus()
    target = ids_shown(review)[0]
    qtbot.keyClick(review.list, Qt.Key.Key_Delete)
    review.search.setFocus()
    qtbot.keyClicks(review.search, "number")
    qtbot.keyClick(review.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert target in ids_shown(review) and review.detail.moment.id == target
    assert not review.pending.count()
    qtbot.keyClick(review.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)   # nothing pending: typing
    assert review.search.text() != "number"


def test_the_count_line_wraps_rather_than_being_cut(qtbot, open_window, data_dir):
    write(data_dir, many(6))
    review = open_review(qtbot, sized(open_window))
    review.search.setText("zzzz nothing")
    qtbot.waitUntil(lambda: review.count.text().startswith("None of your"))
    qtbot.wait(20)
    count = review.count
    assert count.wordWrap()
    assert count.height() >= count.heightForWidth(count.width())
