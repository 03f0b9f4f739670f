"""How Goldseam looks: the one place that applies its stylesheet (and, where the
stylesheet cannot, its palette) to the application."""

from __future__ import annotations

from .. import resources


def apply(app) -> None:
    """Give `app` Goldseam's calm look."""
    app.setStyleSheet(resources.read_text("styles/calm.qss"))
