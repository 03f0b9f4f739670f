"""The composition root of the window: the one place that builds its long-lived parts and
connects them, through public signals and methods only, and the one place that ends them.

Built in this order, each from what came before:

    journal events -> draft keeper -> promise keeper -> window -> calls -> quick hide
    -> staying for a call back -> preferences -> the listener for a second start (after the first paint)

and shut down in the reverse order, after the storage work still running has ended whole; the
data folder itself is opened before and closed after, by app.run_gui.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from ..core import clock
from ..core.journal_change import PAUSE, REPAIR, SETTINGS
from ..storage.lock_setup import unlock
from .journal_events import JournalEvents
from .lock.lock_actions import LockActions
from .lock.quick_hide import QuickHide
from .main_window import MainWindow
from .pause.calls import Calls
from .pause.promise_keeper import PromiseKeeper
from .pause.stay_for_call import StayForCall
from .settings.preference_keeper import PreferenceKeeper
from .widgets.accessible import install_interfaces
from .wizard.draft_keeper import DraftKeeper


class WindowParts:
    def __init__(self, data, now: Callable[[], datetime] = clock.now,
                 tray_available: Callable[[], bool] | None = None):
        self.data = data
        install_interfaces()        # before a screen reader asks about the first widget
        self.events = JournalEvents()
        self.keeper = DraftKeeper(data.drafts, self.events.journal_for(data.journal, REPAIR))
        self.promises = PromiseKeeper(data.promises, self.keeper, self.events.journal_for(data.journal, PAUSE),
                                      self.keeper.current_or_saved, now)
        self.window = MainWindow(data.journal, data.drafts, self.keeper, self.promises, self.events, now,
                                 data_folder=data)
        self.calls = Calls(data.settings, self.promises, self.window, now, tray_available)
        self.lock_actions = LockActions(data)
        self.hide = QuickHide(self.window, lambda secret: unlock(data.path, secret), lambda: data.locked,
                              self.window.flush, after_recovery=self.ask_for_new_passphrase)
        self.stay = StayForCall(self.window, self.promises, data.settings, self.quit,
                                hide_words=lambda: data.locked and self.hide.hide_now(),
                                tray_available=tray_available, now=now)
        self.window.stays_for_call = self.stay.keep_open
        self.preferences = PreferenceKeeper(data.settings, data.path, self.events.journal_for(data.journal, SETTINGS),
                                            self.calls, self.window, lock=self.lock_actions,
                                            lock_after=self.hide.set_idle_minutes)
        for part in (self.events, self.keeper, self.promises, self.calls):
            part.setParent(self.window)     # alive as long as the window, even where only it is held
        self.beacon = None
        self._quit_key_added = False
        self._ended = False
        self._connect()
        self.calls.show_everything()

    def _connect(self) -> None:
        window, calls, promises, events = self.window, self.calls, self.promises, self.events
        # One journal-changed event: home and the look back (through the window), the promises.
        events.changed.connect(window.journal_changed)
        events.changed.connect(promises.journal_changed)
        # What the calls say is shown by the window.
        calls.pause_shown.connect(window.show_pause)
        calls.reminder_shown.connect(window.show_reminder)
        calls.strip_shown.connect(window.show_strip)
        calls.title_shown.connect(window.setWindowTitle)
        calls.said.connect(window.show_saved)
        calls.pause_shown.connect(self.hide.pause_called)
        calls.reminder_shown.connect(self.hide.reminder_called)
        calls.repair_wanted.connect(window.begin_repair)
        promises.failed.connect(window.explain)
        # What the window shows and what the person answers, heard by the calls and the promises.
        window.home_shown.connect(calls.show_on_home)
        window.shown.connect(calls.update_title)
        window.screen_changed.connect(calls.screen_changed)
        window.screen_built.connect(self._screen_built)
        window.pause_back_asked.connect(calls.back)
        window.more_time_asked.connect(promises.extend)
        window.away_answered.connect(calls.answered)
        window.reminder_done_asked.connect(promises.reminder_done)
        window.snooze_asked.connect(calls.snoozed)
        window.settings_requested.connect(self.preferences.open_dialog)

    def _screen_built(self, screen) -> None:
        """A screen the window built on first use: its guides and pause pages follow the calls,
        and its pause is kept by the promise keeper."""
        from .pause.pause_view import PauseView
        from .wizard.wizard_view import WizardView

        self.calls.screen_built(screen)
        if isinstance(screen, WizardView):
            screen.pause_edited.connect(self.promises.repair_pause_started)
        elif isinstance(screen, PauseView):
            screen.edited.connect(self.promises.alone_edited)

    def due_now(self) -> bool:
        """A call back whose time has come (or passed while Goldseam was closed): the window asks."""
        from .pause.promise_keeper import AWAY, CAME

        return self.promises.pause_state() in (CAME, AWAY) or bool(self.promises.due_reminders())

    def ask_for_new_passphrase(self, recovery: str) -> None:
        """Opened with the recovery key (the passphrase was lost): a new passphrase is asked at once."""
        from .lock.new_passphrase import ask_for_new_passphrase

        ask_for_new_passphrase(self.window, self.lock_actions, recovery)

    def listen_for_second_start(self, folder: Path) -> None:
        """A second `goldseam` (or `goldseam pause`) for this folder asks this window instead."""
        from .application.single_instance import InstanceBeacon

        self.beacon = InstanceBeacon(folder, self.window)
        self.beacon.show_requested.connect(self.window.bring_to_front)
        self.beacon.pause_requested.connect(lambda minutes: self.window.take_pause(minutes or None))

    def quit(self) -> None:
        """Ctrl+Q, from the window or from a dialog over it (the settings, the keys, a question),
        and the Quit of the tray: every dialog closes as if cancelled (each choice was kept as it
        was made), then the window closes as the close button closes it, saving what is typed
        first, and Goldseam ends even with a call back still to come (the next start asks)."""
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.window.quitting = True
        if self.window.close() or not self.window.isVisible():
            QApplication.quit()     # closed, or waiting hidden in the background: the event loop ends
        else:
            self.window.quitting = False    # "Keep typing" was chosen over unsaved words

    def add_quit_key(self) -> None:
        """Ctrl+Q (the desktop's Quit key) works wherever the person is in Goldseam: the window and
        every dialog that comes to the front over it get the key once (a shortcut of the window
        alone is blocked while a modal dialog is open)."""
        from PySide6.QtWidgets import QApplication

        self._quit_key_on(self.window)
        QApplication.instance().focusWindowChanged.connect(self._quit_key_on_active)
        self._quit_key_added = True

    def _quit_key_on_active(self, *_window) -> None:
        from PySide6.QtWidgets import QApplication

        active = QApplication.activeWindow()
        if active is not None and not self._ended:
            self._quit_key_on(active)

    def _quit_key_on(self, widget) -> None:
        from PySide6.QtGui import QShortcut

        if widget.property("goldseamQuitKey"):
            return
        widget.setProperty("goldseamQuitKey", True)
        QShortcut(quit_key(), widget, activated=self.quit)

    @property
    def ended(self) -> bool:
        return self._ended

    def shutdown(self) -> None:
        """Quitting, however it comes (the window closed, Ctrl+Q, a logout, SIGTERM): the storage
        work still running ends whole first, then every part stops, newest first, so that
        nothing runs or writes once the data folder is closed. Safe to call twice."""
        if self._ended:
            return
        self._ended = True
        from .application.background import finish_background_work

        finish_background_work()
        if self._quit_key_added:
            from PySide6.QtWidgets import QApplication

            QApplication.instance().focusWindowChanged.disconnect(self._quit_key_on_active)
        if self.beacon is not None:
            self.beacon.close()
        self.preferences.shutdown()
        self.stay.shutdown()
        self.hide.shutdown()
        self.calls.shutdown()
        self.window.shutdown()
        finish_background_work()        # what the window's last writes handed to the thread pool
        self.promises.shutdown()
        self.keeper.shutdown()
        self.events.shutdown()


def quit_key():
    """The desktop's Quit key, Ctrl+Q where the platform names none (offscreen, some themes)."""
    from PySide6.QtGui import QKeySequence

    named = QKeySequence(QKeySequence.StandardKey.Quit)
    return named if not named.isEmpty() else QKeySequence("Ctrl+Q")
