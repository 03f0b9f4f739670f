"""The main window: home and wizard in one calm frame."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..core import clock
from ..i18n import _
from ..storage.drafts import DraftStore
from ..storage.errors import StorageError
from ..core.repository import MomentRepository
from .pause.calls import Calls
from .settings.preference_keeper import PreferenceKeeper
from .pause.promise_banners import CallStrip
from .wizard.draft_keeper import DraftKeeper
from .home.home_page import RECENT_LIMIT, HomePage
from .widgets.accessible import say
from .widgets.keyboard import clear_focus_within
from .widgets.local_format import date_and_time
from .widgets.storage_messages import draft_set_aside_text, explain, held_text, notice_text, set_aside_text, unreadable_text

SCAN_DELAY_MS = 600   # counting unreadable moments waits until the window has been painted
PREFERRED_SIZE = (920, 760)
MINIMUM_SIZE = (560, 360)   # 1280x800 at 200 % leaves 640x400 for a window


class MainWindow(QMainWindow):
    def __init__(self, journal: MomentRepository, drafts: DraftStore, now: Callable[[], datetime] = clock.now, *,
                 data_folder, tray_available: Callable[[], bool] | None = None):
        super().__init__()
        self.setWindowTitle(_("Goldseam"))
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*_fitting_size(PREFERRED_SIZE))
        self.journal = journal
        self.drafts = drafts
        self.keeper = DraftKeeper(drafts, journal, self)
        self._now = now
        self.home = HomePage()
        self._wizard = None
        self._pause_view = None
        self._breathing_view = None
        self._review = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.call_strip = CallStrip()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.call_strip)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # The data folder, for what it found at open and the choices it keeps for the person.
        self._folder = data_folder
        self._folder_notes = [notice_text(n) for n in data_folder.notices] if data_folder else []
        self._held = self._held_backups()
        self._unreadable = 0

        self.home.begin_requested.connect(self.begin_repair)
        self.home.resume_requested.connect(self.begin_repair)
        self.home.discard_requested.connect(self.discard_draft)
        self.home.restore_requested.connect(self.restore_held)
        self.home.let_go_requested.connect(self.let_go_held)
        self.home.take_pause_requested.connect(self.take_pause)
        self.home.breathe_requested.connect(self.breathe)
        self.home.look_back_requested.connect(self.look_back)
        self.calls = Calls(self, data_folder, now, tray_available)
        self.preferences = PreferenceKeeper(self, data_folder, self.calls)
        self.preferences.journal_changed.connect(self._journal_changed)
        self.home.settings_requested.connect(self.open_settings)
        self.home.keys_requested.connect(self.show_keys)
        self.home.about_requested.connect(self.show_about)
        QShortcut(QKeySequence("F1"), self, self.show_keys)     # a string: the Qt namespace costs ~60 ms at start
        QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)
        self.show_home()
        QTimer.singleShot(SCAN_DELAY_MS, self._count_unreadable)

    @property
    def wizard(self):
        """Built on first use, so the home window opens as fast as it can."""
        if self._wizard is None:
            from .wizard.wizard_view import WizardView

            self._wizard = WizardView(self.keeper, self.journal, self._now)
            self._wizard.finished.connect(self._moment_saved)
            self._wizard.left.connect(self.show_home)
            self.stack.addWidget(self._wizard)
            self.calls.wizard_built(self._wizard)
        return self._wizard

    @property
    def pause_view(self):
        if self._pause_view is None:
            from .pause.pause_view import PauseView

            self._pause_view = PauseView(self._now)
            self._pause_view.left.connect(self.show_home)
            self.stack.addWidget(self._pause_view)
            self.calls.pause_view_built(self._pause_view)
        return self._pause_view

    @property
    def breathing_view(self):
        if self._breathing_view is None:
            from .breathing.breathing_view import BreathingView

            self._breathing_view = BreathingView()
            self._breathing_view.left.connect(self.show_home)
            self.stack.addWidget(self._breathing_view)
            self.calls.guide_built(self._breathing_view.guide)
        return self._breathing_view

    @property
    def review(self):
        if self._review is None:
            from .review.review_view import ReviewView

            self._review = ReviewView(self.journal, self._now)
            self._review.back_requested.connect(self.show_home)
            self.stack.addWidget(self._review)
        return self._review

    # -- settings and help ----------------------------------------------------

    def open_settings(self) -> None:
        self.preferences.open_dialog()

    def show_keys(self) -> None:
        from .help.shortcuts_overlay import ShortcutsOverlay

        self.keys = ShortcutsOverlay(self)
        self.keys.finished.connect(self.keys.deleteLater)
        self.keys.open()

    def show_about(self) -> None:
        from .help.about_dialog import AboutDialog

        self.about = AboutDialog(self._folder.path if self._folder is not None else None, self)
        self.about.finished.connect(self.about.deleteLater)
        self.about.open()

    def _journal_changed(self) -> None:
        """A restore or an import in the settings: home's recent moments and the look back read again."""
        self.show_recent()
        if self._review is not None and self.stack.currentWidget() is self._review:
            self._review.open()

    # -- screens ------------------------------------------------------------

    def show_home(self) -> None:
        self._held = self._held_backups()       # a choice made elsewhere (the dialog at open) is not offered again
        try:
            draft = self.keeper.moment or self.drafts.load()
            moments = self._recent()
        except StorageError as error:
            self._explain(error)
            draft, moments = self.keeper.moment, []
        self.home.show_draft(draft)
        self.home.show_moments(moments)
        self._show_folder_state()
        self.calls.show_on_home()
        clear_focus_within(self.stack.currentWidget())     # straight to home's first button
        self.stack.setCurrentWidget(self.home)
        self.home.focus_first()

    def show_recent(self) -> None:
        """The recent moments again, after one was added from outside the wizard (a pause)."""
        try:
            self.home.show_moments(self._recent())
        except StorageError as error:
            self._explain(error)

    def _recent(self) -> list:
        """The newest moments, less those deleted in the look back that can still be undone."""
        hidden = self._review.hidden_ids() if self._review is not None else set()
        moments = self.journal.recent(RECENT_LIMIT + len(hidden))
        return [m for m in moments if m.id not in hidden][:RECENT_LIMIT]

    def look_back(self, moment_id: str | None = None) -> None:
        """The look back, at `moment_id` when one was chosen on home."""
        review = self.review
        clear_focus_within(self.stack.currentWidget())
        self.stack.setCurrentWidget(review)
        review.open(moment_id)
        say(review, _("Look back"))      # arriving is said once, as Breathe and A pause are

    def _show_folder_state(self) -> None:
        lines = list(self._folder_notes)
        try:
            lines += [set_aside_text(aside.name) for aside in self.journal.set_aside_without_backup()]
        except OSError:
            pass
        if self.drafts.set_aside_as is not None:
            lines.append(draft_set_aside_text(self.drafts.set_aside_as.name))
        if self._unreadable:
            lines.append(unreadable_text(self._unreadable))
        self.home.show_notes(lines)
        held = self._held[0] if self._held else None
        self.home.show_held(held_text(held.file, _taken(held.backup)) if held else None)

    # -- what the data folder keeps for the person ------------------------------

    def _held_backups(self) -> list:
        if self._folder is None:
            return []
        try:
            return self._folder.held_backups()
        except (OSError, StorageError):
            return []

    def _count_unreadable(self) -> None:
        """Count, after the window has painted, the moments this version cannot read: on the thread
        pool, since the journal's index is checked against its files then (only files changed since
        it was written are read, but a lost index means reading them all)."""
        from .application.background import start_in_background

        start_in_background(self, self.journal.count_unreadable, self._counted)

    def _counted(self, result, error) -> None:
        if error is not None and not isinstance(error, StorageError):
            raise error
        if error is not None or result is None:
            return          # a file that cannot be read is in journal.problems; the rest waits for the next start
        self._unreadable = result
        held = self._held_backups()         # reading the index may have found an older month that cannot be read
        if result or held != self._held or self.journal.problems:
            self._held = held
            self._show_folder_state()

    def restore_held(self) -> None:
        if not self._held:
            return
        try:
            self._folder.restore(self._held[0].file)
        except StorageError as error:
            self._explain(error)
            return
        self._held = self._held_backups()
        self.calls.keeper.refresh()         # a restored promise that is due is asked about now
        self.show_home()
        self.home.show_saved(_("Restored. Everything you wrote since is kept too."))
        self._count_unreadable()

    def let_go_held(self) -> None:
        from .widgets.dialogs import ask_let_go

        if not self._held or not ask_let_go(self):
            return
        try:
            self._folder.let_go(self._held[0].file)
        except (OSError, StorageError):
            pass    # the copies stay; the choice is offered again next time
        self._held = self._held_backups()
        self.show_home()

    def begin_repair(self) -> None:
        """Open the wizard: the unfinished repair if there is one, else a new one."""
        self.home.clear_messages()
        moment = self.keeper.moment
        if moment is None:
            try:
                draft = self.drafts.load()
            except StorageError as error:
                self._explain(error)
                draft = None
            moment = self.keeper.resume(draft) if draft is not None else self.keeper.start_new()
        self.wizard.open(moment)
        self.stack.setCurrentWidget(self.wizard)

    def take_pause(self, start_minutes: int | None = None) -> None:
        """The pause screen: the pause running now (alone or in the repair), else a new one."""
        self.home.clear_messages()
        running = self.calls.keeper.pause_moment()
        if running is not None and not self.calls.keeper.is_alone(running):
            self.begin_repair()          # the repair's own pause step shows it
            return
        moment = running or self.calls.keeper.new_alone()
        view = self.pause_view
        clear_focus_within(self.stack.currentWidget())     # straight to the new screen's first control
        self.stack.setCurrentWidget(view)
        view.open(moment, None if running is not None else start_minutes)

    def breathe(self) -> None:
        self.home.clear_messages()
        view = self.breathing_view
        clear_focus_within(self.stack.currentWidget())     # not "Back home" for a moment, then Start
        self.stack.setCurrentWidget(view)
        view.open()

    def discard_draft(self) -> None:
        if self.keeper.discard():
            self.show_home()
        elif self.keeper.last_error is not None:
            self._explain(self.keeper.last_error)

    def _moment_saved(self, moment) -> None:
        self.calls.keeper.remind_later(moment)
        self.show_home()
        self.home.show_closure(moment)

    def _explain(self, error: StorageError) -> None:
        from .widgets.dialogs import tell

        tell(self, explain(error))

    # -- leaving ------------------------------------------------------------

    def bring_to_front(self) -> None:
        from PySide6.QtCore import Qt

        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.calls.update_title()
        if self.stack.currentWidget() is self.home:
            self.home.focus_first()

    def flush(self) -> bool:
        """Everything typed or asked for reaches the disk: the draft, the look back's edits and
        deletes. False when the draft could not be saved."""
        if self._review is not None:
            self._review.flush()
        return self.keeper.flush()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.flush():
            event.accept()
            return
        from .widgets.dialogs import ask_close_unsaved

        explanation = explain(self.keeper.last_error) if self.keeper.last_error else None
        if ask_close_unsaved(self, explanation):
            event.accept()
        else:
            event.ignore()


def _fitting_size(preferred: tuple[int, int]) -> tuple[int, int]:
    """The preferred size, or less where the screen is smaller (a 1024x600 netbook)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return preferred
    room = screen.availableGeometry()
    return min(preferred[0], room.width() * 9 // 10), min(preferred[1], room.height() * 9 // 10)


def _taken(path) -> str:
    """When a backup was taken, in the person's local time."""
    try:
        return date_and_time(datetime.fromtimestamp(path.stat().st_mtime).astimezone())
    except OSError:
        return "?"
