"""The window east of UTC with dates on disk that no reader can show (issue 18): a moment, the
unfinished repair, a reminder and a pause taken alone dated 9999-12-31T23:00+00:00 (or in the
year 999, or at year 1 at +14:00), written there by an earlier version or by hand. The window
opens, says how many moments it cannot read, and the look back, what has grown and the PDF work
with the moments it can."""

from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.tables import put
from goldseam.ui.widgets.local_format import date_and_time, time_of_day
from goldseam.ui.review.export_actions import pdf_bytes, printable_document


@pytest.fixture
def east_of_utc():
    """Tokyo (+09:00): where a time late on 9999-12-31 UTC is already in the year 10000."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def _hostile(record: dict, stamp: str) -> dict:
    record = dict(record, id=str(uuid.uuid4()), created_at=stamp, updated_at=stamp)
    return record


@pytest.mark.parametrize("stamp, part", [("9999-12-31T23:00:00+00:00", "9999-12-1.json"),
                                         ("0999-06-01T10:00:00+00:00", "0999-06-1.json"),
                                         ("0001-01-01T00:30:00+14:00", "undated-1.json")])
def test_the_window_opens_east_of_utc_with_dates_no_reader_can_show(qtbot, open_window, data_dir, east_of_utc,
                                                                    stamp, part):
    good = RepairMoment(created_at="2026-11-20T20:00:00+00:00", completed=True)
    good.notice.what_happened = "We argued about the dishes"
    good.notice.intensity, good.accept.intensity = 7, 3
    good.finished_at = "2026-11-20T20:40:00+00:00"
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(good)
        pause = _hostile(RepairMoment(kind="pause").to_dict(), "2026-11-28T19:00:00+00:00")
        pause["pause"].update(minutes_planned=20, started_at="2026-11-28T19:00:00+00:00", return_at=stamp)
        put(data.promises._pause, 1, pause)
        put(data.drafts._table, 1, _hostile(good.to_dict(), stamp))
        data.promises._reminders.insert({"moment_id": good.id, "due_at": stamp})
    record = good.to_dict()
    part_storage(data_dir / "journal" / part, read_only=False).write(
        {MOMENTS: {"1": _hostile(record, stamp), "2": _hostile(record, stamp)}})

    window, data = open_window()
    assert window.home.recent.count() == 1
    qtbot.waitUntil(lambda: "2 moments in your journal could not be read" in window.home.notes.text(),
                    timeout=5000)
    assert "unfinished repair could not be read" in window.home.notes.text()

    qtbot.mouseClick(window.home.look_back_button, Qt.MouseButton.LeftButton)
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading, timeout=5000)
    assert review.count.text() == "1 moment"
    review.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: review._insights is not None and "mended 1 moment" in review._insights.summary.text(),
                    timeout=5000)
    assert pdf_bytes(printable_document(data.journal.all())).startswith(b"%PDF-")
    window.close()


def test_a_time_at_the_edge_of_the_calendar_is_written_as_it_is_rather_than_breaking(east_of_utc):
    at_the_end = datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc)
    assert date_and_time(at_the_end).startswith("31 Dec 9999")
    assert "9999" in time_of_day(at_the_end)
