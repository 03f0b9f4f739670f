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

        (self.restore_banner, self.restore_text, self.restore_button, self.let_go_button) = _banner(
            (_("&Restore the backup"), _("Restore the backup")), (_("Let it go\u2026"), _("Let the backup go")))
        self.restore_banner.setVisible(False)
        (self.draft_banner, self.draft_text, self.resume_button, self.discard_button) = _banner(
            (_("&Continue where you left off"), _("Continue where you left off")),
            (_("&Discard it"), _("Discard the unfinished repair")))

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
