"""The main window: home and wizard in one calm frame."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtWidgets import QMainWindow, QStackedWidget

from ..core import clock
from ..i18n import _
from ..storage.drafts import DraftStore
from ..storage.errors import StorageError
from ..storage.journal import Journal
from .draft_keeper import DraftKeeper
from .home import RECENT_LIMIT, HomePage
from .storage_messages import explain


class MainWindow(QMainWindow):
    def __init__(self, journal: Journal, drafts: DraftStore, now: Callable[[], datetime] = clock.now):
        super().__init__()
        self.setWindowTitle(_("Goldseam"))
        self.setMinimumSize(760, 640)
        self.resize(920, 760)
        self.journal = journal
        self.drafts = drafts
        self.keeper = DraftKeeper(drafts, journal, self)
        self._now = now
        self.home = HomePage()
        self._wizard = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.saved_note = self.home.saved_note

        self.home.begin_requested.connect(self.begin_repair)
        self.home.resume_requested.connect(self.begin_repair)
        self.home.discard_requested.connect(self.discard_draft)
        self.show_home()

    @property
    def wizard(self):
        """Built on first use, so the home window opens as fast as it can."""
        if self._wizard is None:
            from .wizard.wizard_view import WizardView

            self._wizard = WizardView(self.keeper, self.journal, self._now)
            self._wizard.finished.connect(self._moment_saved)
            self._wizard.left.connect(self.show_home)
            self.stack.addWidget(self._wizard)
        return self._wizard

    # -- screens ------------------------------------------------------------

    def show_home(self) -> None:
        try:
            draft = self.keeper.moment or self.drafts.load()
            moments = self.journal.recent(RECENT_LIMIT)
        except StorageError as error:
            self._explain(error)
            draft, moments = self.keeper.moment, []
        self.home.show_draft(draft)
        self.home.show_moments(moments)
        self.stack.setCurrentWidget(self.home)
        self.home.focus_first()

    def begin_repair(self) -> None:
        """Open the wizard: the unfinished repair if there is one, else a new one."""
        self.saved_note.clear()
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

    def discard_draft(self) -> None:
        if self.keeper.discard():
            self.show_home()
        elif self.keeper.last_error is not None:
            self._explain(self.keeper.last_error)

    def _moment_saved(self) -> None:
        self.show_home()
        self.saved_note.setText(_("Saved. This repair is now part of your history."))

    def _explain(self, error: StorageError) -> None:
        from .dialogs import tell

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
        if self.stack.currentWidget() is self.home:
            self.home.focus_first()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.keeper.flush():
            event.accept()
            return
        from .dialogs import ask_close_unsaved

        explanation = explain(self.keeper.last_error) if self.keeper.last_error else None
        if ask_close_unsaved(self, explanation):
            event.accept()
        else:
            event.ignore()
