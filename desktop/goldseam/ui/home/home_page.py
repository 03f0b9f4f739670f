"""The home screen: begin a repair, continue the unfinished one, see recent moments."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton,
                               QVBoxLayout, QWidget)

from ...core import clock
from ...core.moment import RepairMoment
from ...core.steps import STEP_COUNT
from ...i18n import _
from ..widgets.accessible import make_heading, read_first_item_on_entry, say, set_text
from ..widgets.keyboard import press_on_enter
from ..pause.promise_banners import PauseBanner, ReminderBanner
from ..pause.promise_keeper import NONE
from ..widgets.local_format import date_and_time
from ..review import moment_words
from ..widgets.scrolling import vertical_scroll

RECENT_LIMIT = 8
# Qt.ItemDataRole.UserRole as a plain number: touching the Qt namespace costs
# tens of milliseconds at start-up, and the home screen is the first paint.
USER_ROLE = 256


def describe(moment: RepairMoment) -> str:
    """One line for a moment: when, first words, and how strong it felt before and after
    (worded as a feeling, never as a score); the look back says it the same way."""
    return "".join(_parts(moment))


def _parts(moment: RepairMoment) -> tuple[str, str, str]:
    """A row's when, first words and feeling: only the words give way to a narrow window."""
    felt = moment_words.felt(moment) if moment.kind == "repair" else ""
    return f"{moment_words.when(moment)} \u2014 ", moment_words.headline(moment, 60), f" ({felt})" if felt else ""


