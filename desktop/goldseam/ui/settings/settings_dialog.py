"""The settings dialog: three pages in tabs, each choice applied and kept as it is made (no
Apply, no OK to forget), closed with Close or Esc."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...core.breathing import BreathingPreferences
from ...core.preferences import Preferences
from ...i18n import _
from ..widgets.accessible import present_anew
from ..widgets.screen_fit import fit_to_screen
from ..widgets.scrolling import vertical_scroll
from .calm_page import CalmPage
from .data_actions import DataActions
from .data_page import DataPage
from .look_page import LookPage


class SettingsDialog(QDialog):
    preferences_changed = Signal(object)    # Preferences
    breathing_changed = Signal(object)      # BreathingPreferences
    chime_changed = Signal(bool)
    autostart_changed = Signal(bool)

    def __init__(self, preferences: Preferences, breathing: BreathingPreferences, chime: bool,
                 actions: DataActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Goldseam settings"))
        self._preferences = preferences
        intro = QLabel(_("Each choice is kept as soon as you make it."), objectName="Hint")
        intro.setWordWrap(True)
        self.look = LookPage(preferences)
        self.calm = CalmPage(preferences, breathing, chime)
        self.data = DataPage(actions)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Settings pages"))
        self.tabs.setUsesScrollButtons(False)     # every page's name in view: the dialog widens instead
        self.tabs.addTab(vertical_scroll(self.look), _("&Look and language"))
        self.tabs.addTab(vertical_scroll(self.calm), _("B&reathing and pauses"))
        self.lock = None
        if actions.lock is not None:    # the lock keeps the same words: beside them, on the same page
            from ..lock.lock_page import LockPage

            self.lock = LockPage(actions.lock, preferences)
            self.data.add_section(self.lock)
            self.lock.lock_after_chosen.connect(lambda minutes: self._merge(lock_after=minutes))
        self.tabs.addTab(vertical_scroll(self.data), _("Your &data"))
        present_anew(self.tabs.tabBar())     # the dialog, not its first tab, is heard first
        for index in range(self.tabs.count()):     # as wide as a page's widest row: a check box cannot wrap
            scroll = self.tabs.widget(index)
            scroll.widget().ensurePolished()
            scroll.setMinimumWidth(scroll.widget().minimumSizeHint().width()
                                   + scroll.verticalScrollBar().sizeHint().width())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(_("Close the settings"))
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 16, 20, 12)
        column.setSpacing(10)
        column.addWidget(intro)
        column.addWidget(self.tabs, 1)
        column.addWidget(buttons)
        fit_to_screen(self, 620, 560)

        self.look.changed.connect(lambda p: self._merge(theme=p.theme, motion=p.motion, language=p.language))
        self.calm.preferences_changed.connect(lambda p: self._merge(pause_minutes=p.pause_minutes, notify=p.notify))
        self.calm.breathing_changed.connect(self.breathing_changed)
        self.calm.chime_changed.connect(self.chime_changed)
        self.calm.autostart_changed.connect(self.autostart_changed)
        self.tabs.installEventFilter(self)
        self.tabs.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Ctrl+Tab and Ctrl+Shift+Tab move between the pages from anywhere in the dialog."""
        if not self._turn_page(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        """The same keys on a page: the tab widget's own handling would hide the focused control
        first, which sends the focus to Close (said by a screen reader) on its way to the page."""
        if watched is self.tabs and event.type() == QEvent.Type.KeyPress and self._turn_page(event):
            return True
        return super().eventFilter(watched, event)

    def _turn_page(self, event) -> bool:
        step = (1 if event.matches(QKeySequence.StandardKey.NextChild)
                else -1 if event.matches(QKeySequence.StandardKey.PreviousChild) else 0)
        if step:
            self.tabs.tabBar().setFocus()       # the tabs then say the page now open
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        return bool(step)

    def show_breathing(self, breathing: BreathingPreferences) -> None:
        """A choice made in a breathing guide while the dialog is open shows here too."""
        self.calm.show_breathing(breathing)

    def show_chime(self, preferences: Preferences, chime: bool) -> None:
        """The chime ticked or unticked beside a pause while the dialog is open."""
        self.calm.show_preferences(preferences, chime)

    def show_sound(self, chime: bool, speech: bool) -> None:
        self.calm.show_sound(chime, speech)

    def show_autostart(self, on: bool, available: bool, problem: str = "") -> None:
        self.calm.show_autostart(on, available, problem)

    def show_motion(self, preferences: Preferences) -> None:
        """"Keep still" ticked beside a guide while the dialog is open."""
        self.look.show_preferences(preferences)

    def preferences(self) -> Preferences:
        return self._preferences

    def _merge(self, **change) -> None:
        from dataclasses import replace

        self._preferences = replace(self._preferences, **change)
        self.look.show_preferences(self._preferences)
        self.preferences_changed.emit(self._preferences)
