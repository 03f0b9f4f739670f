"""Narrowing the look back (issue 9): the filters open and close from the keyboard, each one
narrows the list a person sees, days start from today rather than from the year 2000, and
the count is said to a screen reader once per change, not at every key."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication

from goldseam.ui.review import review_view
from review_journal import moment, write


def open_review(qtbot, window):
    window.look_back()
    qtbot.waitUntil(lambda: not window.review.loader.loading and window.review.detail.moment is not None,
                    timeout=5000)
    return window.review


def shown(review) -> list[str]:
    return [review.model.entry(row).moment.notice.what_happened or "(pause)" for row in range(review.model.rowCount())]


def open_filters(qtbot, review):
    """From the search box, as a person would: Tab to Filters, Space."""
    review.search.setFocus()
    qtbot.keyClick(review.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is review.filters_button
    qtbot.keyClick(review.filters_button, Qt.Key.Key_Space)
    assert review.filter_bar.isVisible()
    return review.filter_bar


def test_filters_open_and_close_by_keyboard_and_closing_shows_everything_again(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    assert not review.filter_bar.isVisible()            # collapsed until asked for
    bar = open_filters(qtbot, review)
    assert QApplication.focusWidget() is bar.date_from
    assert review.filters_button.accessibleName() == "Hide filters"
    for _ in range(2):                                  # From, to, Tag: one Tab per box
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.tag
    qtbot.keyClick(bar.tag, Qt.Key.Key_Down)            # any tag -> family (tags in the order of the alphabet)
    assert bar.tag.currentText() == "#family"
    assert shown(review) == ["Un été difficile chez ses parents"]
    review.filters_button.setFocus()
    qtbot.keyClick(review.filters_button, Qt.Key.Key_Space)
    assert not bar.isVisible() and review.filters_button.accessibleName() == "Show filters"
    assert len(shown(review)) == 4 and review.count.text() == "4 moments"


def test_days_narrow_the_list_and_the_first_step_starts_today(qtbot, open_window, data_dir, clock):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    bar = open_filters(qtbot, review)
    qtbot.keyClick(bar.date_from, Qt.Key.Key_Up)        # from "any day" to today (the clock's 28 Nov 2026)
    assert bar.date_from.date() == QDate(2026, 11, 28)
    assert shown(review) == []
    assert review.count.text() == "None of your 4 moments fits these filters."
    assert review.detail.moment is None
    bar.date_from.setDate(QDate(2026, 5, 1))
    bar.date_to.setDate(QDate(2026, 7, 31))
    assert shown(review) == ["Un été difficile chez ses parents", "(pause)"]
    assert review.count.text() == "2 of 4 moments"
    bar.date_to.setDate(bar.date_to.minimumDate())      # back to "any day"
    assert bar.date_to.text() == "any day"
    assert shown(review) == ["We argued about the dishes", "Un été difficile chez ses parents", "(pause)"]


def test_the_calendar_opens_on_this_month_and_escape_changes_nothing(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    bar = open_filters(qtbot, review)
    box = bar.date_to
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 8, box.height() // 2))
    calendar = box.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)
    assert box.text() == "any day" and len(shown(review)) == 4     # only shown, nothing chosen yet
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    assert box.text() == "any day" and len(shown(review)) == 4


def test_a_feeling_narrows_and_reads_as_a_word(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    bar = open_filters(qtbot, review)
    assert [bar.feeling.itemText(i) for i in range(bar.feeling.count())] == ["any feeling", "hurt", "lonely"]
    bar.feeling.setCurrentIndex(bar.feeling.findData("lonely"))
    assert shown(review) == ["Un été difficile chez ses parents"]
    bar.feeling.setCurrentIndex(bar.feeling.findData("hurt"))
    assert shown(review) == ["We argued about the dishes", "The cold call about money"]


def test_search_and_filters_together_and_clear_keeps_the_words(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    qtbot.keyClicks(review.search, "the")
    assert shown(review) == ["We argued about the dishes", "The cold call about money"]
    bar = open_filters(qtbot, review)
    bar.status.setCurrentIndex(bar.status.findData(True))
    assert shown(review) == ["We argued about the dishes"]
    bar.kind.setCurrentIndex(bar.kind.findData("pause"))
    assert shown(review) == []
    assert review.count.text() == "None of your 4 moments fits this search."
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert review.search.text() == "the"
    assert shown(review) == ["We argued about the dishes", "The cold call about money"]


def test_choices_come_from_the_journal_and_a_choice_stays_when_it_reloads(qtbot, open_window, data_dir):
    write(data_dir)
    window, data = open_window()
    review = open_review(qtbot, window)
    bar = open_filters(qtbot, review)
    assert [bar.tag.itemText(i) for i in range(bar.tag.count())] == ["any tag", "#family", "#home", "#money"]
    bar.tag.setCurrentIndex(bar.tag.findData("home"))
    data.journal.save(moment("Ein langer Abend", "2026-10-01T21:00:00+00:00", tags=["Zuhause", "home"]))
    review.open()
    qtbot.waitUntil(lambda: not review.loader.loading and review.model.rowCount() == 2, timeout=5000)
    assert bar.tag.currentData() == "home"
    assert bar.tag.findData("Zuhause") > 0
    assert shown(review) == ["We argued about the dishes", "Ein langer Abend"]


def test_the_count_is_said_once_per_change(qtbot, open_window, data_dir, monkeypatch):
    """The count is said once typing rests (the timer, fired here by the test: on a busy machine a
    real 50 ms rest between two keys would say a count in the middle of a word), not at every key,
    and not again for a change that shows the same list."""
    heard = []
    monkeypatch.setattr(review_view, "say", lambda widget, text: heard.append((widget, text)))
    write(data_dir)
    window, _ = open_window()
    review = open_review(qtbot, window)
    review._announce.setInterval(3_600_000)             # rests only when the test says so
    said = _Said(heard, review.count)

    def rest():
        assert review._announce.isActive(), "each change waits for typing to rest"
        review._announce.stop()
        review._announce.timeout.emit()

    qtbot.keyClicks(review.search, "ete")               # three keys, one announcement after typing rests
    assert said == []
    rest()
    assert said == ["1 of 4 moments"]
    qtbot.keyClicks(review.search, " ")                 # the same list: nothing new to say
    rest()
    assert said == ["1 of 4 moments"]
    review.search.clear()
    rest()
    assert said == ["1 of 4 moments", "4 moments"]


class _Said:
    """What this look back's count said (not another window's, left by an earlier test)."""

    def __init__(self, heard: list, count):
        self._heard, self._count = heard, count

    def __eq__(self, other) -> bool:
        return [text for widget, text in self._heard if widget is self._count] == other

    def __repr__(self) -> str:
        return repr([text for widget, text in self._heard if widget is self._count])


def test_filters_fit_a_small_window(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    window.resize(1024, 600)
    review = open_review(qtbot, window)
    bar = open_filters(qtbot, review)
    qtbot.wait(50)
    inside = review.tabs.currentWidget().rect()
    for box in (bar.date_from, bar.date_to, bar.tag, bar.feeling, bar.status, bar.kind, bar.clear_button):
        corner = box.mapTo(review.tabs.currentWidget(), box.rect().bottomRight())
        assert inside.contains(corner), box.accessibleName()
        assert box.height() >= bar.tag.height() - 1     # one height for every box in the bar
    assert review.list.height() > 100                   # the list still has room


def test_today_is_the_computers_day(qtbot):
    from goldseam.ui.review.filter_bar import FilterBar

    bar = FilterBar(today=lambda: date(2031, 2, 3))
    qtbot.addWidget(bar)
    bar.show()
    qtbot.keyClick(bar.date_from, Qt.Key.Key_Down)
    assert bar.filter().date_from == date(2031, 2, 3)
    qtbot.keyClick(bar.date_from, Qt.Key.Key_Down)
    assert bar.filter().date_from == date(2031, 2, 2)
