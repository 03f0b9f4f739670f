"""The frame of a screen beside the repair (a pause taken alone, breathing): its title and
"Back home" in a row that stays in view, and the rest scrolling up and down only."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from .accessible import make_heading
from .keyboard import press_on_enter
from .scrolling import FocusFollower, vertical_scroll


def frame_screen(screen: QWidget, title: str, home_name: str,
                 parts: list[QWidget]) -> tuple[QLabel, QPushButton, QScrollArea]:
    """Lay out `screen`: heading and "Back home" (named `home_name` for screen readers), then
    `parts` top to bottom in a scroll area; the last part takes the room left."""
    heading = make_heading(QLabel(objectName="PageTitle"))
    heading.setText(title)
    home_button = QPushButton(_("Back &home"))
    home_button.setAccessibleName(home_name)
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 12, 0)     # room for the scroll bar, never over a field
    for part in parts[:-1]:
        column.addWidget(part)
    column.addWidget(parts[-1], 1)
    scroll = vertical_scroll(content)
    top = QHBoxLayout()
    top.addWidget(heading)
    top.addStretch(1)
    top.addWidget(home_button)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(32, 16, 32, 16)
    layout.setSpacing(8)
    layout.addLayout(top)
    layout.addWidget(scroll, 1)
    press_on_enter(screen)
    FocusFollower([scroll], screen)
    return heading, home_button, scroll
