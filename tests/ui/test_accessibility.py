"""Every control a person can reach has a name a screen reader can say, and the
whole wizard can be reached with the keyboard."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QListWidget,
                               QPlainTextEdit, QWidget)

CONTROLS = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QListWidget, QPlainTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, CONTROLS) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            if not widget.accessibleName().strip():
                missing.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return missing


def test_every_control_has_an_accessible_name(qtbot, open_window):
    window, _ = open_window()
    assert unnamed_controls(window.home) == []
    window.begin_repair()
    for index in range(5):
        window.wizard.go_to(index)
    assert unnamed_controls(window.wizard) == []


def test_tab_reaches_the_navigation_from_every_step(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    for index in range(5):
        wizard.go_to(index)
        seen = set()
        widget = wizard.pages[index].first_focus() or wizard.next_button
        widget.setFocus()
        for _ in range(80):
            qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
            seen.add(window.focusWidget())
            if wizard.next_button in seen:
                break
        assert wizard.next_button in seen, f"step {index + 1}: Tab never reaches Next"


def names_without_their_label(root):
    """Voice control says what it sees: a button's name must contain its visible words."""
    from PySide6.QtWidgets import QAbstractButton

    missing = []
    for button in root.findChildren(QAbstractButton):
        shown = button.text().replace("&", "").replace("\u2713", "").replace("\u2026", "").strip().lower()
        if shown and shown not in button.accessibleName().lower():
            missing.append(f"{button.text()!r} named {button.accessibleName()!r}")
    return missing


def test_every_button_is_named_with_the_words_it_shows(qtbot, open_window):
    window, _ = open_window()
    window.home.show_held("A backup is kept.")
    window.home.show_draft(None)
    window.begin_repair()
    assert names_without_their_label(window.home) == []
    assert names_without_their_label(window.wizard) == []
