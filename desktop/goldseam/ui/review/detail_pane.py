"""One moment, read as a whole and corrected in place: every answer, its tags, delete.

A moment opens as calm reading text (every answer whole, no boxes); "Edit" turns it into the
fields of today, which grow with their text, and "Done" back into reading.

Edits are saved about half a second after typing stops, when the focus leaves a field, and
when the person moves to another moment or leaves the look back. A failed save keeps the
words on screen and tries again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ...core.moment import MAX_TAGS, RepairMoment
from ...core.repository import MomentRepository
from ...core.steps import FEELINGS
from ...i18n import N_, _
from ...storage.errors import StorageError
from ..widgets.accessible import make_heading, say, set_text
from ..widgets.chip_group import ChipGroup
from ..widgets.flow_layout import FlowLayout
from ..widgets.intensity_picker import IntensityPicker
from ..widgets.scrolling import show_focus, vertical_scroll
from ..widgets.storage_messages import explain
from ..widgets.text_box import TextBox
from . import moment_words

SAVE_AFTER_MS = 500
RETRY_MS = 5000
MAX_TAG = 200
CHIP_CHARS = 32     # a tag's button shows this much; its whole name is in the tooltip and for screen readers

# (section, field, label): the words a person wrote, in the order of the steps.
TEXT_FIELDS = (
    ("notice", "what_happened", N_("What happened")),
    ("acknowledge", "text", N_("What I acknowledged")),
    ("reach_back", "phrase", N_("How I reached back")),
    ("accept", "offered", N_("What they offered")),
    ("accept", "how_it_landed", N_("How it landed")),
)


class DetailPane(QWidget):
    saved = Signal(object)                  # the RepairMoment as now on disk
    delete_requested = Signal(str)          # its id

    def __init__(self, repository: MomentRepository, parent: QWidget | None = None):
        super().__init__(parent)
        self._repository = repository
        self.moment: RepairMoment | None = None
        self.dirty = False
        self._query = ""
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save_now)

        self.heading = make_heading(QLabel(objectName="ClosureTitle"))
        self.heading.setWordWrap(True)
        self.summary = QLabel(objectName="Hint")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(objectName="Quiet")
        self.status.setWordWrap(True)
        self.boxes: dict[tuple[str, str], TextBox] = {}
        self.labels: dict[tuple[str, str], QLabel] = {}
        self.empty = QLabel(_("Choose a moment on the left to read it here."), objectName="Hint")
        self.empty.setWordWrap(True)
        self.editing = False
        self.reading = QLabel(objectName="ReadingText")
        self.reading.setWordWrap(True)
        self.reading.setTextFormat(Qt.TextFormat.RichText)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Read line by line, and by a screen reader: its name is its text (a fixed name hid the text,
        # Qt giving a label no Text interface).
        self.reading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit_button = QPushButton(_("Ed&it"))
        self.edit_button.setAccessibleName(_("Edit this moment"))
        self.edit_button.clicked.connect(lambda: self.set_editing(not self.editing))

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 0, 12, 8)
        column.setSpacing(6)
        column.addWidget(self.empty)
        column.addWidget(self.heading)
        column.addWidget(self.summary)
        column.addWidget(self.reading)
        # How strong it felt and what was felt, beside the words of the step they belong to.
        # Labelled as the moment reads (and prints): the same words whether read or corrected.
        self.before = IntensityPicker(_("How strong it felt"))
        self.feelings = ChipGroup(FEELINGS, _("Feelings"))
        self.after = IntensityPicker(_("How strong it felt after"))
        self.choices = {("notice", "what_happened"): [(_("How strong it felt"), self.before),
                                                      (_("Feelings"), self.feelings)],
                        ("accept", "how_it_landed"): [(_("How strong it felt after"), self.after)]}
        for picker in (self.before, self.feelings, self.after):
            picker.changed.connect(self._edited)
        for picker in (self.before, self.after):
            picker.slider.setMinimumWidth(90)       # beside the list: the row may be narrower than in the wizard
        self.choice_labels: list[QLabel] = []
        for section, name, label in TEXT_FIELDS:
            box = TextBox(_(label), min_lines=2)
            _grow_with_text(box)
            # Typing on at the foot of the pane: the growing box keeps the line typed in view.
            box.cursorPositionChanged.connect(lambda b=box: b.hasFocus() and QTimer.singleShot(
                0, self, lambda: show_focus(self.scroll)))
            title = QLabel(_(label), objectName="SectionLabel")
            title.setBuddy(box)
            box.edited.connect(self._edited)
            box.installEventFilter(self)
            self.boxes[(section, name)] = box
            self.labels[(section, name)] = title
            column.addSpacing(6)
            column.addWidget(title)
            column.addWidget(box)
            column.addWidget(box.footer)
            for words, picker in self.choices.get((section, name), []):
                caption = QLabel(words, objectName="SectionLabel")
                caption.setBuddy(picker)
                self.choice_labels.append(caption)
                column.addWidget(caption)
                column.addWidget(picker)

        self.tags_title = tags_title = QLabel(_("Tags"), objectName="SectionLabel")
        self.tag_row = QWidget()
        self.tag_flow = FlowLayout(self.tag_row)
        self.tag_input = QLineEdit(placeholderText=_("Add a tag and press Enter"))
        self.tag_input.setAccessibleName(_("Add a tag"))
        self.tag_input.setMaxLength(MAX_TAG)
        tags_title.setBuddy(self.tag_input)
        self.tag_input.returnPressed.connect(self._add_tag)
        self.delete_button = QPushButton(_("&Delete this moment"))
        self.delete_button.setAccessibleName(_("Delete this moment"))
        self.delete_button.setAccessibleDescription(_("You can undo it for a few seconds."))
        self.delete_button.clicked.connect(self._ask_delete)
        column.addSpacing(6)
        column.addWidget(tags_title)
        column.addWidget(self.tag_row)
        column.addWidget(self.tag_input)
        column.addSpacing(12)
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        column.addLayout(bottom)
        column.addWidget(self.status)
        column.addStretch(1)
        self.scroll = vertical_scroll(content)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # It scrolls up and down only: never narrower than its widest row (the feeling sliders),
        # or that row would be cut off at the right; the list beside it gives the room.
        self.scroll.setMinimumWidth(content.minimumSizeHint().width()
                                    + self.scroll.verticalScrollBar().sizeHint().width())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.show_moment(None)

    # -- showing ------------------------------------------------------------------

    def show_moment(self, moment: RepairMoment | None) -> None:
        """Show another moment (what was typed into the one before is saved first)."""
        if self.moment is not None and moment is not None and moment.id == self.moment.id and self.dirty:
            return
        self.save_now()
        if moment is None or self.moment is None or moment.id != self.moment.id:
            self.editing = False            # another moment opens to be read
        self.moment = moment
        self._show_parts()
        self.status.clear()
        if moment is None:
            return
        set_text(self.heading, f"{moment_words.when(moment)} \u2014 {moment_words.kind_words(moment)}")
        set_text(self.summary, self._summary(moment))
        for (section, name), box in self.boxes.items():
            box.set_text_quietly(getattr(getattr(moment, section), name))
        self.before.set_value(moment.notice.intensity)
        self.after.set_value(moment.accept.intensity)
        self.feelings.set_selected(moment.notice.feelings)
        self._show_tags()
        self._show_reading()
        self.scroll.verticalScrollBar().setValue(0)
        self.mark(self._query)

    def set_editing(self, on: bool) -> None:
        """Reading text, or the fields to correct it in (what was typed is saved on the way back)."""
        if self.moment is None or on == self.editing:
            return
        if not on:
            self.save_now()
        self.editing = on
        self._show_parts()
        self._show_reading()
        if on:
            first = next((box for box in self.boxes.values() if box.isVisibleTo(self)), self.tag_input)
            first.setFocus()
        else:
            self.reading.setFocus()

    def _show_parts(self) -> None:
        has, moment = self.moment is not None, self.moment
        editing = has and self.editing
        self.empty.setVisible(not has)
        repair = has and moment.kind == "repair"
        for widget in (self.heading, self.summary, self.delete_button, self.edit_button):
            widget.setVisible(has)
        self.reading.setVisible(has and not editing)
        for widget in (self.tags_title, self.tag_row, self.tag_input, *self.boxes.values(), *self.labels.values()):
            widget.setVisible(editing)
        for widget in (self.before, self.feelings, self.after, *self.choice_labels):
            widget.setVisible(editing and repair)
        if editing:
            for (section, name), box in self.boxes.items():
                pause_only = moment.kind == "pause" and not getattr(getattr(moment, section), name)
                box.setVisible(not pause_only)
                self.labels[(section, name)].setVisible(not pause_only)
        self.edit_button.setText(_("Stop ed&iting") if editing else _("Ed&it"))
        self.edit_button.setAccessibleName(_("Stop editing, read it again") if editing else _("Edit this moment"))

    def _show_reading(self) -> None:
        if self.moment is None or self.editing:
            return
        self.reading.setText(reading_html(self.moment, self._query))

    def mark(self, query: str) -> None:
        """The searched-for words, marked in gold in every answer shown (as in the list)."""
        changed = query != self._query
        self._query = query
        for box in self.boxes.values():
            box.setExtraSelections(_marks(box, query) if query else [])
        if changed:
            self._show_reading()
        if query and not self.editing and self.moment is not None:
            QTimer.singleShot(0, self, self._first_match_into_view)

    def _first_match_into_view(self) -> None:
        """The first searched-for word of a long moment in view (it sat below, unmarked to the eye)."""
        from PySide6.QtGui import QTextDocument

        label = self.reading
        if not label.isVisible() or not self._query:
            return
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(label.text())
        document.setTextWidth(label.contentsRect().width())
        layout = document.documentLayout()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                    line = block.layout().lineForTextPosition(fragment.position() - block.position())
                    top = layout.blockBoundingRect(block).top() + (line.y() if line.isValid() else 0)
                    where = label.mapTo(self.scroll.widget(), label.contentsRect().topLeft())
                    height = self.reading.fontMetrics().lineSpacing()
                    self.scroll.ensureVisible(0, int(where.y() + top + height / 2), 0, 3 * height)
                    return
                fragments += 1
            block = block.next()

    @staticmethod
    def _summary(moment: RepairMoment) -> str:
        lines = [moment_words.felt(moment), moment_words.pause_words(moment)]
        if moment.notice.flooded:
            lines.append(_("your body was flooded at first"))
        return "\n".join(line[:1].upper() + line[1:] for line in lines if line)

    def _show_tags(self) -> None:
        gone = []
        while self.tag_flow.count():
            item = self.tag_flow.takeAt(0)
            if item.widget() is not None:
                gone.append(item.widget())
                item.widget().deleteLater()
        before = self.tag_input.previousInFocusChain()     # setTabOrder needs one that takes focus
        while before in gone or before.focusPolicy() == Qt.FocusPolicy.NoFocus:
            before = before.previousInFocusChain()
        for tag in self.moment.tags if self.moment else []:
            shown = tag if len(tag) <= CHIP_CHARS else tag[:CHIP_CHARS - 1] + "\u2026"   # a long tag: no wide row
            button = QPushButton(f"#{shown}  \u00d7", objectName="Chip")
            button.setToolTip(f"#{tag}")
            button.setAccessibleName(_("Remove the tag {tag}").format(tag=tag))
            button.clicked.connect(lambda _checked=False, t=tag: self._remove_tag(t))
            self.tag_flow.addWidget(button)
            QWidget.setTabOrder(before, button)     # Tab reaches a tag where it is shown, before the box
            before = button
        self.tag_input.setEnabled(self.moment is not None and len(self.moment.tags) < MAX_TAGS)

    # -- editing ------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == event.Type.FocusOut and self.dirty:
            self.save_now()
        return False

    def _edited(self) -> None:
        if self.moment is None:
            return
        for (section, name), box in self.boxes.items():
            setattr(getattr(self.moment, section), name, box.text())
        if self.moment.kind == "repair":
            self.moment.notice.intensity = self.before.value()
            self.moment.accept.intensity = self.after.value()
            known = {key for key, _label in FEELINGS}      # words of an older version or an import stay
            self.moment.notice.feelings = self.feelings.selected() + [
                f for f in self.moment.notice.feelings if f not in known]
        self.dirty = True
        self._save_timer.start()

    def _add_tag(self) -> None:
        tag = " ".join(self.tag_input.text().split()).lstrip("#")
        self.tag_input.clear()
        if not tag or self.moment is None or len(self.moment.tags) >= MAX_TAGS:
            return
        if tag.casefold() in {t.casefold() for t in self.moment.tags}:    # "Family" is "family": one tag
            say(self.tag_input, _("Tag {tag} is already there").format(tag=tag))
            return
        self.moment.tags.append(tag)
        self.dirty = True
        self._show_tags()
        self.save_now()
        say(self.tag_input, _("Tag {tag} added").format(tag=tag))

    def _remove_tag(self, tag: str) -> None:
        if self.moment is None or tag not in self.moment.tags:
            return
        self.moment.tags.remove(tag)
        self.dirty = True
        self._show_tags()
        self.save_now()
        self.tag_input.setFocus()
        say(self.tag_input, _("Tag {tag} removed").format(tag=tag))

    def save_now(self) -> bool:
        self._save_timer.stop()
        if not self.dirty or self.moment is None:
            return True
        self.moment.touch()
        try:
            self._repository.save(self.moment)
        except StorageError as error:
            set_text(self.status, _("{title}. {reason} Goldseam tries again in a few seconds.")
                     .format(title=explain(error).title, reason=explain(error).body), announce=True)
            self._retry.start()
            return False
        self._retry.stop()
        self.dirty = False
        set_text(self.status, _("Saved."))
        self.saved.emit(self.moment)
        return True

    def _ask_delete(self) -> None:
        if self.moment is not None:
            self.save_now()
            self.delete_requested.emit(self.moment.id)


def reading_html(moment: RepairMoment, query: str = "") -> str:
    """The moment's answers as calm text: each under its label, whole, the searched-for words
    marked in gold (as in the list), the person's line breaks kept."""
    from ...core import review_document
    from ...core.moment_search import match_spans
    from ..widgets.local_format import date_and_time
    from ..widgets.look import tone

    def marked(text: str) -> str:
        out, at = [], 0
        for start, length in (match_spans(text, query) if query else []):
            out += [review_document.h_escape(text[at:start]),
                    f'<span style="background-color: {tone("#efd9a6").name()}; color: {tone("#3d2f12").name()}">'
                    f"{review_document.h_escape(text[start:start + length])}</span>"]
            at = start + length
        out.append(review_document.h_escape(text[at:]))
        return "".join(out)

    parts = []
    for label, text in review_document.answers(moment, when=date_and_time):
        parts.append(f'<p style="margin-top: 10px; margin-bottom: 2px;"><b>{review_document.h_escape(label)}</b></p>'
                     f'<p style="margin-top: 0px;">{marked(text)}</p>')
    return "".join(parts) or review_document.h_escape(_("No words were written for this moment."))


