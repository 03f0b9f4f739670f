"""Light and dark as a person sees them: the window really changes colour; "as the system is
set" follows the desktop when it switches, live; a choice of light or dark holds whatever the
desktop says; painted gold (the search marks) follows too."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from goldseam.ui.widgets import look
from wcag import luminance
from window_parts import parts_of


@pytest.fixture
def app(qapp):
    yield qapp
    look.apply(qapp)


def ground(window) -> float:
    """How light the window's own background is, as painted (a corner with nothing on it)."""
    QApplication.processEvents()
    image = window.grab().toImage()
    return luminance(image.pixelColor(image.width() - 3, image.height() // 2))


def test_light_and_dark_really_change_the_screen(qtbot, open_window, app):
    window, _ = open_window()
    look.apply(app, "dark")
    assert look.scheme(app) == "dark" and ground(window) < 0.05
    look.apply(app, "light")
    assert look.scheme(app) == "light" and ground(window) > 0.7


def test_as_the_system_is_set_follows_the_desktop_live(qtbot, open_window, app, monkeypatch):
    window, _ = open_window()
    said = {"scheme": "Light"}
    monkeypatch.setattr(look, "_reported", lambda _app: said["scheme"])
    look.apply(app, "system")
    assert ground(window) > 0.7
    said["scheme"] = "Dark"
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)      # the desktop switches
    assert look.scheme(app) == "dark" and ground(window) < 0.05
    said["scheme"] = "Light"
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert ground(window) > 0.7


def test_a_chosen_light_or_dark_holds_whatever_the_desktop_says(qtbot, open_window, app, monkeypatch):
    window, _ = open_window()
    monkeypatch.setattr(look, "_reported", lambda _app: "Light")
    look.apply(app, "dark")
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert ground(window) < 0.05


def test_a_desktop_that_reports_nothing_but_hands_qt_a_dark_palette_is_dark(app, monkeypatch):
    monkeypatch.setattr(look, "_reported", lambda _app: "Unknown")
    app.setProperty("goldseamSystemDark", True)
    try:
        assert look.scheme(app) == "dark"
    finally:
        app.setProperty("goldseamSystemDark", False)
    assert look.scheme(app) == "light"


def test_the_settings_choice_switches_the_open_window(qtbot, open_window, app):
    window, data = open_window()
    window.open_settings()
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.look.theme.buttons["dark"].click()
    assert ground(window) < 0.05 and data.settings.get("theme") == "dark"
    dialog.look.theme.buttons["light"].click()
    assert ground(window) > 0.7


def test_gold_marks_follow_the_theme(app):
    look.apply(app, "light")
    light = look.tone("#efd9a6")
    look.apply(app, "dark")
    assert look.tone("#efd9a6") != light and luminance(look.tone("#efd9a6")) < luminance(light)


def _share_near(image, colour, reach=24) -> float:
    """The share of the picture's pixels within `reach` of `colour` on every channel."""
    near = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            total += 1
            near += all(abs(a - b) <= reach for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3]))
    return near / total


def test_painted_colours_follow_the_theme_and_stay_legible(qtbot, app):
    """What is painted rather than styled: the look back's rows (the kind in gold, the searched words
    on a gold tint), the bowl, the month bars and the breathing circle's focus ring."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView

    from goldseam.core.moment import RepairMoment
    from goldseam.ui.breathing.breathing_widget import BreathingWidget
    from goldseam.ui.review.bowl_widget import BowlWidget
    from goldseam.ui.review.moment_delegate import GOLD_INK, MARK, MARK_INK, MomentDelegate
    from goldseam.ui.review.month_chart import BAR, MonthChart
    from goldseam.core.insights import seams_for
    from test_insights_view import repairs
    from wcag import ratio

    moment = RepairMoment(created_at="2026-11-02T20:00:00+00:00", completed=True)
    moment.notice.what_happened = "We talked past each other about the weekend."
    model = QStandardItemModel()
    item = QStandardItem()
    item.setData(moment, Qt.ItemDataRole.UserRole + 1)
    model.appendRow(item)
    rows = QListView()
    rows.setModel(model)
    rows.setItemDelegate(MomentDelegate(lambda: "weekend", rows))
    bowl, chart, circle = BowlWidget(), MonthChart(), BreathingWidget(clock=lambda: 0.0)
    bowl.show_seams(seams_for(repairs(6)), "")
    chart.show_months([("2026-10", 2), ("2026-11", 4)])
    for widget, size in ((rows, (420, 120)), (bowl, (360, 300)), (chart, (300, 170)), (circle, (300, 300))):
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
    qtbot.waitExposed(circle)
    circle.setFocus()
    seen = {}
    for which in ("light", "dark"):
        look.apply(app, which)
        base, window = (app.palette().color(role) for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window))
        ink, mark, mark_ink, bar = (look.tone(t) for t in (GOLD_INK, MARK, MARK_INK, BAR))
        assert ratio(ink, base) >= 4.5 and ratio(mark_ink, mark) >= 4.5, which
        assert ratio(bar, window) >= 3 and ratio(bar, base) >= 3, which
        assert ratio(look.tone("#85601e"), window) >= 3, which         # the breathing ring
        QApplication.processEvents()
        listed = rows.viewport().grab().toImage()
        assert _share_near(listed, mark, 6) > 0.005, f"{which}: the searched word is marked in its tint"
        assert _share_near(listed, ink, 40) > 0.0005, f"{which}: the kind is written in gold"
        assert _share_near(chart.grab().toImage(), bar, 6) > 0.02, f"{which}: the bars are painted in the gold"
        assert _share_near(circle.grab().toImage(), look.tone("#85601e"), 30) > 0.001, f"{which}: the ring shows"
        clay = bowl.grab().toImage().pixelColor(bowl.width() // 4, int(bowl.height() * 0.6))
        seen[which] = (luminance(clay), mark)
    assert seen["light"][0] > 0.6 and seen["dark"][0] < 0.1, "a pale bowl by day, a dark one by night"
    assert seen["light"][1] != seen["dark"][1]


def test_a_large_desktop_font_makes_every_size_larger_live(qtbot, app):
    """The sheet names its sizes (11 pt body, 18 pt titles); a desktop set to large text still
    reaches the window, every size in proportion, and when it changes while Goldseam is open."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    body, title = QLabel("A sentence or two is plenty."), QLabel("Look back", objectName="PageTitle")
    for label in (body, title):
        qtbot.addWidget(label)
        label.show()
    usual = app.font()
    look.apply(app, "light")
    assert (body.font().pointSizeF(), title.font().pointSizeF()) == (11, 18), "a small desktop font: as designed"
    try:
        large = QFont(usual)
        large.setPointSizeF(16.5)
        app.setFont(large)                  # the desktop's text size changes while Goldseam is open
        QApplication.processEvents()
        assert (body.font().pointSizeF(), title.font().pointSizeF()) == (16.5, 27)
        assert body.sizeHint().height() > 16
        look.apply(app, "dark")             # and it holds through a change of palette
        assert (body.font().pointSizeF(), title.font().pointSizeF()) == (16.5, 27)
    finally:
        app.setFont(usual)
    QApplication.processEvents()
    assert (body.font().pointSizeF(), title.font().pointSizeF()) == (11, 18)
