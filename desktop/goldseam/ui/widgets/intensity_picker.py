"""How strong it feels, 0 to 10, with an honest 'not rated' state.

Not rated looks and reads as not rated: the slider shows no handle, a screen reader hears
no number and its description says so. A click on the groove puts the value where the click lands.

No key clears a rating by accident: Clear is not a Tab stop (Tab from "8 of 10" landed on it,
and Space reset the rating without a word), and on the slider Delete or Backspace clears it,
which says "Not rated". Unrated, the first arrow shows the handle where it rests (5) rather
than moving a hidden handle to 4 or 6."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QStyle, QStyleOptionSlider, QWidget

from ...i18n import _
from .accessible import set_text, show_no_value
from .wheel_guard import scroll_past


class LandingSlider(QSlider):
    """A slider whose value jumps to where it is clicked, then follows the drag."""

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt naming
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                                 QStyle.SubControl.SC_SliderGroove, self)
            handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                                 QStyle.SubControl.SC_SliderHandle, self)
            span = max(1, groove.width() - handle.width())
            position = int(event.position().x()) - groove.x() - handle.width() // 2
            value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), position, span,
                                                   option.upsideDown)
            self.setSliderPosition(value)    # a slider action: it counts as the person's choice
        super().mousePressEvent(event)


_STEPS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
          Qt.Key.Key_PageDown)


class IntensityPicker(QWidget):
    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._name = accessible_name
        self._value: int | None = None
        self.slider = LandingSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setValue(5)
        self.slider.setMinimumWidth(160)
        self.slider.setAccessibleName(accessible_name)     # "Not rated" is its description
        scroll_past(self.slider)        # a wheel turned over it scrolls the page, never rates
        self.label = QLabel()
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(_("Not rated")) + 8)
        self.clear_button = QPushButton(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear: {name}").format(name=accessible_name))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)        # not a Tab stop
        self.clear_button.setToolTip(_("Clear (Delete on the slider)"))
        low, high = QLabel(_("calm")), QLabel(_("very strong"))
        low.setObjectName("Quiet")
        high.setObjectName("Quiet")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(low)
        row.addWidget(self.slider, 1)
        row.addWidget(high)
        row.addSpacing(8)
        row.addWidget(self.label)
        row.addWidget(self.clear_button)
        self.slider.actionTriggered.connect(self._touched)
        self.slider.valueChanged.connect(self._moved)
        self.clear_button.clicked.connect(self.clear)
        self.slider.installEventFilter(self)
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if watched is self.slider and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._value is not None:
                self.clear()
                return True
            if key in _STEPS and self._value is None:
                self.set_value(self.slider.value())       # the handle appears where it rests
                self.changed.emit()
                return True
        return super().eventFilter(watched, event)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        self._value = value
        with QSignalBlocker(self.slider):
            self.slider.setValue(5 if value is None else value)
        self._show()

    def clear(self) -> None:
        self.slider.setFocus()          # first: Clear is about to be disabled
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
        rated = self._value is not None
        set_text(self.label, _("{value} of 10").format(value=self._value) if rated else _("Not rated"))
        if self.slider.property("rated") != rated:
            # Said as the rating begins or is cleared, not at each step: Orca 43 read the changed
            # description and then the value, so each step was said twice ("6 of 10", "6").
            self.slider.setAccessibleDescription("" if rated else self.label.text())
            show_no_value(self.slider, not rated)      # not read as the 5 its handle rests on
            self.slider.setProperty("rated", rated)
            self.slider.style().unpolish(self.slider)
            self.slider.style().polish(self.slider)
        self.clear_button.setEnabled(rated)