def _grow_with_text(box: TextBox, most_lines: int = 400) -> None:
    """The box as tall as its text (it showed two and a half lines of a long answer, the half
    one cut through); the pane around it scrolls. `most_lines` only bounds the counting."""
    _Grower(box, most_lines)


class _Grower(QObject):
    def __init__(self, box: TextBox, most_lines: int):
        super().__init__(box)
        self._box, self._most = box, most_lines
        box.document().documentLayout().documentSizeChanged.connect(lambda _size: self.fit())
        box.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit)        # once the new width has laid the lines out
        return False

    def fit(self) -> None:
        box = self._box
        lines, block = 0, box.document().begin()
        while block.isValid() and lines <= self._most:
            lines += max(1, block.layout().lineCount())
            block = block.next()
        lines = max(2, min(self._most, lines))
        margins = box.contentsMargins()
        height = (lines * box.fontMetrics().lineSpacing() + int(2 * box.document().documentMargin())
                  + margins.top() + margins.bottom() + 4)
        if box.minimumHeight() != height:
            box.setMaximumHeight(max(height, box.minimumHeight()))
            box.setMinimumHeight(height)
            box.setMaximumHeight(height)


def _marks(box, query: str) -> list:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QTextEdit

    from ...core.moment_search import match_spans
    from ..widgets.look import tone

    marks = []
    for start, length in match_spans(box.toPlainText(), query):
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(tone("#efd9a6"))      # the sheet's gold tint, as in the list
        mark.format.setForeground(tone("#3d2f12"))
        cursor = QTextCursor(box.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        mark.cursor = cursor
        marks.append(mark)
    return marks
