""""Remind me at" (issue 21, item 7): it showed 07/12/2026, day first, in English while the
rest said "7 Dec", and typing a new hour after clicking into it did nothing."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from goldseam import i18n
from goldseam.ui.application import qt_language
from goldseam.ui.widgets.local_format import date_and_time
from goldseam.ui.wizard.remind_row import RemindRow

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=timezone.utc)


@pytest.fixture
def row(qtbot):
    made = RemindRow(lambda: NOW)
    qtbot.addWidget(made)
    made.set_value(None)
    made.show()
    qtbot.mouseClick(made.check, Qt.MouseButton.LeftButton)
    assert made.time.isEnabled()
    return made


def click_into(qtbot, edit: QDateTimeEdit, section_text: str, after: str = "") -> None:
    """A click on the middle of `section_text` (the first one after `after`) in the box."""
    line = edit.lineEdit()
    text = line.text()
    at = text.index(section_text, text.index(after) + len(after) if after else 0) + len(section_text) // 2
    x = line.fontMetrics().horizontalAdvance(text[:at]) + line.textMargins().left() + 3
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, line.height() // 2))


def test_the_day_is_written_as_everywhere_else(row):
    assert row.time.text() == date_and_time(datetime(2026, 12, 7, 21, 0).astimezone()) == "7 Dec 2026, 21:00"


def test_in_german_the_day_is_written_the_german_way(qtbot):
    app = QApplication.instance()
    i18n.use("de")
    qt_language.apply(app, "de")
    try:
        made = RemindRow(lambda: NOW)
        qtbot.addWidget(made)
        made.set_value(None)
        assert made.time.text() == "7. Dez. 2026, 21:00"
    finally:
        i18n.use("en")
        qt_language.apply(app, "en")
        QLocale.setDefault(QLocale.system())


def test_a_click_into_the_hour_and_typing_sets_it(qtbot, row):
    click_into(qtbot, row.time, "21")
    assert row.time.currentSection() == QDateTimeEdit.Section.HourSection
    qtbot.keyClicks(row.time, "22")
    assert row.time.text() == "7 Dec 2026, 22:00"
    assert row.value() == "2026-12-07T22:00:00+00:00"


def test_a_time_of_day_already_past_means_its_next_coming(qtbot, row):
    """09:00 typed at 20:00 is tomorrow morning, shown as such once typed."""
    click_into(qtbot, row.time, "21")
    qtbot.keyClicks(row.time, "09")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.value() == "2026-12-08T09:00:00+00:00"
    assert row.time.text() == "8 Dec 2026, 09:00"


def test_typing_a_month_by_its_name(qtbot, row):
    click_into(qtbot, row.time, "Dec")
    assert row.time.currentSection() == QDateTimeEdit.Section.MonthSection
    qtbot.keyClicks(row.time, "Jan")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.time.text() == "7 Jan 2027, 21:00"       # January 2026 has passed: the next one


def test_a_later_hour_typed_after_a_day_was_moved_on_counts_from_today(qtbot, row):
    """09 typed at 20:00 went to tomorrow; 19 typed then stayed tomorrow (27 hours away)."""
    click_into(qtbot, row.time, "21")
    qtbot.keyClicks(row.time, "09")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.time.text() == "8 Dec 2026, 09:00"
    click_into(qtbot, row.time, "09")
    qtbot.keyClicks(row.time, "22")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.time.text() == "7 Dec 2026, 22:00" and row.value() == "2026-12-07T22:00:00+00:00"


def test_a_day_the_person_chose_stays_theirs(qtbot, row):
    click_into(qtbot, row.time, "7")
    qtbot.keyClicks(row.time, "9")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.time.text() == "9 Dec 2026, 21:00"
    click_into(qtbot, row.time, "21")
    qtbot.keyClicks(row.time, "08")
    qtbot.keyClick(row.time, Qt.Key.Key_Return)
    assert row.time.text() == "9 Dec 2026, 08:00"
