"""The five-step wizard: one question group per page, Back / Skip / Next,
every change kept in the draft as it happens."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from ...core import clock
from ...core.moment import RepairMoment
from ...core.steps import STEP_COUNT, STEPS
from ...i18n import _
from ...storage.errors import StorageError
from ...storage.journal import Journal
from ..draft_keeper import DraftKeeper
from ..storage_messages import explain
from .accept_page import AcceptPage
from .acknowledge_page import AcknowledgePage
from .notice_page import NoticePage
from .page_base import WizardPage
from .pause_page import PausePage
from .reach_back_page import ReachBackPage

PAUSE_STEP = 1


class WizardView(QWidget):
    finished = Signal()
    left = Signal()

    def __init__(self, keeper: DraftKeeper, journal: Journal, now: Callable[[], datetime] = clock.now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.keeper = keeper
        self.notice = NoticePage()
        self.pause = PausePage(now)
        self.acknowledge = AcknowledgePage()
        self.reach_back = ReachBackPage(journal)
        self.accept = AcceptPage()
        self.pages: list[WizardPage] = [self.notice, self.pause, self.acknowledge, self.reach_back, self.accept]

        self.step_counter = QLabel(objectName="StepCounter")
        self.progress = QProgressBar()
        self.progress.setRange(0, STEP_COUNT)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("Progress through the five steps"))
        self.leave_button = QPushButton(_("&Leave for now"))
        self.leave_button.setAccessibleName(_("Leave for now; your answers are kept"))
        self.title = QLabel(objectName="PageTitle")
        self.question = QLabel(objectName="Question")
        self.question.setWordWrap(True)
        self.hint = QLabel(objectName="Hint")
        self.hint.setWordWrap(True)

        # Each page scrolls on its own, so a short page is never stretched to the tallest one.
        self.stack = QStackedWidget()
        self.scrolls: list[QScrollArea] = []
        for page in self.pages:
            scroll = QScrollArea()
            self.scrolls.append(scroll)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            page.edited.connect(self.keeper.edited)

        self.banner = QFrame(objectName="Banner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName(_("Saving problem"))
        self.retry_button = QPushButton(_("Try again now"))
        self.retry_button.setAccessibleName(_("Try saving again now"))
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.retry_button)
        self.banner.setVisible(False)

        self.back_button = QPushButton(_("&Back"))
        self.back_button.setAccessibleName(_("Back to the previous step"))
        self.skip_button = QPushButton(_("S&kip this step"))
        self.skip_button.setAccessibleName(_("Skip this step"))
        self.next_button = QPushButton(_("&Next"))
        self.next_button.setObjectName("Primary")
        self.next_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(self.step_counter)
        top.addStretch(1)
        top.addWidget(self.leave_button)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.hint)
        layout.addSpacing(10)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        layout.addLayout(nav)

        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.go_next)
        self.next_button.clicked.connect(self.go_next)
        self.leave_button.clicked.connect(self.leave)
        self.retry_button.clicked.connect(self.keeper.flush)
        self.notice.pause_requested.connect(lambda: self.go_to(PAUSE_STEP))
        self.notice.flood_shown.connect(lambda w: self.scrolls[0].ensureWidgetVisible(w))
        self.reach_back.storage_failed.connect(self.show_problem)
        self.keeper.save_failed.connect(self.show_problem)
        self.keeper.saved.connect(lambda: self.banner.setVisible(False))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.go_next)

    # -- navigation ---------------------------------------------------------

    def open(self, moment: RepairMoment) -> None:
        for page in self.pages:
            page.bind(moment)
        self.banner.setVisible(False)
        self._show(max(0, min(STEP_COUNT - 1, moment.step)))

    def go_to(self, index: int) -> None:
        if index == self.index:
            return
        self.pages[self.index].on_leave()
        self._show(index)
        self.keeper.edited()
        self.keeper.flush()

    def go_next(self) -> None:
        if self.index < STEP_COUNT - 1:
            self.go_to(self.index + 1)
            return
        self.pages[self.index].on_leave()
        if self.keeper.finish():
            self.finished.emit()

    def go_back(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def leave(self) -> None:
        """Back home with everything kept. Not a step change: a running pause keeps running."""
        self.keeper.flush()
        self.left.emit()

    @property
    def index(self) -> int:
        """The step on screen (0-based)."""
        return self.stack.currentIndex()

    def _show(self, index: int) -> None:
        if self.keeper.moment is not None:
            self.keeper.moment.step = index
        step = STEPS[index]
        self.stack.setCurrentIndex(index)
        self.step_counter.setText(_("Step %d of %d") % (index + 1, STEP_COUNT))
        self.progress.setValue(index + 1)
        self.title.setText(_(step.title))
        self.question.setText(_(step.question))
        self.hint.setText(_(step.hint))
        last = index == STEP_COUNT - 1
        self.back_button.setEnabled(index > 0)
        self.skip_button.setVisible(not last)
        self.next_button.setText(_("&Save this moment") if last else _("&Next"))
        self.next_button.setAccessibleName(_("Save this moment") if last else _("Next step"))
        focus = self.pages[index].first_focus()
        if focus is not None:
            focus.setFocus()

    def show_problem(self, error: StorageError) -> None:
        explanation = explain(error)
        self.banner_text.setText(f"<b>{explanation.title}.</b> {explanation.body}")
        self.banner.setVisible(True)
