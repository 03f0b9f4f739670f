"""The five-step wizard: one question group per page, Back / Skip / Next,
every change kept in the draft as it happens."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from ...core import clock
from ...core.moment import RepairMoment
from ...core.steps import STEP_COUNT, STEPS
from ...i18n import _
from ...storage.errors import StorageError
from ...core.repository import MomentRepository
from ..widgets.accessible import describe, keep_quiet, make_heading, name_section, say, set_text
from .draft_keeper import DraftKeeper
from ..help.why_toggle import WhyToggle
from ..widgets.keyboard import clear_focus_within, press_on_enter
from ..widgets.scrolling import FocusFollower, show_focus, vertical_scroll
from ..widgets.storage_messages import explain
from .accept_page import AcceptPage
from .acknowledge_page import AcknowledgePage
from .notice_page import NoticePage
from .page_base import WizardPage
from ..pause.pause_page import PausePage
from .reach_back_page import ReachBackPage

PAUSE_STEP = 1


class WizardView(QWidget):
    finished = Signal(object)       # the moment just saved
    left = Signal()
    pause_edited = Signal()         # the repair's pause step changed (the promise keeper looks again)

    def __init__(self, keeper: DraftKeeper, journal: MomentRepository, now: Callable[[], datetime] = clock.now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.keeper = keeper
        # The header and the Back / Skip / Next row stay in view; only the step scrolls,
        # and only up and down. Widgets are made in reading order, which is the Tab order.
        self.step_counter = QLabel(objectName="StepCounter")
        self.leave_button = QPushButton(_("&Leave for now"))
        self.leave_button.setAccessibleName(_("Leave for now; your answers are kept"))
        self.progress = QProgressBar()
        self.progress.setRange(0, STEP_COUNT)
        self.progress.setTextVisible(False)
        keep_quiet(self.progress)       # "Step 2 of 5" is read as the focus enters the step
        self.progress.setAccessibleName(_("Progress through the five steps"))
        self.title = make_heading(QLabel(objectName="PageTitle"))
        self.title.setWordWrap(True)

        # Made before the pages, so each comes before its page's fields for Tab.
        self.whys = [WhyToggle(_(step.why)) for step in STEPS]
        self.notice = NoticePage()
        self.pause = PausePage(now)
        self.acknowledge = AcknowledgePage()
        self.reach_back = ReachBackPage(journal, now=now)
        self.accept = AcceptPage()
        self.pages: list[WizardPage] = [self.notice, self.pause, self.acknowledge, self.reach_back, self.accept]
        for page in self.pages:
            name_section(page, "")     # a group from the start: its name is set as it is shown

        # Each step scrolls on its own, so a short step is never stretched to the tallest one.
        self.stack = QStackedWidget()
        self.scrolls: list[QScrollArea] = []
        for step, page, why in zip(STEPS, self.pages, self.whys):
            scroll = vertical_scroll(_with_question(step, page, why))
            self.scrolls.append(scroll)
            self.stack.addWidget(scroll)
            page.edited.connect(self.keeper.edited)

        self.banner = QFrame(objectName="Banner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.retry_button = QPushButton(_("Try again now"))
        self.retry_button.setAccessibleName(_("Try again now to save"))
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
        self.pause.after_back = self.next_button

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
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        layout.addLayout(nav)
        press_on_enter(self)

        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.go_next)
        self.next_button.clicked.connect(self.go_next)
        self.leave_button.clicked.connect(self.leave)
        self.retry_button.clicked.connect(self.keeper.flush)
        self.notice.pause_requested.connect(lambda: self.go_to(PAUSE_STEP))
        self.pause.state_changed.connect(self._pause_state_changed)
        self.pause.edited.connect(self.pause_edited)
        FocusFollower(self.scrolls, self)
        self.reach_back.storage_failed.connect(self.show_problem)
        self.keeper.save_failed.connect(self.show_problem)
        self.keeper.saved.connect(lambda: self.banner.setVisible(False))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.go_next)

    # -- navigation ---------------------------------------------------------

    def pause_pages(self) -> list:
        """The pause pages this screen holds, for the calls to keep in step (chime, length, ticks)."""
        return [self.pause]

    def guides(self) -> list:
        """Every breathing guide on this screen, for the calls to keep their choices in step."""
        notice_guide = getattr(self.notice, "guide", None)
        return ([notice_guide] if notice_guide is not None else []) + [self.pause.guide]

    def open(self, moment: RepairMoment) -> None:
        for page in self.pages:
            page.bind(moment)
        self.banner.setVisible(False)
        self._show(max(0, min(STEP_COUNT - 1, moment.step)), announce=True)

    def go_to(self, index: int) -> None:
        if index == self.index or not self._may_leave_pause():
            return
        self.pages[self.index].on_leave()
        self._show(index)
        self.keeper.edited()
        self.keeper.flush()

    def _may_leave_pause(self) -> bool:
        """Moving on from a running pause asks whether the person is back (never assumed)."""
        if self.index != PAUSE_STEP or not self.pause.is_running():
            return True
        from ..pause.pause_question import ask_if_back

        if not ask_if_back(self, self.pause.return_time()):
            return False
        self.pause.come_back()
        return True

    def go_next(self) -> None:
        if self.index < STEP_COUNT - 1:
            self.go_to(self.index + 1)
            return
        self.pages[self.index].on_leave()
        moment = self.keeper.moment
        if self.keeper.finish():
            self.finished.emit(moment)

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

    def _show(self, index: int, announce: bool = False) -> None:
        if self.keeper.moment is not None:
            self.keeper.moment.step = index
        step = STEPS[index]
        changed = announce or self.stack.currentIndex() != index
        # Focus goes straight to the new step's first field: without this, hiding the old
        # step hands it to Back or Skip for a moment, and a screen reader reads that first.
        if self.pages[index].first_focus() is not None:
            clear_focus_within(self)
        self.stack.setCurrentIndex(index)
        counter = _("Step {number} of {count}").format(number=index + 1, count=STEP_COUNT)
        set_text(self.step_counter, counter)
        self.progress.setValue(index + 1)
        set_text(self.title, _(step.title))
        last = index == STEP_COUNT - 1
        self.back_button.setEnabled(index > 0)
        self.skip_button.setVisible(not last)
        self.next_button.setText(_("&Save this moment") if last else _("&Next"))
        self.next_button.setAccessibleName(_("Save this moment") if last else _("Next step"))
        self._mark_primary()
        self.scrolls[index].verticalScrollBar().setValue(0)
        focus = self.pages[index].first_focus()
        heading = _("{counter}: {title}").format(counter=counter, title=_(step.title))
        # The step's name is read as the focus enters it, by Orca 43 and newer alike: news said
        # as a screen changes is lost in the hundreds of events a change sends (Orca 43 drops it).
        self.pages[index].setAccessibleName(heading)     # a group since __init__ (name_section)
        if focus is not None:
            describe(focus, " ".join(filter(None, (_(step.question), _(step.hint), self.pages[index].note()))))
            focus.setFocus()
        elif changed:
            say(self.title, heading)

    def _pause_state_changed(self) -> None:
        """A new state of the pause starts at its top, with the focused button still in view."""
        self._mark_primary()
        scroll = self.scrolls[PAUSE_STEP]
        scroll.verticalScrollBar().setValue(0)
        QTimer.singleShot(0, scroll, lambda: show_focus(scroll))

    def _mark_primary(self) -> None:
        """One gold button at a time: on a pause that is being chosen or running, the
        pause's own button is the main one, not Next."""
        primary = not (self.index == PAUSE_STEP and self.pause.has_own_primary())
        if (self.next_button.objectName() == "Primary") != primary:
            self.next_button.setObjectName("Primary" if primary else "")
            self.next_button.style().unpolish(self.next_button)
            self.next_button.style().polish(self.next_button)

    def show_problem(self, error: StorageError) -> None:
        explanation = explain(error)
        set_text(self.banner_text, f"<b>{explanation.title}.</b> {explanation.body}", announce=True)
        self.banner.setVisible(True)


def _with_question(step, page: WizardPage, why: WhyToggle) -> QWidget:
    """The step's question and hint above its fields, scrolling with them."""
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 12, 0)     # room for the scroll bar, never over a field
    column.setSpacing(6)
    question = QLabel(_(step.question), objectName="Question")
    question.setWordWrap(True)
    hint = QLabel(_(step.hint), objectName="Hint")
    hint.setWordWrap(True)
    column.addWidget(question)
    column.addWidget(hint)
    column.addWidget(why)
    column.addSpacing(8)
    column.addWidget(page, 1)
    return content
