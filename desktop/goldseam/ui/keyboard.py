"""Keys a person expects to work everywhere, not only in dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def press_on_enter(root: QWidget) -> None:
    """Enter and Return press the focused button under `root`, as Space does. (Qt does
    this by itself only inside dialogs.)"""
    for button in root.findChildren(QPushButton):
        button.setAutoDefault(True)
