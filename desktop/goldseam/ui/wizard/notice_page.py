"""Step 1: notice what happened, how strong it is, and whether the body is flooded."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...core.steps import FEELINGS, FLOODING_SIGNS, is_flooded
from ...i18n import _
from ..widgets.accessible import say
from ..widgets.chip_group import ChipGroup
from ..widgets.scrolling import scroll_into_view
from ..widgets.steady import pointing
from ..widgets.intensity_picker import IntensityPicker
from ..widgets.text_box import TextBox
from ..widgets.wheel_guard import scroll_past
from .page_base import WizardPage


class NoticePage(WizardPage):
    pause_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.what = TextBox(_("What happened"), _("For example: we snapped at each other about the weekend."),
                            min_lines=2)
        self.intensity = IntensityPicker(_("How strong it feels now"))
        # Each group named as its question reads: a screen reader says it once as Tab enters.
        self.feelings = ChipGroup(FEELINGS, _("What are you feeling? Pick any that fit."))
        self.signs = ChipGroup(FLOODING_SIGNS, _("Check in with your body. Is any of this true right now?"))
        self.pulse = QSpinBox()
        self.pulse.setRange(0, 300)
        self.pulse.setSpecialValueText(_("not measured"))
        self.pulse.setSuffix(_(" beats a minute"))
        # Named as its label reads: Orca 43 said the label and then a different name
        # ("Pulse (optional): Pulse, if you measured it not measured").
        self.pulse.setAccessibleName(_("Pulse (optional):"))
        self.pulse.setMinimumWidth(200)
        scroll_past(self.pulse)

        self.flood_note = QFrame(objectName="Nudge")
        note_layout = QHBoxLayout(self.flood_note)
        note_column = QVBoxLayout()
        self.note_text = note_text = QLabel(_("Your body sounds flooded right now. That is nobody's fault, and it makes "
                             "repair hard. Breathe slowly for two minutes first, or take a longer pause."))
        note_text.setWordWrap(True)
        self.breathe_button = QPushButton(_("Breathe for two minutes"))
        self.breathe_button.setAccessibleName(_("Breathe for two minutes"))
        self.breathe_button.clicked.connect(self._breathe)
        self.pause_button = QPushButton(_("Go to the pause"))
        self.pause_button.setAccessibleName(_("Go to the pause step"))
        self.pause_button.clicked.connect(self.pause_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.breathe_button)
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)
        note_column.addWidget(note_text)
        note_column.addLayout(buttons)
        note_layout.addLayout(note_column, 1)
        self.flood_note.setVisible(False)
        from ..breathing.breathing_guide import BreathingGuide  # the wizard is built on first use, not at start

        self.guide = BreathingGuide(compact=True)
        self.guide.setVisible(False)

        self.add_text_box(_("What happened, in a sentence or two (optional)"), self.what)
        self.body.addWidget(self.section_label(_("How strong does it feel right now?"), self.intensity.slider))
        self.body.addWidget(self.intensity)
        self.body.addWidget(self.section_label(self.feelings.accessibleName(), self.feelings))
        self.body.addWidget(self.feelings)
        self.body.addSpacing(6)
        self.body.addWidget(self.section_label(self.signs.accessibleName(), self.signs))
        self.body.addWidget(self.signs)
        pulse_row = QHBoxLayout()
        pulse_row.addWidget(self.section_label(_("Pulse (optional):"), self.pulse))
        pulse_row.addWidget(self.pulse)
        pulse_row.addStretch(1)
        self.body.addLayout(pulse_row)
        self.body.addWidget(self.flood_note)
        self.body.addWidget(self.guide)
        self.body.addStretch(1)

        for signal in (self.what.edited, self.intensity.changed, self.feelings.changed, self.signs.changed):
            signal.connect(self._changed)
        self.pulse.valueChanged.connect(self._changed)

    def first_focus(self) -> QWidget:
        return self.what

    def on_leave(self) -> None:
        self.guide.stop()
        self.guide.setVisible(False)

    def _breathe(self) -> None:
        """Two minutes of slow breathing, right here below the advice."""
        self.guide.setVisible(True)
        self.guide.start(minutes=2)
        self.guide.first_focus().setFocus()
        scroll_into_view(self.guide)

    def load(self) -> None:
        notice = self.moment.notice
        self.what.set_text_quietly(notice.what_happened)
        self.intensity.set_value(notice.intensity)
        self.feelings.set_selected(notice.feelings)
        self.signs.set_selected(notice.flood_signs)
        self.pulse.setValue(notice.pulse_bpm or 0)
        self._show_flooding()

    def store(self) -> None:
        notice = self.moment.notice
        notice.what_happened = self.what.text()
        notice.intensity = self.intensity.value()
        notice.feelings = self.feelings.selected()
        notice.flood_signs = self.signs.selected()
        notice.pulse_bpm = self.pulse.value() or None
        answered = bool(notice.flood_signs) or notice.pulse_bpm is not None
        notice.flooded = is_flooded(len(notice.flood_signs), notice.pulse_bpm) if answered else None
        self._show_flooding()

    def _show_flooding(self) -> None:
        flooded = bool(self.moment and self.moment.notice.flooded)
        appearing = flooded and not self.flood_note.isVisible()
        self.flood_note.setVisible(flooded)
        if appearing:
            if not pointing(self):      # a chip just clicked stays under the pointer
                scroll_into_view(self.flood_note)
            if not self._loading:
                say(self.note_text, self.note_text.text())
