"""Light and dark as a person sees them: the window really changes colour; "as the system is
set" follows the desktop when it switches, live; a choice of light or dark holds whatever the
desktop says; painted gold (the search marks) follows too."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from goldseam.ui import look
from wcag import luminance


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
    dialog = window.preferences.dialog
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
