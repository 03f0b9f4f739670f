"""How strong it feels, 0 to 10, with an honest 'not rated' state."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ..i18n import _


class IntensityPicker(QWidget):
    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: int | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setValue(5)
        self.slider.setAccessibleName(accessible_name)
        self.slider.setMinimumWidth(240)
        self.label = QLabel()
        self.label.setMinimumWidth(110)
        self.clear_button = QPushButton(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear: %s") % accessible_name)
        low, high = QLabel(_("calm")), QLabel(_("very strong"))
        low.setObjectName("Quiet")
        high.setObjectName("Quiet")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(low)
        row.addWidget(self.slider, 1)
        row.addWidget(high)
        row.addSpacing(12)
        row.addWidget(self.label)
        row.addWidget(self.clear_button)
        self.slider.actionTriggered.connect(self._touched)
        self.slider.valueChanged.connect(self._moved)
        self.clear_button.clicked.connect(self.clear)
        self._show()

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        self._value = value
        with QSignalBlocker(self.slider):
            self.slider.setValue(5 if value is None else value)
        self._show()

    def clear(self) -> None:
        self.set_value(None)
        self.changed.emit()

    def _touched(self, _action: int) -> None:
        # Any slider action means the person has chosen, even if it lands on 5.
        if self._value is None:
            self._value = self.slider.sliderPosition()
            self._show()
            self.changed.emit()

    def _moved(self, value: int) -> None:
        if self._value != value:
            self._value = value
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        if self._value is None:
            self.label.setText(_("Not rated"))
        else:
            self.label.setText(_("%d of 10") % self._value)
        self.slider.setAccessibleDescription(self.label.text())
        self.clear_button.setEnabled(self._value is not None)
