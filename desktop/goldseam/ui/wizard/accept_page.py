"""Step 5: let repair in. What they offered, how it landed, how strong it is now."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...i18n import _
from ..widgets.intensity_picker import IntensityPicker
from ..widgets.text_box import TextBox
from .page_base import WizardPage


class AcceptPage(WizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.offered = TextBox(_("What they offered"), _("A word, a touch, a joke, a cup of tea\u2026"))
        self.landed = TextBox(_("How it landed"), _("Even a small shift counts."))
        self.intensity = IntensityPicker(_("How strong it feels now"))
        # After "I'll say it later" nothing may have been offered yet: say so, and ask softly.
        self.later_note = QLabel(_("You planned to reach back later, so there may be nothing to accept yet. "
                                   "You can leave these empty and save this moment as it is."))
        self.later_note.setObjectName("Hint")
        self.later_note.setWordWrap(True)
        self.later_note.setVisible(False)
        self.body.addWidget(self.later_note)
        self.offered_question = self.add_text_box(_("What did they offer, even if it was imperfect?"),
                                                  self.offered)
        self.add_text_box(_("How did it land with you?"), self.landed)
        self.body.addWidget(self.section_label(_("How strong does it feel now?"), self.intensity.slider))
        self.body.addWidget(self.intensity)
        self.body.addStretch(1)
        for signal in (self.offered.edited, self.landed.edited, self.intensity.changed):
            signal.connect(self._changed)

    def first_focus(self) -> QWidget:
        return self.offered

    def note(self) -> str:
        return self.later_note.text() if self._later() else ""

    def _later(self) -> bool:
        return self.moment is not None and self.moment.reach_back.when == "later"

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        later = self._later()
        self.later_note.setVisible(later)
        self.offered_question.setText(_("Has anything been offered yet? If so, what?") if later
                                      else _("What did they offer, even if it was imperfect?"))

    def load(self) -> None:
        accept = self.moment.accept
        self.offered.set_text_quietly(accept.offered)
        self.landed.set_text_quietly(accept.how_it_landed)
        self.intensity.set_value(accept.intensity)

    def store(self) -> None:
        accept = self.moment.accept
        accept.offered = self.offered.text()
        accept.how_it_landed = self.landed.text()
        accept.intensity = self.intensity.value()
