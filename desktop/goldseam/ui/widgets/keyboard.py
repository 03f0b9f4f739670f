"""Keys a person expects to work everywhere, not only in dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QWidget


def press_on_enter(root: QWidget, buttons: list[QPushButton] | None = None) -> None:
    """Enter and Return press the focused button under `root` (or of `buttons`, cheaper on
    the first paint than searching for them), as Space does. Qt does this by itself only
    inside dialogs."""
    for button in root.findChildren(QPushButton) if buttons is None else buttons:
        button.setAutoDefault(True)


def clear_focus_within(widget: QWidget) -> None:
    """Before `widget`'s part of the screen is swapped or hidden, take the focus out of it,
    so Qt does not hand it to the next control for a moment (a screen reader would read
    that control) before the program gives it where it belongs."""
    focused = QApplication.focusWidget()
    if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
        focused.clearFocus()
