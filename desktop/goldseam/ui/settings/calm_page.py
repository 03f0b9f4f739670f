"""Settings, second page: what the breathing guide starts with (pattern, length, sound, spoken
cues, the person's own patterns), how long a pause lasts unless they say otherwise, and how
Goldseam calls them back when a pause or a reminder comes due.

The breathing choices are the same ones the guide offers beside itself: a change here shows
in every guide at once, and one made in a guide shows here.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...core import breathing, pause as pause_rules
from ...core.breathing import BreathingPreferences
from ...core.moment import MAX_PAUSE_MINUTES
from ...core.preferences import Preferences
from ...i18n import _
from ..breathing.breathing_guide import SOUND_CHOICES
from ..widgets.wheel_guard import scroll_past
from ..widgets.wrapping_check import wrapping_row


class CalmPage(QWidget):
    breathing_changed = Signal(object)      # BreathingPreferences
    preferences_changed = Signal(object)    # Preferences
    chime_changed = Signal(bool)
    autostart_changed = Signal(bool)        # "Start Goldseam when I log in" ticked or unticked

    def __init__(self, preferences: Preferences, breathing_prefs: BreathingPreferences, chime: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._prefs = preferences
        self._breathing = breathing_prefs
        self.pattern_box = QComboBox()
        self.pattern_box.setAccessibleName(_("Breathing pattern"))
        self.summary = QLabel(objectName="Hint")
        self.summary.setWordWrap(True)
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(breathing.MIN_MINUTES, breathing.MAX_MINUTES)
        self.minutes_box.setSuffix(_(" min"))
        self.minutes_box.setAccessibleName(_("How many minutes the guide breathes with you"))
        self.sound_box = QComboBox()
        self.sound_box.setAccessibleName(_("Sound while breathing"))
        for key, words in SOUND_CHOICES:
            self.sound_box.addItem(_(words), key)
        self.speak_box = QCheckBox(_("Speak the cues (in, hold, out)"))
        self.speak_note = QLabel(_("No speech engine was found here (such as speech-dispatcher), so the cues "
                                   "are shown, not spoken."), objectName="Hint")
        self.speak_note.setWordWrap(True)
        self.new_pattern = QPushButton(_("&New pattern\u2026"))
        self.new_pattern.setAccessibleName(_("New pattern: your own way of breathing"))
        self.change_pattern = QPushButton(_("C&hange or remove\u2026"))
        self.change_pattern.setAccessibleName(_("Change or remove the chosen pattern"))

        self.pause_minutes = QSpinBox()
        self.pause_minutes.setRange(pause_rules.MIN_MINUTES, MAX_PAUSE_MINUTES)
        self.pause_minutes.setSuffix(_(" min"))
        self.pause_minutes.setAccessibleName(_("How long a pause lasts, unless you choose otherwise"))
        self.chime_box = QCheckBox(_("A soft chime when a pause ends or a reminder comes"))
        self.chime_note = QLabel(_("No way to play a sound was found here, so the chime stays silent; the "
                                   "window still calls you back."), objectName="Hint")
        self.chime_note.setWordWrap(True)
        self.notify_box = QCheckBox(_("Also a desktop notification"))
        self.notify_box.setAccessibleDescription(_("A notification shows only the time, never your words."))

        self.notify_note = QLabel(_("A notification shows only the time, never your words."), objectName="Hint")
        self.notify_note.setWordWrap(True)
        self.autostart_box = QCheckBox(_("Start Goldseam when I log in"))
        self.autostart_note = QLabel(objectName="Hint")
        self.autostart_note.setWordWrap(True)

        breathing_group = QGroupBox(_("Breathing"))
        breathing_column = QVBoxLayout(breathing_group)
        form = _form()
        form.addRow(_label(_("&Pattern"), self.pattern_box), self.pattern_box)
        form.addRow("", self.summary)
        form.addRow(_label(_("Len&gth"), self.minutes_box), self.minutes_box)
        form.addRow(_label(_("&Sound"), self.sound_box), self.sound_box)
        breathing_column.addLayout(form)
        breathing_column.addWidget(wrapping_row(self.speak_box))
        breathing_column.addWidget(self.speak_note)
        own = QHBoxLayout()
        own.addWidget(self.new_pattern)
        own.addWidget(self.change_pattern)
        own.addStretch(1)
        breathing_column.addLayout(own)
        pause_group = QGroupBox(_("Pauses and reminders"))
        pause_column = QVBoxLayout(pause_group)
        pause_form = _form()
        pause_form.addRow(_label(_("P&ause length"), self.pause_minutes), self.pause_minutes)
        pause_column.addLayout(pause_form)
        pause_column.addWidget(wrapping_row(self.chime_box))     # long words wrap (German, a large font)
        pause_column.addWidget(self.chime_note)
        pause_column.addWidget(wrapping_row(self.notify_box))
        pause_column.addWidget(self.notify_note)
        pause_column.addWidget(wrapping_row(self.autostart_box))
        pause_column.addWidget(self.autostart_note)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        column.addWidget(breathing_group)
        column.addWidget(pause_group)
        column.addStretch(1)
        scroll_past(self.pattern_box, self.minutes_box, self.sound_box, self.pause_minutes)

        self.show_breathing(breathing_prefs)
        self.show_preferences(preferences, chime)
        self.show_sound(True, True)
        self.pattern_box.currentIndexChanged.connect(lambda _i: self._breathe(pattern=self.pattern_box.currentData()))
        self.minutes_box.valueChanged.connect(lambda n: self._breathe(minutes=n))
        self.sound_box.currentIndexChanged.connect(lambda _i: self._breathe(sound=self.sound_box.currentData()))
        self.speak_box.toggled.connect(lambda on: self._breathe(spoken_cues=on))
        self.new_pattern.clicked.connect(lambda: self._open_dialog(None))
        self.change_pattern.clicked.connect(lambda: self._open_dialog(self._breathing.chosen()))
        self.pause_minutes.valueChanged.connect(lambda n: self._choose(pause_minutes=n))
        self.notify_box.toggled.connect(lambda on: self._choose(notify=on))
        self.chime_box.toggled.connect(self.chime_changed)
        self.autostart_box.toggled.connect(self.autostart_changed)

    # -- shown from outside (no signal) ----------------------------------------------------

    def show_breathing(self, prefs: BreathingPreferences) -> None:
        self._breathing = prefs
        boxes = (self.pattern_box, self.minutes_box, self.sound_box, self.speak_box)
        for box in boxes:
            box.blockSignals(True)
        self.pattern_box.clear()
        for pattern in prefs.patterns():
            self.pattern_box.addItem(pattern.title(), pattern.key)
        self.pattern_box.setCurrentIndex(max(0, self.pattern_box.findData(prefs.chosen().key)))
        self.minutes_box.setValue(prefs.minutes)
        self.sound_box.setCurrentIndex(max(0, self.sound_box.findData(prefs.sound)))
        self.speak_box.setChecked(prefs.spoken_cues)
        for box in boxes:
            box.blockSignals(False)
        self._show_summary()

    def show_preferences(self, prefs: Preferences, chime: bool) -> None:
        self._prefs = prefs
        for box, value in ((self.pause_minutes, prefs.pause_minutes), (self.notify_box, prefs.notify),
                           (self.chime_box, chime)):
            box.blockSignals(True)
            box.setValue(value) if isinstance(box, QSpinBox) else box.setChecked(value)
            box.blockSignals(False)

    def show_sound(self, chime: bool, speech: bool) -> None:
        """What this machine can play and speak: a calm line beside what it cannot."""
        self.chime_note.setVisible(not chime)
        self.speak_note.setVisible(not speech)
        self.chime_box.setAccessibleDescription("" if chime else self.chime_note.text())
        self.speak_box.setAccessibleDescription("" if speech else self.speak_note.text())

    def show_autostart(self, on: bool, available: bool, problem: str = "") -> None:
        """Whether Goldseam starts at login here, whether this system allows it, and why it could
        not be changed (said beside the box, never in a message box)."""
        self.autostart_box.blockSignals(True)
        self.autostart_box.setChecked(on and available)
        self.autostart_box.blockSignals(False)
        self.autostart_box.setEnabled(available)
        if problem:
            note = problem
        elif not available:
            note = _("Not available on this system yet: after a restart, open Goldseam yourself, and it will "
                     "ask whether you came back.")
        else:
            note = _("So that a pause or a reminder still calls you back after the computer restarts. "
                     "Goldseam then waits quietly in the background, and only while something is promised.")
        self.autostart_note.setText(note)
        self.autostart_box.setAccessibleDescription(note)

    # -- the person's choices ----------------------------------------------------------------

    def _breathe(self, **change) -> None:
        self._breathing = dataclasses.replace(self._breathing, **change)
        self._show_summary()
        self.breathing_changed.emit(self._breathing)

    def _choose(self, **change) -> None:
        self._prefs = dataclasses.replace(self._prefs, **change)
        self.preferences_changed.emit(self._prefs)

    def _show_summary(self) -> None:
        chosen = self._breathing.chosen()
        self.summary.setText(chosen.summary())
        self.pattern_box.setAccessibleDescription(chosen.summary())
        self.change_pattern.setEnabled(chosen.own)

    def _open_dialog(self, pattern) -> None:
        from ..breathing.own_pattern_dialog import ask_for_pattern

        self.dialog = ask_for_pattern(self, self._breathing, pattern, self._dialog_done)

    def _dialog_done(self, prefs) -> None:
        self.show_breathing(prefs)
        self.breathing_changed.emit(prefs)
        self.pattern_box.setFocus()


def _form() -> QFormLayout:
    """Captions beside their fields at any width: fields keep their own size, long rows wrap."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
