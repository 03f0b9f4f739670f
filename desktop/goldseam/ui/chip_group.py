"""A set of toggle chips (feelings, flooding signs): pick any number. The chips wrap
onto as many lines as the width needs."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ..i18n import _
from .flow_layout import FlowLayout


class ChipGroup(QWidget):
    changed = Signal()

    def __init__(self, choices: tuple[tuple[str, str], ...], group_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(group_name)
        self.chips: dict[str, QPushButton] = {}
        flow = FlowLayout(self)
        for key, label in choices:
            chip = QPushButton(_(label))
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.setAccessibleName(f"{group_name}: {_(label)}")
            chip.toggled.connect(self.changed)
            flow.addWidget(chip)
            self.chips[key] = chip

    def selected(self) -> list[str]:
        return [key for key, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, keys: list[str]) -> None:
        for key, chip in self.chips.items():
            with QSignalBlocker(chip):
                chip.setChecked(key in keys)
