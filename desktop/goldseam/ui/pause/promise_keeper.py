"""Keeps Goldseam's promise to call the person back: at the end of a pause (taken inside a
repair or alone) and at the time they chose to say something "later".

It counts no ticks. One single-shot timer is armed for the next time due, computed from
the wall clock each time it is armed, and never for more than a few minutes at once: a
timer's clock stops while the computer sleeps, so a long wait is taken in steps, each
asking the wall clock again. Between those steps nothing wakes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ...core import clock, pause as pause_rules
from ...core.moment import RepairMoment
from ...storage.errors import StorageError
from ...core.repository import MomentRepository
from ...storage.journal_free import BUSY, get_if_free
from ...storage.promises import PromiseStore, Reminder
from ..wizard.draft_keeper import DraftKeeper

STEP_MS = 5 * 60 * 1000         # the longest single wait: bounds the lateness after a sleep
LATE_AFTER_S = 90               # called this late, the computer slept (or the app was closed)
SNOOZE_MINUTES = 60
# Qt.TimerType.PreciseTimer as a plain number: the Qt namespace costs tens of ms at start-up.
_PRECISE_TIMER = 0

# What home shows about a pause.
NONE, RUNNING, CAME, AWAY = "none", "running", "came", "away"


@dataclass(frozen=True)
class DueReminder:
    reminder: Reminder
    phrase: str             # what the person wanted to say (shown in the window only)
    away: bool              # its time passed while Goldseam was closed or the computer slept


def _words(moment: RepairMoment | None) -> str:
    return moment.reach_back.phrase if moment is not None else ""


class PromiseKeeper(QObject):
    changed = Signal()          # a pause began, came due or ended; a reminder came or went
    time_came = Signal(str)     # "pause" or "reminder": call the person back now
    failed = Signal(object)     # a StorageError, for the window to explain

    def __init__(self, promises: PromiseStore, keeper: DraftKeeper, journal: MomentRepository,
                 repair_draft: Callable[[], RepairMoment | None], now: Callable[[], datetime] = clock.now,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._promises = promises
        self._keeper = keeper
        self._journal = journal
        self._repair_draft = repair_draft
        self._now = now
        self._timer = QTimer(self, singleShot=True)
        self._timer.setProperty("timerType", _PRECISE_TIMER)    # a coarse timer may be 5 % late
        self._timer.timeout.connect(self._wake)
        self._called: set[str] = set()      # return and reminder times already called for
        self._away: set[str] = set()        # times that passed before they could be called
        self._due_reminders: list[DueReminder] = []
        self._closed = False
        # The words of each reminder's moment, as last read: a reminder coming due while an import
        # holds the journal is shown with them at once instead of waiting seconds for the journal.
        self._phrases: dict[str, str] = {}
        self._asking: set[str] = set()      # read on the thread pool now (the journal was busy)
        self.refresh(starting=True)

    # -- what is promised --------------------------------------------------------

    def pause_moment(self) -> RepairMoment | None:
        """The moment whose pause is running: the repair's, else the one taken alone."""
        repair = self._repair_draft()
        if repair is not None and pause_rules.is_running(repair.pause):
            return repair
        alone = self._alone()
        return alone if alone is not None and pause_rules.is_running(alone.pause) else None

    def is_alone(self, moment: RepairMoment | None) -> bool:
        return moment is not None and moment.kind == "pause"

    def pause_state(self) -> str:
        moment = self.pause_moment()
        if moment is None:
            return NONE
        if not pause_rules.has_come(moment.pause, self._now()):
            return RUNNING
        return AWAY if moment.pause.return_at in self._away else CAME

    def return_time(self) -> datetime | None:
        moment = self.pause_moment()
        return clock.local(clock.from_iso(moment.pause.return_at)) if moment is not None else None

    def due_reminders(self) -> list[DueReminder]:
        return list(self._due_reminders)

    def next_call(self) -> tuple[datetime, str] | None:
        """The next call back still to come and what it is for ("pause" or "reminder"), or None:
        while there is one, closing the window does not end Goldseam."""
        now = self._now()
        moment = self.pause_moment()
        calls = [(clock.from_iso(moment.pause.return_at), "pause")] if moment is not None else []
        try:
            calls += [(clock.from_iso(r.due_at), "reminder") for r in self._promises.reminders()]
        except StorageError:
            pass
        upcoming = [call for call in calls if call[0] > now]
        return min(upcoming, key=lambda call: call[0]) if upcoming else None

    # -- a pause taken alone -------------------------------------------------------

    def new_alone(self) -> RepairMoment:
        """A fresh pause taken on its own, not yet started (nothing is written until it is)."""
        return RepairMoment(kind="pause")

    def alone_edited(self, moment: RepairMoment) -> None:
        """The pause view changed a pause taken alone: kept while it runs, and moved into the
        journal, as a moment of its own, once the person is back."""
        moment.touch()
        try:
            if pause_rules.is_running(moment.pause) or moment.pause.started_at is None:
                self._promises.keep_pause(moment)
            else:
                moment.completed = True
                self._journal.save(moment)
                self._promises.drop_pause()
        except StorageError as error:
            self.failed.emit(error)
        self.refresh()

    def repair_pause_started(self) -> None:
        """A pause was started inside a repair while one taken alone still ran: taking up the
        repair is coming back from the first, so it is kept as returned; one pause runs, not two."""
        repair = self._repair_draft()
        alone = self._alone()
        if (repair is not None and pause_rules.is_running(repair.pause) and alone is not None
                and pause_rules.is_running(alone.pause)):
            pause_rules.come_back(alone.pause, self._now())
            self.alone_edited(alone)
        else:
            self.refresh()

    def _alone(self) -> RepairMoment | None:
        try:
            return self._promises.pause()
        except StorageError:
            return None

    # -- answers given on the home screen ------------------------------------------

    def come_back(self) -> None:
        self._answer(pause_rules.come_back)

    def extend(self, minutes: int) -> None:
        self._answer(pause_rules.extend, minutes)

    def answer_after_away(self, came_back: bool) -> None:
        self._answer(pause_rules.answer_after_away, came_back)

    def _answer(self, rule: Callable[..., None], *args) -> None:
        moment = self.pause_moment()
        if moment is None:
            return
        rule(moment.pause, *args, self._now())
        if self.is_alone(moment):
            self.alone_edited(moment)
            return
        if self._keeper.moment is None or self._keeper.moment.id != moment.id:
            self._keeper.resume(moment)
        self._keeper.edited()
        if not self._keeper.flush() and self._keeper.last_error is not None:
            self.failed.emit(self._keeper.last_error)
        self.refresh()

    # -- reminders -------------------------------------------------------------------

    def remind_later(self, moment: RepairMoment) -> None:
        """A saved repair asked to be reminded ("I'll say it later"): keep the promise."""
        due = moment.reach_back.remind_at
        self._phrases[moment.id] = moment.reach_back.phrase     # just saved: no need to read it back
        try:
            if moment.reach_back.when == "later" and due and clock.from_iso(due) > self._now():
                self._promises.remind(Reminder(moment.id, due))
            else:
                self._promises.forget_reminder(moment.id)
        except StorageError as error:
            self.failed.emit(error)
        self.refresh()

    def reminder_done(self, moment_id: str) -> None:
        self._settle_reminder(moment_id, None)

    def snooze(self, moment_id: str, minutes: int = SNOOZE_MINUTES) -> datetime:
        """Remind again in `minutes`; the new time, for the person to be told."""
        again = self._now() + timedelta(minutes=minutes)
        self._settle_reminder(moment_id, clock.to_iso(again))
        return again

    def _settle_reminder(self, moment_id: str, again_at: str | None) -> None:
        try:
            if again_at is None:
                self._promises.forget_reminder(moment_id)
            else:
                self._promises.remind(Reminder(moment_id, again_at))
        except StorageError as error:
            self.failed.emit(error)
        self.refresh()

    # -- the one timer -----------------------------------------------------------------

    def refresh(self, starting: bool = False) -> None:
        """Look again at what is promised; call back for what has come; wait for the next."""
        now = self._now()
        came = self._pause_came(now, starting)
        reminder_came = self._reminders_came(now, starting)
        self._arm(now, starting)
        self.changed.emit()
        if came:
            self.time_came.emit("pause")
        elif reminder_came:
            self.time_came.emit("reminder")

    def _pause_came(self, now: datetime, starting: bool) -> bool:
        moment = self.pause_moment()
        if moment is None or not pause_rules.has_come(moment.pause, now):
            return False
        due = moment.pause.return_at
        if due in self._called or due in self._away:
            return False
        if starting or (now - clock.from_iso(due)).total_seconds() > LATE_AFTER_S:
            self._away.add(due)          # asked "did you come back?" rather than told "it is time"
            return False
        self._called.add(due)
        return True

    def _reminders_came(self, now: datetime, starting: bool) -> bool:
        try:
            reminders = self._promises.reminders()
        except StorageError:
            reminders = []
        due_now, called_now = [], False
        for reminder in reminders:
            if clock.from_iso(reminder.due_at) > now:
                continue
            key = f"{reminder.moment_id}@{reminder.due_at}"
            late = starting or (now - clock.from_iso(reminder.due_at)).total_seconds() > LATE_AFTER_S
            if key not in self._called and key not in self._away:
                (self._away if late else self._called).add(key)
                called_now = called_now or not late
            due_now.append(DueReminder(reminder, self._phrase_of(reminder.moment_id), key in self._away))
        self._due_reminders = due_now
        return called_now

    def _phrase_of(self, moment_id: str) -> str:
        """Read now if the journal is free. While another thread holds it (an import, for seconds)
        the window does not wait: the words read before, else none yet and a read on the thread pool,
        which looks again once it has them."""
        phrase = self._read_phrase(moment_id)
        if phrase is None:
            if moment_id not in self._phrases:
                self._ask_later(moment_id)
            return self._phrases.get(moment_id, "")
        return phrase

    def _read_phrase(self, moment_id: str) -> str | None:
        """The words of a moment, read now and kept; None while another thread holds the journal."""
        try:
            moment = get_if_free(self._journal, moment_id)
        except StorageError:
            moment = None
        if moment is BUSY:
            return None
        phrase = self._phrases[moment_id] = _words(moment)
        return phrase

    def _ask_later(self, moment_id: str) -> None:
        from ..application.background import start_in_background

        if moment_id in self._asking:
            return
        self._asking.add(moment_id)

        def read() -> str:
            try:
                return _words(self._journal.get(moment_id))
            except StorageError:
                return ""

        def came(phrase: str | None, error: BaseException | None) -> None:
            self._asking.discard(moment_id)
            if error is not None or phrase is None:
                return
            self._phrases[moment_id] = phrase
            if any(due.reminder.moment_id == moment_id and due.phrase != phrase for due in self._due_reminders):
                self.refresh()

        start_in_background(self, read, came)

    def _know_phrases(self, reminders: list[Reminder]) -> None:
        """The words of reminders still to come, read while the journal is free, so that one coming
        due during an import has them."""
        for reminder in reminders:
            if reminder.moment_id not in self._phrases:
                self._read_phrase(reminder.moment_id)

    def _arm(self, now: datetime, starting: bool = False) -> None:
        if self._closed:
            return
        upcoming = [t for t in self._upcoming(know_phrases=not starting) if t > now]
        if not upcoming:
            self._timer.stop()
            return
        wait_ms = (min(upcoming) - now).total_seconds() * 1000
        self._timer.start(max(0, min(STEP_MS, int(wait_ms) + 1)))

    def _upcoming(self, know_phrases: bool = False) -> list[datetime]:
        """`know_phrases`: read the words of the reminders to come now, unless the journal is busy
        (not while the window is being built: its first paint does not wait for them)."""
        times = []
        moment = self.pause_moment()
        if moment is not None:
            times.append(clock.from_iso(moment.pause.return_at))
        try:
            reminders = self._promises.reminders()
        except StorageError:
            reminders = []
        times += [clock.from_iso(r.due_at) for r in reminders]
        if know_phrases:
            self._know_phrases(reminders)
        return times

    def _wake(self) -> None:
        self.refresh()

    def journal_changed(self, change) -> None:
        """A moment deleted, or the journal restored or brought in: a reminder's words (or its
        moment) may have gone, so what is due is looked at again."""
        if not self._closed and (change.everything or change.removed):
            self.refresh()

    def shutdown(self) -> None:
        """Quitting: nothing wakes any more (the promises stay on disk for the next start)."""
        self._closed = True
        self._timer.stop()

    def next_wake_ms(self) -> int | None:
        """The wait the timer was last armed with, from the clock the keeper reads (None when nothing is
        waited for): for tests, which must not depend on how busy the machine is."""
        return self._timer.interval() if self._timer.isActive() else None
