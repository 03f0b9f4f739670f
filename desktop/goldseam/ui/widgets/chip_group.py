"""A set of toggle chips (feelings, flooding signs): pick any number. The chips wrap
onto as many lines as the width needs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ...i18n import _
from .accessible import name_section
from .flow_layout import FlowLayout


class ChipGroup(QWidget):
    changed = Signal()

    def __init__(self, choices: tuple[tuple[str, str], ...], group_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        # The group's name is said once as the focus enters it, each chip then by its own words:
        # named "What you feel: hurt" each, Orca 43 said the group again at every Tab.
        name_section(self, group_name)
        self.chips: dict[str, QPushButton] = {}
        flow = FlowLayout(self)
        for key, label in choices:
            chip = Chip(_(label), _(label))
            chip.toggled.connect(self.changed)
            flow.addWidget(chip)
            self.chips[key] = chip

    def selected(self) -> list[str]:
        return [key for key, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, keys: list[str]) -> None:
        for key, chip in self.chips.items():
            with QSignalBlocker(chip):
                chip.setChecked(key in keys)


CHECK_MARK = "\u2713 "


class Chip(QPushButton):
    """A toggle that shows it is on by its colour and by a check mark, not by colour alone
    (however it was set: a click, a key, or loading a saved answer)."""

    def __init__(self, label: str, accessible_name: str):
        super().__init__(label)
        self._label = label
        self.setObjectName("Chip")
        self.setCheckable(True)
        self.setAccessibleName(accessible_name)
        self.ensurePolished()           # the style sheet's padding counts
        self._keep_room_for_the_mark()

    def checkStateSet(self) -> None:  # noqa: N802 - Qt naming
        super().checkStateSet()
        self._mark()

    def nextCheckState(self) -> None:  # noqa: N802 - Qt naming
        super().nextCheckState()
        self._mark()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._keep_room_for_the_mark()

    def _keep_room_for_the_mark(self) -> None:
        """As wide unchecked as checked: the mark appearing moves none of the chips after it."""
        metrics, shown = self.fontMetrics(), 0x0800          # Qt.TextShowMnemonic, as QPushButton measures
        extra = metrics.size(shown, CHECK_MARK + self._label).width() - metrics.size(shown, self._label).width()
        self.setMinimumWidth(0)
        unchecked = self.sizeHint().width() - (0 if not self.isChecked() else extra)
        self.setMinimumWidth(unchecked + extra)

    def _mark(self) -> None:
        self.setText(CHECK_MARK + self._label if self.isChecked() else self._label)
