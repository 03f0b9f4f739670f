"""A window's first size, within the screen it opens on: a dialog sized for a large screen would
put its Close button below the bottom edge of a 1024x600 netbook or a screen at 200 % (their
pages scroll, so less room only means more scrolling)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SHARE = 0.9     # of the screen's free room, leaving its edges and a panel in view


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width x height, or less where its screen has less room."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, int(room.width() * SHARE)), min(height, int(room.height() * SHARE))
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    widget.resize(max(width, least.width()), max(height, least.height()))
