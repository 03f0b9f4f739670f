"""Settings, first page: light or dark, still or moving, and the language Goldseam speaks.

A change here is applied at once (the theme and the motion) and kept; the language is kept
and spoken from the next start, and the page says so where the choice is made.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ... import i18n
from ...core.preferences import Preferences
from ...i18n import _
from .choice_group import ChoiceGroup


def language_choices() -> list[tuple[str, str]]:
    """The languages Goldseam speaks, each named in its own language, after "follow the system"."""
    named = [(code, name) for code, name in getattr(i18n, "LANGUAGES", ()) if code]
    return [("", _("As the system is set"))] + (named or [("en", "English")])


class LookPage(QWidget):
    changed = Signal(object)        # Preferences

    def __init__(self, preferences: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self._preferences = preferences
        self.theme = ChoiceGroup(_("Light or dark"), [
            ("system", _("As the system is set")), ("light", _("Light")), ("dark", _("Dark"))])
        self.motion = ChoiceGroup(_("Movement"), [
            ("system", _("As the system is set")),
            ("still", _("Keep still")), ("moving", _("Let the breathing shape move"))])
        self.motion_note = QLabel(_("Kept still, the breathing guide shows a bar and words instead of a "
                                    "growing and shrinking shape."), objectName="Hint")
        self.motion_note.setWordWrap(True)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code, name in language_choices():
            self.language.addItem(name, code)
        language_label = QLabel(_("&Language"))
        language_label.setBuddy(self.language)
        self.language_note = QLabel(objectName="Hint")
        self.language_note.setWordWrap(True)

        column = QVBoxLayout(self)
        column.setSpacing(12)
        column.addWidget(self.theme)
        column.addWidget(self.motion)
        column.addWidget(self.motion_note)
        column.addWidget(language_label)
        column.addWidget(self.language, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.language_note)
        column.addStretch(1)
        self.show_preferences(preferences)
        self._spoken = preferences.language
        self.theme.chosen.connect(lambda key: self._choose(theme=key))
        self.motion.chosen.connect(lambda key: self._choose(motion=key))
        self.language.currentIndexChanged.connect(lambda _i: self._language_chosen())

    def show_preferences(self, preferences: Preferences) -> None:
        self._preferences = preferences
        self.theme.set_key(preferences.theme)
        self.motion.set_key(preferences.motion)
        index = self.language.findData(preferences.language)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, index))
        self.language.blockSignals(False)

    def _choose(self, **change) -> None:
        self._preferences = replace(self._preferences, **change)
        self.changed.emit(self._preferences)

    def _language_chosen(self) -> None:
        code = self.language.currentData() or ""
        self.language_note.setText(
            "" if code == self._spoken else _("Goldseam speaks this language from its next start."))
        self._choose(language=code)
