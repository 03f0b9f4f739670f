"""Step 3: acknowledge the impact, with sentence stems and a gentle private nudge."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.nudges import ACKNOWLEDGE_STEMS, Nudge, find_nudge
from ...i18n import _
from ..widgets.accessible import say, set_text
from ..widgets.flow_layout import FlowLayout
from ..widgets.scrolling import scroll_into_view
from ..widgets.text_box import TextBox
from .page_base import WizardPage


NUDGE_SAY_DELAY_MS = 1500     # a screen reader hears a nudge when the typing pauses, not mid-word


class AcknowledgePage(WizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._dismissed: set[str] = set()
        self._quiet: set[str] = set()           # sentences a dismissal has quieted
        self._nudge: Nudge | None = None
        self.text = TextBox(_("What you can acknowledge"), _("Write it the way you might say it to them."),
                            min_lines=5)
        stems = QWidget()
        stems.setAccessibleName(_("Ways to begin"))
        flow = FlowLayout(stems, spacing=6)
        self.stem_buttons: list[QPushButton] = []
        for stem in ACKNOWLEDGE_STEMS:
            button = QPushButton(_(stem).strip())
            button.setObjectName("Stem")
            button.setAccessibleName(_("Begin with: {words}").format(words=_(stem).strip()))
            button.clicked.connect(lambda _checked=False, s=stem: self.insert_stem(_(s)))
            flow.addWidget(button)
            self.stem_buttons.append(button)

        self.nudge_frame = QFrame(objectName="Nudge")
        self.nudge_frame.setAccessibleName(_("A gentle suggestion"))
        row = QHBoxLayout(self.nudge_frame)
        words = QVBoxLayout()
        self.nudge_text = QLabel()
        self.nudge_text.setWordWrap(True)
        private = QLabel(_("Only you see these suggestions. They never stop you from going on."))
        private.setObjectName("Hint")
        private.setWordWrap(True)
        words.addWidget(self.nudge_text)
        words.addWidget(private)
        self.dismiss_button = QPushButton(_("Thanks, noted"))
        self.dismiss_button.setAccessibleName(_("Thanks, noted: dismiss the suggestion"))
        self.dismiss_button.clicked.connect(self.dismiss_nudge)
        row.addLayout(words, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.nudge_frame.setVisible(False)

        self.body.addWidget(self.section_label(_("A few ways to begin (they add to your text):"), stems))
        self.body.addWidget(stems)
        self.add_text_box(_("What can you acknowledge about your impact?"), self.text)
        self.body.addWidget(self.nudge_frame)
        self.body.addStretch(1)
        self.text.edited.connect(self._changed)
        self._said: str | None = None              # the nudge last said aloud
        self._say_nudge = QTimer(self, singleShot=True, interval=NUDGE_SAY_DELAY_MS)
        self._say_nudge.timeout.connect(self._say_current_nudge)

    def first_focus(self) -> QWidget:
        return self.text

    def load(self) -> None:
        self.text.set_text_quietly(self.moment.acknowledge.text)
        self._update_nudge()

    def store(self) -> None:
        self.moment.acknowledge.text = self.text.text()
        self._update_nudge()

    def insert_stem(self, stem: str) -> None:
        cursor = self.text.textCursor()
        if cursor.position() > 0 and not self._text_before(cursor).endswith((" ", "\u00a0", "\n", "\u2029")):
            stem = " " + stem
        self.text.insert_text(stem)
        self.text.setFocus()

    @staticmethod
    def _text_before(cursor: QTextCursor) -> str:
        """The character just before the cursor (or its selection)."""
        before = QTextCursor(cursor.document())
        before.setPosition(cursor.selectionStart())
        before.movePosition(QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor)
        return before.selectedText()

    def _say_current_nudge(self) -> None:
        if self._nudge is not None and self._nudge.key != self._said:
            self._said = self._nudge.key
            say(self.nudge_text, self.nudge_text.text())

    def dismiss_nudge(self) -> None:
        self.text.setFocus()            # first: the button is about to be hidden
        if self._nudge is not None:
            self._dismissed.add(self._nudge.key)
            self._quiet.add(self._nudge.sentence)
        self._update_nudge()

    def _update_nudge(self) -> None:
        before = self._nudge
        self._nudge = find_nudge(self.text.text(), frozenset(self._dismissed), frozenset(self._quiet))
        self.nudge_frame.setVisible(self._nudge is not None)
        if self._say_nudge.isActive():
            self._say_nudge.start()             # still typing: wait for the pause
        if self._nudge is None:
            self._said = None
        else:
            new = before is None or before.key != self._nudge.key
            set_text(self.nudge_text, _(self._nudge.message))
            if new:
                scroll_into_view(self.nudge_frame)
                if not self._loading:
                    self._say_nudge.start()     # said once the typing pauses, if it is still there
