"""Step 4: reach back. Pick or write a phrase, copy it, say it now or plan it.

Choosing a phrase is deliberate (a click, Enter or Space on it, or "Use this phrase"):
moving through the list with Tab or the arrow keys never touches "Your words". When a
phrase replaces words the person wrote, the replacement can be undone in the box
(Ctrl+Z) and a "Bring back my words" button stays until the next edit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QWidget)

from datetime import datetime
from typing import Callable

from ...core import clock
from ...core.phrases import OWN_CATEGORY, PHRASE_GROUPS, group_by_key
from ...i18n import _
from ...storage.errors import StorageError
from ...core.repository import MomentRepository, OwnPhrase
from ..widgets.accessible import read_first_item_on_entry, say, set_text
from ..widgets.chip_group import Chip
from ..widgets.flow_layout import FlowLayout
from ..widgets.steady import keep_room
from ..widgets.text_box import TextBox
from ..widgets.wheel_guard import scroll_past
from .page_base import WizardPage
from .remind_row import RemindRow


LIST_CHARS = 300    # a longer own phrase shows its beginning in the list, and in full once chosen


class ReachBackPage(WizardPage):
    storage_failed = Signal(object)

    def __init__(self, phrase_book: MomentRepository, parent: QWidget | None = None, now: Callable[[], datetime] = clock.now):
        super().__init__(parent)
        self._book = phrase_book
        self.group = QComboBox()
        self.group.setAccessibleName(_("Kind of phrase"))
        scroll_past(self.group)
        for group in PHRASE_GROUPS:
            self.group.addItem(_(group.title), group.key)
        self.group.addItem(_("My own phrases"), OWN_CATEGORY)
        self.phrases = QListWidget()
        self.phrases.setAccessibleName(_("Phrases"))
        read_first_item_on_entry(self.phrases)
        self.phrases.setMinimumHeight(120)
        self.phrases.setMaximumHeight(180)
        self.phrases.setWordWrap(True)          # a long phrase of their own wraps, never scrolls sideways
        self.phrases.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.phrases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phrases.installEventFilter(self)
        self.use_button = QPushButton(_("Use this phrase"))
        self.use_button.setAccessibleName(_("Use this phrase as your words"))
        self.words = TextBox(_("Your words"), _("Choose a phrase above, or write your own."), min_lines=2)
        self.replaced_row = QWidget()
        self.replaced_text = QLabel(_("The phrase replaced what you wrote."))
        self.replaced_text.setObjectName("Hint")
        self.restore_button = QPushButton(_("Bring back my words"))
        self.restore_button.setAccessibleName(self.restore_button.text())
        replaced_layout = QHBoxLayout(self.replaced_row)
        replaced_layout.setContentsMargins(4, 0, 0, 0)
        self.replaced_text.setWordWrap(True)     # German ran past the right edge at 200 %
        replaced_layout.addWidget(self.replaced_text, 1)
        replaced_layout.addWidget(self.restore_button)
        self.replaced_row.setVisible(False)
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.setAccessibleName(_("Copy your words"))
        self.keep_button = QPushButton(_("Keep as my phrase"))
        self.keep_button.setAccessibleName(_("Keep as my phrase: these words, for next time"))
        self.lands_well = QCheckBox(_("This one lands well between us"))
        self.lands_well.setAccessibleName(self.lands_well.text())
        self.status = QLabel()
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        keep_room(self.status, lines=2)     # "Copied." or "Kept." (two lines on a narrow window) move nothing below
        # Two toggles, not radio buttons: each is its own Tab stop, Space or Enter sets it,
        # and pressing the chosen one again goes back to "not decided".
        self.when = QWidget()
        self.when.setAccessibleName(_("When will you say it?"))
        self.now_choice = Chip(_("I'll say it now"), _("I'll say it now"))
        self.later_choice = Chip(_("I'll say it later"), _("I'll say it later"))
        when_flow = FlowLayout(self.when)
        when_flow.addWidget(self.now_choice)
        when_flow.addWidget(self.later_choice)

        group_row = QHBoxLayout()
        group_row.addWidget(self.section_label(_("Phrases for"), self.group))
        group_row.addWidget(self.group, 1)
        use_row = QHBoxLayout()
        use_row.addWidget(self.use_button)
        use_row.addStretch(1)
        actions = QWidget()
        actions_flow = FlowLayout(actions)
        actions_flow.addWidget(self.copy_button)
        actions_flow.addWidget(self.keep_button)
        actions_flow.addWidget(self.lands_well)

        self.body.addLayout(group_row)
        self.body.addWidget(self.section_label(_("Pick one to use as your words (click it, or press Enter):"), self.phrases))
        self.body.addWidget(self.phrases)
        self.body.addLayout(use_row)
        self.body.addSpacing(4)
        self.add_text_box(_("Your words"), self.words)
        self.body.addWidget(self.replaced_row)
        self.body.addWidget(actions)
        self.body.addWidget(self.status)
        self.body.addWidget(self.section_label(_("When will you say it?"), self.when))
        self.body.addWidget(self.when)
        self.remind = RemindRow(now)
        self.remind.setVisible(False)
        self.body.addWidget(self.remind)
        self.body.addStretch(1)

        self.group.currentIndexChanged.connect(self._fill_phrases)
        self.group.currentIndexChanged.connect(self.status.clear)
        self.phrases.currentItemChanged.connect(self._sync_use_button)
        self.phrases.itemClicked.connect(self._pick)
        self.phrases.itemActivated.connect(self._pick)       # double-click, or a single one where the desktop says so
        self.use_button.clicked.connect(lambda: self._pick(self.phrases.currentItem()))
        self.restore_button.clicked.connect(self.bring_back_words)
        self.words.edited.connect(self._words_edited)
        self.copy_button.clicked.connect(self.copy_words)
        self.keep_button.clicked.connect(self.keep_words)
        self.lands_well.toggled.connect(self._mark_lands_well)
        self.now_choice.toggled.connect(lambda on: self._choose_when(self.now_choice, on))
        self.later_choice.toggled.connect(lambda on: self._choose_when(self.later_choice, on))
        self.remind.changed.connect(self._changed)
        self._own: list[OwnPhrase] = []
        self._category: str | None = None
        self._placed: str | None = None                         # the phrase the last pick put in the box
        self._replaced: tuple[str, str | None] | None = None    # (their words, category) a phrase replaced
        self._picking = False
        self.setTabOrder(self.phrases, self.use_button)
        self.setTabOrder(self.use_button, self.words)
        self.setTabOrder(self.words, self.restore_button)
        self.setTabOrder(self.restore_button, self.copy_button)

    def first_focus(self) -> QWidget:
        return self.group

    def load(self) -> None:
        reach = self.moment.reach_back
        self._category = reach.category
        self._load_own()
        index = self.group.findData(reach.category) if reach.category else 0
        self.group.setCurrentIndex(max(index, 0))
        self._fill_phrases()
        self.words.set_text_quietly(reach.phrase)
        self.now_choice.setChecked(reach.when == "now")
        self.later_choice.setChecked(reach.when == "later")
        self.remind.set_value(reach.remind_at if reach.when == "later" else None)
        self.remind.setVisible(reach.when == "later")
        self._placed = None
        self._offer_way_back(None)
        self._sync_own_controls()
        self.status.clear()

    def store(self) -> None:
        reach = self.moment.reach_back
        reach.phrase = self.words.text()
        reach.category = self._category
        reach.when = "now" if self.now_choice.isChecked() else "later" if self.later_choice.isChecked() else None
        self.remind.setVisible(reach.when == "later")
        reach.remind_at = self.remind.value() if reach.when == "later" else None

    # -- phrases ------------------------------------------------------------

    def _load_own(self) -> None:
        try:
            self._own = self._book.own_phrases()
        except StorageError as error:
            self._own = []
            self.storage_failed.emit(error)

    def _fill_phrases(self) -> None:
        key = self.group.currentData()
        self.phrases.blockSignals(True)
        self.phrases.clear()
        if key == OWN_CATEGORY:
            for phrase in self._own:
                shown = phrase.text if len(phrase.text) <= LIST_CHARS else phrase.text[:LIST_CHARS].rstrip() + "\u2026"
                label = f"\u2605 {shown}" if phrase.lands_well else shown
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, phrase.text)
                self.phrases.addItem(item)
            if not self._own:
                item = QListWidgetItem(_("Nothing kept yet. Write words that are yours, then \u201cKeep as my phrase\u201d."))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.phrases.addItem(item)
        else:
            group = group_by_key(key)
            for phrase in group.phrases if group else ():
                item = QListWidgetItem(_(phrase))
                item.setData(Qt.ItemDataRole.UserRole, _(phrase))
                self.phrases.addItem(item)
        self.phrases.blockSignals(False)
        self._sync_use_button()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Enter, Return or Space on the phrase list chooses the phrase it is on."""
        if (watched is self.phrases and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self._pick(self.phrases.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _sync_use_button(self, *_args: object) -> None:
        item = self.phrases.currentItem()
        self.use_button.setEnabled(bool(item is not None and item.data(Qt.ItemDataRole.UserRole)))

    def _pick(self, item: QListWidgetItem | None) -> None:
        """Put the phrase in "Your words", keeping a way back to what the person wrote."""
        if item is None or self._loading or self.moment is None:
            return
        text = item.data(Qt.ItemDataRole.UserRole)
        if not text:
            return
        previous_category, self._category = self._category, self.group.currentData()
        current = self.words.text()
        if current != text:
            if current.strip() and current != self._placed:
                self._replaced = (current, previous_category)
            elif not current.strip():
                self._replaced = None
            # else: one phrase for another; the way back (if any) still leads to their own words
            self._picking = True
            try:
                self.words.replace_all(text)
            finally:
                self._picking = False
        self._placed = text
        self.status.clear()
        replacing = self._replaced is not None and self.replaced_row.isHidden()
        self._offer_way_back(self._replaced)       # says so itself when it replaced their words
        if not replacing:
            say(self.words, _("Chosen as your words: {phrase}").format(phrase=text))
        self._sync_own_controls()
        self._changed()

    def bring_back_words(self) -> None:
        if self._replaced is None:
            return
        words, _category = self._replaced
        self.words.replace_all(words)           # an edit like any other: Ctrl+Z takes it back again
        self.words.setFocus()

    def _offer_way_back(self, replaced: tuple[str, str | None] | None) -> None:
        appearing = replaced is not None and self.replaced_row.isHidden()
        self._replaced = replaced
        self.replaced_row.setVisible(replaced is not None)
        if appearing:
            say(self.words, self.replaced_text.text())

    def _words_edited(self) -> None:
        if not self._picking and self._replaced is not None:
            words, category = self._replaced
            if self.words.text() == words:      # their words are back (the button, or Ctrl+Z)
                self._category = category
            self._offer_way_back(None)
        self._sync_own_controls()
        self._changed()

    def _own_phrase(self) -> OwnPhrase | None:
        text = self.words.text().strip()
        return next((p for p in self._own if p.text == text), None)

    def _sync_own_controls(self) -> None:
        own = self._own_phrase()
        self.lands_well.setEnabled(own is not None)     # before Keep is disabled: focus may go there
        self.copy_button.setEnabled(bool(self.words.text().strip()))
        self.keep_button.setEnabled(bool(self.words.text().strip()) and own is None)
        self.lands_well.blockSignals(True)
        self.lands_well.setChecked(bool(own and own.lands_well))
        self.lands_well.blockSignals(False)

    def copy_words(self) -> None:
        if not self.words.text().strip():
            return
        QGuiApplication.clipboard().setText(self.words.text())
        set_text(self.status, _("Copied. You can paste it into a message, or just read it aloud."), announce=True)

    def keep_words(self) -> None:
        text = self.words.text().strip()
        if not text:
            return
        category = self._category if self._category and self._category != OWN_CATEGORY else None
        if not self._store_phrase(OwnPhrase(text, category, False)):
            return
        self.lands_well.setEnabled(True)
        self.lands_well.setFocus()      # the next thing to say about a kept phrase
        self._sync_own_controls()
        set_text(self.status, _("Kept. You will find it under \u201cMy own phrases\u201d next time."), announce=True)

    def _mark_lands_well(self, on: bool) -> None:
        own = self._own_phrase()
        if own is not None:
            self._store_phrase(OwnPhrase(own.text, own.category, on))

    def _store_phrase(self, phrase: OwnPhrase) -> bool:
        try:
            self._book.keep_phrase(phrase)
        except StorageError as error:
            self.storage_failed.emit(error)
            return False
        self._load_own()
        if self.group.currentData() == OWN_CATEGORY:
            self._fill_phrases()
        return True

    def _choose_when(self, button: QPushButton, on: bool) -> None:
        if on:
            other = self.later_choice if button is self.now_choice else self.now_choice
            other.blockSignals(True)
            other.setChecked(False)
            other.blockSignals(False)
        self._changed()

