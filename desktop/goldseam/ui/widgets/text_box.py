"""A multi-line text field that behaves well with the keyboard (Tab moves on) and never
holds more than a moment can keep (MAX_TEXT characters, counted as Python counts them).

Every way text gets in is held to the limit: typed keys, paste (shortcut and context
menu), drag and drop, input method commits and the page's own insertions (`insert_text`,
`replace_all`). A last check after any other change trims what a path we did not foresee
added. What did not fit is said in a small note under the box (`footer`, which the page
places right below it), and a quiet counter shows up near the limit (not beside the note: one message at a time).

Cost per keystroke far below the limit: one `characterCount()` (UTF-16 units, an upper
bound of characters); the whole text is read only within 10 % of the limit.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, QSignalBlocker, QTextBoundaryFinder, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from ...core.moment import MAX_TEXT
from ...i18n import _
from .accessible import say
from .local_format import number
from .scrolling import scroll_into_view

_TYPED, _PASTED = "typed", "pasted"


class TextBox(QPlainTextEdit):
    edited = Signal()

    def __init__(self, accessible_name: str, placeholder: str = "", parent: QWidget | None = None,
                 min_lines: int = 3, limit: int = MAX_TEXT):
        super().__init__(parent)
        self.limit = limit
        self._near = limit * 9 // 10
        self._trimming = False
        self._changes = 0                   # text changes reported so far
        self._keep_note = False             # the next reported change is the cut itself
        self._history = (0, 0)              # undo and redo steps after the last change
        self._last_change = (0, 0)          # (position, characters added) of the latest change
        self._description = ""              # the question and hint the box answers
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 20)
        self.setMaximumHeight(line * min_lines * 2 + 20)

        # Shown only when there is something to say; the page adds it right below the box.
        self.footer = QWidget()
        row = QHBoxLayout(self.footer)
        row.setContentsMargins(4, 0, 4, 0)
        self.note = QLabel()
        self.note.setObjectName("BoxNote")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.counter = QLabel()
        self.counter.setObjectName("Quiet")
        self.counter.setVisible(False)
        row.addWidget(self.note, 1)
        row.addStretch(0)
        row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.footer.setVisible(False)

        self.document().contentsChange.connect(self._remember_change)
        self.textChanged.connect(self._text_changed)

    def set_description(self, text: str) -> None:
        """What a screen reader says after the box's name: the question it answers."""
        self._description = text
        if self.note.isHidden():
            self.setAccessibleDescription(text)

    # -- reading and writing ------------------------------------------------

    def text(self) -> str:
        """Exactly what the person wrote (toPlainText would turn no-break spaces into spaces)."""
        raw = self.document().toRawText()
        for separator in _LINE_BREAKS:          # str.replace: far faster than str.translate
            if separator in raw:
                raw = raw.replace(separator, "\n")
        return raw

    def set_text_quietly(self, text: str) -> None:
        """Show stored text as it is (even over the limit) without reporting an edit."""
        if self.text() != text:
            with QSignalBlocker(self):
                self.setPlainText(text)         # a fresh start: nothing to undo
            self._history = (0, 0)
        self._hide_note()
        self._update_counter()

    def insert_text(self, text: str) -> bool:
        """Insert at the cursor, as much as fits. False when some of it was left out."""
        cursor = self.textCursor()
        fitting = self._fit(text, len(cursor.selectedText()))
        before = self._changes
        if fitting:
            cursor.insertText(fitting)
            self.setTextCursor(cursor)
        if fitting != text:
            self._show_full(_TYPED, pending=bool(fitting) and self._changes == before)
            return False
        return True

    def replace_all(self, text: str) -> bool:
        """Replace everything in one step the person can undo (Ctrl+Z), as much as fits."""
        fitting = _cut(text, self.limit)
        before = self._changes
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(fitting)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        if fitting != text:
            self._show_full(_TYPED, pending=self._changes == before)
            return False
        return True

    # -- the ways text comes in ---------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if _unused_shortcut(event):
            event.ignore()              # Alt+letter is a shortcut, never a letter in the person's words
            return
        incoming = _typed_text(event)
        if incoming and not self._has_room_for(incoming):
            event.accept()
            self.insert_text("\n" if incoming == "\n" else incoming)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - paste and drop
        if not source.hasText() or self._has_room_for(source.text()):
            super().insertFromMimeData(source)
            return
        text = source.text()
        fitting = self._fit(text, len(self.textCursor().selectedText()))
        before = self._changes
        if fitting:
            # Put in as typed text, not through Qt's insertFromMimeData: with the box nearly
            # full, its own cursor-into-view step after a drop crashed in QTextLine (Qt 6.11).
            self.textCursor().insertText(fitting)
        # A drop runs inside an edit block: its change is reported after we return.
        self._show_full(_PASTED, pending=bool(fitting) and self._changes == before)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt naming
        commit = event.commitString()
        if not commit or self._has_room_for(commit):
            super().inputMethodEvent(event)
            return
        replaced = event.replacementLength() or len(self.textCursor().selectedText())
        fitting = self._fit(commit, replaced)
        trimmed = QInputMethodEvent(event.preeditString(), event.attributes())
        trimmed.setCommitString(fitting, event.replacementStart(), event.replacementLength())
        before = self._changes
        super().inputMethodEvent(trimmed)
        self._show_full(_TYPED, pending=bool(fitting) and self._changes == before)

    # -- counting -------------------------------------------------------------

    def _has_room_for(self, text: str) -> bool:
        """Cheap when far below the limit: UTF-16 units are never fewer than characters."""
        if self.document().characterCount() - 1 + len(text.encode("utf-16-le")) // 2 <= self.limit:
            return True
        return len(text) <= self.limit - len(self.text()) + len(self.textCursor().selectedText())

    def _fit(self, text: str, replaced: int) -> str:
        return _cut(text, self.limit - len(self.text()) + replaced)

    # -- after any change -------------------------------------------------------

    def _remember_change(self, position: int, _removed: int, added: int) -> None:
        self._last_change = (position, added)

    def _text_changed(self) -> None:
        if self._trimming:
            return
        self._changes += 1
        document = self.document()
        units = document.characterCount() - 1
        count = len(self.text()) if units >= self._near else units
        trimmed = False
        if count > self.limit:
            if not self._step_past_limit():
                trimmed = self._trim_last_change(count)
            count = len(self.text())
        self._history = (document.availableUndoSteps(), document.availableRedoSteps())
        if self._keep_note:
            self._keep_note = False
        elif not trimmed:
            self._hide_note()
        self._update_counter(count)
        self.edited.emit()

    def _step_past_limit(self) -> bool:
        """Undo (or redo) brought back text a trim had taken out: keep going the same way
        until the box is within the limit again, so Ctrl+Z is never stuck. False when the
        change was not an undo or redo."""
        document = self.document()
        undo_steps, redo_steps = self._history
        if document.availableUndoSteps() < undo_steps:
            step, available = document.undo, document.isUndoAvailable
        elif document.availableRedoSteps() < redo_steps:
            step, available = document.redo, document.isRedoAvailable
        else:
            return False
        self._trimming = True
        try:
            while available() and len(self.text()) > self.limit:
                step()
        finally:
            self._trimming = False
        return True

    def _trim_last_change(self, count: int) -> bool:
        """Something we did not foresee pushed the box past the limit: take back the excess
        from what was just added (never from what was there before, so text loaded over the
        limit stays as it is). True when something was taken back."""
        position, added = self._last_change
        if added <= 0:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(min(position + added, self.document().characterCount() - 1),
                           QTextCursor.MoveMode.KeepAnchor)
        just_added = cursor.selectedText()
        keep = _cut(just_added, max(0, len(just_added) - (count - self.limit)))
        self._trimming = True
        try:
            cursor.joinPreviousEditBlock()
            cursor.setPosition(position + _units(keep))
            cursor.setPosition(position + _units(just_added), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.endEditBlock()
        finally:
            self._trimming = False
        self._show_full(_TYPED)
        return True

    # -- what the person sees --------------------------------------------------

    def _show_full(self, how: str, pending: bool = False) -> None:
        """Say that the box is full. `pending`: the change that filled it is still to be reported."""
        self._keep_note = pending
        limit = number(self.limit)
        if how == _PASTED:
            text = _("This box is full: it holds up to {limit} characters. The rest was not added, "
                     "and is still where you copied it from.").format(limit=limit)
        else:
            text = _("This box is full: it holds up to {limit} characters. The rest was not added.").format(
                limit=limit)
        self.note.setText(text)
        self.note.setVisible(True)
        self.setAccessibleDescription(f"{text} {self._description}".strip())
        self._update_counter()
        say(self, text)
        scroll_into_view(self.footer)

    def _hide_note(self) -> None:
        if not self.note.isHidden():
            self.note.setVisible(False)
            self.note.clear()
            self.setAccessibleDescription(self._description)

    def _update_counter(self, count: int | None = None) -> None:
        if count is None:
            units = self.document().characterCount() - 1
            count = len(self.text()) if units >= self._near else units
        near = count >= self._near and self.note.isHidden()     # the note says it already
        if near:
            self.counter.setText(_("{count} of {limit} characters").format(
                count=number(count), limit=number(self.limit)))
        if near == self.counter.isHidden():
            self.counter.setVisible(near)
        shown = near or not self.note.isHidden()
        if shown == self.footer.isHidden():
            self.footer.setVisible(shown)


# Paragraph and line separators (and frame marks) as the document keeps them; all are "\n" in text().
_LINE_BREAKS = ("\u2029", "\u2028", "\ufdd0", "\ufdd1")


def _unused_shortcut(event: QKeyEvent) -> bool:
    """Alt (without Ctrl: AltGr is Ctrl+Alt on Windows) with a printable key. On macOS
    Option types accented letters, so there it is typing."""
    modifiers = event.modifiers()
    alt_only = (modifiers & Qt.KeyboardModifier.AltModifier
                and not modifiers & Qt.KeyboardModifier.ControlModifier)
    return bool(alt_only and sys.platform != "darwin" and event.text() and event.text().isprintable())


def _typed_text(event: QKeyEvent) -> str:
    """The text a key press would add to the box ("" for keys that only move or delete)."""
    key = event.key()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "" if event.modifiers() & Qt.KeyboardModifier.ControlModifier else "\n"
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return ""                                   # Tab moves on (setTabChangesFocus)
    text = event.text()
    return text if text and text[0].isprintable() else ""


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, room: int) -> str:
    """At most `room` characters of `text`, never ending inside a character as the person
    sees it (an accented letter, an emoji with its modifiers)."""
    if room <= 0:
        return ""
    if len(text) <= room:
        return text
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    finder.setPosition(_units(text[:room]))
    if not finder.isAtBoundary():
        finder.toPreviousBoundary()
    end = max(finder.position(), 0)
    return text.encode("utf-16-le")[: end * 2].decode("utf-16-le")