def _shortened(metrics, text: str, room: int) -> str:
    """`text`, cut to `room` pixels with "…" where it does not fit."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:                   # the longest start that fits beside the "…"
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + "\u2026") <= room:
            low = middle
        else:
            high = middle - 1
    space = text.rfind(" ", 0, low + 1)
    if space > low // 2:                # at a word's end, not in its middle
        low = space
    return text[:low].rstrip() + "\u2026"


class _RecentList(QListWidget):
    """The recent moments: Enter, a double-click or "Open" in the context menu opens one in the
    look back."""
    open_requested = Signal(object)
    PARTS_ROLE = USER_ROLE + 1
    ACCESSIBLE_TEXT_ROLE = 11           # Qt.ItemDataRole.AccessibleTextRole: the whole row, read aloud
    ROOM_AROUND = 16                    # the rows' padding in the style sheet and the view's text margins

    def add_moment(self, moment: RepairMoment) -> None:
        parts = _parts(moment)
        item = QListWidgetItem("".join(parts))
        item.setToolTip(item.text())
        item.setData(USER_ROLE, moment.id)
        item.setData(self.PARTS_ROLE, parts)
        item.setData(self.ACCESSIBLE_TEXT_ROLE, item.text())
        self.addItem(item)

    def fit_rows(self) -> None:
        """A long German feeling ("fühlte sich wie 6 von 10 an, dann 3") stays whole: the first
        words give way instead (Qt cut the row's end, numbers and all)."""
        metrics, room = self.fontMetrics(), self._viewport_width() - self.ROOM_AROUND
        for row in range(self.count()):
            item = self.item(row)
            before, words, after = item.data(self.PARTS_ROLE)
            fitted = before + _shortened(metrics, words, room - metrics.horizontalAdvance(before + after)) + after
            if item.text() != fitted:
                item.setText(fitted)

    def _viewport_width(self) -> int:
        """The viewport's width, without asking for the viewport: a widget Qt made, handed to
        Python for the first time, makes PySide build every class of QtWidgets (about 10 ms
        before the first paint)."""
        width = self.maximumViewportSize().width()
        bar = self.verticalScrollBar()
        return width - bar.width() if bar.isVisibleTo(self) else width

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.fit_rows()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt naming
        item = self.itemAt(event.pos()) or self.currentItem()
        if item is None:
            return
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.addAction(_("Open in the look back"), lambda: self.open_requested.emit(item.data(USER_ROLE)))
        menu.popup(event.globalPos())
        self._menu = menu


class HomePage(QWidget):
    begin_requested = Signal()
    resume_requested = Signal()
    discard_requested = Signal()
    restore_requested = Signal()
    let_go_requested = Signal()
    take_pause_requested = Signal()
    breathe_requested = Signal()
    look_back_requested = Signal(object)        # a moment's id, or None for the whole look back
    settings_requested = Signal()
    keys_requested = Signal()
    about_requested = Signal()
    # The answers given on the pause's and the reminder's banners.
    pause_open_requested = Signal()
    pause_back = Signal()
    more_time = Signal(int)
    away_answered = Signal(bool)
    reminder_done = Signal(str)
    reminder_snooze = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = make_heading(QLabel(_("Goldseam"), objectName="AppTitle"))
        intro = QLabel(_("When something between you has come apart, you can mend it here, "
                         "one small step at a time. The seams are part of the story."))
        intro.setWordWrap(True)
        intro.setObjectName("Question")
        self.saved_note = QLabel()
        self.saved_note.setObjectName("Hint")
        self.saved_note.setWordWrap(True)
        self.saved_note.setVisible(False)

        # A moment of closure after a repair is saved: said, seen, and gone at the next step.
        self.closure = QFrame(objectName="Banner")
        closure_column = QVBoxLayout(self.closure)
        self.closure_title = make_heading(QLabel(objectName="ClosureTitle"))
        self.closure_text = QLabel()
        self.closure_text.setWordWrap(True)
        closure_column.addWidget(self.closure_title)
        closure_column.addWidget(self.closure_text)
        self.closure.setVisible(False)
        self._closure_of: str | None = None     # the repair the closing words speak of

        self.notes = QLabel()
        self.notes.setObjectName("Hint")
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)

        (self.restore_banner, self.restore_text, self.restore_button, self.let_go_button) = _banner(
            (_("&Restore the backup"), _("Restore the backup")), (_("Let it go\u2026"), _("Let it go: the backup")))
        self.restore_banner.setVisible(False)
        (self.draft_banner, self.draft_text, self.resume_button, self.discard_button) = _banner(
            (_("&Continue where you left off"), _("Continue where you left off")),
            (_("&Discard it"), _("Discard it: the unfinished repair")))

        self.pause_banner = PauseBanner()
        self.reminder_banner = ReminderBanner()
        self.pause_banner.open_requested.connect(self.pause_open_requested)
        self.pause_banner.back.connect(self.pause_back)
        self.pause_banner.more_time.connect(self.more_time)
        self.pause_banner.answered.connect(self.away_answered)
        self.reminder_banner.done.connect(self.reminder_done)
        self.reminder_banner.snooze.connect(self.reminder_snooze)

        self.begin_button = QPushButton(_("&Begin a repair"))
        self.begin_button.setObjectName("Primary")
        self.begin_button.setAccessibleName(_("Begin a repair"))
        self.pause_button = QPushButton(_("Take a &pause"))
        self.pause_button.setAccessibleName(_("Take a pause"))
        self.breathe_button = QPushButton(_("Brea&the"))     # Alt+R is Restore
        self.breathe_button.setAccessibleName(_("Breathe"))
        begin_row = QHBoxLayout()       # not a FlowLayout: importing it costs 20 ms of the first paint
        begin_row.addWidget(self.begin_button)
        begin_row.addWidget(self.pause_button)
        begin_row.addWidget(self.breathe_button)
        begin_row.addStretch(1)
        self.look_back_button = QPushButton(_("&Look back"))
        self.look_back_button.setAccessibleName(_("Look back"))
        self.look_back_button.setAccessibleDescription(_("Every moment you kept: read, search and correct them."))
        recent_row = QHBoxLayout()

        recent_title = make_heading(QLabel(_("Recent moments"), objectName="PageTitle"))
        self.recent = _RecentList()
        self.recent.open_requested.connect(self.look_back_requested)
        self.recent.setAccessibleName(_("Recent moments"))
        read_first_item_on_entry(self.recent)
        self.recent.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        # Where even the day and the feeling do not fit one line (German at 200 %), a row wraps
        # rather than losing its numbers.
        self.recent.setWordWrap(True)
        # A long line (German, a large font, a small window) ends in "…" with the whole in its tooltip,
        # never a sideways scroll bar over the last row.
        self.recent.setProperty("horizontalScrollBarPolicy", 1)    # Qt.ScrollBarAlwaysOff, without the Qt namespace
        self.empty = QLabel(_("Nothing here yet. Each repair you finish is kept here, privately, "
                              "like a gold seam in a mended bowl."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("Hint")
        private = QLabel(_("Everything stays on this computer. Nothing is ever sent anywhere."))
        private.setObjectName("Hint")
        private.setWordWrap(True)
        self.settings_button = QPushButton(_("&Settings"))
        self.settings_button.setAccessibleName(_("Settings"))
        self.help_button = QPushButton(_("&Help"))
        self.help_button.setAccessibleName(_("Help"))
        self.help_button.setAccessibleDescription(_("The keys, and about Goldseam"))
        help_menu = QMenu(self.help_button)
        help_menu.addAction(_("Keys (F1)"), self.keys_requested.emit)
        help_menu.addAction(_("About Goldseam"), self.about_requested.emit)
        self.help_button.setMenu(help_menu)
        footer = QHBoxLayout()
        footer.addWidget(private, 1)
        footer.addWidget(self.settings_button)
        footer.addWidget(self.help_button)

        # On a small screen the page scrolls, up and down only.
        content = QWidget()
        self.scroll = vertical_scroll(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self._column = layout = QVBoxLayout(content)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.closure)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.notes)
        layout.addSpacing(8)
        layout.addWidget(self.pause_banner)
        layout.addWidget(self.reminder_banner)
        layout.addWidget(self.restore_banner)
        layout.addWidget(self.draft_banner)
        layout.addLayout(begin_row)
        layout.addSpacing(16)
        recent_row.addWidget(recent_title)
        recent_row.addStretch(1)
        recent_row.addWidget(self.look_back_button)
        layout.addLayout(recent_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.recent)
        layout.addStretch(1)
        layout.addLayout(footer)

        self.begin_button.clicked.connect(self.begin_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.discard_button.clicked.connect(self._confirm_discard)
        self.restore_button.clicked.connect(self.restore_requested)
        self.let_go_button.clicked.connect(self.let_go_requested)
        self.pause_button.clicked.connect(self.take_pause_requested)
        self.breathe_button.clicked.connect(self.breathe_requested)
        self.look_back_button.clicked.connect(lambda: self.look_back_requested.emit(None))
        self.settings_button.clicked.connect(self.settings_requested)
        self.recent.itemActivated.connect(lambda item: self.look_back_requested.emit(item.data(USER_ROLE)))
        b = self.pause_banner
        press_on_enter(self, [self.begin_button, self.pause_button, self.breathe_button, self.look_back_button,
                              self.settings_button, self.help_button,
                              self.resume_button,
                              self.discard_button, self.restore_button, self.let_go_button, b.open_button,
                              b.back_button, b.more_button, b.yes_button, b.no_button,
                              self.reminder_banner.done_button, self.reminder_banner.snooze_button])

    def show_draft(self, draft: RepairMoment | None) -> None:
        self.draft_banner.setVisible(draft is not None)
        self.begin_button.setVisible(draft is None)
        if draft is not None:
            started = date_and_time(clock.from_iso(draft.created_at))
            set_text(self.draft_text, _("You have a repair in progress, started {started}, at step {step} of "
                                        "{count}.").format(started=started, step=draft.step + 1, count=STEP_COUNT))

    def show_saved(self, text: str) -> None:
        """A short word about what just happened (restored, ...), said once."""
        self.closure.setVisible(False)
        set_text(self.saved_note, text, announce=True)
        self.saved_note.setVisible(bool(text))

    def show_closure(self, moment: RepairMoment) -> None:
        """A repair was just saved: a moment of closure, seen and heard, in words that fit
        what the person did."""
        title, text = _closure_words(moment)
        self._closure_of = moment.id
        set_text(self.closure_title, title)
        set_text(self.closure_text, text)
        self.saved_note.clear()
        self.saved_note.setVisible(False)
        self.closure.setVisible(True)
        say(self.closure_text, f"{self.closure_title.text()}. {self.closure_text.text()}")

    def forget_closure_of(self, removed) -> None:
        """The repair the closing words speak of was deleted (in the look back): they go too."""
        if self._closure_of in removed:
            self.closure.setVisible(False)

    def clear_messages(self) -> None:
        self.closure.setVisible(False)
        self.saved_note.clear()
        self.saved_note.setVisible(False)

    def show_notes(self, lines: list[str]) -> None:
        """Things Goldseam found and mended, or keeps for the person, said plainly."""
        set_text(self.notes, "\n".join(lines))
        self.notes.setVisible(bool(lines))

    def show_held(self, text: str | None) -> None:
        """A file was set aside and its backup is kept: the choice stays here until it is made."""
        self.restore_banner.setVisible(text is not None)
        set_text(self.restore_text, text or "")
        self._one_primary()

    def show_moments(self, moments: list[RepairMoment]) -> None:
        self.recent.clear()
        for moment in moments:
            self.recent.add_moment(moment)
        self.recent.fit_rows()
        self.empty.setVisible(not moments)
        self.recent.setVisible(bool(moments))

    def show_pause(self, state: str, back_at: str) -> None:
        """A pause running, its time come, or a question about one that passed while away."""
        with self._arriving(self.pause_banner):
            self.pause_banner.show_state(state, back_at)
            self.pause_button.setVisible(state == NONE)     # the banner offers the way to the pause
        self._one_primary()

    def show_reminder(self, due) -> None:
        with self._arriving(self.reminder_banner):
            self.reminder_banner.show_reminder(due)
        self._one_primary()

    @contextmanager
    def _arriving(self, banner: QWidget):
        """A banner that comes or changes while home is on screen (the time has come, a
        reminder is due) takes the room below the recent moments: nothing above it moves
        under the pointer. Home shown anew puts the banners back at the top."""
        before = (banner.isHidden(), banner.sizeHint().height())
        yield
        if self.isVisible() and not banner.isHidden() and before != (False, banner.sizeHint().height()):
            self._column.removeWidget(banner)
            self._column.insertWidget(self._column.indexOf(self.recent) + 1, banner)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if not event.spontaneous():
            for banner in (self.pause_banner, self.reminder_banner):     # above the restore banner, in order
                self._column.removeWidget(banner)
                self._column.insertWidget(self._column.indexOf(self.restore_banner), banner)
        super().showEvent(event)

    def _one_primary(self) -> None:
        """One gold button at a time: a banner that asks something has the main one."""
        asking = any(not banner.isHidden() for banner in (self.pause_banner, self.reminder_banner,
                                                          self.restore_banner))
        name = "" if asking else "Primary"
        if self.begin_button.objectName() != name:
            self.begin_button.setObjectName(name)
            self.begin_button.style().unpolish(self.begin_button)
            self.begin_button.style().polish(self.begin_button)

    def focus_first(self) -> None:
        if not self.pause_banner.isHidden():
            self.pause_banner.first_button().setFocus()
        elif not self.reminder_banner.isHidden():
            self.reminder_banner.done_button.setFocus()
        else:
            (self.resume_button if not self.draft_banner.isHidden() else self.begin_button).setFocus()

    def _confirm_discard(self) -> None:
        from ..widgets.dialogs import ask_discard_draft

        if ask_discard_draft(self):
            self.discard_requested.emit()


def _closure_words(moment: RepairMoment) -> tuple[str, str]:
    if moment.is_blank():
        return _("This moment is kept"), _("Noticing that something came apart is already a step. "
                                          "You can come back to it whenever you are ready.")
    if moment.reach_back.when == "later":
        return _("This moment is kept"), _("You know what you want to say, and you mean to say it. "
                                          "Turning back toward each other can take a little time; "
                                          "that is part of repair too.")
    return _("This repair is kept"), _("You turned back toward each other, and that is what repair is, even "
                                       "when it comes out imperfectly. It is part of your story now, like a "
                                       "gold seam in a mended bowl.")


def _banner(primary: tuple[str, str], secondary: tuple[str, str]) -> tuple[QFrame, QLabel, QPushButton, QPushButton]:
    """A quiet card: a sentence, then a main and a second button ((label, accessible name) each)."""
    frame = QFrame(objectName="Banner")
    column = QVBoxLayout(frame)
    text = QLabel()
    text.setWordWrap(True)
    buttons = []
    row = QHBoxLayout()
    for label, name in (primary, secondary):
        button = QPushButton(label)
        button.setAccessibleName(name)
        row.addWidget(button)
        buttons.append(button)
    buttons[0].setObjectName("Primary")
    row.addStretch(1)
    column.addWidget(text)
    column.addLayout(row)
    return frame, text, buttons[0], buttons[1]
