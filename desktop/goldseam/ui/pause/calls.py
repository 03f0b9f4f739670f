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
from ...storage.errors import StorageError
from .call_back import CallBack
from ..settings.kept_settings import KeptSettings
from ..widgets.local_format import time_of_day
from .promise_keeper import AWAY, CAME, NONE, RUNNING, PromiseKeeper

BREATHING = "breathing"         # settings.json: the guide's choices (no private text)
PAUSE_CHIME = "pause_chime"     # settings.json: a soft chime when a pause's time comes


class Calls(QObject):
    breathing_chosen = Signal(object)   # BreathingPreferences, chosen in a guide (the settings show it)
    motion_chosen = Signal(bool)        # "Keep still" ticked (True) or unticked in a guide
    chime_chosen = Signal(bool)

    def __init__(self, window, data_folder, now: Callable[[], datetime], tray_available=None):
        super().__init__(window)
        self._window = window
        self._settings = KeptSettings(data_folder.settings)
        self._now = now
        self.keeper = PromiseKeeper(data_folder.promises, window.keeper, window.journal, self._repair_draft, now,
                                    self)
        self.call_back = CallBack(window, tray_available, chime=self._play_chime)
        self._chime = None
        self._guides: list = []
        self._pause_pages: list = []
        self._breathing = None      # read when the first guide is built: not on the way to the first paint
        self._still: bool | None = None     # the app's movement setting, once known: it wins over the stored one
        self._still_source = None           # asks the desktop, when the first guide needs to know
        self._pause_minutes: int | None = None
        self._title_timer = QTimer(self, singleShot=True)
        self._title_timer.timeout.connect(self.update_title)

        home = window.home
        home.pause_banner.open_requested.connect(window.take_pause)
        home.pause_banner.back.connect(self._back)
        home.pause_banner.more_time.connect(self.keeper.extend)
        home.pause_banner.answered.connect(self._answered)
        home.reminder_banner.done.connect(self.keeper.reminder_done)
        home.reminder_banner.snooze.connect(self._snoozed)
        self.keeper.changed.connect(self._changed)
        self.keeper.time_came.connect(self._time_came)
        self.keeper.failed.connect(window._explain)
        self.keeper.kept.connect(window.show_recent)
        window.call_strip.go_home.connect(self._go_home)
        window.stack.currentChanged.connect(lambda _index: self._show_strip())
        # Coming back to the computer (after a sleep, say) looks at the clock again at once.
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._app_state_changed)   # a method: let go with the window
        self._changed()

    @Slot()
    def _app_state_changed(self) -> None:
        """A slot without the state: PySide cannot always convert Qt.ApplicationState for a
        Python method, and only the moment matters, not the state."""
        self.keeper.refresh()

    # -- what is shown ---------------------------------------------------------------

    def show_on_home(self) -> None:
        moment = self.keeper.pause_moment()
        back_at = time_of_day(moment.pause.return_at, self._now()) if moment is not None else ""
        self._window.home.show_pause(self.keeper.pause_state(), back_at)
        due = self.keeper.due_reminders()
        self._window.home.show_reminder(due[0] if due else None)

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
            if self._window.isVisible():
                self._title_timer.start((left % 60 or 60) * 1000 + 20)
        elif state in (CAME, AWAY):
            title = _("Goldseam \u2014 time to come back")
        else:
            title = _("Goldseam")
        if self._window.windowTitle() != title:
            self._window.setWindowTitle(title)

    def _show_strip(self) -> None:
        """Away from home, a due call is one line at the top (unless the pause's own screen says it)."""
        window = self._window
        text = ""
        state = self.keeper.pause_state()
        here = window.stack.currentWidget()
        on_pause = any(page.isVisibleTo(here) and page.is_running() for page in self._pause_pages)
        if here is not window.home:
            if state in (CAME, AWAY) and not on_pause:
                moment = self.keeper.pause_moment()
                text = _("The time you named to come back from your pause, {time}, has come.").format(
                    time=time_of_day(moment.pause.return_at, self._now()))
            elif self.keeper.due_reminders():
                text = _("The time you chose to reach back toward them has come.")
        window.call_strip.show_text(text)

    def _go_home(self) -> None:
        self._window.keeper.flush()
        self._window.show_home()

    def _changed(self) -> None:
        self.show_on_home()
        self._show_strip()
        self.update_title()
        if self.keeper.pause_state() == NONE and not self.keeper.due_reminders():
            self.call_back.settle()
        for page in self._pause_pages:
            if page.isVisible():
                page.load()

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

    def _back(self) -> None:
        moment = self.keeper.pause_moment()
        alone = self.keeper.is_alone(moment)
        self.keeper.come_back()
        if alone or moment is None:
            self._window.home.show_saved(_("Welcome back. You took the time you needed and came back: "
                                           "that is part of the repair."))
        else:
            self._window.begin_repair()     # the repair's pause step says welcome back

    def _snoozed(self, moment_id: str) -> None:
        again = self.keeper.snooze(moment_id)
        self._window.home.show_saved(_("Goldseam will remind you again at {time}.").format(
            time=time_of_day(again, self._now())))

    def _answered(self, came_back: bool) -> None:
        self.keeper.answer_after_away(came_back)
        self._window.home.show_saved(
            _("Thank you for telling Goldseam. Coming back is part of the repair.") if came_back else
            _("Thank you for saying so. A pause that ran long is still a pause; you can come back to it "
              "now, whenever you are ready."))

    # -- where pauses and guides live --------------------------------------------------------

    def wizard_built(self, wizard) -> None:
        self._pause_page_built(wizard.pause)
        wizard.pause.edited.connect(self.keeper.repair_pause_started)
        if getattr(wizard.notice, "guide", None) is not None:
            self.guide_built(wizard.notice.guide)

    def pause_view_built(self, view) -> None:
        self._pause_page_built(view.page)
        view.edited.connect(self.keeper.alone_edited)

    def _pause_page_built(self, page) -> None:
        self._pause_pages.append(page)
        page.ticked.connect(self.update_title)
        page.set_chime(self.chime())
        if self._pause_minutes is not None:
            page.set_suggested_minutes(self._pause_minutes)
        page.chime_changed.connect(self._chime_chosen)
        self.guide_built(page.guide)

    def guide_built(self, guide) -> None:
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

    # -- small things ------------------------------------------------------------------------

    def _repair_draft(self):
        if self._window.keeper.moment is not None:
            return self._window.keeper.moment
        try:
            return self._window.drafts.load()
        except StorageError:
            return None
