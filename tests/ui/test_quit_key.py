"""Ctrl+Q quits from wherever the person is: the window, the settings over it, the keys overlay
(a shortcut of the main window alone is blocked while a modal dialog is open; a tryout under
openbox found Ctrl+Q doing nothing with the settings open). What was typed is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from window_parts import parts_of


def press_quit(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_with_the_settings_open_closes_them_and_the_window(qtbot, open_window, on_disk):
    window, _data = open_window()
    parts = parts_of(window)
    parts.add_quit_key()
    window.begin_repair()
    qtbot.keyClicks(window.wizard.notice.what, "We argued about the keys")
    window.open_settings()
    dialog = parts.preferences.dialog
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press_quit(qtbot, dialog.tabs)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert parts.preferences.dialog is None or not parts.preferences.dialog.isVisible()
    _moments, draft = on_disk()
    assert draft.notice.what_happened == "We argued about the keys"


def test_ctrl_q_over_the_keys_overlay_quits_too(qtbot, open_window):
    window, _data = open_window()
    parts_of(window).add_quit_key()
    window.show_keys()
    overlay = window.keys
    with qtbot.waitActive(overlay):
        overlay.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is overlay)
    press_quit(qtbot, overlay)
    qtbot.waitUntil(lambda: not window.isVisible() and not overlay.isVisible())


def test_ctrl_q_on_home_quits(qtbot, open_window):
    window, _data = open_window()
    parts_of(window).add_quit_key()
    press_quit(qtbot, window.home.begin_button)
    qtbot.waitUntil(lambda: not window.isVisible())
