"""The person's own kept phrases on the look back: new words, remove (with undo), and a tick
for the ones that land well between them.

Each change goes straight to the repository (one small write) and the list is read back from
it, so what is shown is what is kept. A phrase removed can be put back from the note that
appears (Undo, or Ctrl+Z in the list) until the next removal. Phrases are few: the list is
read on the GUI thread, and a phrase of thousands of characters shows its beginning in the
list and in full while its words are changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ...core.moment import MAX_TEXT
from ...core.repository import MomentRepository, OwnPhrase
from ...i18n import _
from ...storage.errors import StorageError
from ..widgets.accessible import describe, make_heading, say, set_text
from ..widgets.dialogs import tell
from ..widgets.keyboard import press_on_enter
from ..widgets.storage_messages import Explanation

LIST_CHARS = 300            # a longer phrase shows its beginning in the list
TEXT_ROLE = Qt.ItemDataRole.UserRole


class PhrasesView(QWidget):
    """Lists own phrases; `changed` after each change that reached the disk."""

    changed = Signal()

    def __init__(self, repository: MomentRepository, parent: QWidget | None = None):
        super().__init__(parent)
        self._repository = repository
        self._phrases: list[OwnPhrase] = []
        self._removed: OwnPhrase | None = None
        self._filling = False

        title = make_heading(QLabel(_("Your phrases"), objectName="PageTitle"))
        intro = QLabel(_("The words you wrote yourself when reaching back, and kept. Change them, remove the ones "
                         "you no longer use, and tick the ones that land well between you."), objectName="Hint")
        intro.setWordWrap(True)
        self.empty = QLabel(_("No phrases of your own yet. When you write your own words at “Reach back” and "
                              "keep them, they appear here."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.list = QListWidget()
        self.list.setAccessibleName(_("Your own phrases"))
        describe(self.list, _("Space ticks a phrase that lands well between you; F2 changes its words; "
                              "Delete removes it."))
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(False)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.list.itemDoubleClicked.connect(lambda _item: self.start_rename())
        self.list.installEventFilter(self)

        self.lands_well = QCheckBox(_("Lands well between us"))
        self.lands_well.setAccessibleName(_("This phrase lands well between us"))
        self.lands_well.toggled.connect(self._lands_well_toggled)
        self.rename_button = QPushButton(_("Change words…"))
        self.rename_button.setAccessibleDescription(_("Change the words of this phrase"))  # named as shown
        self.rename_button.clicked.connect(self.start_rename)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove this phrase"))
        self.remove_button.clicked.connect(self.remove_current)
        actions = QHBoxLayout()
        actions.addWidget(self.lands_well)
        actions.addStretch(1)
        actions.addWidget(self.rename_button)
        actions.addWidget(self.remove_button)

        # changing the words: a field under the list, with the whole phrase in it
        self.editor = QFrame(objectName="Card")
        self.new_words = QLineEdit()
        self.new_words.setMaxLength(MAX_TEXT)
        self.new_words.setAccessibleName(_("New words for the phrase"))
        self.new_words.returnPressed.connect(self.save_rename)
        self.new_words.installEventFilter(self)
        self.save_button = QPushButton(_("Keep these words"), objectName="Primary")
        self.save_button.setAccessibleName(_("Keep the new words"))
        self.save_button.clicked.connect(self.save_rename)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Keep the words as they were"))
        self.cancel_button.clicked.connect(self.cancel_rename)
        edit_row = QHBoxLayout(self.editor)
        edit_row.addWidget(self.new_words, 1)
        edit_row.addWidget(self.save_button)
        edit_row.addWidget(self.cancel_button)
        self.editor.setVisible(False)

        # after a removal: what went, and the way back
        self.undo_bar = QFrame(objectName="Banner")
        self.undo_note = QLabel()
        self.undo_note.setWordWrap(True)
        self.undo_button = QPushButton(_("Undo"))
        press_on_enter(self, [self.rename_button, self.remove_button, self.save_button, self.cancel_button,
                              self.undo_button])      # Enter presses the focused one, as Space does
        self.undo_button.setAccessibleName(_("Put the removed phrase back"))
        self.undo_button.clicked.connect(self.undo_remove)
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.addWidget(self.undo_note, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.empty, 1)      # in the list's place, from the top (not spread down the page)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.editor)
        layout.addWidget(self.undo_bar)
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Read the phrases again and show them, keeping the one selected (or `select`)."""
        current = select if select is not None else self.current_text()
        try:
            self._phrases = self._repository.own_phrases()
        except StorageError as error:
            self._phrases = []
            tell(self, _explain(error, _("Your phrases could not be read just now.")))
        self._filling = True
        self.list.clear()
        for phrase in self._phrases:
            shown = phrase.text if len(phrase.text) <= LIST_CHARS else phrase.text[: LIST_CHARS - 1].rstrip() + "…"
            item = QListWidgetItem(" ".join(shown.split()) or shown)
            item.setData(TEXT_ROLE, phrase.text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if phrase.lands_well else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._filling = False
        texts = [p.text for p in self._phrases]
        if texts:
            self.list.setCurrentRow(texts.index(current) if current in texts else 0)
        has = bool(texts)
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        self._show_current()

    def phrases(self) -> list[OwnPhrase]:
        return list(self._phrases)

    def current_text(self) -> str | None:
        item = self.list.currentItem()
        return item.data(TEXT_ROLE) if item is not None else None

    def _current_phrase(self) -> OwnPhrase | None:
        text = self.current_text()
        return next((p for p in self._phrases if p.text == text), None)

    def _show_current(self) -> None:
        phrase = self._current_phrase()
        for control in (self.lands_well, self.rename_button, self.remove_button):
            control.setEnabled(phrase is not None)
        self.lands_well.blockSignals(True)
        self.lands_well.setChecked(bool(phrase and phrase.lands_well))
        self.lands_well.blockSignals(False)

    # -- lands well ---------------------------------------------------------------------

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        self.set_lands_well(item.data(TEXT_ROLE), item.checkState() == Qt.CheckState.Checked)

    def _lands_well_toggled(self, checked: bool) -> None:
        text = self.current_text()
        if text is not None:
            self.set_lands_well(text, checked)

    def set_lands_well(self, text: str, lands_well: bool) -> None:
        phrase = next((p for p in self._phrases if p.text == text), None)
        if phrase is None or phrase.lands_well == lands_well:
            return
        if self._write(lambda: self._repository.keep_phrase(OwnPhrase(phrase.text, phrase.category, lands_well))):
            say(self.list, _("Marked as landing well.") if lands_well else _("No longer marked as landing well."))
        self.refresh(select=text)

    # -- new words ----------------------------------------------------------------------

    def start_rename(self) -> None:
        text = self.current_text()
        if text is None:
            return
        self.new_words.setText(text)
        self.editor.setVisible(True)
        self.new_words.selectAll()
        self.new_words.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_rename(self) -> None:
        old = self.current_text()
        new = self.new_words.text().strip()
        if old is None or not new or new == old:
            self.cancel_rename()
            return
        merged = any(p.text == new for p in self._phrases)
        if self._write(lambda: self._repository.rename_phrase(old, new)):
            self.editor.setVisible(False)
            say(self.list, _("Merged with the same phrase you had kept.") if merged else _("New words kept."))
            self.refresh(select=new)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_rename(self) -> None:
        self.editor.setVisible(False)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- remove and undo ----------------------------------------------------------------

    def remove_current(self) -> None:
        phrase = self._current_phrase()
        if phrase is None:
            return
        row = self.list.currentRow()
        if not self._write(lambda: self._repository.forget_phrase(phrase.text)):
            return
        self._removed = phrase
        short = phrase.text if len(phrase.text) <= 60 else phrase.text[:59].rstrip() + "…"
        set_text(self.undo_note, _("Removed: “{phrase}”").format(phrase=" ".join(short.split())), announce=True)
        self.undo_bar.setVisible(True)
        self.editor.setVisible(False)
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def undo_remove(self) -> None:
        phrase = self._removed
        if phrase is None:
            return
        if self._write(lambda: self._repository.keep_phrase(phrase)):
            self._removed = None
            self.undo_bar.setVisible(False)
            say(self.list, _("The phrase is back."))
            self.refresh(select=phrase.text)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.list and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            ours = (event.matches(QKeySequence.StandardKey.Undo) and self._removed is not None) \
                or (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_F2) and event.modifiers() == Qt.KeyboardModifier.NoModifier)
            if ours and kind == QEvent.Type.ShortcutOverride:
                event.accept()      # the list's own keys, before any shortcut of the screen around it
                return True
            if ours:
                if event.matches(QKeySequence.StandardKey.Undo):
                    self.undo_remove()
                elif event.key() == Qt.Key.Key_Delete:
                    self.remove_current()
                else:
                    self.start_rename()
                return True
        if watched is self.new_words and kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.cancel_rename()
            return True
        return super().eventFilter(watched, event)

    # -- writing ------------------------------------------------------------------------

    def _write(self, change) -> bool:
        """One change through the repository; a refusal is explained and nothing else changes."""
        try:
            change()
        except StorageError as error:
            tell(self, _explain(error, _("Your phrases are as they were.")))
            self.refresh()
            return False
        self.changed.emit()
        return True


def _explain(error: StorageError, kept: str) -> Explanation:
    reason = getattr(error, "reason", None) or str(error)
    if getattr(error, "disk_full", False):
        why = _("The disk is full, so the change could not be saved.")
    elif getattr(error, "not_allowed", False):
        why = _("Goldseam may not write to its folder just now.")
    else:
        why = _("The change could not be saved ({reason}).").format(reason=reason)
    return Explanation(_("Not changed"), f"{why} {kept}")
