"""A set of toggle chips (feelings, flooding signs): pick any number."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ..i18n import _


class ChipGroup(QWidget):
    changed = Signal()

    def __init__(self, choices: tuple[tuple[str, str], ...], group_name: str, columns: int = 5,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(group_name)
        self.chips: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for index, (key, label) in enumerate(choices):
            chip = QPushButton(_(label))
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.setAccessibleName(f"{group_name}: {_(label)}")
            chip.toggled.connect(self.changed)
            grid.addWidget(chip, index // columns, index % columns)
            self.chips[key] = chip
        grid.setColumnStretch(columns, 1)

    def selected(self) -> list[str]:
        return [key for key, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, keys: list[str]) -> None:
        for key, chip in self.chips.items():
            with QSignalBlocker(chip):
                chip.setChecked(key in keys)
