"""The main window: home, the repair, a pause, breathing and the look back in one calm frame.

Built by the composition root (ui/wiring.py), which hands it its keepers and connects its public
signals; it builds its own screens, on first use, and says when it has (screen_built)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..core import clock
from ..core.journal_change import HOME, LOOK_BACK, REPAIR, JournalChange
from ..i18n import _
from ..storage.drafts import DraftStore
from ..storage.errors import StorageError
from ..core.repository import MomentRepository
from .pause.promise_banners import CallStrip
from .wizard.draft_keeper import DraftKeeper
from .home.home_page import RECENT_LIMIT, HomePage
from .widgets.accessible import say
from .widgets.first_paint import after_first_paint
from .widgets.keyboard import clear_focus_within
from .widgets.local_format import date_and_time
from .widgets.steady import watch_hands
from .widgets.storage_messages import draft_set_aside_text, explain, held_text, notice_text, set_aside_text, unreadable_text

SCAN_DELAY_MS = 600   # counting unreadable moments waits until the window has been painted
BUILD_AHEAD_GAP_MS = 250    # between two screens built ahead: keys and painting go on between them
PREFERRED_SIZE = (920, 760)
MINIMUM_SIZE = (560, 360)   # 1280x800 at 200 % leaves 640x400 for a window


class MainWindow(QMainWindow):
    home_shown = Signal()               # home was shown again: the calls say what is due on it
    shown = Signal()                    # the window came on screen: the title counts down again
    screen_changed = Signal(bool)       # another screen is shown; True for home
    screen_built = Signal(object)       # the repair, a pause alone or breathing, built on first use
    first_painted = Signal()            # just after the window's first paint: what it need not wait for starts
    settings_requested = Signal()
    # The person's answers on home's banners, for the calls and the promise keeper.
    pause_back_asked = Signal()
    more_time_asked = Signal(int)
    away_answered = Signal(bool)
    reminder_done_asked = Signal(str)
    snooze_asked = Signal(str)

    def __init__(self, journal: MomentRepository, drafts: DraftStore, keeper: DraftKeeper, promises,
                 events, now: Callable[[], datetime] = clock.now, *, data_folder):
        super().__init__()
        self.setWindowTitle(_("Goldseam"))
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*_fitting_size(PREFERRED_SIZE))
        self.journal = journal
        self.drafts = drafts
        self.keeper = keeper
        self.promises = promises
        self._events = events
        self._now = now
        self.quitting = False       # Quit (Ctrl+Q, the tray's): closing ends Goldseam whatever is promised
        self.stays_for_call: Callable[[], bool] | None = None
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
        # What the window shows (0), and the lock screen over it when hidden (lock/quick_hide.py).
        self.cover = QStackedWidget()
        self.cover.addWidget(central)
        self.setCentralWidget(self.cover)
        after_first_paint(self, self.first_painted.emit)
        self._wanted_title = self.windowTitle()
        self._title_held = False
        watch_hands(self)           # pages a person works with the mouse are not scrolled under it
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
        self.home.settings_requested.connect(self.open_settings)
        self.home.pause_open_requested.connect(self.take_pause)
        self.home.pause_back.connect(self.pause_back_asked)
        self.home.more_time.connect(self.more_time_asked)
        self.home.away_answered.connect(self.away_answered)
        self.home.reminder_done.connect(self.reminder_done_asked)
        self.home.reminder_snooze.connect(self.snooze_asked)
        self.call_strip.go_home.connect(self._go_home)
        self.stack.currentChanged.connect(lambda _index: self.screen_changed.emit(self.stack.currentWidget()
                                                                                   is self.home))
        self.home.keys_requested.connect(self.show_keys)
        self.home.about_requested.connect(self.show_about)
        QShortcut(QKeySequence("F1"), self, self.show_keys)     # a string: the Qt namespace costs ~60 ms at start
        QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)
        self.show_home()
        self._scan = QTimer(self, singleShot=True, interval=SCAN_DELAY_MS)
        self._scan.timeout.connect(self._count_unreadable)
        self._scan.start()

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt naming
        """The title the calls ask for; while Goldseam is hidden it only says "Goldseam"."""
        self._wanted_title = title
        if not getattr(self, "_title_held", False):
            super().setWindowTitle(title)

    def hold_title(self, held: bool) -> None:
        self._title_held = held
        super().setWindowTitle(_("Goldseam") if held else self._wanted_title)

    def focus_current_screen(self) -> None:
        current = self.stack.currentWidget()
        focus_first = getattr(current, "focus_first", None)
        if focus_first is not None:
            focus_first()
        else:
            current.setFocus()

    def build_screens_ahead(self) -> None:
        """After the first paint. With a screen reader listening, the repair, breathing and pause
        screens are built now, one per turn of the event loop, rather than when first asked for.
        Building one sends a screen reader hundreds of events: Orca 43, working through them, said
        nothing for about two seconds after "Begin a repair", and a key pressed meanwhile lost the
        new step's name."""
        from PySide6.QtGui import QAccessible

        from .review.ahead import LookBackAhead

        # The look back: its modules now, in idle turns; the page when the person comes near it.
        self._look_back_ahead = LookBackAhead(lambda: self.review, (self.home.look_back_button, self.home.recent), self)
        self._look_back_ahead.import_modules()
        if QAccessible.isActive():
            for delay, build in enumerate((lambda: self.wizard, lambda: self.breathing_view,
                                           lambda: self.pause_view)):
                QTimer.singleShot(delay * BUILD_AHEAD_GAP_MS, self, build)

    @property
    def wizard(self):
        """Built on first use, so the home window opens as fast as it can."""
        if self._wizard is None:
            from .wizard.wizard_view import WizardView

            self._wizard = WizardView(self.keeper, self._events.journal_for(self.journal, REPAIR), self._now)
            self._wizard.finished.connect(self._moment_saved)
            self._wizard.left.connect(self.show_home)
            self.stack.addWidget(self._wizard)
            self.screen_built.emit(self._wizard)
        return self._wizard

    @property
    def pause_view(self):
        if self._pause_view is None:
            from .pause.pause_view import PauseView

            self._pause_view = PauseView(self._now)
            self._pause_view.left.connect(self.show_home)
            self.stack.addWidget(self._pause_view)
            self.screen_built.emit(self._pause_view)
        return self._pause_view

    @property
    def breathing_view(self):
        if self._breathing_view is None:
            from .breathing.breathing_view import BreathingView

            self._breathing_view = BreathingView()
            self._breathing_view.left.connect(self.show_home)
            self.stack.addWidget(self._breathing_view)
            self.screen_built.emit(self._breathing_view)
        return self._breathing_view

    @property
    def review(self):
        if self._review is None:
            from .review.review_view import ReviewView

            self._review = ReviewView(self._events.journal_for(self.journal, LOOK_BACK), self._now)
            self._review.back_requested.connect(self.show_home)
            self.stack.addWidget(self._review)
        return self._review

    # -- settings and help -----------------------------------------------------------

    def open_settings(self) -> None:
        """The settings are the preference keeper's (the root connects it): this only asks."""
        self.settings_requested.emit()

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

    # -- what the calls and the journal say ------------------------------------------

    def journal_changed(self, change) -> None:
        """The one journal-changed event: home's recent moments read again, and the look back
        hears it (it reads again what changed elsewhere)."""
        self.show_recent()
        self.home.forget_closure_of(change.removed)
        if self._review is not None:
            self._review.journal_changed(change)

    def show_pause(self, state: str, back_at: str) -> None:
        self.home.show_pause(state, back_at)

    def show_reminder(self, due) -> None:
        self.home.show_reminder(due)

    def show_strip(self, text: str) -> None:
        self.call_strip.show_text(text)

    def show_saved(self, text: str) -> None:
        self.home.show_saved(text)

    def _go_home(self) -> None:
        self.keeper.flush()
        self.show_home()

    # -- screens ------------------------------------------------------------

    def show_home(self) -> None:
        self._held = self._held_backups()       # a choice made elsewhere (the dialog at open) is not offered again
        try:
            draft = self.keeper.moment or self.drafts.load()
            moments = self._recent()
        except StorageError as error:
            self.explain(error)
            draft, moments = self.keeper.moment, []
        self.home.show_draft(draft)
        self.home.show_moments(moments)
        self._show_folder_state()
        self.home_shown.emit()
        clear_focus_within(self.stack.currentWidget())     # straight to home's first button
        self.stack.setCurrentWidget(self.home)
        self.home.focus_first()

    def show_recent(self) -> None:
        """The recent moments again, after one was added from outside the wizard (a pause)."""
        try:
            self.home.show_moments(self._recent())
        except StorageError as error:
            self.explain(error)

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
            self.explain(error)
            return
        self._held = self._held_backups()
        self.promises.refresh()         # a restored promise that is due is asked about now
        self._events.announce(JournalChange(origin=HOME, everything=True))
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
                self.explain(error)
                draft = None
            moment = self.keeper.resume(draft) if draft is not None else self.keeper.start_new()
        self.wizard.open(moment)
        self.stack.setCurrentWidget(self.wizard)

    def take_pause(self, start_minutes: int | None = None) -> None:
        """The pause screen: the pause running now (alone or in the repair), else a new one."""
        self.home.clear_messages()
        running = self.promises.pause_moment()
        if running is not None and not self.promises.is_alone(running):
            self.begin_repair()          # the repair's own pause step shows it
            return
        moment = running or self.promises.new_alone()
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
            self.explain(self.keeper.last_error)

    def _moment_saved(self, moment) -> None:
        self.promises.remind_later(moment)
        self.show_home()
        self.home.show_closure(moment)

    def explain(self, error: StorageError) -> None:
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
        self.shown.emit()
        if self.stack.currentWidget() is self.home:
            self.home.focus_first()

    def flush(self) -> bool:
        """Everything typed or asked for reaches the disk: the draft, the look back's edits and
        deletes. False when the draft could not be saved."""
        if self._review is not None:
            self._review.flush()
        return self.keeper.flush()

    def shutdown(self) -> None:
        """Quitting: every screen stops what it runs (a guide's breath, a pause's ticking, the look
        back's reading, its due deletes written) and nothing of the window wakes again."""
        for screen in (self._wizard, self._pause_view, self._breathing_view):
            if screen is not None:
                for page in screen.pause_pages():
                    page.on_leave()
                for guide in screen.guides():
                    guide.stop()
        if self._review is not None:
            self._review.shutdown()
        for timer in self.findChildren(QTimer):
            timer.stop()        # what a screen would still say or retry (the look back's count, say)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """What was typed is saved first. Then, unless this is Quit, a call back still to come
        keeps Goldseam in the background (`stays_for_call`, set by the composition root)."""
        if not self.flush():
            from .widgets.dialogs import ask_close_unsaved

            explanation = explain(self.keeper.last_error) if self.keeper.last_error else None
            if not ask_close_unsaved(self, explanation):
                event.ignore()
                return
        if not self.quitting and self.stays_for_call is not None and self.stays_for_call():
            event.ignore()
            return
        event.accept()


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
