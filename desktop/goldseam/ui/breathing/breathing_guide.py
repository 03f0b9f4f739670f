"""The breathing guide people use: the shape, a pattern, a length, Start, and a few quiet
options (a soft chime, spoken cues, keeping still, one's own patterns).

It keeps no files: every choice the person makes goes out as `preferences_changed`, and
whoever owns the settings saves it. Compact (the wizard's pause, the flooding advice)
tucks the options behind a small "Options" toggle.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...core import breathing
from ...core.breathing import BreathingPreferences, PhaseState
from ...i18n import _, ngettext
from ..widgets import accessible
from . import spoken_cues
from .breathing_widget import BreathingWidget
from ..pause.chime import Chime
from ..widgets.keyboard import press_on_enter
from ..widgets.scrolling import scroll_into_view
from ..widgets.wheel_guard import scroll_past

SOUND_CHOICES = (("off", breathing.N_("Off")), ("phases", breathing.N_("Soft chime at each phase")),
                 ("end", breathing.N_("Soft chime at the end")))


class BreathingGuide(QWidget):
    preferences_changed = Signal(object)     # a BreathingPreferences, after each choice the person makes
    started = Signal()
    finished = Signal()                      # a session ran to its end
    stopped = Signal()                       # stopped early

    def __init__(self, preferences: BreathingPreferences | None = None,
                 clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None, compact: bool = False):
        super().__init__(parent)
        self._prefs = BreathingPreferences()
        self._compact = compact
        self._minutes = 0.0
        self.dialog = None
        self.chime = Chime(self)
        self.cues = None
        self.pattern_box = QComboBox()
        self.pattern_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pattern_box.setMinimumContentsLength(14)
        self.summary = QLabel(objectName="Hint")
        self.summary.setWordWrap(True)
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(breathing.MIN_MINUTES, breathing.MAX_MINUTES)
        self.minutes_box.setSuffix(_(" min"))
        self.widget = BreathingWidget(clock=clock)
        self.closing = QLabel(objectName="Question")
        self.closing.setWordWrap(True)
        self.closing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # One gold button per screen: embedded in a step or a pause, the step's own button is the main one.
        self.start_button = QPushButton(objectName="" if compact else "Primary")
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setAccessibleName(_("Stop"))
        self.options_button = QPushButton(_("Options"), checkable=True)
        self.options_button.setAccessibleName(_("Options"))
        self.sound_box = QComboBox()
        self.sound_box.setAccessibleName(_("Sound"))
        for key, words in SOUND_CHOICES:
            self.sound_box.addItem(_(words), key)
        self.no_sound = QLabel(_("No sound output was found here, so the guide stays quiet."), objectName="Hint")
        self.no_sound.setWordWrap(True)
        self.speak_box = QCheckBox(_("Speak the cues"))
        self.speak_box.setAccessibleName(_("Speak the cues"))
        self.still_box = QCheckBox(_("Keep still (reduced motion)"))
        self.still_box.setAccessibleName(_("Keep still (reduced motion)"))
        self.own_button = QPushButton(_("Your own pattern\u2026"))
        self.own_button.setAccessibleName(_("Your own pattern"))
        self.change_button = QPushButton(_("Change or remove\u2026"))
        self.change_button.setAccessibleName(_("Change or remove this pattern"))
        self._lay_out()
        self._connect()
        scroll_past(self.pattern_box, self.minutes_box, self.sound_box)
        self.set_preferences(preferences or BreathingPreferences())
        self._show_start(_("Start breathing"))
        press_on_enter(self)

    def _lay_out(self) -> None:
        self.choices = QWidget()
        choose = QGridLayout(self.choices)
        choose.setContentsMargins(0, 0, 0, 0)
        choose.setHorizontalSpacing(8)
        pattern_label = QLabel(_("&Pattern"))
        pattern_label.setBuddy(self.pattern_box)
        minutes_label = QLabel(_("Len&gth"))      # Alt+L is Leave for now in the wizard
        minutes_label.setBuddy(self.minutes_box)
        # Named as their labels read: Orca 43 says a field's label and then its name when they
        # differ ("Pattern Breathing pattern combo box").
        for label, box in ((pattern_label, self.pattern_box), (minutes_label, self.minutes_box)):
            box.setAccessibleName(label.text().replace("&", ""))
        choose.addWidget(pattern_label, 0, 0)
        choose.addWidget(self.pattern_box, 0, 1)
        choose.addWidget(minutes_label, 0, 2)
        choose.addWidget(self.minutes_box, 0, 3)
        choose.addWidget(self.summary, 1, 1, 1, 3)
        choose.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        self.options = QFrame()
        options = QGridLayout(self.options)
        options.setContentsMargins(0, 4, 0, 0)
        sound_label = QLabel(_("&Sound"))
        sound_label.setBuddy(self.sound_box)
        options.addWidget(sound_label, 0, 0)
        options.addWidget(self.sound_box, 0, 1)
        options.addWidget(self.no_sound, 1, 1)
        options.addWidget(self.speak_box, 2, 0, 1, 2)
        options.addWidget(self.still_box, 3, 0, 1, 2)
        own = QHBoxLayout()
        own.addWidget(self.own_button)
        own.addWidget(self.change_button)
        own.addStretch(1)
        options.addLayout(own, 4, 0, 1, 2)
        options.setColumnStretch(1, 1)
        toggle = QHBoxLayout()
        toggle.addWidget(self.options_button)
        toggle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.choices)
        layout.addLayout(buttons)
        layout.addWidget(self.closing)
        layout.addWidget(self.widget, 1)
        layout.addLayout(toggle)
        layout.addWidget(self.options)
        order = [self.pattern_box, self.minutes_box, self.start_button, self.stop_button, self.options_button,
                 self.sound_box, self.speak_box, self.still_box, self.own_button, self.change_button]
        for before, after in zip(order, order[1:]):
            QWidget.setTabOrder(before, after)
        # Shown or hidden only once they have a parent: a parentless widget made visible is a window.
        for hidden in (self.closing, self.stop_button, self.no_sound, self.speak_box):
            hidden.setVisible(False)
        self.options_button.setVisible(self._compact)
        self.options.setVisible(not self._compact)
        if not self._compact:
            self._offer_cues()

    def _connect(self) -> None:
        self.pattern_box.currentIndexChanged.connect(self._pattern_chosen)
        self.minutes_box.valueChanged.connect(lambda n: self._choose(minutes=n))
        self.sound_box.currentIndexChanged.connect(lambda _i: self._choose(sound=self.sound_box.currentData()))
        self.speak_box.toggled.connect(lambda on: self._choose(spoken_cues=on))
        self.still_box.toggled.connect(lambda on: self._choose(reduced_motion=on))
        self.options_button.toggled.connect(self._toggle_options)
        self.own_button.clicked.connect(lambda: self._open_dialog(None))
        self.change_button.clicked.connect(lambda: self._open_dialog(self._prefs.chosen()))
        self.start_button.clicked.connect(self._primary)
        self.stop_button.clicked.connect(self.stop)
        self.widget.phase_changed.connect(self._phase)
        self.widget.finished.connect(self._finished)
        self.widget.stopped.connect(self._stopped)
        self.widget.pause_changed.connect(self._paused)

    # -- the public side ------------------------------------------------------

    def set_preferences(self, prefs: BreathingPreferences) -> None:
        """Show `prefs` (from settings); this is no choice of the person's, so nothing is emitted."""
        self._prefs = _copy(prefs)
        widgets = (self.pattern_box, self.minutes_box, self.sound_box, self.speak_box, self.still_box)
        for widget in widgets:
            widget.blockSignals(True)
        self._fill_patterns()
        self.minutes_box.setValue(self._prefs.minutes)
        self.sound_box.setCurrentIndex(max(0, self.sound_box.findData(self._prefs.sound)))
        self.speak_box.setChecked(self._prefs.spoken_cues)
        self.still_box.setChecked(self._prefs.reduced_motion)
        for widget in widgets:
            widget.blockSignals(False)
        self.widget.set_reduced_motion(self._prefs.reduced_motion)
        self._show_summary()

    def preferences(self) -> BreathingPreferences:
        return _copy(self._prefs)

    def start(self, minutes: float | None = None) -> None:
        self._minutes = float(self._prefs.minutes if minutes is None else minutes)
        self.closing.setVisible(False)
        self.widget.start(self._prefs.chosen(), minutes=self._minutes)
        self._running_controls(True)
        # On a small screen (or at 200 %) the shape and its words must be in view, with Pause.
        scroll_into_view(self.widget.progress if self._prefs.reduced_motion else self.widget.word)
        self.started.emit()

    def stop(self) -> None:
        self.widget.stop()

    def is_running(self) -> bool:
        return self.widget.is_running()

    def first_focus(self) -> QWidget:
        return self.start_button

    # -- what the person does ----------------------------------------------------

    def _primary(self) -> None:
        if self.is_running():
            self.widget.toggle_pause()
        else:
            self.start()

    def _choose(self, **change) -> None:
        self._prefs = dataclasses.replace(self._prefs, **change)
        if "reduced_motion" in change:
            self.widget.set_reduced_motion(change["reduced_motion"])
        if change.get("sound", "off") != "off":
            self.no_sound.setVisible(not self.chime.available())
        elif "sound" in change:
            self.no_sound.setVisible(False)
        self._show_summary()
        self.preferences_changed.emit(self.preferences())

    def _pattern_chosen(self, _index: int) -> None:
        self._choose(pattern=self.pattern_box.currentData())

    def _toggle_options(self, shown: bool) -> None:
        if shown:
            self._offer_cues()
        self.options.setVisible(shown)

    def _offer_cues(self) -> None:
        self.speak_box.setVisible(spoken_cues.available())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Space and Esc reach here from anywhere in the guide that does not use them itself."""
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Escape) and self.is_running():
            self.widget.keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    # -- own patterns ----------------------------------------------------------------

    def _open_dialog(self, pattern) -> None:
        from .own_pattern_dialog import ask_for_pattern

        self.dialog = ask_for_pattern(self, self._prefs, pattern, self._dialog_done)

    def _dialog_done(self, prefs) -> None:
        self._prefs = prefs
        self.pattern_box.blockSignals(True)
        self._fill_patterns()
        self.pattern_box.blockSignals(False)
        self._show_summary()
        self.preferences_changed.emit(self.preferences())
        self.pattern_box.setFocus()

    def _fill_patterns(self) -> None:
        self.pattern_box.clear()
        for pattern in self._prefs.patterns():
            self.pattern_box.addItem(pattern.title(), pattern.key)
        self.pattern_box.setCurrentIndex(max(0, self.pattern_box.findData(self._prefs.chosen().key)))

    def _show_summary(self) -> None:
        pattern = self._prefs.chosen()
        accessible.set_text(self.summary, pattern.summary())
        # Orca 43 reads a changed description of the focused box, not the box's new choice: the
        # description names the pattern too, so Down says "Box breathing: in 4 s, hold 4 s, ...".
        accessible.describe(self.pattern_box, _("{pattern}: {rhythm}").format(pattern=pattern.title(),
                                                                           rhythm=pattern.summary()))
        self.change_button.setVisible(pattern.own)

    # -- the session ------------------------------------------------------------------

    def _phase(self, state: PhaseState) -> None:
        if self._prefs.sound == "phases":
            self.chime.play()
        if self._prefs.spoken_cues and spoken_cues.available():
            if self.cues is None:
                self.cues = spoken_cues.SpokenCues(self)
            self.cues.say(state.word)

    def _paused(self, paused: bool) -> None:
        self._show_start(_("Go on") if paused else _("Pause"))

    def _finished(self) -> None:
        if self._prefs.sound in ("end", "phases"):
            self.chime.play()
        self._running_controls(False)
        accessible.set_text(self.closing, closing_words(self._minutes * 60), announce=True)
        self.closing.setVisible(True)
        self.finished.emit()

    def _stopped(self) -> None:
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
        self._running_controls(False)
        if had_focus:
            self.start_button.setFocus()    # not the top of the screen: a second Space would leave it
        self.stopped.emit()

    def _running_controls(self, running: bool) -> None:
        self._show_start(_("Pause") if running else _("Start breathing"))
        self.stop_button.setVisible(running)
        self.choices.setVisible(not running)        # while breathing: the shape, its words, Pause and Stop
        if self._compact:
            self.options_button.setVisible(not running)
            self.options.setVisible(not running and self.options_button.isChecked())
        else:
            self.options.setVisible(not running)

    def _show_start(self, words: str) -> None:
        self.start_button.setText(words)
        self.start_button.setAccessibleName(words)


def closing_words(seconds: float) -> str:
    """A calm word at the end: how long it was, and an invitation to notice."""
    minutes = round(seconds / 60)
    if minutes >= 1:
        text = ngettext("That was {n} minute of slow breathing.", "That was {n} minutes of slow breathing.",
                        minutes).format(n=minutes)
    else:
        text = _("That was a little slow breathing.")
    return text + " " + _("Notice how your body feels now.")


def _copy(prefs: BreathingPreferences) -> BreathingPreferences:
    return dataclasses.replace(prefs, own_patterns=list(prefs.own_patterns))
