"""The home screen: begin a repair, continue the unfinished one, see recent moments."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ..core import clock
from ..core.moment import RepairMoment
from ..i18n import _

RECENT_LIMIT = 8
# Qt.ItemDataRole.UserRole as a plain number: touching the Qt namespace costs
# tens of milliseconds at start-up, and the home screen is the first paint.
USER_ROLE = 256


def describe(moment: RepairMoment) -> str:
    """One line for a moment: date, first words, intensity before → after."""
    when = clock.from_iso(moment.created_at).astimezone().strftime("%d %b %Y")
    words = moment.first_words() or _("(no words written)")
    before, after = moment.notice.intensity, moment.accept.intensity
    if before is None and after is None:
        shift = ""
    else:
        shift = f"   {'–' if before is None else before} \u2192 {'–' if after is None else after}"
    return f"{when}   {words}{shift}"


class HomePage(QWidget):
    begin_requested = Signal()
    resume_requested = Signal()
    discard_requested = Signal()
    restore_requested = Signal()
    let_go_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(_("Goldseam"), objectName="AppTitle")
        intro = QLabel(_("When something between you has come apart, you can mend it here, "
                         "one small step at a time. The seams are part of the story."))
        intro.setWordWrap(True)
        intro.setObjectName("Question")
        self.saved_note = QLabel()
        self.saved_note.setObjectName("Hint")
        self.saved_note.setAccessibleName(_("Saved"))

        self.notes = QLabel()
        self.notes.setObjectName("Hint")
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)

        self.restore_banner = QFrame(objectName="Banner")
        restore = QVBoxLayout(self.restore_banner)
        self.restore_text = QLabel()
        self.restore_text.setWordWrap(True)
        self.restore_button = QPushButton(_("&Restore the backup"))
        self.restore_button.setObjectName("Primary")
        self.restore_button.setAccessibleName(_("Restore the backup"))
        self.let_go_button = QPushButton(_("Let it go\u2026"))
        self.let_go_button.setAccessibleName(_("Let the backup go"))
        restore_buttons = QHBoxLayout()
        restore_buttons.addWidget(self.restore_button)
        restore_buttons.addWidget(self.let_go_button)
        restore_buttons.addStretch(1)
        restore.addWidget(self.restore_text)
        restore.addLayout(restore_buttons)
        self.restore_banner.setVisible(False)

        self.draft_banner = QFrame(objectName="Banner")
        banner = QVBoxLayout(self.draft_banner)
        self.draft_text = QLabel()
        self.draft_text.setWordWrap(True)
        self.resume_button = QPushButton(_("&Continue where you left off"))
        self.resume_button.setObjectName("Primary")
        self.resume_button.setAccessibleName(_("Continue where you left off"))
        self.discard_button = QPushButton(_("&Discard it"))
        self.discard_button.setAccessibleName(_("Discard the unfinished repair"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        banner.addWidget(self.draft_text)
        banner.addLayout(buttons)

        self.begin_button = QPushButton(_("&Begin a repair"))
        self.begin_button.setObjectName("Primary")
        self.begin_button.setAccessibleName(_("Begin a repair"))
        begin_row = QHBoxLayout()
        begin_row.addWidget(self.begin_button)
        begin_row.addStretch(1)

        recent_title = QLabel(_("Recent moments"))
        recent_title.setObjectName("PageTitle")
        self.recent = QListWidget()
        self.recent.setAccessibleName(_("Recent moments"))
        self.recent.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.empty = QLabel(_("Nothing here yet. Each repair you finish is kept here, privately, "
                              "like a gold seam in a mended bowl."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("Hint")
        private = QLabel(_("Everything stays on this computer. Nothing is ever sent anywhere."))
        private.setObjectName("Hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.notes)
        layout.addSpacing(8)
        layout.addWidget(self.restore_banner)
        layout.addWidget(self.draft_banner)
        layout.addLayout(begin_row)
        layout.addSpacing(16)
        layout.addWidget(recent_title)
        layout.addWidget(self.empty)
        layout.addWidget(self.recent)
        layout.addStretch(1)
        layout.addWidget(private)

        self.begin_button.clicked.connect(self.begin_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.discard_button.clicked.connect(self._confirm_discard)
        self.restore_button.clicked.connect(self.restore_requested)
        self.let_go_button.clicked.connect(self.let_go_requested)

    def show_draft(self, draft: RepairMoment | None) -> None:
        self.draft_banner.setVisible(draft is not None)
        self.begin_button.setVisible(draft is None)
        if draft is not None:
            started = clock.from_iso(draft.created_at).astimezone().strftime("%d %b, %H:%M")
            self.draft_text.setText(_("You have a repair in progress, started %s, at step %d of 5.")
                                    % (started, draft.step + 1))

    def show_notes(self, lines: list[str]) -> None:
        """Things Goldseam found and mended, or keeps for the person, said plainly."""
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def show_held(self, text: str | None) -> None:
        """A file was set aside and its backup is kept: the choice stays here until it is made."""
        self.restore_banner.setVisible(text is not None)
        self.restore_text.setText(text or "")

    def show_moments(self, moments: list[RepairMoment]) -> None:
        self.recent.clear()
        for moment in moments:
            item = QListWidgetItem(describe(moment))
            item.setData(USER_ROLE, moment.id)
            self.recent.addItem(item)
        self.empty.setVisible(not moments)
        self.recent.setVisible(bool(moments))

    def focus_first(self) -> None:
        (self.resume_button if self.draft_banner.isVisible() else self.begin_button).setFocus()

    def _confirm_discard(self) -> None:
        from .dialogs import ask_discard_draft

        if ask_discard_draft(self):
            self.discard_requested.emit()
