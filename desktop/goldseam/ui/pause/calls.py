"""The window's side of "Goldseam calls you back": what home and the title say about a pause,
the call at the time it comes, the answers given on home, and the breathing guides' choices.

The promise keeper decides what is due and when; this only shows it and passes answers back.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from ...core import pause as pause_rules
from ...i18n import _, ngettext
from .call_back import CallBack
from ..settings.kept_settings import KeptSettings
from ..widgets.local_format import time_of_day
from .promise_keeper import AWAY, CAME, NONE, RUNNING, PromiseKeeper

BREATHING = "breathing"         # settings.json: the guide's choices (no private text)
PAUSE_CHIME = "pause_chime"     # settings.json: a soft chime when a pause's time comes


class Calls(QObject):
    """Built by the composition root (ui/wiring.py): it hears the promise keeper and the answers
    the window passes on, and says what to show through its signals; it holds no window part."""

    breathing_chosen = Signal(object)   # BreathingPreferences, chosen in a guide (the settings show it)
    motion_chosen = Signal(bool)        # "Keep still" ticked (True) or unticked in a guide
    chime_chosen = Signal(bool)
    pause_shown = Signal(str, str)      # home's pause banner: the state, and the time to come back
    reminder_shown = Signal(object)     # home's reminder banner: a DueReminder, or None
    strip_shown = Signal(str)           # the one line at the top away from home ("" hides it)
    title_shown = Signal(str)           # the window's title
    said = Signal(str)                  # a quiet line on home after an answer
    repair_wanted = Signal()            # back from a repair's pause: the repair opens at its pause step

    def __init__(self, settings, keeper: PromiseKeeper, alert_window, now: Callable[[], datetime],
                 tray_available=None, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = KeptSettings(settings)
        self._now = now
        self.keeper = keeper
        self._window_shown = alert_window.isVisible     # the title counts down only while it is seen
        self.call_back = CallBack(alert_window, tray_available, chime=self._play_chime)
        self._chime = None
        self._guides: list = []
        self._pause_pages: list = []
        self._breathing = None      # read when the first guide is built: not on the way to the first paint
        self._still: bool | None = None     # the app's movement setting, once known: it wins over the stored one
        self._still_source = None           # asks the desktop, when the first guide needs to know
        self._pause_minutes: int | None = None
        self._on_home = True
        self._title = ""
        self._title_timer = QTimer(self, singleShot=True)
        self._title_timer.timeout.connect(self.update_title)
        self.keeper.changed.connect(self._changed)
        self.keeper.time_came.connect(self._time_came)
        # Coming back to the computer (after a sleep, say) looks at the clock again at once.
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._app_state_changed)   # a method: let go with it

    @Slot()
    def _app_state_changed(self) -> None:
        """A slot without the state: PySide cannot always convert Qt.ApplicationState for a
        Python method, and only the moment matters, not the state."""
        self.keeper.refresh()

    def shutdown(self) -> None:
        """Quitting: no title tick, no tray icon, no chime, no wake on the computer's return."""
        app = QApplication.instance()
        if app is not None:
            try:
                app.applicationStateChanged.disconnect(self._app_state_changed)
            except (RuntimeError, TypeError):
                pass
        self.keeper.changed.disconnect(self._changed)
        self.keeper.time_came.disconnect(self._time_came)
        self._title_timer.stop()
        self.call_back.shutdown()
        if self._chime is not None:
            self._chime.stop()

    # -- what is shown ---------------------------------------------------------------

    def show_on_home(self) -> None:
        moment = self.keeper.pause_moment()
        back_at = time_of_day(moment.pause.return_at, self._now()) if moment is not None else ""
        self.pause_shown.emit(self.keeper.pause_state(), back_at)
        due = self.keeper.due_reminders()
        self.reminder_shown.emit(due[0] if due else None)

    def update_title(self) -> None:
        """The time left in the title, once a minute while the window is shown; nothing wakes
        for it while the window is hidden."""
        self._title_timer.stop()
        state = self.keeper.pause_state()
        if state == RUNNING:
            moment = self.keeper.pause_moment()
            left = pause_rules.seconds_left(moment.pause, self._now())
            minutes = (left + 59) // 60
            title = ngettext("Goldseam \u2014 on a pause, {n} minute left",
                             "Goldseam \u2014 on a pause, {n} minutes left", minutes).format(n=minutes)
            if self._window_shown():
                self._title_timer.start((left % 60 or 60) * 1000 + 20)
        elif state in (CAME, AWAY):
            title = _("Goldseam \u2014 time to come back")
        else:
            title = _("Goldseam")
        if self._title != title:
            self._title = title
            self.title_shown.emit(title)

    def screen_changed(self, on_home: bool) -> None:
        """The window shows another screen: away from home, a due call is one line at the top."""
        self._on_home = on_home
        self._show_strip()

    def _show_strip(self) -> None:
        """Away from home, a due call is one line at the top (unless the pause's own screen says it)."""
        text = ""
        state = self.keeper.pause_state()
        on_pause = any(page.isVisibleTo(page.window()) and page.is_running() for page in self._pause_pages)
        if not self._on_home:
            if state in (CAME, AWAY) and not on_pause:
                moment = self.keeper.pause_moment()
                text = _("The time you named to come back from your pause, {time}, has come.").format(
                    time=time_of_day(moment.pause.return_at, self._now()))
            elif self.keeper.due_reminders():
                text = _("The time you chose to reach back toward them has come.")
        self.strip_shown.emit(text)

    def _changed(self) -> None:
        self.show_on_home()
        self._show_strip()
        self.update_title()
        if self.keeper.pause_state() == NONE and not self.keeper.due_reminders():
            self.call_back.settle()
        for page in self._pause_pages:
            if page.isVisible():
                page.load()

    def show_everything(self) -> None:
        """Once the root has wired the window: home, the strip and the title say what is due."""
        self._changed()

    # -- the call ----------------------------------------------------------------------

    def _time_came(self, kind: str) -> None:
        when = time_of_day(self._now(), self._now())
        if kind == "pause":
            body = _("It is {time}: the time you named to come back from your pause.").format(time=when)
        else:
            body = _("It is {time}: the time you chose to reach back toward them.").format(time=when)
        # No sound unless asked for: the one chime setting of the pause covers reminders too.
        self.call_back.call(_("Goldseam"), body, with_chime=self.chime())

    def _play_chime(self) -> None:
        if self._chime is None:
            from .chime import Chime  # QtMultimedia only when a chime is asked for

            self._chime = Chime(self)
        self._chime.play()

    # -- answers on home -------------------------------------------------------------------

    def back(self) -> None:
        moment = self.keeper.pause_moment()
        alone = self.keeper.is_alone(moment)
        self.keeper.come_back()
        if alone or moment is None:
            self.said.emit(_("Welcome back. You took the time you needed and came back: "
                                           "that is part of the repair."))
        else:
            self.repair_wanted.emit()     # the repair's pause step says welcome back

    def snoozed(self, moment_id: str) -> None:
        again = self.keeper.snooze(moment_id)
        self.said.emit(_("Goldseam will remind you again at {time}.").format(
            time=time_of_day(again, self._now())))

    def answered(self, came_back: bool) -> None:
        self.keeper.answer_after_away(came_back)
        self.said.emit(
            _("Thank you for telling Goldseam. Coming back is part of the repair.") if came_back else
            _("Thank you for saying so. A pause that ran long is still a pause; you can come back to it "
              "now, whenever you are ready."))

    # -- where pauses and guides live --------------------------------------------------------

    def screen_built(self, screen) -> None:
        """A screen was built (the repair, a pause alone, breathing): its pause pages and its
        guides follow the person's choices from now on."""
        for page in screen.pause_pages():
            self._pause_pages.append(page)
            page.ticked.connect(self.update_title)
            page.set_chime(self.chime())
            if self._pause_minutes is not None:
                page.set_suggested_minutes(self._pause_minutes)
            page.chime_changed.connect(self._chime_chosen)
        for guide in screen.guides():
            self._guides.append(guide)
            guide.set_preferences(self.breathing())
            guide.preferences_changed.connect(self._breathing_chosen)

    # -- the settings' side ------------------------------------------------------------------

    def breathing(self):
        """The breathing guide's choices (read from settings.json the first time they are needed)."""
        if self._breathing is None:
            from ...core.breathing import BreathingPreferences

            self._breathing = BreathingPreferences.from_dict(self._settings.get(BREATHING, None))
            if self._still is None and self._still_source is not None:
                self._still = self._still_source()
            if self._still is not None:
                self._breathing = dataclasses.replace(self._breathing, reduced_motion=self._still)
        return self._breathing

    def chime(self) -> bool:
        return bool(self._settings.get(PAUSE_CHIME, False))

    def set_breathing(self, preferences) -> None:
        """Chosen in the settings: kept, and shown in every guide."""
        self._breathing_chosen(preferences, from_guide=False)

    def set_chime(self, on: bool) -> None:
        self._chime_chosen(on, from_page=False)

    def set_still_source(self, source) -> None:
        """How to know, when a guide is first shown, whether guides keep still."""
        self._still_source = source
        self._still = None
        if self._breathing is not None:
            self.set_still(source())

    def set_still(self, still: bool) -> None:
        """The app's movement setting (or the system's, followed): every guide keeps still, or moves."""
        self._still = still
        if self._breathing is not None and self._breathing.reduced_motion != still:
            self._breathing_chosen(dataclasses.replace(self._breathing, reduced_motion=still), from_guide=False)

    def set_pause_minutes(self, minutes: int) -> None:
        """How long a new pause lasts unless the person types another length."""
        self._pause_minutes = minutes
        for page in self._pause_pages:
            page.set_suggested_minutes(minutes)

    def set_notify(self, on: bool) -> None:
        self.call_back.notify = on

    def _breathing_chosen(self, preferences, from_guide: bool = True) -> None:
        before = self._breathing
        self._breathing = preferences
        self._settings.keep(BREATHING, preferences.to_dict())
        for guide in self._guides:
            if guide.preferences() != preferences:
                guide.set_preferences(preferences)
        if from_guide:
            if before is not None and before.reduced_motion != preferences.reduced_motion:
                self._still = preferences.reduced_motion
                self.motion_chosen.emit(preferences.reduced_motion)
            self.breathing_chosen.emit(preferences)

    def _chime_chosen(self, on: bool, from_page: bool = True) -> None:
        self._settings.keep(PAUSE_CHIME, on)
        for page in self._pause_pages:
            page.set_chime(on)
        if from_page:
            self.chime_chosen.emit(on)
