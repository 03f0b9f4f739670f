"""The person's app-wide choices, from settings.json to the screen: applied at start, opened in
the settings dialog, applied and kept at each change. If the disk refuses to keep one, it
still holds until Goldseam closes (a choice is never worth an error box)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from ... import autostart, paths
from ...core import preferences as prefs
from ...i18n import _
from ...core.preferences import Preferences
from ..pause.calls import BREATHING
from .kept_settings import KeptSettings


class PreferenceKeeper(QObject):
    """Built by the composition root. A restore or an import made in the settings goes through
    `journal` (a WatchedJournal), which tells the rest of the window."""

    def __init__(self, settings, folder_path, journal, calls, dialog_parent, lock=None, lock_after=None):
        """`lock`: the lock's actions for the settings (LockActions); `lock_after(minutes)`: applies the idle time."""
        super().__init__(dialog_parent)
        self._lock = lock
        self._lock_after = lock_after
        self._dialog_parent = dialog_parent
        self._folder_path = folder_path
        self._journal = journal
        self._settings = KeptSettings(settings)
        self._calls = calls
        self.dialog = None
        self.preferences = Preferences.from_settings(self._settings.get)
        # Before this setting existed, "Keep still" lived with the breathing guide alone.
        self._motion_chosen = self._settings.get(prefs.MOTION, None) is not None
        calls.motion_chosen.connect(self._still_chosen_in_guide)
        calls.breathing_chosen.connect(lambda p: self.dialog is not None and self.dialog.show_breathing(p))
        calls.chime_chosen.connect(lambda on: self.dialog is not None and self.dialog.show_chime(
            self.preferences, on))
        self._apply(self.preferences, first=True)

    def open_dialog(self) -> None:
        """The settings, over the window; choices apply as they are made."""
        from .data_actions import DataActions
        from .settings_dialog import SettingsDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = SettingsDialog(self.preferences, self._calls.breathing(), self._calls.chime(),
                                     DataActions(self._folder_path, self._journal, self._lock), self._dialog_parent)
        self.dialog.preferences_changed.connect(self.choose)
        self.dialog.breathing_changed.connect(self._calls.set_breathing)
        self.dialog.chime_changed.connect(self._calls.set_chime)
        self.dialog.autostart_changed.connect(self._autostart_chosen)
        self.dialog.show_autostart(autostart.supported() and autostart.is_on(self._login_command()),
                                   autostart.supported())
        from ..breathing import spoken_cues
        from ..pause.chime import can_play

        self.dialog.show_sound(can_play(), spoken_cues.available())
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def choose(self, chosen: Preferences) -> None:
        before = self.preferences
        self.preferences = chosen
        if chosen.motion != before.motion:
            self._motion_chosen = True
        for key, value in chosen.to_settings().items():
            if before.to_settings()[key] != value:
                self._settings.keep(key, value)
        self._apply(chosen, before)

    def _autostart_chosen(self, on: bool) -> None:
        """Start at login, or no longer: the entry written or removed now. Refused by the disk,
        the box shows what is really so, and says why beside it."""
        try:
            if on:
                autostart.turn_on(self._login_command())
            else:
                autostart.turn_off()
        except OSError:
            if self.dialog is not None:
                self.dialog.show_autostart(autostart.is_on(self._login_command()), True, _(
                    "Goldseam could not change what starts when you log in ({place} could not be written).")
                    .format(place=autostart.entry_path().parent))
            return
        if self.dialog is not None:
            self.dialog.show_autostart(autostart.is_on(self._login_command()), True)

    def _login_command(self) -> list[str]:
        """How a login starts this Goldseam for this folder (the folder named unless it is the default)."""
        default = paths.data_dir(None) if not os.environ.get(paths.ENV_DATA_DIR) else None
        chosen = None if default is not None and Path(self._folder_path) == default else str(self._folder_path)
        return autostart.launch_command(chosen)

    # -- applying ---------------------------------------------------------------------------

    def _apply(self, chosen: Preferences, before: Preferences | None = None, first: bool = False) -> None:
        if first or chosen.theme != before.theme:
            _apply_theme(chosen.theme)
        if first or chosen.motion != before.motion:
            self._calls.set_still_source(self._still_now)
        if first or chosen.pause_minutes != before.pause_minutes:
            self._calls.set_pause_minutes(chosen.pause_minutes)
        if first or chosen.notify != before.notify:
            self._calls.set_notify(chosen.notify)
        if self._lock_after is not None and (first or chosen.lock_after != before.lock_after):
            self._lock_after(chosen.lock_after)

    def _still_now(self) -> bool:
        from ..breathing.system_motion import system_prefers_still

        if not self._motion_chosen:
            stored = self._settings.get(BREATHING, None)
            if isinstance(stored, dict) and stored.get("reduced_motion") is True:
                return True
        return prefs.still(self.preferences.motion, self.preferences.motion == "system" and system_prefers_still())

    def _still_chosen_in_guide(self, still: bool) -> None:
        """"Keep still" ticked beside a guide is the same choice as the settings' movement."""
        self._motion_chosen = True
        chosen = dataclasses.replace(self.preferences, motion="still" if still else "moving")
        self.preferences = chosen
        self._settings.keep(prefs.MOTION, chosen.motion)
        if self.dialog is not None:
            self.dialog.show_motion(chosen)

    def _closed(self) -> None:
        self.dialog.deleteLater()
        self.dialog = None

    def shutdown(self) -> None:
        """Quitting with the settings open: they close (every choice was kept as it was made)."""
        if self.dialog is not None:
            self.dialog.finished.disconnect(self._closed)
            self.dialog.reject()
            self.dialog.deleteLater()
            self.dialog = None



def _apply_theme(choice: str) -> None:
    from ..widgets import look

    app = QApplication.instance()
    if app is not None and app.property("goldseamTheme") != choice:    # the start applied it already
        look.apply(app, choice)
