"""A set of toggle chips (feelings, flooding signs): pick any number."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..i18n import _


class ChipGroup(QWidget):
    changed = Signal()

    def __init__(self, choices: tuple[tuple[str, str], ...], group_name: str, columns: int = 5,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(group_name)
        self.chips: dict[str, QPushButton] = {}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        row = None
        for index, (key, label) in enumerate(choices):
            if index % columns == 0:
                row = QHBoxLayout()
                row.setSpacing(8)
                rows.addLayout(row)
            chip = QPushButton(_(label))
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.setAccessibleName(f"{group_name}: {_(label)}")
            chip.toggled.connect(self.changed)
            row.addWidget(chip)
            self.chips[key] = chip
            if index % columns == columns - 1 or index == len(choices) - 1:
                row.addStretch(1)

    def selected(self) -> list[str]:
        return [key for key, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, keys: list[str]) -> None:
        for key, chip in self.chips.items():
            with QSignalBlocker(chip):
                chip.setChecked(key in keys)
