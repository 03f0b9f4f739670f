"""What has grown, as drawn (issue 9): the same journal always paints the same bowl, another
journal another one, more repairs more gold; the words beside it say what the arithmetic says;
an empty journal gets a kind word."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor, QImage

from goldseam.core.moment import RepairMoment
from goldseam.core.repository import OwnPhrase
from goldseam.ui.review.bowl_widget import GOLD
from goldseam.ui.review.insights_view import InsightsView


def repairs(count: int, salt: str = "a") -> list[RepairMoment]:
    out = []
    for n in range(count):
        m = RepairMoment(created_at=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}T20:00:00+00:00", completed=True)
        m.id = f"{salt * 8}-0000-4000-8000-{n:012d}"
        m.notice.intensity, m.accept.intensity = 8, 4
        m.finished_at = m.created_at.replace("T20:00", "T20:30")
        m.reach_back.category = "sorry"
        out.append(m)
    return out


def picture(qtbot, moments) -> QImage:
    view = InsightsView(now=lambda: datetime(2026, 11, 28, 20, 0))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show_moments(moments, [])
    view.bowl.resize(360, 300)
    return view.bowl.grab().toImage()


def gold_pixels(image: QImage) -> int:
    gold = QColor(GOLD)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - gold.red()) < 40 and abs(pixel.green() - gold.green()) < 40 \
                    and abs(pixel.blue() - gold.blue()) < 50 and pixel.red() - pixel.blue() > 80:
                count += 1
    return count


def test_the_same_journal_paints_the_same_bowl_and_another_another(qtbot):
    first = picture(qtbot, repairs(12))
    assert picture(qtbot, repairs(12)) == first
    assert picture(qtbot, repairs(12, salt="b")) != first


def test_more_repairs_more_gold(qtbot):
    none, few, many = (gold_pixels(picture(qtbot, repairs(n))) for n in (0, 3, 40))
    assert none == 0 < few < many


def test_the_words_say_what_the_arithmetic_says(qtbot):
    view = InsightsView(now=lambda: datetime(2026, 11, 28, 20, 0))
    qtbot.addWidget(view)
    moments = repairs(4)
    alone = RepairMoment(created_at="2026-11-02T10:00:00+00:00", kind="pause", completed=True)
    alone.pause.minutes_planned, alone.pause.started_at, alone.pause.outcome = 20, alone.created_at, "extended"
    view.show_moments(moments + [alone], [OwnPhrase("Tea on the balcony?", None, True)])
    text = view.summary.text()
    assert "You have mended 4 moments so far." in text
    assert "eased by about 4 of 10" in text and "(4 repairs)" in text
    assert "about 30 minutes" in text
    assert "You took 1 pause. In 1 of them you came back" in text
    assert "I'm sorry" in text
    assert view.landing.text() == "“Tea on the balcony?”"
    assert view.bowl.accessibleDescription() == "A bowl mended with gold, for 4 repairs."
    assert "November 2026: 1 moment" in view.chart.accessibleDescription()


def test_an_empty_journal_gets_a_kind_view(qtbot):
    view = InsightsView()
    qtbot.addWidget(view)
    view.show_moments([], [])
    assert "Your bowl is whole and waiting" in view.summary.text()
    assert not view.landing_title.isVisibleTo(view)
    assert "score" not in view.summary.text().lower() and "streak" not in view.summary.text().lower()


def test_a_year_with_no_moments_says_so_under_the_chart(qtbot):
    old = repairs(3)
    for m in old:
        m.created_at = m.created_at.replace("2026-", "2023-")
    view = InsightsView(now=lambda: datetime(2026, 11, 28, 20, 0))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show_moments(old, [])
    assert view.chart.accessibleDescription() == "No moments in the last twelve months."
    image = view.chart.grab().toImage()
    ground = image.pixelColor(1, 1)
    middle = range(int(image.height() * 0.3), int(image.height() * 0.7))
    assert any(image.pixelColor(x, y) != ground for y in middle for x in range(0, image.width(), 2)), \
        "nothing is written where the bars would be"
    view.show_moments(repairs(2), [])
    assert "1 moment" in view.chart.accessibleDescription()


def test_the_month_names_have_room_with_a_large_text_size(qtbot):
    """The twelve-month chart's month names were cut off at the bottom."""
    from PySide6.QtGui import QFont

    view = InsightsView(now=lambda: datetime(2026, 11, 28, 20, 0))
    qtbot.addWidget(view)
    view.show_moments(repairs(12), [])
    view.resize(900, 1400)
    view.show()
    font = QFont(view.chart.font())
    font.setPointSizeF(font.pointSizeF() * 2.5)
    view.chart.setFont(font)
    qtbot.waitUntil(lambda: view.chart.height() >= view.chart.sizeHint().height())
    line = view.chart.fontMetrics().lineSpacing()
    assert view.chart.height() >= 2 * line + 120          # a line above the bars, one below, and the bars
